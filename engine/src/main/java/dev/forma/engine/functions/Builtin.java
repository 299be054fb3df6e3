package dev.forma.engine.functions;

import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Convert;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A built-in function described by its parameters, a rule for its result type and a body.
 *
 * <p>Everything common to all functions happens here, once, in Terraform's order: the number of
 * arguments is checked; sensitive marks are taken off arguments whose parameter does not handle
 * them, to be put back on the result; null arguments are refused unless the parameter allows them;
 * every argument is converted to its parameter's type; when an argument is not wholly known and its
 * parameter does not handle unknowns, the result is an unknown value of the type the type rule
 * gives, and the body is not run.
 */
public final class Builtin implements Function {

  /** Computes the result type from the converted arguments (which may be unknown). */
  @FunctionalInterface
  public interface TypeRule {
    Type returnType(List<Value> args) throws FunctionException;
  }

  /** Computes the result from converted, unmarked (where asked), known (where asked) arguments. */
  @FunctionalInterface
  public interface Body {
    Value apply(CallArgs args) throws FunctionException;
  }

  private final String name;
  private final List<Param> params;
  private final Param variadic;
  private final TypeRule typeRule;
  private final Body body;

  private Builtin(String name, List<Param> params, Param variadic, TypeRule typeRule, Body body) {
    this.name = Objects.requireNonNull(name);
    this.params = List.copyOf(params);
    this.variadic = variadic;
    this.typeRule = Objects.requireNonNull(typeRule);
    this.body = Objects.requireNonNull(body);
  }

  /** Starts the description of a function of that name. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  /** The fixed parameters, in order. */
  public List<Param> params() {
    return params;
  }

  /** The parameter that takes every further argument, or null. */
  public Param variadic() {
    return variadic;
  }

  @Override
  public Value call(List<Value> args, CallContext context) throws FunctionException {
    checkArity(args.size());
    boolean sensitive = false;
    boolean unknownResult = false;
    boolean dynamicResult = false;
    List<Value> converted = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      Param p = i < params.size() ? params.get(i) : variadic;
      Value v = args.get(i);
      if (!p.allowMarked() && v.containsSensitive()) {
        sensitive = true;
        v = v.unmarkDeep();
      }
      if (!p.allowNull() && v.isNull()) {
        throw new FunctionException(i, p.name(), "argument must not be null");
      }
      if (!(p.type() instanceof Type.Dynamic)) {
        try {
          v = Convert.convert(v, p.type());
        } catch (ConversionException e) {
          throw new FunctionException(i, p.name(), conversionMessage(e, p.type()));
        }
      }
      if (!p.allowUnknown() && !v.isWhollyKnown()) {
        unknownResult = true;
        if (!v.isKnown() && !v.type().isKnownType() && !p.allowDynamicType()) {
          dynamicResult = true;
        }
      }
      converted.add(v);
    }
    Value result;
    if (unknownResult) {
      result = Value.unknown(dynamicResult ? Type.DYNAMIC : typeRule.returnType(converted));
    } else {
      Type returnType = typeRule.returnType(converted);
      result = body.apply(new CallArgs(List.copyOf(converted), returnType, context));
    }
    return result.markSensitiveIf(sensitive);
  }

  /**
   * Convert's message, except that a collection of "any" is named as Terraform names it for
   * function parameters: {@code list of any single type required}.
   */
  static String conversionMessage(ConversionException e, Type wanted) {
    Type element = wanted.elementType();
    if (e.isTypeMismatch() && e.path().isEmpty() && element instanceof Type.Dynamic) {
      String kind =
          wanted instanceof Type.ListType ? "list" : wanted instanceof Type.SetType ? "set" : "map";
      return kind + " of any single type required";
    }
    return e.describe();
  }

  private void checkArity(int count) throws FunctionException {
    int fixed = params.size();
    if (count < fixed) {
      String expects =
          variadic == null
              ? "expects " + fixed + " argument(s)"
              : "expects at least " + fixed + " argument(s)";
      throw FunctionException.withSummary(
          "Not enough function arguments",
          "Function \""
              + name
              + "\" "
              + expects
              + ". Missing value for \""
              + params.get(count).name()
              + "\".");
    }
    if (count > fixed && variadic == null) {
      throw FunctionException.withSummary(
          "Too many function arguments",
          "Function \"" + name + "\" expects only " + fixed + " argument(s).");
    }
  }

  /** Collects the parts of a {@link Builtin}. */
  public static final class Builder {
    private final String name;
    private final List<Param> params = new ArrayList<>();
    private Param variadic;
    private TypeRule typeRule;

    private Builder(String name) {
      this.name = name;
    }

    public Builder param(Param p) {
      params.add(p);
      return this;
    }

    public Builder param(String name, Type type) {
      return param(Param.of(name, type));
    }

    public Builder variadic(Param p) {
      variadic = p;
      return this;
    }

    public Builder returns(Type type) {
      typeRule = args -> type;
      return this;
    }

    public Builder returns(TypeRule rule) {
      typeRule = rule;
      return this;
    }

    public Builtin body(Body body) {
      return new Builtin(name, params, variadic, typeRule, body);
    }
  }
}
