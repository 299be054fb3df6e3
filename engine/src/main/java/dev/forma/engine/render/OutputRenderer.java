package dev.forma.engine.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueJson;
import dev.forma.provider.api.value.ValueRenderer;
import dev.forma.state.OutputValue;
import dev.forma.state.codec.GoJson;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code forma output} prints, as {@code terraform output} does: every output as {@code name =
 * value} in console syntax ({@code <sensitive>} for sensitive ones), one output's value, its raw
 * text ({@code -raw}: strings, numbers and bools only), or JSON ({@code -json}). Each result ends
 * with the newline Terraform prints, except {@code -raw}, which prints none.
 */
public final class OutputRenderer {
  private OutputRenderer() {}

  /** All outputs, sorted by name; a "No outputs found" warning when there are none. */
  public static Result<String> all(Map<String, OutputValue> outputs) {
    if (outputs.isEmpty()) {
      return new Result<>("", Diagnostics.of(noOutputs()));
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, OutputValue> e : new TreeMap<>(outputs).entrySet()) {
      out.append(e.getKey()).append(" = ");
      if (e.getValue().sensitive()) {
        out.append("<sensitive>");
      } else {
        out.append(ValueRenderer.render(value(e.getValue())));
      }
      out.append('\n');
    }
    return Result.ok(out.toString());
  }

  /** One output's value in console syntax (sensitive values too: the user asked by name). */
  public static Result<String> one(Map<String, OutputValue> outputs, String name) {
    OutputValue o = outputs.get(name);
    if (o == null) {
      return notFound(name);
    }
    return Result.ok(ValueRenderer.render(value(o)) + "\n");
  }

  /** One output's value as raw text, for {@code -raw}; an error for other types. */
  public static Result<String> raw(Map<String, OutputValue> outputs, String name) {
    OutputValue o = outputs.get(name);
    if (o == null) {
      return notFound(name);
    }
    Value v = value(o).unmarkDeep();
    return switch (v) {
      case StringValue s -> Result.ok(s.value());
      case NumberValue n -> Result.ok(n.toString());
      case BoolValue b -> Result.ok(Boolean.toString(b.value()));
      default ->
          new Result<>(
              null,
              Diagnostics.of(
                  Diagnostic.error(
                      "Unsupported value for raw output",
                      "The -raw option only supports strings, numbers, and boolean values, but"
                          + " output value \""
                          + name
                          + "\" is "
                          + v.type().friendlyName()
                          + ".\n\nUse the -json option for machine-readable representations of"
                          + " output values that have complex types.")));
    };
  }

  /** All outputs as JSON: {@code {"name": {"sensitive", "type", "value"}}}, indented. */
  public static String json(Map<String, OutputValue> outputs) {
    ObjectNode root = JsonValues.F.objectNode();
    for (Map.Entry<String, OutputValue> e : new TreeMap<>(outputs).entrySet()) {
      ObjectNode o = root.putObject(e.getKey());
      o.put("sensitive", e.getValue().sensitive());
      o.set("type", e.getValue().type());
      o.set("value", e.getValue().value());
    }
    return GoJson.indented(root) + "\n";
  }

  /** One output's value as compact JSON. */
  public static Result<String> json(Map<String, OutputValue> outputs, String name) {
    OutputValue o = outputs.get(name);
    if (o == null) {
      return notFound(name);
    }
    return Result.ok(GoJson.compact(o.value()) + "\n");
  }

  /** The value an output holds, typed by its recorded type. */
  static Value value(OutputValue o) {
    try {
      return ValueJson.fromJson(o.value(), JsonValues.parseType(o.type()));
    } catch (ConversionException e) {
      return ValueJson.fromJson(o.value());
    }
  }

  private static <T> Result<T> notFound(String name) {
    return new Result<>(
        null,
        Diagnostics.of(
            Diagnostic.error(
                "Output \"" + name + "\" not found",
                "The output variable requested could not be found in the state file. If you"
                    + " recently added this to your configuration, be sure to run `forma apply`,"
                    + " since the state won't be updated with new output variables until that"
                    + " command is run.")));
  }

  private static Diagnostic noOutputs() {
    return Diagnostic.warning(
        "No outputs found",
        "The state file either has no outputs defined, or all the defined outputs are empty."
            + " Please define an output in your configuration with the `output` keyword and run"
            + " `forma refresh` for it to become available. If you are using interpolation,"
            + " please verify the interpolated value is not empty. You can use the `forma"
            + " console` command to assist.",
        null);
  }
}
