package dev.forma.engine.config;

import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.ConstantFolding;
import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;

/**
 * The arguments Terraform decodes at load time, without any variables or functions in scope ({@code
 * sensitive}, {@code nullable}, {@code alias}, {@code description}, ...): literals, literal
 * templates and parentheses, with Terraform's diagnostics for anything else.
 */
final class Constants {
  private Constants() {}

  /** The literal value of {@code e}, or null (after reporting) when it is not a constant. */
  static Value value(Expr e, Diagnostics diags) {
    if (!ConstantFolding.refersToNothing(e, diags)) {
      return null;
    }
    Value v = ConstantFolding.fold(e);
    if (v == null) {
      diags.add(
          Diagnostic.error(
              "Function calls not allowed", "Functions may not be called here.", e.range()));
    }
    return v;
  }

  /** A bool argument; {@code fallback} when absent or invalid (the error reported). */
  static boolean bool(Attribute a, boolean fallback, Diagnostics diags) {
    if (a == null) {
      return fallback;
    }
    Value v = value(a.expr(), diags);
    if (v == null) {
      return fallback;
    }
    switch (v.unmark()) {
      case BoolValue b -> {
        return b.value();
      }
      case StringValue s when s.value().equals("true") || s.value().equals("false") -> {
        return s.value().equals("true");
      }
      case StringValue s -> diags.add(unsuitable("a bool is required", a));
      default -> {
        if (v.isNull()) {
          diags.add(unsuitable("a bool is required", a));
        } else {
          diags.add(unsuitable("bool required", a));
        }
      }
    }
    return fallback;
  }

  /** A string argument; null when absent or invalid (the error reported). */
  static String string(Attribute a, Diagnostics diags) {
    if (a == null) {
      return null;
    }
    Value v = value(a.expr(), diags);
    if (v == null) {
      return null;
    }
    return switch (v.unmark()) {
      case StringValue s -> s.value();
      case NumberValue n -> n.toString();
      case BoolValue b -> b.toString();
      default -> {
        diags.add(unsuitable(v.isNull() ? "a string is required" : "string required", a));
        yield null;
      }
    };
  }

  private static Diagnostic unsuitable(String why, Attribute a) {
    Expr e = a.expr();
    // a quoted string is pointed at inside its quotes, as Terraform points at it
    if (e instanceof Expr.Template t
        && t.parts().size() == 1
        && t.parts().getFirst() instanceof Expr.Literal l) {
      e = l;
    }
    return Diagnostic.error("Unsuitable value type", "Unsuitable value: " + why, e.range());
  }
}
