package dev.forma.provider.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operators of the configuration language with Terraform's semantics. Arithmetic and comparison
 * convert their operands to number ({@code "1" + 2} is 3), logic to bool; numbers are computed as
 * Terraform does (see {@link Float512}). An unknown operand gives an unknown result of the
 * operator's type; a sensitive operand gives a sensitive result; a null operand is an error.
 * Equality compares deeply and by type ({@code "1" == 1} is false).
 */
public final class Operations {
  private static final String INVALID_OPERAND = "Invalid operand";
  private static final String OPERATION_FAILED = "Operation failed";

  private Operations() {}

  /** A numeric operation on two numbers already rounded to Terraform's precision. */
  private interface NumberOp {
    BigDecimal apply(BigDecimal a, BigDecimal b) throws OperationException;
  }

  public static Value add(Value a, Value b) throws OperationException {
    return arithmetic(a, b, (x, y) -> Float512.result(x.add(y)));
  }

  public static Value subtract(Value a, Value b) throws OperationException {
    return arithmetic(a, b, (x, y) -> Float512.result(x.subtract(y)));
  }

  public static Value multiply(Value a, Value b) throws OperationException {
    return arithmetic(a, b, (x, y) -> Float512.result(x.multiply(y)));
  }

  /**
   * {@code a / b}. Terraform yields an infinity for a non-zero number divided by zero; Forma's
   * numbers are finite, so that is an error here.
   */
  public static Value divide(Value a, Value b) throws OperationException {
    return arithmetic(
        a,
        b,
        (x, y) -> {
          if (y.signum() == 0) {
            throw failed(
                x.signum() == 0
                    ? "can't divide zero by zero or infinity by infinity"
                    : "can't divide by zero: the result would be infinite");
          }
          return Float512.quotient(x, y);
        });
  }

  /** {@code a % b}: the remainder of a truncated division, signed like {@code a}; x % 0 is x. */
  public static Value modulo(Value a, Value b) throws OperationException {
    return arithmetic(
        a,
        b,
        (x, y) -> {
          if (y.signum() == 0) {
            return Float512.result(x);
          }
          BigInteger q = x.divide(y, 0, RoundingMode.DOWN).toBigIntegerExact();
          return Float512.result(x.subtract(y.multiply(new BigDecimal(q))));
        });
  }

  public static Value negate(Value a) throws OperationException {
    Value n = unaryOperand(a, Type.NUMBER);
    if (!(n.unmark() instanceof NumberValue v)) {
      return n;
    }
    return Value.of(v.value().negate()).markSensitiveIf(n.isSensitive());
  }

  public static Value not(Value a) throws OperationException {
    Value n = unaryOperand(a, Type.BOOL);
    if (!(n.unmark() instanceof BoolValue v)) {
      return n;
    }
    return Value.of(!v.value()).markSensitiveIf(n.isSensitive());
  }

  public static Value and(Value a, Value b) throws OperationException {
    Value[] ops = operands(a, b, Type.BOOL, Type.BOOL);
    if (ops.length == 1) {
      return ops[0];
    }
    boolean r = ((BoolValue) ops[0].unmark()).value() && ((BoolValue) ops[1].unmark()).value();
    return Value.of(r).markSensitiveIf(ops[0].isSensitive() || ops[1].isSensitive());
  }

  public static Value or(Value a, Value b) throws OperationException {
    Value[] ops = operands(a, b, Type.BOOL, Type.BOOL);
    if (ops.length == 1) {
      return ops[0];
    }
    boolean r = ((BoolValue) ops[0].unmark()).value() || ((BoolValue) ops[1].unmark()).value();
    return Value.of(r).markSensitiveIf(ops[0].isSensitive() || ops[1].isSensitive());
  }

  public static Value lessThan(Value a, Value b) throws OperationException {
    return compare(a, b, c -> c < 0);
  }

  public static Value lessOrEqual(Value a, Value b) throws OperationException {
    return compare(a, b, c -> c <= 0);
  }

  public static Value greaterThan(Value a, Value b) throws OperationException {
    return compare(a, b, c -> c > 0);
  }

  public static Value greaterOrEqual(Value a, Value b) throws OperationException {
    return compare(a, b, c -> c >= 0);
  }

  /**
   * {@code a == b}: true for two nulls of any types, false for values of different types, unknown
   * when an unknown decides it. Never fails; declared to throw like the other operators.
   */
  public static Value equal(Value a, Value b) throws OperationException {
    boolean sensitive = a.containsSensitive() || b.containsSensitive();
    return equality(a.unmarkDeep(), b.unmarkDeep()).markSensitiveIf(sensitive);
  }

  /** {@code a != b}: the negation of {@link #equal}. */
  public static Value notEqual(Value a, Value b) throws OperationException {
    boolean sensitive = a.containsSensitive() || b.containsSensitive();
    Value eq = equality(a.unmarkDeep(), b.unmarkDeep());
    Value r = eq instanceof BoolValue bv ? Value.of(!bv.value()) : eq;
    return r.markSensitiveIf(sensitive);
  }

  /**
   * Deep equality as Terraform decides it (values unmarked): a true or false {@link BoolValue}, or
   * an unknown bool.
   */
  public static Value equality(Value a, Value b) {
    boolean ka = a.isKnown();
    boolean kb = b.isKnown();
    if (!ka || !kb) {
      if (!ka && !kb) {
        return Value.unknown(Type.BOOL);
      }
      Value known = ka ? a : b;
      Value unknown = ka ? b : a;
      if (known.isNull() || !unknown.type().isKnownType()) {
        return Value.unknown(Type.BOOL);
      }
      return known.type().equals(unknown.type()) ? Value.unknown(Type.BOOL) : Value.FALSE;
    }
    if (a.isNull() || b.isNull()) {
      return Value.of(a.isNull() && b.isNull());
    }
    if (!a.type().equals(b.type())) {
      return Value.FALSE;
    }
    return switch (a) {
      case ListValue l -> sequences(l.elements(), ((ListValue) b).elements());
      case TupleValue t -> sequences(t.elements(), ((TupleValue) b).elements());
      case SetValue s -> {
        List<Value> other = ((SetValue) b).elements();
        if (!s.isWhollyKnown() || !b.isWhollyKnown()) {
          yield Value.unknown(Type.BOOL);
        }
        yield Value.of(s.elements().size() == other.size() && s.elements().equals(other));
      }
      case MapValue m -> mappings(m.entries(), ((MapValue) b).entries());
      case ObjectValue o -> mappings(o.attributes(), ((ObjectValue) b).attributes());
      case NumberValue n -> Value.of(n.equals(b));
      case StringValue s -> Value.of(s.equals(b));
      case BoolValue x -> Value.of(x.equals(b));
      case NullValue n -> Value.TRUE;
      case UnknownValue u -> Value.unknown(Type.BOOL);
      case SensitiveValue s -> equality(s.inner(), b.unmark());
    };
  }

  private static Value sequences(List<Value> a, List<Value> b) {
    if (a.size() != b.size()) {
      return Value.FALSE;
    }
    for (int i = 0; i < a.size(); i++) {
      Value eq = equality(a.get(i), b.get(i));
      if (!(eq instanceof BoolValue bv) || !bv.value()) {
        return eq;
      }
    }
    return Value.TRUE;
  }

  private static Value mappings(Map<String, Value> a, Map<String, Value> b) {
    if (!a.keySet().equals(b.keySet())) {
      return Value.FALSE;
    }
    for (Map.Entry<String, Value> e : a.entrySet()) {
      Value eq = equality(e.getValue(), b.get(e.getKey()));
      if (!(eq instanceof BoolValue bv) || !bv.value()) {
        return eq;
      }
    }
    return Value.TRUE;
  }

  private interface Comparison {
    boolean test(int cmp);
  }

  private static Value compare(Value a, Value b, Comparison c) throws OperationException {
    Value[] ops = operands(a, b, Type.NUMBER, Type.BOOL);
    if (ops.length == 1) {
      return ops[0];
    }
    BigDecimal x = Float512.round(((NumberValue) ops[0].unmark()).value());
    BigDecimal y = Float512.round(((NumberValue) ops[1].unmark()).value());
    return Value.of(c.test(x.compareTo(y)))
        .markSensitiveIf(ops[0].isSensitive() || ops[1].isSensitive());
  }

  private static Value arithmetic(Value a, Value b, NumberOp op) throws OperationException {
    Value[] ops = operands(a, b, Type.NUMBER, Type.NUMBER);
    if (ops.length == 1) {
      return ops[0];
    }
    BigDecimal x = Float512.round(((NumberValue) ops[0].unmark()).value());
    BigDecimal y = Float512.round(((NumberValue) ops[1].unmark()).value());
    return Value.of(op.apply(x, y)).markSensitiveIf(ops[0].isSensitive() || ops[1].isSensitive());
  }

  /**
   * Both operands converted to {@code param}, or a one-element array holding the (unknown) result
   * when an operand is unknown. Nulls are errors, checked left to right together with unknowns, as
   * Terraform does.
   */
  private static Value[] operands(Value a, Value b, Type param, Type result)
      throws OperationException {
    List<OperationException.Problem> problems = new ArrayList<>();
    Value ca = convertOperand(a, param, "left operand", 0, problems);
    Value cb = convertOperand(b, param, "right operand", 1, problems);
    if (!problems.isEmpty()) {
      throw new OperationException(problems);
    }
    boolean sensitive = ca.isSensitive() || cb.isSensitive();
    for (Value v : new Value[] {ca, cb}) {
      if (v.isNull()) {
        throw failed("argument must not be null");
      }
      if (!v.isKnown()) {
        return new Value[] {Value.unknown(result).markSensitiveIf(sensitive)};
      }
    }
    return new Value[] {ca, cb};
  }

  private static Value unaryOperand(Value a, Type param) throws OperationException {
    List<OperationException.Problem> problems = new ArrayList<>();
    Value ca = convertOperand(a, param, "unary operand", 0, problems);
    if (!problems.isEmpty()) {
      throw new OperationException(problems);
    }
    if (ca.isNull()) {
      throw failed("argument must not be null");
    }
    if (!ca.isKnown()) {
      return Value.unknown(param).markSensitiveIf(ca.isSensitive());
    }
    return ca;
  }

  private static Value convertOperand(
      Value v, Type param, String which, int index, List<OperationException.Problem> problems) {
    try {
      return Convert.convert(v, param);
    } catch (ConversionException e) {
      problems.add(
          new OperationException.Problem(
              index, INVALID_OPERAND, "Unsuitable value for " + which + ": " + e.describe() + "."));
      return v;
    }
  }

  private static OperationException failed(String message) {
    return new OperationException(-1, OPERATION_FAILED, "Error during operation: " + message + ".");
  }
}
