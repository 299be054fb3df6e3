package dev.forma.engine.config;

import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
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
import dev.forma.provider.api.value.TypeConstraint;
import dev.forma.provider.api.value.UnknownValue;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads type-constraint expressions ({@code string}, {@code list(number)}, {@code object({name =
 * string, port = optional(number, 80)})}, {@code any}) into {@link TypeConstraint}s, with
 * Terraform's "Invalid type specification" diagnostics, and applies {@code optional} defaults to
 * values as Terraform does. This is the one place in this package that reads syntax: defaults are
 * constant expressions, evaluated here without variables or functions.
 */
public final class TypeConstraints {
  private static final String INVALID = "Invalid type specification";
  private static final String NOT_A_TYPE =
      "A type specification is either a primitive type keyword (bool, number, string) or a"
          + " complex type constructor call, like list(string).";
  private static final String OPTIONAL_ONLY_IN_OBJECT =
      "Keyword \"optional\" is valid only as a modifier for object type attributes.";

  private TypeConstraints() {}

  /**
   * The constraint {@code expr} denotes. On errors the value is a constraint of {@code any} and the
   * diagnostics say what is wrong, at the offending part of the expression.
   */
  public static Result<TypeConstraint> parse(Expr expr) {
    Diagnostics diags = new Diagnostics();
    TypeConstraint c = new Reader(diags).read(expr, false);
    if (diags.hasErrors()) {
      return new Result<>(TypeConstraint.of(Type.DYNAMIC), diags);
    }
    return new Result<>(c, diags);
  }

  /** The constraint's type alone, for places where defaults are not allowed to matter. */
  public static Result<Type> parseType(Expr expr) {
    Result<TypeConstraint> r = parse(expr);
    return new Result<>(r.value().type(), r.diagnostics());
  }

  private static final class Reader {
    private final Diagnostics diags;

    Reader(Diagnostics diags) {
      this.diags = diags;
    }

    private TypeConstraint fail(String detail, Range range) {
      diags.add(Diagnostic.error(INVALID, detail, range));
      return TypeConstraint.of(Type.DYNAMIC);
    }

    TypeConstraint read(Expr expr, boolean inObjectAttribute) {
      return switch (expr) {
        case Expr.ScopeTraversal t -> keyword(t);
        case Expr.FunctionCall f -> call(f, inObjectAttribute);
        case Expr.Template t -> quoted(t);
        default -> fail(NOT_A_TYPE, expr.range());
      };
    }

    private TypeConstraint keyword(Expr.ScopeTraversal t) {
      if (t.traversal().size() != 1) {
        return fail(NOT_A_TYPE, t.range());
      }
      String name = t.rootName();
      return switch (name) {
        case "string" -> TypeConstraint.of(Type.STRING);
        case "number" -> TypeConstraint.of(Type.NUMBER);
        case "bool" -> TypeConstraint.of(Type.BOOL);
        case "any" -> TypeConstraint.of(Type.DYNAMIC);
        case "list" -> TypeConstraint.of(Type.list(Type.DYNAMIC));
        case "map" -> TypeConstraint.of(Type.map(Type.DYNAMIC));
        case "set" -> fail(collectionArity("set"), t.range());
        case "object" -> fail(objectArity(), t.range());
        case "tuple" -> fail(tupleArity(), t.range());
        case "optional" -> fail(OPTIONAL_ONLY_IN_OBJECT, t.range());
        default ->
            fail("The keyword \"" + name + "\" is not a valid type specification.", t.range());
      };
    }

    private static String collectionArity(String kind) {
      return "The " + kind + " type constructor requires one argument specifying the element type.";
    }

    private static String objectArity() {
      return "The object type constructor requires one argument specifying the attribute types"
          + " and values as a map.";
    }

    private static String tupleArity() {
      return "The tuple type constructor requires one argument specifying the element types as a"
          + " list.";
    }

    private TypeConstraint quoted(Expr.Template t) {
      String text = null;
      if (t.parts().size() == 1 && t.parts().getFirst() instanceof Expr.Literal l) {
        text = l.value() instanceof StringValue s ? s.value() : null;
      }
      String prefix =
          "Terraform 0.11 and earlier required type constraints to be given in quotes, but that"
              + " form is now deprecated and will be removed in a future version of Forma. Remove"
              + " the quotes around \"";
      String detail =
          switch (text == null ? "" : text) {
            case "string" -> prefix + "string\".";
            case "list" ->
                prefix
                    + "list\" and write list(string) instead to explicitly indicate that the list"
                    + " elements are strings.";
            case "map" ->
                prefix
                    + "map\" and write map(string) instead to explicitly indicate that the map"
                    + " elements are strings.";
            default -> null;
          };
      if (detail != null) {
        diags.add(Diagnostic.error("Invalid quoted type constraints", detail, t.range()));
      } else {
        diags.add(
            Diagnostic.error(
                "Invalid legacy variable type hint",
                "To provide a full type expression, remove the surrounding quotes and give the"
                    + " type expression directly.",
                t.range()));
      }
      return TypeConstraint.of(Type.DYNAMIC);
    }

    private static Range parens(Expr.FunctionCall f) {
      // an unterminated call (a syntax error already reported) has no closing parenthesis
      return f.closeParenRange() == null
          ? f.openParenRange().to(f.range())
          : f.openParenRange().to(f.closeParenRange());
    }

    private static Range extraArgs(Expr.FunctionCall f) {
      return f.args().get(1).range().to(f.args().getLast().range());
    }

    private static Range arityRange(Expr.FunctionCall f) {
      return f.args().isEmpty() ? parens(f) : extraArgs(f);
    }

    private TypeConstraint call(Expr.FunctionCall f, boolean inObjectAttribute) {
      String name = f.name();
      switch (name) {
        case "string", "number", "bool" -> {
          return fail(
              "Primitive type keyword \"" + name + "\" does not expect arguments.", parens(f));
        }
        case "any" -> {
          return fail("Type constraint keyword \"any\" does not expect arguments.", parens(f));
        }
        case "list", "set", "map" -> {
          if (f.args().size() != 1) {
            return fail(collectionArity(name), arityRange(f));
          }
          TypeConstraint elem = read(f.args().getFirst(), false);
          Type t =
              switch (name) {
                case "list" -> Type.list(elem.type());
                case "set" -> Type.set(elem.type());
                default -> Type.map(elem.type());
              };
          return new TypeConstraint(
              t, Map.of(), elem.hasDefaults() ? Map.of(TypeConstraint.ELEMENT, elem) : Map.of());
        }
        case "tuple" -> {
          if (f.args().size() != 1) {
            return fail(tupleArity(), arityRange(f));
          }
          if (!(f.args().getFirst() instanceof Expr.TupleCons tc)) {
            return fail(
                "Tuple type constructor requires a list of element types.",
                f.args().getFirst().range());
          }
          List<Type> elems = new ArrayList<>();
          Map<String, TypeConstraint> children = new TreeMap<>();
          for (int i = 0; i < tc.elements().size(); i++) {
            TypeConstraint e = read(tc.elements().get(i), false);
            elems.add(e.type());
            if (e.hasDefaults()) {
              children.put(Integer.toString(i), e);
            }
          }
          return new TypeConstraint(Type.tuple(elems), Map.of(), children);
        }
        case "object" -> {
          if (f.args().size() != 1) {
            return fail(objectArity(), arityRange(f));
          }
          if (!(f.args().getFirst() instanceof Expr.ObjectCons oc)) {
            return fail(
                "Object type constructor requires a map whose keys are attribute names and whose"
                    + " values are the corresponding attribute types.",
                f.args().getFirst().range());
          }
          return object(oc);
        }
        case "optional" -> {
          return fail(OPTIONAL_ONLY_IN_OBJECT, f.nameRange());
        }
        default -> {
          return fail("Keyword \"" + name + "\" is not a valid type constructor.", f.range());
        }
      }
    }

    private TypeConstraint object(Expr.ObjectCons oc) {
      TreeMap<String, Type> attrs = new TreeMap<>();
      Set<String> optional = new HashSet<>();
      Map<String, Value> defaults = new LinkedHashMap<>();
      Map<String, TypeConstraint> children = new LinkedHashMap<>();
      for (Expr.ObjectItem item : oc.items()) {
        String name = attributeName(item);
        if (name == null) {
          fail("Object constructor map keys must be attribute names.", item.key().range());
          continue;
        }
        if (attrs.containsKey(name)) {
          fail("Object constructor map keys must be unique.", item.key().range());
          continue;
        }
        Expr valueExpr = item.value();
        if (valueExpr instanceof Expr.FunctionCall f && f.name().equals("optional")) {
          optional.add(name);
          if (f.args().isEmpty()) {
            fail(
                "Optional attribute modifier requires the attribute type as its argument.",
                parens(f));
            attrs.put(name, Type.DYNAMIC);
            continue;
          }
          if (f.args().size() > 2) {
            fail(
                "Optional attribute modifier expects at most two arguments: the attribute type,"
                    + " and a default value.",
                parens(f));
            attrs.put(name, Type.DYNAMIC);
            continue;
          }
          TypeConstraint attr = read(f.args().getFirst(), true);
          attrs.put(name, attr.type());
          if (attr.hasDefaults()) {
            children.put(name, attr);
          }
          if (f.args().size() == 2) {
            Value d = defaultValue(f.args().get(1), attr);
            if (d != null && !d.isNull()) {
              defaults.put(name, d);
            }
          }
          continue;
        }
        TypeConstraint attr = read(valueExpr, true);
        attrs.put(name, attr.type());
        if (attr.hasDefaults()) {
          children.put(name, attr);
        }
      }
      return new TypeConstraint(new Type.ObjectType(attrs, optional), defaults, children);
    }

    private static String attributeName(Expr.ObjectItem item) {
      if (!item.bareKey()) {
        return null;
      }
      if (item.key() instanceof Expr.Literal l && l.value() instanceof StringValue s) {
        return s.value();
      }
      if (item.key() instanceof Expr.Template t
          && t.parts().size() == 1
          && t.parts().getFirst() instanceof Expr.Literal l
          && l.value() instanceof StringValue s) {
        return s.value();
      }
      if (item.key() instanceof Expr.ScopeTraversal st && st.traversal().size() == 1) {
        return st.rootName();
      }
      return null;
    }

    /** The default's value converted to the attribute's type, or null after a diagnostic. */
    private Value defaultValue(Expr expr, TypeConstraint attr) {
      Value v = new ConstantEvaluator(diags).eval(expr);
      if (v == null) {
        return null;
      }
      try {
        return Convert.convert(applyDefaults(v, attr), attr.type());
      } catch (ConversionException e) {
        diags.add(
            Diagnostic.error(
                "Invalid default value for optional attribute",
                "This default value is not compatible with the attribute's type constraint: "
                    + e.describe()
                    + ".",
                expr.range()));
        return null;
      }
    }
  }

  /**
   * Evaluates the constant expressions allowed as defaults: literals, templates, tuple and object
   * constructors and operators over them. References and function calls are errors, worded as
   * Terraform words them.
   */
  private static final class ConstantEvaluator {
    private final Diagnostics diags;

    ConstantEvaluator(Diagnostics diags) {
      this.diags = diags;
    }

    Value eval(Expr e) {
      return switch (e) {
        case Expr.Literal l -> l.value();
        case Expr.Parens p -> eval(p.inner());
        case Expr.TemplateWrap w -> eval(w.wrapped());
        case Expr.Template t -> template(t);
        case Expr.TupleCons t -> {
          List<Value> out = new ArrayList<>();
          for (Expr x : t.elements()) {
            Value v = eval(x);
            if (v == null) {
              yield null;
            }
            out.add(v);
          }
          yield Value.tuple(out);
        }
        case Expr.ObjectCons o -> object(o);
        case Expr.ScopeTraversal s -> variables(s.range());
        case Expr.RelativeTraversal r -> eval(r.source()) == null ? null : variables(r.range());
        case Expr.SplatItem s -> variables(s.range());
        case Expr.FunctionCall f -> {
          diags.add(
              Diagnostic.error(
                  "Function calls not allowed", "Functions may not be called here.", f.range()));
          yield null;
        }
        case Expr.UnaryOp u -> {
          Value v = eval(u.operand());
          yield v == null ? null : operate(u.range(), () -> unary(u, v));
        }
        case Expr.BinaryOp b -> {
          Value l = eval(b.lhs());
          Value r = eval(b.rhs());
          yield l == null || r == null ? null : operate(b.range(), () -> binary(b, l, r));
        }
        case Expr.Conditional c -> {
          Value cond = eval(c.condition());
          if (cond == null) {
            yield null;
          }
          Value t = eval(c.trueResult());
          Value f = eval(c.falseResult());
          if (t == null || f == null) {
            yield null;
          }
          yield Value.TRUE.equals(cond.unmark()) ? t : f;
        }
        case Expr.Index i -> nonConstant(i.range());
        case Expr.Splat s -> nonConstant(s.range());
        case Expr.For f -> nonConstant(f.range());
        case Expr.TemplateIf t -> nonConstant(t.range());
        case Expr.TemplateFor t -> nonConstant(t.range());
      };
    }

    private Value variables(Range r) {
      diags.add(Diagnostic.error("Variables not allowed", "Variables may not be used here.", r));
      return null;
    }

    private Value nonConstant(Range r) {
      diags.add(
          Diagnostic.error(
              "Invalid default value for optional attribute",
              "A default value must be a constant: a literal, or a list or object of literals.",
              r));
      return null;
    }

    private Value template(Expr.Template t) {
      StringBuilder sb = new StringBuilder();
      for (Expr part : t.parts()) {
        Value v = eval(part);
        if (v == null) {
          return null;
        }
        try {
          Value s = Convert.convert(v, Type.STRING);
          if (s.isNull()) {
            diags.add(
                Diagnostic.error(
                    "Invalid template interpolation value",
                    "The expression result is null. Cannot include a null value in a string"
                        + " template.",
                    part.range()));
            return null;
          }
          sb.append(((StringValue) s.unmark()).value());
        } catch (ConversionException e) {
          diags.add(
              Diagnostic.error(
                  "Invalid template interpolation value",
                  "Cannot include the given value in a string template: " + e.describe() + ".",
                  part.range()));
          return null;
        }
      }
      return Value.of(sb.toString());
    }

    private Value object(Expr.ObjectCons o) {
      Map<String, Value> out = new LinkedHashMap<>();
      for (Expr.ObjectItem item : o.items()) {
        String key = null;
        if (item.bareKey() && item.key() instanceof Expr.ScopeTraversal st) {
          key = st.rootName();
        } else {
          Value k = eval(item.key());
          if (k == null) {
            return null;
          }
          try {
            Value ks = Convert.convert(k, Type.STRING);
            if (ks.isNull()) {
              diags.add(
                  Diagnostic.error(
                      "Invalid object key",
                      "Key expression in object constructor must not be null.",
                      item.key().range()));
              return null;
            }
            key = ((StringValue) ks.unmark()).value();
          } catch (ConversionException e) {
            diags.add(
                Diagnostic.error(
                    "Incorrect key type",
                    "Can't use this value as a key: " + e.describe() + ".",
                    item.key().range()));
            return null;
          }
        }
        Value v = eval(item.value());
        if (v == null) {
          return null;
        }
        out.put(key, v);
      }
      return Value.object(out);
    }

    private interface Op {
      Value apply() throws OperationException;
    }

    private Value operate(Range range, Op op) {
      try {
        return op.apply();
      } catch (OperationException e) {
        for (OperationException.Problem p : e.problems()) {
          diags.add(Diagnostic.error(p.summary(), p.detail(), range));
        }
        return null;
      }
    }

    private static Value unary(Expr.UnaryOp u, Value v) throws OperationException {
      return switch (u.op()) {
        case NOT -> Operations.not(v);
        default -> Operations.negate(v);
      };
    }

    private static Value binary(Expr.BinaryOp b, Value l, Value r) throws OperationException {
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
        case NOT, NEGATE -> throw new IllegalStateException("unary operator in a binary node");
      };
    }
  }

  /**
   * {@code v} with the constraint's defaults filled in where an optional attribute is absent or
   * null, at every depth, as Terraform does before converting a value to its constraint. Nulls and
   * unknowns are left alone; sensitive marks are kept.
   */
  public static Value applyDefaults(Value v, TypeConstraint c) {
    if (!c.hasDefaults()) {
      return v;
    }
    return switch (v) {
      case SensitiveValue s -> applyDefaults(s.inner(), c).markSensitive();
      case NullValue n -> n;
      case UnknownValue u -> u;
      case BoolValue b -> b;
      case NumberValue n -> n;
      case StringValue s -> s;
      case ObjectValue o -> {
        if (c.type() instanceof Type.ObjectType) {
          Map<String, Value> out = new LinkedHashMap<>(o.attributes());
          c.defaults()
              .forEach(
                  (name, d) -> {
                    Value have = out.get(name);
                    if (have == null || have.isNull()) {
                      out.put(name, d);
                    }
                  });
          c.children()
              .forEach(
                  (name, child) -> {
                    Value have = out.get(name);
                    if (have != null) {
                      out.put(name, applyDefaults(have, child));
                    }
                  });
          yield Value.object(out);
        }
        TypeConstraint elem = c.children().get(TypeConstraint.ELEMENT);
        if (elem == null) {
          yield o;
        }
        Map<String, Value> out = new LinkedHashMap<>();
        o.attributes().forEach((k, x) -> out.put(k, applyDefaults(x, elem)));
        yield Value.object(out);
      }
      case MapValue m -> {
        TypeConstraint elem = c.children().get(TypeConstraint.ELEMENT);
        if (elem == null) {
          yield m;
        }
        Map<String, Value> out = new LinkedHashMap<>();
        m.entries().forEach((k, x) -> out.put(k, applyDefaults(x, elem)));
        yield mapOf(m.elementType(), out);
      }
      case TupleValue t -> {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < t.elements().size(); i++) {
          TypeConstraint elem =
              c.type() instanceof Type.TupleType
                  ? c.children().get(Integer.toString(i))
                  : c.children().get(TypeConstraint.ELEMENT);
          out.add(elem == null ? t.elements().get(i) : applyDefaults(t.elements().get(i), elem));
        }
        yield Value.tuple(out);
      }
      case ListValue l -> {
        TypeConstraint elem = c.children().get(TypeConstraint.ELEMENT);
        yield elem == null ? l : sequence(l.elements(), elem, false);
      }
      case SetValue s -> {
        TypeConstraint elem = c.children().get(TypeConstraint.ELEMENT);
        yield elem == null ? s : sequence(s.elements(), elem, true);
      }
    };
  }

  /**
   * A list or set after defaults: its elements may now differ in type (an attribute gained a
   * value), so the result is unified again, or left as a tuple for conversion to sort out.
   */
  private static Value sequence(List<Value> elems, TypeConstraint elem, boolean set) {
    List<Value> out = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    for (Value x : elems) {
      Value y = applyDefaults(x, elem);
      out.add(y);
      types.add(y.type());
    }
    Type u = Convert.unify(types);
    if (u == null) {
      return Value.tuple(out);
    }
    try {
      List<Value> converted = new ArrayList<>();
      for (Value y : out) {
        converted.add(Convert.convert(y, u));
      }
      return set ? Value.set(u, converted) : Value.list(u, converted);
    } catch (ConversionException e) {
      return Value.tuple(out);
    }
  }

  private static Value mapOf(Type elementType, Map<String, Value> entries) {
    List<Type> types = new ArrayList<>();
    entries.values().forEach(x -> types.add(x.type()));
    Type u = Convert.unify(types);
    if (u == null) {
      return Value.object(entries);
    }
    try {
      Map<String, Value> converted = new LinkedHashMap<>();
      for (Map.Entry<String, Value> e : entries.entrySet()) {
        converted.put(e.getKey(), Convert.convert(e.getValue(), u));
      }
      return Value.map(entries.isEmpty() ? elementType : u, converted);
    } catch (ConversionException e) {
      return Value.object(entries);
    }
  }

  /**
   * {@code v} made to fit the constraint: defaults applied, then converted to its type, as
   * Terraform prepares a variable's value.
   */
  public static Value convert(Value v, TypeConstraint c) throws ConversionException {
    return Convert.convert(applyDefaults(v, c), c.type());
  }
}
