package dev.forma.engine.plan;

import dev.forma.engine.config.Resource;
import dev.forma.engine.scope.Expansion;
import dev.forma.engine.scope.InstanceBinding;
import dev.forma.engine.scope.Scope;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a resource's {@code count} or {@code for_each} into its {@link Expansion}, with
 * Terraform's errors for values that are not whole numbers, not maps or sets of strings, null,
 * sensitive, or not known until apply.
 */
public final class Expander {
  private Expander() {}

  /** The expansion and, for {@code for_each}, each key's {@code each.value}. */
  public record Expanded(Expansion expansion, Map<String, Value> eachValues) {}

  public static Result<Expanded> expand(Resource r, Scope scope) {
    Diagnostics diags = new Diagnostics();
    if (r.count() != null) {
      Result<Value> v = scope.evaluate(r.count(), InstanceBinding.NONE);
      diags.addAll(v.diagnostics());
      if (v.hasErrors()) {
        return new Result<>(null, diags);
      }
      return new Result<>(count(r, v.value(), diags), diags);
    }
    if (r.forEach() != null) {
      Result<Value> v = scope.evaluate(r.forEach(), InstanceBinding.NONE);
      diags.addAll(v.diagnostics());
      if (v.hasErrors()) {
        return new Result<>(null, diags);
      }
      return new Result<>(forEach(r, v.value(), diags), diags);
    }
    return new Result<>(new Expanded(Expansion.SINGLE, Map.of()), diags);
  }

  private static Expanded count(Resource r, Value v, Diagnostics diags) {
    String summary = "Invalid count argument";
    if (v.isNull()) {
      diags.add(
          Diagnostic.error(
              summary,
              "The given \"count\" argument value is null. An integer is required.",
              r.count().range()));
      return null;
    }
    if (!v.isWhollyKnown()) {
      diags.add(
          Diagnostic.error(
              summary,
              "The \"count\" value depends on resource attributes that cannot be determined until"
                  + " apply, so Forma cannot predict how many instances will be created. To work"
                  + " around this, use the -target argument to first apply only the resources that"
                  + " the count depends on.",
              r.count().range()));
      return null;
    }
    if (v.containsSensitive()) {
      diags.add(
          Diagnostic.error(
              summary,
              "Sensitive values, or values derived from sensitive values, cannot be used as count"
                  + " arguments. If used, the sensitive value could be exposed as a resource"
                  + " instance key.",
              r.count().range()));
      return null;
    }
    Value n = v.unmark();
    if (n instanceof StringValue s) {
      try {
        n = Value.of(new BigDecimal(s.value().trim()));
      } catch (NumberFormatException e) {
        // falls through to the type error
      }
    }
    if (!(n instanceof NumberValue num)) {
      diags.add(
          Diagnostic.error(
              summary,
              "The given \"count\" argument value is unsuitable: number required.",
              r.count().range()));
      return null;
    }
    BigDecimal d = num.value();
    int i;
    try {
      i = d.intValueExact();
    } catch (ArithmeticException e) {
      diags.add(
          Diagnostic.error(
              summary,
              "The given \"count\" argument value is unsuitable: value must be a whole number,"
                  + " between -9223372036854775808 and 9223372036854775807.",
              r.count().range()));
      return null;
    }
    if (i < 0) {
      diags.add(
          Diagnostic.error(
              summary,
              "The given \"count\" argument value is unsuitable: must be greater than or equal to"
                  + " zero.",
              r.count().range()));
      return null;
    }
    return new Expanded(new Expansion.Count(i), Map.of());
  }

  private static Expanded forEach(Resource r, Value v, Diagnostics diags) {
    Map<String, Value> each = forEachValues(v, r.forEach().range(), diags);
    return each == null
        ? null
        : new Expanded(new Expansion.ForEach(new java.util.TreeSet<>(each.keySet())), each);
  }

  /**
   * The instances a {@code for_each} value (written at {@code range}) asks for, each key with its
   * {@code each.value}; null, with Terraform's error, when the value is not a known map or set of
   * strings.
   */
  static Map<String, Value> forEachValues(Value v, Range range, Diagnostics diags) {
    String summary = "Invalid for_each argument";
    if (v.isNull()) {
      diags.add(
          Diagnostic.error(
              summary,
              "The given \"for_each\" argument value is unsuitable: the given \"for_each\" argument"
                  + " value is null. A map, or set of strings is allowed.",
              range));
      return null;
    }
    if (v.containsSensitive()
            && !(v.unmark() instanceof MapValue || v.unmark() instanceof ObjectValue)
        || v.isSensitive()) {
      diags.add(
          Diagnostic.error(
              summary,
              "Sensitive values, or values derived from sensitive values, cannot be used as"
                  + " for_each arguments. If used, the sensitive value could be exposed as a"
                  + " resource instance key.",
              range));
      return null;
    }
    Value u = v.unmark();
    Map<String, Value> each = new TreeMap<>();
    switch (u) {
      case MapValue m -> each.putAll(m.entries());
      case ObjectValue o -> each.putAll(o.attributes());
      case SetValue s when s.isWhollyKnown() && s.elements().isEmpty() -> {
        // an empty set expands to nothing whatever its element type (toset([]) has none), as in
        // Terraform
      }
      case SetValue s -> {
        if (!(s.elementType() instanceof Type.Primitive p
            && p.kind() == Type.PrimitiveKind.STRING)) {
          diags.add(
              Diagnostic.error(
                  "Invalid for_each set argument",
                  "The given \"for_each\" argument value is unsuitable: \"for_each\" supports maps"
                      + " and sets of strings, but you have provided a set containing type "
                      + s.elementType().friendlyName()
                      + ".",
                  range));
          return null;
        }
        if (!s.isWhollyKnown()) {
          diags.add(unknownForEach(range, false));
          return null;
        }
        for (Value e : s.elements()) {
          if (e.isNull()) {
            diags.add(
                Diagnostic.error(
                    "Invalid for_each set argument",
                    "The given \"for_each\" argument value is unsuitable: \"for_each\" sets must"
                        + " not contain null values.",
                    range));
            return null;
          }
          String k = ((StringValue) e.unmark()).value();
          each.put(k, Value.of(k));
        }
      }
      case dev.forma.provider.api.value.UnknownValue x -> {
        diags.add(
            unknownForEach(
                range, x.type() instanceof Type.MapType || x.type() instanceof Type.ObjectType));
        return null;
      }
      default -> {
        diags.add(
            Diagnostic.error(
                summary,
                "The given \"for_each\" argument value is unsuitable: the \"for_each\" argument"
                    + " must be a map, or set of strings, and you have provided a value of type "
                    + u.type().friendlyName()
                    + ".",
                range));
        return null;
      }
    }
    return each;
  }

  private static Diagnostic unknownForEach(Range range, boolean map) {
    String detail =
        map
            ? "The \"for_each\" map includes keys derived from resource attributes that cannot be"
                + " determined until apply, and so Forma cannot determine the full set of keys"
                + " that will identify the instances of this resource.\n\nWhen working with"
                + " unknown values in for_each, it's better to define the map keys statically in"
                + " your configuration and place apply-time results only in the map values."
            : "The \"for_each\" set includes values derived from resource attributes that cannot"
                + " be determined until apply, and so Forma cannot determine the full set of keys"
                + " that will identify the instances of this resource.\n\nWhen working with"
                + " unknown values in for_each, it's better to use a map value where the keys are"
                + " defined statically in your configuration and where only the values contain"
                + " apply-time results.";
    return Diagnostic.error(
        "Invalid for_each argument",
        detail
            + "\n\nAlternatively, you could use the -target planning option to first apply only"
            + " the resources that the for_each value depends on, and then apply a second time to"
            + " fully converge.",
        range);
  }
}
