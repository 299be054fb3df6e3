package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.value.Value;
import java.util.List;

/**
 * An unevaluated expression. Every node carries the range of source it was read from. The set is
 * closed: evaluators and walkers switch over it exhaustively.
 */
public sealed interface Expr {
  Range range();

  /** A number, bool or null literal, or a literal string piece of a template. */
  record Literal(Value value, Range range) implements Expr {}

  /**
   * A template: a quoted string or heredoc with parts. Literal parts are {@link Literal} strings;
   * other parts are interpolated expressions (converted to string), {@link TemplateIf} and {@link
   * TemplateFor}. A string without interpolation is a template with one literal part.
   */
  record Template(List<Expr> parts, Range range) implements Expr {
    public Template {
      parts = List.copyOf(parts);
    }
  }

  /**
   * A template that is exactly one interpolation, {@code "${x}"}: its value is {@code x}'s value,
   * unconverted (Terraform's rule).
   */
  record TemplateWrap(Expr wrapped, Range range) implements Expr {}

  /** {@code %{ if cond }...%{ else }...%{ endif }} inside a template. */
  record TemplateIf(Expr condition, Template then, Template otherwise, Range range)
      implements Expr {}

  /** {@code %{ for k, v in coll }...%{ endfor }} inside a template. {@code keyVar} may be null. */
  record TemplateFor(String keyVar, String valueVar, Expr collection, Template body, Range range)
      implements Expr {}

  /** A static reference: {@code var.x}, {@code aws_instance.a[0].id}, {@code each.key}. */
  record ScopeTraversal(List<Traverser> traversal, Range range) implements Expr {
    public ScopeTraversal {
      traversal = List.copyOf(traversal);
    }

    public String rootName() {
      return ((Traverser.Root) traversal.getFirst()).name();
    }
  }

  /** Static steps applied to the result of another expression: {@code f(x).a[0]}. */
  record RelativeTraversal(Expr source, List<Traverser> traversal, Range range) implements Expr {
    public RelativeTraversal {
      traversal = List.copyOf(traversal);
    }
  }

  /** {@code collection[key]} with a key that is not a literal. */
  record Index(Expr collection, Expr key, Range range, Range bracketRange) implements Expr {}

  /**
   * A splat: {@code source[*].each} or {@code source.*.each}. {@code each} is evaluated once per
   * element with {@link SplatItem} standing for the element.
   */
  record Splat(Expr source, Expr each, Range range, Range markerRange) implements Expr {}

  /** The element placeholder inside a {@link Splat}'s {@code each}. */
  record SplatItem(Range range) implements Expr {}

  /** {@code name(args...)}; {@code expandFinal} for a trailing {@code ...}. */
  record FunctionCall(
      String name,
      List<Expr> args,
      boolean expandFinal,
      Range nameRange,
      Range openParenRange,
      Range closeParenRange,
      Range range)
      implements Expr {
    public FunctionCall {
      args = List.copyOf(args);
    }
  }

  /** {@code cond ? a : b} */
  record Conditional(Expr condition, Expr trueResult, Expr falseResult, Range range)
      implements Expr {}

  record BinaryOp(Operator op, Expr lhs, Expr rhs, Range range) implements Expr {}

  record UnaryOp(Operator op, Expr operand, Range range) implements Expr {}

  /** {@code [a, b, c]} */
  record TupleCons(List<Expr> elements, Range range) implements Expr {
    public TupleCons {
      elements = List.copyOf(elements);
    }
  }

  /** {@code { k = v, ... }} */
  record ObjectCons(List<ObjectItem> items, Range range) implements Expr {
    public ObjectCons {
      items = List.copyOf(items);
    }
  }

  /**
   * One {@code key = value} of an object constructor. A bare identifier key is a string, not a
   * reference: the parser makes it a literal string and sets {@code bareKey}. A parenthesised key
   * is always evaluated.
   */
  record ObjectItem(Expr key, Expr value, boolean bareKey) {}

  /**
   * {@code [for k, v in coll : val if cond]} ({@code keyExpr} null) or {@code {for k, v in coll :
   * key => val... if cond}}. {@code keyVar} and {@code condition} may be null.
   */
  record For(
      String keyVar,
      String valueVar,
      Expr collection,
      Expr keyExpr,
      Expr valueExpr,
      Expr condition,
      boolean grouping,
      Range range,
      Range openRange,
      Range closeRange)
      implements Expr {}

  /** {@code ( expr )}: kept so that formatting and object keys can tell. */
  record Parens(Expr inner, Range range) implements Expr {}
}
