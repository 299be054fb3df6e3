package dev.forma.engine.eval;

import dev.forma.engine.functions.Function;
import dev.forma.engine.functions.FunctionException;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Operator;
import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.diag.Suggest;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Convert;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NullValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.OperationException;
import dev.forma.provider.api.value.Operations;
import dev.forma.provider.api.value.SensitiveValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.UnknownValue;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates expressions: a syntax tree in an {@link EvalContext} gives a value and diagnostics.
 *
 * <p>An expression that fails yields an unknown value of unknown type in place of its result, so
 * that evaluation goes on and every independent error is reported. Unknown operands give unknown
 * results (as Terraform's do); the sensitive mark on any operand is carried to the result.
 */
public final class Evaluator {
  private final Diagnostics diags = new Diagnostics();
  private final List<Value> splatItems = new ArrayList<>();

  private Evaluator() {}

  /** Evaluates {@code expr} in {@code ctx}. */
  public static Result<Value> evaluate(Expr expr, EvalContext ctx) {
    Evaluator e = new Evaluator();
    Value v = e.eval(expr, ctx);
    return new Result<>(v, e.diags);
  }

  /** Evaluates {@code expr} in {@code ctx} and converts the result to {@code want}. */
  public static Result<Value> evaluate(Expr expr, EvalContext ctx, Type want, String what) {
    Evaluator e = new Evaluator();
    Value v = e.eval(expr, ctx);
    if (!e.diags.hasErrors()) {
      try {
        v = Convert.convert(v, want);
      } catch (ConversionException ex) {
        e.error(
            "Incorrect " + what + " type",
            "Inappropriate value for " + what + ": " + ex.describe() + ".",
            expr.range());
        v = Value.unknown(want);
      }
    }
    return new Result<>(v, e.diags);
  }

  private static final Value ERROR = Value.UNKNOWN;

  private Value error(String summary, String detail, Range subject) {
    diags.add(Diagnostic.error(summary, detail, subject));
    return ERROR;
  }

  Value eval(Expr expr, EvalContext ctx) {
    return switch (expr) {
      case Expr.Literal l -> l.value();
      case Expr.Parens p -> eval(p.inner(), ctx);
      case Expr.Template t -> template(t, ctx);
      case Expr.TemplateWrap w -> eval(w.wrapped(), ctx);
      case Expr.TemplateIf i -> templateIf(i, ctx);
      case Expr.TemplateFor f -> templateFor(f, ctx);
      case Expr.ScopeTraversal s -> scopeTraversal(s, ctx);
      case Expr.RelativeTraversal r -> traverse(eval(r.source(), ctx), r.traversal(), 0);
      case Expr.Index i -> index(eval(i.collection(), ctx), eval(i.key(), ctx), i.bracketRange());
      case Expr.Splat s -> splat(s, ctx);
      case Expr.SplatItem s -> splatItems.isEmpty() ? ERROR : splatItems.getLast();
      case Expr.FunctionCall f -> call(f, ctx);
      case Expr.Conditional c -> conditional(c, ctx);
      case Expr.BinaryOp b -> binary(b, ctx);
      case Expr.UnaryOp u -> unary(u, ctx);
      case Expr.TupleCons t -> {
        List<Value> out = new ArrayList<>(t.elements().size());
        for (Expr e : t.elements()) {
          out.add(eval(e, ctx));
        }
        yield new TupleValue(out);
      }
      case Expr.ObjectCons o -> object(o, ctx);
      case Expr.For f -> forExpr(f, ctx);
    };
  }

  // ---- templates

  private Value template(Expr.Template t, EvalContext ctx) {
    StringBuilder sb = new StringBuilder();
    boolean unknown = false;
    boolean sensitive = false;
    for (Expr part : t.parts()) {
      Value v = eval(part, ctx);
      sensitive |= v.containsSensitive();
      Value u = v.unmarkDeep();
      if (u instanceof UnknownValue) {
        unknown = true;
        continue;
      }
      if (u instanceof NullValue) {
        error(
            "Invalid template interpolation value",
            "The expression result is null. Cannot include a null value in a string template.",
            part.range());
        unknown = true;
        continue;
      }
      try {
        Value s = Convert.convert(u, Type.STRING);
        if (s instanceof StringValue str) {
          sb.append(str.value());
        } else {
          unknown = true;
        }
      } catch (ConversionException ex) {
        error(
            "Invalid template interpolation value",
            "Cannot include the given value in a string template: " + ex.describe() + ".",
            part.range());
        unknown = true;
      }
    }
    Value out = unknown ? Value.unknown(Type.STRING) : Value.of(sb.toString());
    return out.markSensitiveIf(sensitive);
  }

  /**
   * {@code %{if}}: a conditional between two strings, as HCL builds it, so only the chosen text's
   * errors count.
   */
  private Value templateIf(Expr.TemplateIf i, EvalContext ctx) {
    Evaluator onTrue = branch();
    Value t = onTrue.eval(i.then(), ctx);
    Evaluator onFalse = branch();
    Value f = i.otherwise() == null ? Value.of("") : onFalse.eval(i.otherwise(), ctx);
    Value c = eval(i.condition(), ctx);
    if (c == ERROR) {
      return ERROR;
    }
    boolean sensitive = c.containsSensitive();
    Value cond = c.unmarkDeep();
    if (cond instanceof UnknownValue) {
      return Value.unknown(Type.STRING).markSensitiveIf(sensitive);
    }
    if (cond instanceof NullValue) {
      return error(
          "Null condition",
          "The condition value is null. Conditions must either be true or false.",
          i.condition().range());
    }
    Value b;
    try {
      b = Convert.convert(cond, Type.BOOL);
    } catch (ConversionException ex) {
      return error(
          "Incorrect condition type",
          "The condition expression must be of type bool.",
          i.condition().range());
    }
    boolean which = ((BoolValue) b).value();
    diags.addAll((which ? onTrue : onFalse).diags);
    return (which ? t : f).markSensitiveIf(sensitive);
  }

  private Value templateFor(Expr.TemplateFor f, EvalContext ctx) {
    Value coll = eval(f.collection(), ctx);
    boolean sensitive = coll.isSensitive();
    Value c = coll.unmark();
    if (c instanceof UnknownValue) {
      return Value.unknown(Type.STRING);
    }
    List<Map.Entry<Value, Value>> elements = iterate(c, f.collection().range(), "template");
    if (elements == null) {
      return ERROR;
    }
    StringBuilder sb = new StringBuilder();
    boolean unknown = false;
    for (Map.Entry<Value, Value> e : elements) {
      Map<String, Value> names = new LinkedHashMap<>();
      if (f.keyVar() != null) {
        names.put(f.keyVar(), e.getKey());
      }
      names.put(f.valueVar(), e.getValue());
      Value part = eval(f.body(), ctx.child(names));
      sensitive |= part.isSensitive();
      if (part.unmark() instanceof StringValue s) {
        sb.append(s.value());
      } else {
        unknown = true;
      }
    }
    Value out = unknown ? Value.unknown(Type.STRING) : Value.of(sb.toString());
    return out.markSensitiveIf(sensitive);
  }

  // ---- references and traversal

  private Value scopeTraversal(Expr.ScopeTraversal s, EvalContext ctx) {
    Traverser.Root root = (Traverser.Root) s.traversal().getFirst();
    Value v = ctx.lookup(root.name());
    if (v == null) {
      return error(
          "Unknown variable",
          "There is no variable named \""
              + root.name()
              + "\"."
              + Suggest.didYouMean(root.name(), ctx.visibleNames()),
          root.range());
    }
    return traverse(v, s.traversal(), 1);
  }

  /** Applies static steps. */
  private Value traverse(Value v, List<Traverser> steps, int from) {
    Value cur = v;
    for (int i = from; i < steps.size(); i++) {
      Traverser t = steps.get(i);
      cur =
          switch (t) {
            case Traverser.Root r -> cur;
            case Traverser.Attr a -> getAttr(cur, a.name(), a.range());
            case Traverser.Index x -> index(cur, x.key(), x.range());
          };
      if (cur == ERROR) {
        return ERROR;
      }
    }
    return cur;
  }

  /** {@code value.name}, with Terraform's rules and errors. */
  Value getAttr(Value value, String name, Range range) {
    boolean sensitive = value.isSensitive();
    Value v = value.unmark();
    Value out =
        switch (v) {
          case NullValue n ->
              error(
                  "Attempt to get attribute from null value",
                  "This value is null, so it does not have any attributes.",
                  range);
          case UnknownValue u -> Value.unknown(attributeType(u.type(), name));
          case ObjectValue o -> {
            Value a = o.get(name);
            if (a == null) {
              yield error(
                  "Unsupported attribute",
                  "This object does not have an attribute named \"" + name + "\".",
                  range);
            }
            yield a;
          }
          case MapValue m -> {
            Value a = m.entries().get(name);
            if (a == null) {
              yield error(
                  "Missing map element",
                  "This map does not have an element with the key \"" + name + "\".",
                  range);
            }
            yield a;
          }
          case StringValue s -> primitiveAttr("string", range);
          case NumberValue n -> primitiveAttr("number", range);
          case BoolValue b -> primitiveAttr("bool", range);
          case ListValue l ->
              error("Unsupported attribute", "This value does not have any attributes.", range);
          case SetValue s ->
              error("Unsupported attribute", "This value does not have any attributes.", range);
          case TupleValue t ->
              error("Unsupported attribute", "This value does not have any attributes.", range);
          case SensitiveValue s -> getAttr(s.inner(), name, range);
        };
    return out == ERROR ? ERROR : out.markSensitiveIf(sensitive);
  }

  private Value primitiveAttr(String type, Range range) {
    return error(
        "Unsupported attribute",
        "Can't access attributes on a primitive-typed value (" + type + ").",
        range);
  }

  private static Type attributeType(Type t, String name) {
    if (t instanceof Type.ObjectType o && o.attributes().containsKey(name)) {
      return o.attributes().get(name);
    }
    if (t instanceof Type.MapType m) {
      return m.element();
    }
    return Type.DYNAMIC;
  }

  /** {@code collection[key]}, with Terraform's rules and errors. */
  Value index(Value collection, Value key, Range range) {
    if (collection == ERROR || key == ERROR) {
      return ERROR;
    }
    boolean sensitive = collection.isSensitive() || key.isSensitive();
    Value c = collection.unmark();
    Value k = key.unmark();
    if (k instanceof NullValue) {
      return error("Invalid index", "Can't use a null value as an indexing key.", range);
    }
    if (c instanceof NullValue) {
      return error(
          "Attempt to index null value",
          "This value is null, so it does not have any indices.",
          range);
    }
    if (c instanceof UnknownValue u) {
      Type et = u.type().elementType();
      return Value.unknown(et == null ? Type.DYNAMIC : et).markSensitiveIf(sensitive);
    }
    if (k instanceof UnknownValue) {
      Type et = c.type().elementType();
      return Value.unknown(et == null ? Type.DYNAMIC : et).markSensitiveIf(sensitive);
    }
    Value out =
        switch (c) {
          case ListValue l -> sequenceElement(l.elements(), k, range);
          case TupleValue t -> sequenceElement(t.elements(), k, range);
          case MapValue m -> {
            String s = keyString(k, range);
            if (s == null) {
              yield ERROR;
            }
            Value e = m.entries().get(s);
            yield e != null
                ? e
                : error(
                    "Invalid index",
                    "The given key does not identify an element in this collection value.",
                    range);
          }
          case ObjectValue o -> {
            if (k instanceof NumberValue) {
              yield error(
                  "Invalid index",
                  "The given key does not identify an element in this collection value. An"
                      + " object only supports looking up attributes by name, not by numeric"
                      + " index.",
                  range);
            }
            String s = keyString(k, range);
            if (s == null) {
              yield ERROR;
            }
            Value e = o.get(s);
            yield e != null
                ? e
                : error(
                    "Invalid index",
                    "The given key does not identify an element in this collection value.",
                    range);
          }
          case SetValue s ->
              error(
                  "Invalid index",
                  "Elements of a set are identified only by their value and don't have any"
                      + " separate index or key to select with, so it's only possible to perform"
                      + " operations across all elements of the set.",
                  range);
          case StringValue s -> notIndexable("string", range);
          case NumberValue n -> notIndexable("number", range);
          case BoolValue b -> notIndexable("bool", range);
          case NullValue n -> ERROR;
          case UnknownValue u -> Value.UNKNOWN;
          case SensitiveValue s -> index(s.inner(), k, range);
        };
    return out == ERROR ? ERROR : out.markSensitiveIf(sensitive);
  }

  private Value notIndexable(String type, Range range) {
    return error("Invalid index", "This value does not have any indices.", range);
  }

  private String keyString(Value k, Range range) {
    try {
      return ((StringValue) Convert.convert(k, Type.STRING)).value();
    } catch (ConversionException | ClassCastException ex) {
      error(
          "Invalid index",
          "The given key does not identify an element in this collection value: string"
              + " required.",
          range);
      return null;
    }
  }

  private Value sequenceElement(List<Value> elements, Value k, Range range) {
    Value n;
    try {
      n = Convert.convert(k, Type.NUMBER);
    } catch (ConversionException ex) {
      return error(
          "Invalid index",
          "The given key does not identify an element in this collection value: a number is"
              + " required.",
          range);
    }
    java.math.BigDecimal d = ((NumberValue) n).value();
    if (d.signum() < 0) {
      return error(
          "Invalid index",
          "The given key does not identify an element in this collection value: a negative"
              + " number is not a valid index for a sequence.",
          range);
    }
    if (d.stripTrailingZeros().scale() > 0) {
      return error(
          "Invalid index",
          "The given key does not identify an element in this collection value: indexing a"
              + " sequence requires a whole number, but the given index has a fractional part.",
          range);
    }
    int cmp = d.compareTo(java.math.BigDecimal.valueOf(elements.size()));
    if (cmp >= 0) {
      // HCL explains only an index just past the end (as [][0] or l[length(l)])
      return error(
          "Invalid index",
          "The given key does not identify an element in this collection value"
              + (cmp > 0
                  ? "."
                  : elements.isEmpty()
                      ? ": the collection has no elements."
                      : ": the given index is greater than or equal to the length of the"
                          + " collection."),
          range);
    }
    return elements.get(d.intValueExact());
  }

  // ---- splat

  private Value splat(Expr.Splat s, EvalContext ctx) {
    Value source = eval(s.source(), ctx);
    if (source == ERROR) {
      return ERROR;
    }
    boolean sensitive = source.isSensitive();
    Value src = source.unmark();
    if (src instanceof UnknownValue) {
      return Value.UNKNOWN.markSensitiveIf(sensitive);
    }
    List<Value> items;
    boolean asList = false;
    switch (src) {
      case NullValue n -> items = List.of();
      case ListValue l -> {
        items = l.elements();
        asList = true;
      }
      case SetValue st -> {
        items = st.elements();
        asList = true;
      }
      case TupleValue t -> items = t.elements();
      default -> items = List.of(src);
    }
    List<Value> out = new ArrayList<>(items.size());
    for (Value item : items) {
      splatItems.add(item);
      try {
        Value r = eval(s.each(), ctx);
        if (r == ERROR) {
          return ERROR;
        }
        out.add(r);
      } finally {
        splatItems.removeLast();
      }
    }
    Value result;
    if (asList) {
      Type et = src.type().elementType();
      if (!out.isEmpty()) {
        List<Type> types = new ArrayList<>();
        for (Value v : out) {
          types.add(v.type());
        }
        et = Convert.unify(types);
        if (et == null) {
          et = Type.DYNAMIC;
        }
      } else if (!(s.each() instanceof Expr.SplatItem)) {
        et = Type.DYNAMIC;
      }
      List<Value> converted = new ArrayList<>(out.size());
      for (Value v : out) {
        try {
          converted.add(Convert.convert(v, et));
        } catch (ConversionException ex) {
          return new TupleValue(out).markSensitiveIf(sensitive);
        }
      }
      result = new ListValue(et, converted);
    } else {
      result = new TupleValue(out);
    }
    return result.markSensitiveIf(sensitive);
  }

  // ---- function calls

  private Value call(Expr.FunctionCall f, EvalContext ctx) {
    switch (StandardFunctions.plainName(f.name())) {
      case "can" -> {
        return can(f, ctx);
      }
      case "try" -> {
        return tryCall(f, ctx);
      }
      default -> {}
    }
    Function fn = ctx.functions() == null ? null : ctx.functions().lookup(f.name());
    if (fn == null) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      if (ctx.functions() != null) {
        names.addAll(ctx.functions().names());
      }
      names.add("can");
      names.add("try");
      return error(
          "Call to unknown function",
          "There is no function named \"" + f.name() + "\"." + Suggest.didYouMean(f.name(), names),
          f.nameRange());
    }
    List<Value> args = new ArrayList<>();
    List<Range> argRanges = new ArrayList<>();
    boolean failed = false;
    boolean templateString = StandardFunctions.plainName(f.name()).equals("templatestring");
    for (int i = 0; i < f.args().size(); i++) {
      Expr a = f.args().get(i);
      boolean expanded = f.expandFinal() && i == f.args().size() - 1;
      Value v = templateString && i == 0 && !expanded ? templateArgument(a, ctx) : eval(a, ctx);
      failed |= v == ERROR;
      if (f.expandFinal() && i == f.args().size() - 1) {
        boolean sensitive = v.isSensitive();
        Value u = v.unmark();
        switch (u) {
          case ListValue l -> addExpanded(args, argRanges, l.elements(), sensitive, a.range());
          case SetValue s -> addExpanded(args, argRanges, s.elements(), sensitive, a.range());
          case TupleValue t -> addExpanded(args, argRanges, t.elements(), sensitive, a.range());
          case UnknownValue uv -> {
            return Value.UNKNOWN;
          }
          case NullValue n -> {
            return error(
                "Invalid expanding argument value",
                "The expanding argument (indicated by ...) must not be null.",
                a.range());
          }
          default -> {
            return error(
                "Invalid expanding argument value",
                "The expanding argument (indicated by ...) must be of a tuple, list, or set"
                    + " type.",
                a.range());
          }
        }
      } else {
        args.add(v);
        argRanges.add(a.range());
      }
    }
    if (failed) {
      return ERROR;
    }
    try {
      return fn.call(args, ctx.callContext());
    } catch (FunctionException ex) {
      return functionError(f, ex, argRanges);
    } catch (RuntimeException ex) {
      // A bug in a function must not take the whole run down without saying where.
      return error(
          "Error in function call",
          "Call to function \"" + f.name() + "\" failed: " + ex + ".",
          f.range());
    }
  }

  /**
   * The first argument of {@code templatestring}: Terraform takes it unevaluated and accepts only a
   * reference to a template defined elsewhere (with index or splat steps), with these messages for
   * a literal, an inline template or any other expression; an error evaluating the reference is
   * reported as the argument's.
   */
  private Value templateArgument(Expr a, EvalContext ctx) {
    String problem =
        switch (a) {
          case Expr.TemplateWrap w ->
              "templatestring is only for rendering templates retrieved dynamically from"
                  + " elsewhere; to treat the inner expression as template syntax, write the"
                  + " reference expression directly without any template interpolation syntax";
          case Expr.Template t ->
              t.parts().stream().allMatch(p -> p instanceof Expr.Literal)
                  ? "templatestring is only for rendering templates retrieved dynamically from"
                      + " elsewhere, and so does not support providing a literal template;"
                      + " consider using a template string expression instead"
                  : "templatestring is only for rendering templates retrieved dynamically from"
                      + " elsewhere; to render an inline template, consider using a plain"
                      + " template string expression";
          default ->
              isTemplateReference(a)
                  ? null
                  : "must be a direct reference to a single string from elsewhere, containing"
                      + " valid Terraform template syntax";
        };
    if (problem != null) {
      return error(
          "Invalid function argument",
          "Invalid value for \"template\" parameter: invalid template expression: " + problem + ".",
          a.range());
    }
    Evaluator sub = new Evaluator();
    sub.splatItems.addAll(splatItems);
    Value v = sub.eval(a, ctx);
    for (Diagnostic d : sub.diags) {
      if (d.isError()) {
        return error(
            "Invalid function argument",
            "Invalid value for \"template\" parameter: invalid template expression: "
                + d.subject()
                + ": "
                + d.summary()
                + "; "
                + d.detail()
                + ".",
            a.range());
      }
    }
    diags.addAll(sub.diags);
    return v;
  }

  private static boolean isTemplateReference(Expr e) {
    return switch (e) {
      case Expr.ScopeTraversal s -> true;
      case Expr.RelativeTraversal r -> isTemplateReference(r.source());
      case Expr.Index i -> isTemplateReference(i.collection());
      case Expr.Splat s -> isTemplateReference(s.source());
      default -> false;
    };
  }

  private static void addExpanded(
      List<Value> args, List<Range> ranges, List<Value> elements, boolean sensitive, Range r) {
    for (Value e : elements) {
      args.add(e.markSensitiveIf(sensitive));
      ranges.add(r);
    }
  }

  private Value functionError(Expr.FunctionCall f, FunctionException ex, List<Range> argRanges) {
    String msg = ex.getMessage();
    if (ex.summary() != null) {
      return error(ex.summary(), msg, f.range());
    }
    if (ex.argIndex() >= 0 && ex.argIndex() < argRanges.size()) {
      return error(
          "Invalid function argument",
          "Invalid value for \"" + ex.paramName() + "\" parameter: " + sentence(msg),
          argRanges.get(ex.argIndex()));
    }
    // As Terraform: the subject is the function's name and opening parenthesis, the call the
    // context.
    diags.add(
        Diagnostic.error(
                "Error in function call",
                "Call to function \"" + f.name() + "\" failed: " + sentence(msg),
                f.nameRange().to(f.openParenRange()))
            .withContext(f.range()));
    return ERROR;
  }

  private static String sentence(String msg) {
    if (msg == null || msg.isEmpty()) {
      return "failed.";
    }
    char last = msg.charAt(msg.length() - 1);
    return last == '.' || last == '\n' || last == ':' ? msg : msg + ".";
  }

  private Value can(Expr.FunctionCall f, EvalContext ctx) {
    if (f.args().size() != 1) {
      return error(
          f.args().isEmpty() ? "Not enough function arguments" : "Too many function arguments",
          f.args().isEmpty()
              ? "Function \"can\" expects 1 argument(s). Missing value for \"expression\"."
              : "Function \"can\" expects only 1 argument(s).",
          f.range());
    }
    Evaluator sub = new Evaluator();
    sub.splatItems.addAll(splatItems);
    Value v = sub.eval(f.args().getFirst(), ctx);
    if (sub.diags.hasErrors()) {
      return Value.FALSE;
    }
    if (!v.isWhollyKnown()) {
      return Value.unknown(Type.BOOL);
    }
    return Value.TRUE;
  }

  private Value tryCall(Expr.FunctionCall f, EvalContext ctx) {
    if (f.args().isEmpty()) {
      return error(
          "Not enough function arguments",
          "Function \"try\" expects at least 1 argument(s). Missing value for \"expressions\".",
          f.range());
    }
    StringBuilder failures = new StringBuilder();
    for (Expr a : f.args()) {
      Evaluator sub = new Evaluator();
      sub.splatItems.addAll(splatItems);
      Value v = sub.eval(a, ctx);
      if (!sub.diags.hasErrors()) {
        if (!v.isWhollyKnown()) {
          return Value.UNKNOWN;
        }
        return v;
      }
      for (Diagnostic d : sub.diags) {
        if (!d.isError()) {
          continue;
        }
        failures.append("\n- ").append(d.summary());
        if (d.subject() != null) {
          Range r = d.subject();
          failures
              .append(" (at ")
              .append(r.filename())
              .append(':')
              .append(r.start().line())
              .append(',')
              .append(r.start().column())
              .append('-')
              .append(r.end().column())
              .append(')');
        }
        if (d.detail() != null && !d.detail().isEmpty()) {
          failures.append("\n  ").append(d.detail());
        }
      }
    }
    return error(
        "Error in function call",
        "Call to function \"try\" failed: no expression succeeded:"
            + failures
            + "\n\nAt least one"
            + " expression must produce a successful result.",
        f.range());
  }

  // ---- conditionals and operators

  /**
   * {@code cond ? a : b} as HCL evaluates it. Both results are evaluated, each on its own, and
   * their types unified even when only one will be used (so {@code true ? {a=1} : "x"} is an
   * error), but only the chosen result's errors count: {@code true ? "a" : [][0]} is {@code "a"},
   * the null guard {@code var.x != null ? "vpc/${var.x}" : "none"} works. A result whose type is
   * not known (a failed or untyped expression) takes part in no unification; a literal {@code null}
   * takes the other's type. An unknown condition gives an unknown of the unified type, with no
   * result's errors.
   */
  private Value conditional(Expr.Conditional c, EvalContext ctx) {
    Evaluator onTrue = branch();
    Value t = onTrue.eval(c.trueResult(), ctx);
    Evaluator onFalse = branch();
    Value f = onFalse.eval(c.falseResult(), ctx);
    Type resultType;
    boolean convertTrue = false;
    boolean convertFalse = false;
    if (isUntypedNull(t)) {
      resultType = f.type();
      convertTrue = true;
    } else if (isUntypedNull(f)) {
      resultType = t.type();
      convertFalse = true;
    } else if (t.type() instanceof Type.Dynamic || f.type() instanceof Type.Dynamic) {
      resultType = Type.DYNAMIC;
    } else {
      resultType = Convert.unify(List.of(t.type(), f.type()));
      convertTrue = resultType != null && !resultType.equals(t.type());
      convertFalse = resultType != null && !resultType.equals(f.type());
    }
    if (resultType == null) {
      return error(
          "Inconsistent conditional result types",
          "The true and false result expressions must have consistent types. "
              + describeMismatch(t.type(), f.type())
              + ".",
          c.trueResult().range().to(c.falseResult().range()));
    }
    Value condV = eval(c.condition(), ctx);
    if (condV == ERROR) {
      return ERROR;
    }
    boolean sensitive = condV.isSensitive();
    Value cond = condV.unmark();
    if (cond instanceof NullValue) {
      error(
          "Null condition",
          "The condition value is null. Conditions must either be true or false.",
          c.condition().range());
      return Value.unknown(resultType);
    }
    if (cond instanceof UnknownValue) {
      return Value.unknown(resultType)
          .markSensitiveIf(sensitive || t.isSensitive() || f.isSensitive());
    }
    Value b;
    try {
      b = Convert.convert(cond, Type.BOOL);
    } catch (ConversionException ex) {
      error(
          "Incorrect condition type",
          "The condition expression must be of type bool.",
          c.condition().range());
      return Value.unknown(resultType);
    }
    boolean which = ((BoolValue) b).value();
    Evaluator chosenEval = which ? onTrue : onFalse;
    diags.addAll(chosenEval.diags);
    Value chosen = which ? t : f;
    if (chosen == ERROR) {
      return ERROR;
    }
    if (which ? convertTrue : convertFalse) {
      try {
        chosen = Convert.convert(chosen, resultType);
      } catch (ConversionException ex) {
        error(
            "Inconsistent conditional result types",
            "The "
                + (which ? "true" : "false")
                + " result value has the wrong type: "
                + ex.describe()
                + ".",
            (which ? c.trueResult() : c.falseResult()).range());
        return Value.unknown(resultType);
      }
    }
    return chosen.markSensitiveIf(sensitive);
  }

  /** An evaluator for one result of a conditional: its errors count only if it is chosen. */
  private Evaluator branch() {
    Evaluator e = new Evaluator();
    e.splatItems.addAll(splatItems);
    return e;
  }

  /** The literal {@code null}: a null whose type is not known, not marked. */
  private static boolean isUntypedNull(Value v) {
    return v instanceof NullValue n && n.type() instanceof Type.Dynamic;
  }

  /**
   * Why two result types do not unify, in HCL's words: the first object attribute or tuple element
   * that differs, else the two type names.
   */
  static String describeMismatch(Type a, Type b) {
    if (a instanceof Type.ObjectType oa && b instanceof Type.ObjectType ob) {
      for (String name : new java.util.TreeSet<>(oa.attributes().keySet())) {
        Type ta = oa.attributes().get(name);
        Type tb = ob.attributes().get(name);
        if (tb == null) {
          return "The 'true' value includes object attribute \""
              + name
              + "\", which is absent in the 'false' value";
        }
        if (!ta.equals(tb)) {
          return "Type mismatch for object attribute \"" + name + "\": " + describeMismatch(ta, tb);
        }
      }
      for (String name : new java.util.TreeSet<>(ob.attributes().keySet())) {
        if (!oa.attributes().containsKey(name)) {
          return "The 'false' value includes object attribute \""
              + name
              + "\", which is absent in the 'true' value";
        }
      }
    } else if (a instanceof Type.TupleType ta && b instanceof Type.TupleType tb) {
      if (ta.elements().size() != tb.elements().size()) {
        return "The 'true' tuple has length "
            + ta.elements().size()
            + ", but the 'false' tuple has length "
            + tb.elements().size();
      }
      for (int i = 0; i < ta.elements().size(); i++) {
        if (!ta.elements().get(i).equals(tb.elements().get(i))) {
          return "Type mismatch for tuple element "
              + i
              + ": "
              + describeMismatch(ta.elements().get(i), tb.elements().get(i));
        }
      }
    } else if (sameCollectionKind(a, b)
        && ((a.elementType() instanceof Type.ObjectType
                && b.elementType() instanceof Type.ObjectType)
            || (a.elementType() instanceof Type.TupleType
                && b.elementType() instanceof Type.TupleType))) {
      String noun =
          switch (a) {
            case Type.ListType l -> "list";
            case Type.SetType st -> "set";
            default -> "map";
          };
      return "Mismatched "
          + noun
          + " element types: "
          + describeMismatch(a.elementType(), b.elementType());
    }
    String an = a.friendlyName();
    String bn = b.friendlyName();
    if (an.equals(bn)) {
      return "At least one deeply-nested attribute or element is not compatible across both the"
          + " 'true' and the 'false' value";
    }
    return "The 'true' value is " + an + ", but the 'false' value is " + bn;
  }

  private static boolean sameCollectionKind(Type a, Type b) {
    return (a instanceof Type.ListType && b instanceof Type.ListType)
        || (a instanceof Type.SetType && b instanceof Type.SetType)
        || (a instanceof Type.MapType && b instanceof Type.MapType);
  }

  private Value binary(Expr.BinaryOp b, EvalContext ctx) {
    Value l = eval(b.lhs(), ctx);
    Value r = eval(b.rhs(), ctx);
    if (l == ERROR || r == ERROR) {
      return ERROR;
    }
    try {
      return switch (b.op()) {
        case OR -> Operations.or(l, r);
        case AND -> Operations.and(l, r);
        case EQUAL -> Operations.equal(l, r);
        case NOT_EQUAL -> Operations.notEqual(l, r);
        case GREATER_THAN -> Operations.greaterThan(l, r);
        case GREATER_OR_EQUAL -> Operations.greaterOrEqual(l, r);
        case LESS_THAN -> Operations.lessThan(l, r);
        case LESS_OR_EQUAL -> Operations.lessOrEqual(l, r);
        case ADD -> Operations.add(l, r);
        case SUBTRACT -> Operations.subtract(l, r);
        case MULTIPLY -> Operations.multiply(l, r);
        case DIVIDE -> Operations.divide(l, r);
        case MODULO -> Operations.modulo(l, r);
        case NOT, NEGATE -> throw new IllegalStateException("unary operator in binary node");
      };
    } catch (OperationException ex) {
      for (OperationException.Problem p : ex.problems()) {
        Range subject =
            switch (p.operandIndex()) {
              case 0 -> b.lhs().range();
              case 1 -> b.rhs().range();
              default -> b.range();
            };
        error(p.summary(), p.detail(), subject);
      }
      return ERROR;
    }
  }

  private Value unary(Expr.UnaryOp u, EvalContext ctx) {
    Value v = eval(u.operand(), ctx);
    if (v == ERROR) {
      return ERROR;
    }
    try {
      return u.op() == Operator.NOT ? Operations.not(v) : Operations.negate(v);
    } catch (OperationException ex) {
      return error(ex.summary(), ex.detail(), u.operand().range());
    }
  }

  // ---- constructors

  private Value object(Expr.ObjectCons o, EvalContext ctx) {
    Map<String, Value> attrs = new LinkedHashMap<>();
    boolean unknown = false;
    boolean failed = false;
    boolean sensitive = false;
    for (Expr.ObjectItem item : o.items()) {
      Value k = eval(item.key(), ctx);
      Value v = eval(item.value(), ctx);
      if (k == ERROR || v == ERROR) {
        failed = true;
        continue;
      }
      sensitive |= k.isSensitive();
      Value key = k.unmark();
      if (key instanceof NullValue) {
        error("Null value as key", "Can't use a null value as a key.", item.key().range());
        failed = true;
        continue;
      }
      if (key instanceof UnknownValue) {
        unknown = true;
        continue;
      }
      try {
        Value s = Convert.convert(key, Type.STRING);
        attrs.put(((StringValue) s).value(), v);
      } catch (ConversionException ex) {
        error(
            "Incorrect key type",
            "Can't use this value as a key: " + ex.describe() + ".",
            item.key().range());
        failed = true;
      }
    }
    if (failed) {
      return ERROR;
    }
    if (unknown) {
      return Value.UNKNOWN.markSensitiveIf(sensitive);
    }
    return new ObjectValue(attrs).markSensitiveIf(sensitive);
  }

  private Value forExpr(Expr.For f, EvalContext ctx) {
    Value collV = eval(f.collection(), ctx);
    if (collV == ERROR) {
      return ERROR;
    }
    boolean sensitive = collV.isSensitive();
    Value coll = collV.unmark();
    if (coll instanceof UnknownValue) {
      return Value.UNKNOWN.markSensitiveIf(sensitive);
    }
    List<Map.Entry<Value, Value>> elements = iterate(coll, f.collection().range(), "'for'");
    if (elements == null) {
      return ERROR;
    }
    List<Value> tupleOut = new ArrayList<>();
    Map<String, Value> objectOut = new LinkedHashMap<>();
    Map<String, List<Value>> groups = new LinkedHashMap<>();
    boolean unknown = false;
    for (Map.Entry<Value, Value> e : elements) {
      Map<String, Value> names = new LinkedHashMap<>();
      if (f.keyVar() != null) {
        names.put(f.keyVar(), e.getKey());
      }
      names.put(f.valueVar(), e.getValue());
      EvalContext inner = ctx.child(names);
      if (f.condition() != null) {
        Value c = eval(f.condition(), inner);
        if (c == ERROR) {
          return ERROR;
        }
        sensitive |= c.isSensitive();
        Value cu = c.unmark();
        if (cu instanceof NullValue) {
          return error(
              "Condition is null",
              "The value of the 'if' clause must not be null.",
              f.condition().range());
        }
        if (cu instanceof UnknownValue) {
          unknown = true;
          continue;
        }
        Value cb;
        try {
          cb = Convert.convert(cu, Type.BOOL);
        } catch (ConversionException ex) {
          return error(
              "Invalid 'for' condition",
              "The 'if' clause value is invalid: " + ex.describe() + ".",
              f.condition().range());
        }
        if (!((BoolValue) cb).value()) {
          continue;
        }
      }
      Value v = eval(f.valueExpr(), inner);
      if (v == ERROR) {
        return ERROR;
      }
      if (f.keyExpr() == null) {
        tupleOut.add(v);
        continue;
      }
      Value k = eval(f.keyExpr(), inner);
      if (k == ERROR) {
        return ERROR;
      }
      sensitive |= k.isSensitive();
      Value ku = k.unmark();
      if (ku instanceof NullValue) {
        return error(
            "Invalid object key",
            "Key expression in 'for' expression must not produce a null value.",
            f.keyExpr().range());
      }
      if (ku instanceof UnknownValue) {
        unknown = true;
        continue;
      }
      String key;
      try {
        key = ((StringValue) Convert.convert(ku, Type.STRING)).value();
      } catch (ConversionException ex) {
        return error(
            "Invalid object key",
            "The key expression produced an invalid result: " + ex.describe() + ".",
            f.keyExpr().range());
      }
      if (f.grouping()) {
        groups.computeIfAbsent(key, x -> new ArrayList<>()).add(v);
      } else {
        if (objectOut.containsKey(key)) {
          return error(
              "Duplicate object key",
              "Two different items produced the key \""
                  + key
                  + "\" in this 'for' expression. If duplicates are expected, use the ellipsis"
                  + " (...) after the value expression to enable grouping by key.",
              f.keyExpr().range());
        }
        objectOut.put(key, v);
      }
    }
    if (unknown) {
      return Value.UNKNOWN.markSensitiveIf(sensitive);
    }
    Value out;
    if (f.keyExpr() == null) {
      out = new TupleValue(tupleOut);
    } else if (f.grouping()) {
      Map<String, Value> g = new LinkedHashMap<>();
      groups.forEach((k, vs) -> g.put(k, new TupleValue(vs)));
      out = new ObjectValue(g);
    } else {
      out = new ObjectValue(objectOut);
    }
    return out.markSensitiveIf(sensitive);
  }

  /**
   * The (key, value) pairs a {@code for} iterates: index and element for sequences, key and element
   * for maps and objects, element and element for sets. Null when not iterable (the error is
   * reported).
   */
  private List<Map.Entry<Value, Value>> iterate(Value coll, Range range, String what) {
    List<Map.Entry<Value, Value>> out = new ArrayList<>();
    switch (coll) {
      case ListValue l -> {
        for (int i = 0; i < l.elements().size(); i++) {
          out.add(Map.entry(Value.of(i), l.elements().get(i)));
        }
      }
      case TupleValue t -> {
        for (int i = 0; i < t.elements().size(); i++) {
          out.add(Map.entry(Value.of(i), t.elements().get(i)));
        }
      }
      case SetValue s -> {
        for (Value e : s.elements()) {
          out.add(Map.entry(e, e));
        }
      }
      case MapValue m -> m.entries().forEach((k, v) -> out.add(Map.entry(Value.of(k), v)));
      case ObjectValue o -> o.attributes().forEach((k, v) -> out.add(Map.entry(Value.of(k), v)));
      case NullValue n -> {
        error(
            "Iteration over null value",
            "A null value cannot be used as the collection in a " + what + " expression.",
            range);
        return null;
      }
      default -> {
        error(
            "Iteration over non-iterable value",
            "A value of type "
                + coll.type().friendlyName()
                + " cannot be used as the collection in a "
                + what
                + " expression.",
            range);
        return null;
      }
    }
    return out;
  }
}
