package dev.forma.engine.builtin;

import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builtin {@code terraform} provider. It serves one managed resource type, {@code
 * terraform_data}, as Terraform does:
 *
 * <ul>
 *   <li>{@code input} (optional, any type): stored as given; {@code output} (computed) equals it
 *       after apply, and is unknown in a plan that changes {@code input};
 *   <li>{@code triggers_replace} (optional, any type): any change replaces the object;
 *   <li>{@code id} (computed): a random UUID made at create, kept by updates.
 * </ul>
 *
 * Import takes any ID and makes an object with that {@code id} and every other attribute null.
 * Nothing exists outside the state: read returns the prior state unchanged.
 */
public final class TerraformProvider implements Provider {
  /** The resource type this provider serves. */
  public static final String TERRAFORM_DATA = "terraform_data";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The schema of {@code terraform_data}. */
  public static final ResourceSchema TERRAFORM_DATA_SCHEMA =
      new ResourceSchema(
          TERRAFORM_DATA,
          BlockSchema.of(
              List.of(
                  AttributeSchema.builder("id", Type.STRING).computed().build(),
                  AttributeSchema.builder("input", Type.DYNAMIC).optional().build(),
                  AttributeSchema.builder("output", Type.DYNAMIC).computed().build(),
                  AttributeSchema.builder("triggers_replace", Type.DYNAMIC).optional().build()),
              List.of()),
          0);

  private static final ProviderSchema SCHEMA =
      new ProviderSchema(
          BlockSchema.of(List.of(), List.of()),
          Map.of(TERRAFORM_DATA, TERRAFORM_DATA_SCHEMA),
          Map.of());

  @Override
  public ProviderSchema schema() {
    return SCHEMA;
  }

  @Override
  public Requests.Diagnostics configure(Requests.Configure request) {
    return Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.Diagnostics validateResource(Requests.ValidateResource request) {
    if (!request.typeName().equals(TERRAFORM_DATA)) {
      return new Requests.Diagnostics(List.of(unsupported(request.typeName())));
    }
    List<ProviderDiagnostic> out = new ArrayList<>();
    if (request.config().unmark() instanceof ObjectValue o) {
      for (String readOnly : List.of("id", "output")) {
        Value v = o.get(readOnly);
        if (v != null && !v.isNull()) {
          out.add(ProviderDiagnostic.error("\"" + readOnly + "\" attribute is read-only", ""));
        }
      }
    }
    return new Requests.Diagnostics(out);
  }

  @Override
  public Requests.ReadResult read(Requests.Read request) {
    return new Requests.ReadResult(request.priorState(), request.privateData(), List.of());
  }

  @Override
  public Requests.PlanResult planChange(Requests.PlanChange request) {
    if (!request.typeName().equals(TERRAFORM_DATA)) {
      return new Requests.PlanResult(
          null, List.of(), null, List.of(unsupported(request.typeName())));
    }
    if (request.proposedNewState() == null) {
      // a delete: nothing to plan
      return new Requests.PlanResult(null, List.of(), request.priorPrivate(), List.of());
    }
    Map<String, Value> planned = attributes(request.proposedNewState());
    List<List<PathStep>> replace = new ArrayList<>();
    // as Terraform's: the output of a null input is known to be null, any other unknown of the
    // input's type (so that a diagnostic says "is a string")
    Value newOutput =
        planned.get("input") == null || planned.get("input").isNull()
            ? Value.nullOf(Type.DYNAMIC)
            : Value.unknown(planned.get("input").unmarkDeep().type());
    if (request.priorState() == null) {
      planned.put("id", Value.unknown(Type.STRING));
      planned.put("output", newOutput);
    } else {
      Map<String, Value> prior = attributes(request.priorState());
      boolean triggersChanged =
          !same(prior.get("triggers_replace"), planned.get("triggers_replace"));
      if (triggersChanged) {
        replace.add(List.of(PathStep.attr("triggers_replace")));
        planned.put("id", Value.unknown(Type.STRING));
        planned.put("output", newOutput);
      } else {
        planned.put("id", prior.get("id"));
        planned.put(
            "output",
            same(prior.get("input"), planned.get("input")) ? prior.get("output") : newOutput);
      }
    }
    return new Requests.PlanResult(
        Value.object(planned), replace, request.priorPrivate(), List.of());
  }

  @Override
  public Requests.ApplyResult create(Requests.Create request) {
    Map<String, Value> s = attributes(request.plannedState());
    s.put("id", Value.of(uuid()));
    s.put("output", inputOf(s));
    return new Requests.ApplyResult(Value.object(s), null, List.of());
  }

  @Override
  public Requests.ApplyResult update(Requests.Update request) {
    Map<String, Value> s = attributes(request.plannedState());
    if (!s.get("id").isKnown()) {
      s.put("id", attributes(request.priorState()).get("id"));
    }
    s.put("output", inputOf(s));
    return new Requests.ApplyResult(Value.object(s), request.priorPrivate(), List.of());
  }

  @Override
  public Requests.Diagnostics delete(Requests.Delete request) {
    return Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.ReadResult findInFlight(Requests.FindInFlight request) {
    // terraform_data has no remote object: an interrupted create made nothing to find
    return new Requests.ReadResult(null, null, List.of());
  }

  @Override
  public Requests.ImportResult importResource(Requests.Import request) {
    if (!request.typeName().equals(TERRAFORM_DATA)) {
      return new Requests.ImportResult(null, null, List.of(unsupported(request.typeName())));
    }
    Map<String, Value> s = new LinkedHashMap<>();
    s.put("id", Value.of(request.id()));
    s.put("input", Value.nullOf(Type.DYNAMIC));
    s.put("output", Value.nullOf(Type.DYNAMIC));
    s.put("triggers_replace", Value.nullOf(Type.DYNAMIC));
    return new Requests.ImportResult(Value.object(s), null, List.of());
  }

  @Override
  public Requests.ReadResult readData(Requests.ReadData request) {
    return new Requests.ReadResult(
        null,
        null,
        List.of(
            ProviderDiagnostic.error(
                "Invalid data source",
                "The provider "
                    + TerraformProviderFactory.SOURCE
                    + " does not support data source \""
                    + request.typeName()
                    + "\".")));
  }

  private static ProviderDiagnostic unsupported(String type) {
    return ProviderDiagnostic.error(
        "Invalid resource type",
        "The provider "
            + TerraformProviderFactory.SOURCE
            + " does not support resource type \""
            + type
            + "\".");
  }

  private static Map<String, Value> attributes(Value v) {
    Map<String, Value> out = new LinkedHashMap<>();
    if (v != null && v.unmark() instanceof ObjectValue o) {
      out.putAll(o.attributes());
    }
    for (String n : List.of("input", "output", "triggers_replace")) {
      out.putIfAbsent(n, Value.nullOf(Type.DYNAMIC));
    }
    out.putIfAbsent("id", Value.nullOf(Type.STRING));
    return out;
  }

  private static Value inputOf(Map<String, Value> s) {
    return s.get("input");
  }

  /** Equal, ignoring sensitive marks (the provider never sees them in Terraform). */
  private static boolean same(Value a, Value b) {
    Value x = a == null ? Value.NULL : a.unmarkDeep();
    Value y = b == null ? Value.NULL : b.unmarkDeep();
    if (x.isNull() && y.isNull()) {
      return true;
    }
    return x.equals(y);
  }

  /** A random ID as Terraform's terraform_data makes one: 32 hex digits in 8-4-4-4-12 groups. */
  static String uuid() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    String h = HexFormat.of().formatHex(b);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20);
  }
}
