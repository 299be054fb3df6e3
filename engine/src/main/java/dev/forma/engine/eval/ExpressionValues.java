package dev.forma.engine.eval;

import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values Terraform shows under a diagnostic's source lines: for each reference in the
 * expression the diagnostic is about (the longest part of it that evaluates without error, of at
 * least two steps), what it is in the context it was evaluated in ({@code var.env is "staging"},
 * {@code module.app is a object} for an unknown object, {@code has a sensitive value}), once per
 * reference, sorted by the reference's text.
 */
public final class ExpressionValues {
  private ExpressionValues() {}

  /** The values of the references in {@code expr} in {@code ctx}. */
  public static List<Diagnostic.ExpressionValue> of(Expr expr, EvalContext ctx) {
    Map<String, Diagnostic.ExpressionValue> out = new LinkedHashMap<>();
    if (expr == null || ctx == null) {
      return List.of();
    }
    for (Expr.ScopeTraversal t : Traversals.of(expr)) {
      List<Traverser> steps = t.traversal();
      for (int n = steps.size(); n > 1; n--) {
        List<Traverser> prefix = steps.subList(0, n);
        Expr.ScopeTraversal part =
            new Expr.ScopeTraversal(prefix, prefix.getFirst().range().to(prefix.getLast().range()));
        var r = Evaluator.evaluate(part, ctx);
        if (r.hasErrors() || r.value() == null) {
          continue;
        }
        StringBuilder text = new StringBuilder();
        prefix.forEach(s -> text.append(s.describe()));
        out.putIfAbsent(
            text.toString(), new Diagnostic.ExpressionValue(text.toString(), statement(r.value())));
        break;
      }
    }
    List<Diagnostic.ExpressionValue> sorted = new ArrayList<>(out.values());
    sorted.sort(Comparator.comparing(Diagnostic.ExpressionValue::traversal));
    return sorted;
  }

  /** What a value is, as the line after its reference says it. */
  static String statement(Value v) {
    if (v.isSensitive()) {
      return "has a sensitive value";
    }
    if (!v.isKnown()) {
      return "is a " + v.type().friendlyName();
    }
    return "is " + compact(v.unmark());
  }

  private static String compact(Value v) {
    if (v.isNull()) {
      return "null";
    }
    Type ty = v.type();
    return switch (v) {
      case BoolValue b -> b.value() ? "true" : "false";
      case NumberValue n -> number(n.value());
      case StringValue s -> goQuote(s.value());
      case ListValue l -> elements(ty.friendlyName(), l.elements().size());
      case SetValue s -> elements(ty.friendlyName(), s.elements().size());
      case MapValue m -> elements(ty.friendlyName(), m.entries().size());
      case TupleValue t -> elements("tuple", t.elements().size());
      case ObjectValue o ->
          switch (o.attributes().size()) {
            case 0 -> "object with no attributes";
            case 1 ->
                "object with 1 attribute " + goQuote(o.attributes().keySet().iterator().next());
            default -> "object with " + o.attributes().size() + " attributes";
          };
      default -> ty.friendlyName();
    };
  }

  private static String elements(String kind, int n) {
    return n == 0
        ? "empty " + kind
        : n == 1 ? kind + " with 1 element" : kind + " with " + n + " elements";
  }

  private static String number(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.precision() - s.scale() > 10 || s.scale() > 10
        ? String.format("%.10g", d).replaceFirst("\\.?0+e", "e")
        : s.toPlainString();
  }

  /** {@code s} in double quotes with Go's escapes, as Terraform prints strings here. */
  private static String goQuote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
