package dev.forma.engine.functions;

import dev.forma.provider.api.value.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** What a function may need from the world around the call. */
public interface CallContext {
  /** The module directory: relative paths in {@code file()} and friends resolve against it. */
  Path baseDirectory();

  /** The fixed timestamp of this run, for {@code plantimestamp()}. */
  Instant planTimestamp();

  /**
   * The functions of the scope the call is made in: a template that {@code templatefile} or {@code
   * templatestring} renders may call these (less the ones a template may not call).
   */
  default FunctionTable functions() {
    return StandardFunctions.INSTANCE;
  }

  /** A template parsed by {@link #parseTemplate}, opaque to functions. */
  interface Template {}

  /**
   * Parses {@code text} as a bare template (text with {@code ${}} and {@code %{}} sequences), its
   * positions named {@code filename}. A syntax error is a {@link FunctionException} whose message
   * is {@code <where>: <summary>; <detail>}, as Terraform reports it.
   */
  Template parseTemplate(String filename, String text) throws FunctionException;

  /**
   * Evaluates a parsed template with {@code variables} as its only names and {@code functions} as
   * its functions. A reference to a name that {@code variables} lacks is an error of the {@code
   * vars} argument (index 1: {@code vars map does not contain key "x", referenced at <where>}); any
   * other failure is a {@link FunctionException} {@code <where>: <summary>; <detail>}.
   */
  Value renderTemplate(Template template, Map<String, Value> variables, FunctionTable functions)
      throws FunctionException;
}
