package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.value.StringValue;
import java.util.List;
import java.util.stream.Collectors;

/** Compact, unambiguous renderings of syntax trees and diagnostics for table-driven tests. */
final class Show {
  private Show() {}

  static String range(Range r) {
    return r.start().line()
        + ":"
        + r.start().column()
        + ":"
        + r.start().byteOffset()
        + "-"
        + r.end().line()
        + ":"
        + r.end().column()
        + ":"
        + r.end().byteOffset();
  }

  static String diag(Diagnostic d) {
    return d.summary() + " @" + range(d.subject());
  }

  static String diags(Iterable<Diagnostic> ds) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : ds) {
      if (!sb.isEmpty()) {
        sb.append("; ");
      }
      sb.append(diag(d));
    }
    return sb.toString();
  }

  static String quote(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
        + "\"";
  }

  static String all(List<? extends Expr> es) {
    return es.stream().map(Show::expr).collect(Collectors.joining(", "));
  }

  static String steps(List<Traverser> ts) {
    return ts.stream().map(Traverser::describe).collect(Collectors.joining());
  }

  static String expr(Expr e) {
    return switch (e) {
      case Expr.Literal l ->
          l.value() instanceof StringValue s
              ? quote(s.value())
              : l.value().isNull() ? "null" : String.valueOf(l.value());
      case Expr.Template t -> "tpl(" + all(t.parts()) + ")";
      case Expr.TemplateWrap w -> "wrap(" + expr(w.wrapped()) + ")";
      case Expr.TemplateIf i ->
          "if("
              + expr(i.condition())
              + "; "
              + expr(i.then())
              + (i.otherwise() == null ? "" : "; " + expr(i.otherwise()))
              + ")";
      case Expr.TemplateFor f ->
          "for("
              + (f.keyVar() == null ? "" : f.keyVar() + ", ")
              + f.valueVar()
              + " in "
              + expr(f.collection())
              + "; "
              + expr(f.body())
              + ")";
      case Expr.ScopeTraversal s -> steps(s.traversal());
      case Expr.RelativeTraversal r -> "rel(" + expr(r.source()) + ")" + steps(r.traversal());
      case Expr.Index i -> "idx(" + expr(i.collection()) + ", " + expr(i.key()) + ")";
      case Expr.Splat s -> "splat(" + expr(s.source()) + ", " + expr(s.each()) + ")";
      case Expr.SplatItem s -> "*";
      case Expr.FunctionCall f ->
          f.name() + "(" + all(f.args()) + (f.expandFinal() ? "..." : "") + ")";
      case Expr.Conditional c ->
          "("
              + expr(c.condition())
              + " ? "
              + expr(c.trueResult())
              + " : "
              + expr(c.falseResult())
              + ")";
      case Expr.BinaryOp b ->
          "(" + expr(b.lhs()) + " " + b.op().symbol() + " " + expr(b.rhs()) + ")";
      case Expr.UnaryOp u -> "(" + u.op().symbol() + expr(u.operand()) + ")";
      case Expr.TupleCons t -> "[" + all(t.elements()) + "]";
      case Expr.ObjectCons o ->
          "{"
              + o.items().stream()
                  .map(
                      i ->
                          (i.bareKey()
                                  ? ((StringValue) ((Expr.Literal) i.key()).value()).value()
                                  : "(" + expr(i.key()) + ")")
                              + "="
                              + expr(i.value()))
                  .collect(Collectors.joining(", "))
              + "}";
      case Expr.For f ->
          (f.keyExpr() == null ? "[" : "{")
              + "for "
              + (f.keyVar() == null ? "" : f.keyVar() + ", ")
              + f.valueVar()
              + " in "
              + expr(f.collection())
              + " : "
              + (f.keyExpr() == null ? "" : expr(f.keyExpr()) + " => ")
              + expr(f.valueExpr())
              + (f.grouping() ? "..." : "")
              + (f.condition() == null ? "" : " if " + expr(f.condition()))
              + (f.keyExpr() == null ? "]" : "}");
      case Expr.Parens p -> "paren(" + expr(p.inner()) + ")";
    };
  }
}
