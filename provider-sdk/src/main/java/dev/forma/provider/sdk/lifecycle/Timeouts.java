package dev.forma.provider.sdk.lifecycle;

import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.Nesting;
import dev.forma.provider.api.value.GoDuration;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code timeouts { create, update, delete }} block every resource takes, written as Go
 * durations ({@code "10m"}, {@code "1h30m"}, {@code "45s"}) as in Terraform.
 */
public final class Timeouts {
  public static final String BLOCK = "timeouts";
  private static final List<String> OPERATIONS = List.of("create", "update", "delete");

  private Timeouts() {}

  /** The block's schema for a type that waits for none of its operations. */
  public static NestedBlockSchema block() {
    return block(null, null, null);
  }

  /**
   * The block's schema: optional strings create, update, delete, each described with how long the
   * operation waits by default ({@code null}: the operation finishes with its call and does not
   * wait, so the value changes nothing).
   */
  public static NestedBlockSchema block(Duration create, Duration update, Duration delete) {
    List<AttributeSchema> attrs = new ArrayList<>();
    Duration[] defaults = {create, update, delete};
    for (int i = 0; i < OPERATIONS.size(); i++) {
      String op = OPERATIONS.get(i);
      String ing = op.substring(0, op.length() - 1) + "ing";
      attrs.add(
          AttributeSchema.builder(op, Type.STRING)
              .optional()
              .description(
                  defaults[i] == null
                      ? "Accepted but unused: " + ing + " finishes with its API call, with no wait."
                      : "How long "
                          + ing
                          + " waits for the cloud to finish it (default "
                          + text(defaults[i])
                          + ").")
              .build());
    }
    return new NestedBlockSchema(
        BLOCK, BlockSchema.of(attrs, List.of()), Nesting.SINGLE, 0, 1, false);
  }

  /**
   * The timeout of {@code operation}: the engine's when it gave one, else the configuration's
   * {@code timeouts} block, else {@code fallback}.
   */
  public static Duration resolve(
      Duration fromEngine, Value config, String operation, Duration fallback) {
    if (fromEngine != null && !fromEngine.isZero() && !fromEngine.isNegative()) {
      return fromEngine;
    }
    String s = Values.string(Values.attr(config, BLOCK), operation);
    Duration d = s == null ? null : parse(s);
    return d == null ? fallback : d;
  }

  /** Errors for timeouts that are not durations. */
  public static List<ProviderDiagnostic> validate(Value config) {
    List<ProviderDiagnostic> out = new ArrayList<>();
    Value block = Values.attr(config, BLOCK);
    for (String op : OPERATIONS) {
      String s = Values.string(block, op);
      if (s != null && parse(s) == null) {
        out.add(
            ProviderDiagnostic.error(
                "Invalid timeout",
                "\"" + s + "\" is not a duration; write it like \"30s\", \"10m\" or \"1h30m\".",
                List.of(PathStep.attr(BLOCK), PathStep.attr(op))));
      }
    }
    return out;
  }

  /** {@code d} as a duration is written in configuration: "30m", "1h", "45s". */
  static String text(Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** A Go duration string as a Duration; null when it is not one. */
  public static Duration parse(String s) {
    return GoDuration.parse(s);
  }
}
