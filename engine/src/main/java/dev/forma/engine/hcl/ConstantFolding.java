package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of expressions read before anything can be evaluated (a variable's {@code sensitive}, a
 * module call's {@code source}): constants only, with Terraform's diagnostic for a reference.
 */
public final class ConstantFolding {
  private ConstantFolding() {}

  /**
   * Whether {@code e} refers to nothing; when it refers to something, Terraform's "Variables not
   * allowed" and "Unsuitable value type" are reported.
   */
  public static boolean refersToNothing(Expr e, Diagnostics diags) {
    List<Expr.ScopeTraversal> refs = Traversals.of(e);
    if (refs.isEmpty()) {
      return true;
    }
    diags.add(
        Diagnostic.error(
            "Variables not allowed", "Variables may not be used here.", refs.getFirst().range()));
    diags.add(
        Diagnostic.error(
            "Unsuitable value type", "Unsuitable value: value must be known", e.range()));
    return false;
  }

  /**
   * The value of {@code e} when it is a constant: a literal, a template of literal parts,
   * parentheses, a tuple or object of constants, a negated number; null otherwise.
   */
  public static Value fold(Expr e) {
    return switch (e) {
      case Expr.Literal l -> l.value();
      case Expr.Parens p -> fold(p.inner());
      case Expr.TemplateWrap w -> fold(w.wrapped());
      case Expr.Template t -> {
        StringBuilder b = new StringBuilder();
        for (Expr part : t.parts()) {
          Value v = fold(part);
          if (v == null
              || v.isNull()
              || !(v.unmark() instanceof StringValue
                  || v.unmark() instanceof NumberValue
                  || v.unmark() instanceof BoolValue)) {
            yield null;
          }
          b.append(v.unmark());
        }
        yield Value.of(b.toString());
      }
      case Expr.TupleCons t -> {
        List<Value> items = new ArrayList<>();
        for (Expr x : t.elements()) {
          Value v = fold(x);
          if (v == null) {
            yield null;
          }
          items.add(v);
        }
        yield Value.tuple(items);
      }
      case Expr.ObjectCons o -> {
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (Expr.ObjectItem item : o.items()) {
          Value k =
              item.bareKey() && item.key() instanceof Expr.ScopeTraversal st
                  ? Value.of(st.rootName())
                  : fold(item.key());
          Value v = fold(item.value());
          if (k == null
              || v == null
              || !(k.unmark() instanceof StringValue
                  || k.unmark() instanceof NumberValue
                  || k.unmark() instanceof BoolValue)) {
            yield null;
          }
          attrs.put(k.unmark().toString(), v);
        }
        yield Value.object(attrs);
      }
      case Expr.UnaryOp u when u.op() == Operator.NEGATE -> {
        Value v = fold(u.operand());
        yield v != null && v.unmark() instanceof NumberValue n
            ? new NumberValue(n.value().negate())
            : null;
      }
      default -> null;
    };
  }
}
