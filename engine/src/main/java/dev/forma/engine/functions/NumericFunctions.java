package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.DYNAMIC;
import static dev.forma.provider.api.value.Type.NUMBER;

import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/** abs, ceil, floor, log, max, min, parseint, pow, signum. */
final class NumericFunctions {
  private NumericFunctions() {}

  static List<Builtin> all() {
    return List.of(
        Builtin.named("abs")
            .param("num", NUMBER)
            .returns(NUMBER)
            .body(a -> Value.of(a.number(0).abs())),
        Builtin.named("ceil")
            .param("num", NUMBER)
            .returns(NUMBER)
            .body(a -> Value.of(a.number(0).setScale(0, RoundingMode.CEILING))),
        Builtin.named("floor")
            .param("num", NUMBER)
            .returns(NUMBER)
            .body(a -> Value.of(a.number(0).setScale(0, RoundingMode.FLOOR))),
        Builtin.named("log")
            .param("num", NUMBER)
            .param("base", NUMBER)
            .returns(NUMBER)
            .body(
                a ->
                    Values.fromDouble(
                        Math.log(a.number(0).doubleValue()) / Math.log(a.number(1).doubleValue()))),
        Builtin.named("pow")
            .param("num", NUMBER)
            .param("power", NUMBER)
            .returns(NUMBER)
            .body(
                a ->
                    Values.fromDouble(
                        Math.pow(a.number(0).doubleValue(), a.number(1).doubleValue()))),
        Builtin.named("signum")
            .param("num", NUMBER)
            .returns(NUMBER)
            .body(a -> Value.of(a.number(0).signum())),
        Builtin.named("max")
            .variadic(Param.of("numbers", NUMBER))
            .returns(NUMBER)
            .body(a -> extreme(a, 1)),
        Builtin.named("min")
            .variadic(Param.of("numbers", NUMBER))
            .returns(NUMBER)
            .body(a -> extreme(a, -1)),
        Builtin.named("parseint")
            .param(Param.of("number", DYNAMIC))
            .param("base", NUMBER)
            .returns(NUMBER)
            .body(NumericFunctions::parseint));
  }

  private static Value extreme(CallArgs a, int sign) throws FunctionException {
    if (a.size() == 0) {
      throw new FunctionException("must pass at least one number");
    }
    BigDecimal best = a.number(0);
    for (int i = 1; i < a.size(); i++) {
      BigDecimal n = a.number(i);
      if (n.compareTo(best) * sign > 0) {
        best = n;
      }
    }
    return Value.of(best);
  }

  private static Value parseint(CallArgs a) throws FunctionException {
    Value num = a.get(0);
    if (!(num.unmark() instanceof StringValue)) {
      throw new FunctionException(
          0, "number", "first argument must be a string, not " + num.type().friendlyName());
    }
    Long base = Values.toLong(a.number(1));
    if (base == null) {
      throw new FunctionException(1, "base", Values.WHOLE_NUMBER);
    }
    if (base < 2 || base > 62) {
      throw new FunctionException(
          1, "base", "base must be a whole number between 2 and 62 inclusive");
    }
    String s = a.string(0);
    BigInteger parsed = parseBigInteger(s, base.intValue());
    if (parsed == null) {
      throw new FunctionException(
          0, "number", "cannot parse \"" + s + "\" as a base " + base + " integer");
    }
    return new NumberValue(new BigDecimal(parsed));
  }

  /** Parses an optionally signed integer in base 2 to 62 (digits 0-9, a-z, A-Z), or null. */
  private static BigInteger parseBigInteger(String s, int base) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == s.length()) {
      return null;
    }
    BigInteger result = BigInteger.ZERO;
    BigInteger b = BigInteger.valueOf(base);
    for (; i < s.length(); i++) {
      int d = digit(s.charAt(i), base);
      if (d < 0 || d >= base) {
        return null;
      }
      result = result.multiply(b).add(BigInteger.valueOf(d));
    }
    return negative ? result.negate() : result;
  }

  private static int digit(char c, int base) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'Z') {
      return base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
    }
    return -1;
  }
}
