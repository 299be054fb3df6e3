package dev.forma.engine.hcl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the static references an expression makes: every {@link Expr.ScopeTraversal} in it, except
 * those rooted at a name bound by an enclosing {@code for} expression or template {@code for}
 * directive. This is what dependency ordering and reference checking are built from.
 */
public final class Traversals {
  private Traversals() {}

  /** The references of {@code expr}, in source order. */
  public static List<Expr.ScopeTraversal> of(Expr expr) {
    List<Expr.ScopeTraversal> out = new ArrayList<>();
    walk(expr, Set.of(), out);
    return out;
  }

  /** The references of every attribute in a body and its nested blocks, in source order. */
  public static List<Expr.ScopeTraversal> of(Body body) {
    List<Expr.ScopeTraversal> out = new ArrayList<>();
    for (BodyItem item : body.items()) {
      switch (item) {
        case Attribute a -> walk(a.expr(), Set.of(), out);
        case Block b -> out.addAll(of(b.body()));
      }
    }
    return out;
  }

  private static void walk(Expr e, Set<String> bound, List<Expr.ScopeTraversal> out) {
    switch (e) {
      case Expr.Literal l -> {}
      case Expr.SplatItem s -> {}
      case Expr.Template t -> t.parts().forEach(p -> walk(p, bound, out));
      case Expr.TemplateWrap w -> walk(w.wrapped(), bound, out);
      case Expr.TemplateIf i -> {
        walk(i.condition(), bound, out);
        walk(i.then(), bound, out);
        if (i.otherwise() != null) {
          walk(i.otherwise(), bound, out);
        }
      }
      case Expr.TemplateFor f -> {
        walk(f.collection(), bound, out);
        walk(f.body(), with(bound, f.keyVar(), f.valueVar()), out);
      }
      case Expr.ScopeTraversal s -> {
        if (!bound.contains(s.rootName())) {
          out.add(s);
        }
      }
      case Expr.RelativeTraversal r -> walk(r.source(), bound, out);
      case Expr.Index i -> {
        walk(i.collection(), bound, out);
        walk(i.key(), bound, out);
      }
      case Expr.Splat s -> {
        walk(s.source(), bound, out);
        walk(s.each(), bound, out);
      }
      case Expr.FunctionCall f -> f.args().forEach(a -> walk(a, bound, out));
      case Expr.Conditional c -> {
        walk(c.condition(), bound, out);
        walk(c.trueResult(), bound, out);
        walk(c.falseResult(), bound, out);
      }
      case Expr.BinaryOp b -> {
        walk(b.lhs(), bound, out);
        walk(b.rhs(), bound, out);
      }
      case Expr.UnaryOp u -> walk(u.operand(), bound, out);
      case Expr.TupleCons t -> t.elements().forEach(x -> walk(x, bound, out));
      case Expr.ObjectCons o -> {
        for (Expr.ObjectItem item : o.items()) {
          if (!item.bareKey()) {
            walk(item.key(), bound, out);
          }
          walk(item.value(), bound, out);
        }
      }
      case Expr.For f -> {
        walk(f.collection(), bound, out);
        Set<String> inner = with(bound, f.keyVar(), f.valueVar());
        if (f.keyExpr() != null) {
          walk(f.keyExpr(), inner, out);
        }
        walk(f.valueExpr(), inner, out);
        if (f.condition() != null) {
          walk(f.condition(), inner, out);
        }
      }
      case Expr.Parens p -> walk(p.inner(), bound, out);
    }
  }

  private static Set<String> with(Set<String> bound, String a, String b) {
    Set<String> s = new HashSet<>(bound);
    if (a != null) {
      s.add(a);
    }
    if (b != null) {
      s.add(b);
    }
    return s;
  }
}
