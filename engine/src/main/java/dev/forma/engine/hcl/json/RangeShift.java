package dev.forma.engine.hcl.json;

import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the ranges of an expression parsed from the inside of a JSON string (positioned from line
 * 1, column 1, byte 0) to where that string's content starts in the JSON file.
 */
final class RangeShift {
  private final Pos base;

  RangeShift(Pos base) {
    this.base = base;
  }

  Pos pos(Pos p) {
    int line = base.line() + p.line() - 1;
    int column = p.line() == 1 ? base.column() + p.column() - 1 : p.column();
    return new Pos(line, column, base.byteOffset() + p.byteOffset());
  }

  Range range(Range r) {
    return r == null ? null : new Range(r.filename(), pos(r.start()), pos(r.end()));
  }

  Expr expr(Expr e) {
    return switch (e) {
      case Expr.Literal l -> new Expr.Literal(l.value(), range(l.range()));
      case Expr.Template t -> template(t);
      case Expr.TemplateWrap w -> new Expr.TemplateWrap(expr(w.wrapped()), range(w.range()));
      case Expr.TemplateIf i ->
          new Expr.TemplateIf(
              expr(i.condition()),
              template(i.then()),
              i.otherwise() == null ? null : template(i.otherwise()),
              range(i.range()));
      case Expr.TemplateFor f ->
          new Expr.TemplateFor(
              f.keyVar(), f.valueVar(), expr(f.collection()), template(f.body()), range(f.range()));
      case Expr.ScopeTraversal s ->
          new Expr.ScopeTraversal(traversal(s.traversal()), range(s.range()));
      case Expr.RelativeTraversal r ->
          new Expr.RelativeTraversal(expr(r.source()), traversal(r.traversal()), range(r.range()));
      case Expr.Index i ->
          new Expr.Index(
              expr(i.collection()), expr(i.key()), range(i.range()), range(i.bracketRange()));
      case Expr.Splat s ->
          new Expr.Splat(
              expr(s.source()), expr(s.each()), range(s.range()), range(s.markerRange()));
      case Expr.SplatItem s -> new Expr.SplatItem(range(s.range()));
      case Expr.FunctionCall f ->
          new Expr.FunctionCall(
              f.name(),
              exprs(f.args()),
              f.expandFinal(),
              range(f.nameRange()),
              range(f.openParenRange()),
              range(f.closeParenRange()),
              range(f.range()));
      case Expr.Conditional c ->
          new Expr.Conditional(
              expr(c.condition()), expr(c.trueResult()), expr(c.falseResult()), range(c.range()));
      case Expr.BinaryOp b ->
          new Expr.BinaryOp(b.op(), expr(b.lhs()), expr(b.rhs()), range(b.range()));
      case Expr.UnaryOp u -> new Expr.UnaryOp(u.op(), expr(u.operand()), range(u.range()));
      case Expr.TupleCons t -> new Expr.TupleCons(exprs(t.elements()), range(t.range()));
      case Expr.ObjectCons o -> {
        List<Expr.ObjectItem> items = new ArrayList<>();
        for (Expr.ObjectItem item : o.items()) {
          items.add(new Expr.ObjectItem(expr(item.key()), expr(item.value()), item.bareKey()));
        }
        yield new Expr.ObjectCons(items, range(o.range()));
      }
      case Expr.For f ->
          new Expr.For(
              f.keyVar(),
              f.valueVar(),
              expr(f.collection()),
              f.keyExpr() == null ? null : expr(f.keyExpr()),
              expr(f.valueExpr()),
              f.condition() == null ? null : expr(f.condition()),
              f.grouping(),
              range(f.range()),
              range(f.openRange()),
              range(f.closeRange()));
      case Expr.Parens p -> new Expr.Parens(expr(p.inner()), range(p.range()));
    };
  }

  private Expr.Template template(Expr.Template t) {
    return new Expr.Template(exprs(t.parts()), range(t.range()));
  }

  private List<Expr> exprs(List<Expr> in) {
    List<Expr> out = new ArrayList<>(in.size());
    for (Expr e : in) {
      out.add(expr(e));
    }
    return out;
  }

  private List<Traverser> traversal(List<Traverser> in) {
    List<Traverser> out = new ArrayList<>(in.size());
    for (Traverser t : in) {
      out.add(
          switch (t) {
            case Traverser.Root r -> new Traverser.Root(r.name(), range(r.range()));
            case Traverser.Attr a -> new Traverser.Attr(a.name(), range(a.range()));
            case Traverser.Index i -> new Traverser.Index(i.key(), range(i.range()));
          });
    }
    return out;
  }
}
