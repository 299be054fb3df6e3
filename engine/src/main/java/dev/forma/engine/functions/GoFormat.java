package dev.forma.engine.functions;

import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Convert;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Terraform's {@code format} verbs: {@code %v %#v %t %d %b %o %x %X %e %E %f %F %g %G %s %q %%}
 * with flags {@code + - # 0 space}, width, precision and explicit argument indexes {@code %[n]}.
 * Numbers are formatted as Terraform's 512-bit binary floats would be.
 */
final class GoFormat {
  private GoFormat() {}

  /** The formatted string; arguments are known and unmarked. Error messages are Terraform's. */
  static String format(String fmt, List<Value> args) throws FunctionException {
    StringBuilder out = new StringBuilder();
    int argNext = 0;
    int maxUsed = 0;
    boolean anyVerb = false;
    int i = 0;
    while (i < fmt.length()) {
      char c = fmt.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      int start = i;
      i++;
      if (i >= fmt.length()) {
        throw new FunctionException("invalid format string starting at offset " + i);
      }
      if (fmt.charAt(i) == '%') {
        out.append('%');
        i++;
        continue;
      }
      Spec spec = new Spec();
      while (i < fmt.length() && "+-# 0".indexOf(fmt.charAt(i)) >= 0) {
        switch (fmt.charAt(i)) {
          case '+' -> spec.plus = true;
          case '-' -> spec.minus = true;
          case '#' -> spec.sharp = true;
          case ' ' -> spec.space = true;
          default -> spec.zero = true;
        }
        i++;
      }
      if (i < fmt.length() && fmt.charAt(i) == '[') {
        int j = i + 1;
        while (j < fmt.length() && Character.isDigit(fmt.charAt(j))) {
          j++;
        }
        if (j == i + 1 || j >= fmt.length() || fmt.charAt(j) != ']') {
          int bad = j < fmt.length() ? j : fmt.length();
          if (bad >= fmt.length()) {
            throw new FunctionException("invalid format string starting at offset " + bad);
          }
          throw new FunctionException(
              "unrecognized format character '" + fmt.charAt(bad) + "' at offset " + bad);
        }
        argNext = Integer.parseInt(fmt.substring(i + 1, j)) - 1;
        i = j + 1;
      }
      int ws = i;
      while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
        i++;
      }
      if (i > ws) {
        spec.width = bounded(fmt.substring(ws, i));
      }
      if (i < fmt.length() && fmt.charAt(i) == '.') {
        i++;
        int ps = i;
        while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
          i++;
        }
        spec.precision = i > ps ? bounded(fmt.substring(ps, i)) : 0;
      }
      if (i >= fmt.length()) {
        throw new FunctionException("invalid format string starting at offset " + i);
      }
      char verb = fmt.charAt(i);
      i++;
      String verbText = fmt.substring(start, i);
      if ("vtdboxXeEfFgGsq".indexOf(verb) < 0) {
        if (Character.isLetter(verb)) {
          throw new FunctionException(
              "unsupported format verb '" + verb + "' in \"" + verbText + "\" at offset " + start);
        }
        throw new FunctionException(
            "unrecognized format character '" + verb + "' at offset " + (i - 1));
      }
      anyVerb = true;
      if (argNext >= args.size()) {
        throw new FunctionException(
            "not enough arguments for \""
                + verbText
                + "\" at "
                + start
                + ": need index "
                + (argNext + 1)
                + " but have "
                + args.size()
                + " total");
      }
      Value arg = args.get(argNext);
      argNext++;
      maxUsed = Math.max(maxUsed, argNext);
      try {
        out.append(formatOne(spec, verb, arg));
      } catch (BadValue e) {
        throw new FunctionException(
            "unsupported value for \"" + verbText + "\" at " + start + ": " + e.getMessage());
      }
    }
    if (maxUsed < args.size()) {
      throw new FunctionException(
          maxUsed + 1,
          "args",
          anyVerb
              ? "too many arguments; only " + maxUsed + " used by format string"
              : "too many arguments; no verbs in format string");
    }
    return out.toString();
  }

  private static final class Spec {
    boolean plus;
    boolean minus;
    boolean sharp;
    boolean space;
    boolean zero;
    int width = -1;
    int precision = -1;
  }

  private static String formatOne(Spec spec, char verb, Value arg) throws BadValue {
    if (arg.isNull() && verb != 'v') {
      throw new BadValue("null value cannot be formatted");
    }
    return switch (verb) {
      case 'v' -> {
        if (spec.sharp || !(arg.type().isPrimitive()) || arg.isNull()) {
          yield pad(spec, json(arg));
        }
        if (arg.unmark() instanceof NumberValue n) {
          Spec g = new Spec();
          g.width = spec.width;
          g.minus = spec.minus;
          g.zero = spec.zero;
          g.plus = spec.plus;
          g.space = spec.space;
          yield number(g, 'g', n.value());
        }
        yield pad(spec, str(convert(arg, Type.STRING)));
      }
      case 't' -> Values.bool(convert(arg, Type.BOOL)) ? "true" : "false";
      case 's' -> {
        String s = str(convert(arg, Type.STRING));
        yield pad(spec, truncate(s, spec.precision));
      }
      case 'q' -> {
        String s = str(convert(arg, Type.STRING));
        yield pad(spec, quote(truncate(s, spec.precision)));
      }
      default -> {
        BigDecimal n = Values.num(convert(arg, Type.NUMBER));
        yield number(spec, verb, n);
      }
    };
  }

  private static String str(Value v) {
    return ((StringValue) v.unmark()).value();
  }

  private static String truncate(String s, int precision) {
    if (precision < 0 || s.codePointCount(0, s.length()) <= precision) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, precision));
  }

  /** Go's fmt refuses a width or precision above a million for numbers (its tooLarge). */
  private static final int GO_MAX_WIDTH = 1_000_000;

  /** A width or precision; any beyond an int is as good as the largest. */
  private static int bounded(String digits) {
    return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private static String number(Spec spec, char verb, BigDecimal n) throws BadValue {
    if (spec.width > GO_MAX_WIDTH || spec.precision > GO_MAX_WIDTH) {
      // What Terraform prints: Go's fmt skips the too-long number and finds no verb.
      boolean integral = "dboxX".indexOf(verb) >= 0;
      return "%!(NOVERB)%!(EXTRA "
          + (integral ? "*big.Int=" : "*big.Float=")
          + n.stripTrailingZeros().toPlainString()
          + ")";
    }
    boolean negative = n.signum() < 0;
    BigDecimal abs = n.abs();
    String body;
    switch (verb) {
      case 'd', 'b', 'o', 'x', 'X' -> {
        BigInteger whole;
        try {
          whole = abs.toBigIntegerExact();
        } catch (ArithmeticException e) {
          throw new BadValue("an integer is required");
        }
        int radix =
            switch (verb) {
              case 'b' -> 2;
              case 'o' -> 8;
              case 'd' -> 10;
              default -> 16;
            };
        body = whole.toString(radix);
        if (verb == 'X') {
          body = body.toUpperCase(java.util.Locale.ROOT);
        }
        if (spec.precision >= 0 && body.length() < spec.precision) {
          body = "0".repeat(spec.precision - body.length()) + body;
        }
        if (spec.sharp) {
          body =
              switch (verb) {
                case 'x' -> "0x" + body;
                case 'X' -> "0X" + body;
                case 'o' -> body.startsWith("0") ? body : "0" + body;
                case 'b' -> "0b" + body;
                default -> body;
              };
        }
      }
      case 'f', 'F' -> {
        int p = spec.precision < 0 ? 6 : spec.precision;
        body = binary(abs).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
      }
      case 'e', 'E' -> {
        body = scientific(binary(abs), spec.precision < 0 ? 6 : spec.precision);
        if (verb == 'E') {
          body = body.toUpperCase(java.util.Locale.ROOT);
        }
      }
      default -> {
        body = general(abs, spec.precision);
        if (verb == 'G') {
          body = body.toUpperCase(java.util.Locale.ROOT);
        }
      }
    }
    String sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    return padNumber(spec, sign, body);
  }

  /** Go's %g: shortest digits with exponent threshold 6, or the given significant digits. */
  private static String general(BigDecimal abs, int precision) {
    BigDecimal digitsValue;
    int eprec;
    if (precision < 0) {
      digitsValue = abs.signum() == 0 ? BigDecimal.ZERO : abs.stripTrailingZeros();
      eprec = 6;
    } else {
      int p = precision == 0 ? 1 : precision;
      digitsValue =
          abs.signum() == 0
              ? BigDecimal.ZERO
              : binary(abs).round(new MathContext(p, RoundingMode.HALF_EVEN)).stripTrailingZeros();
      eprec = p;
    }
    String digits = digitsValue.signum() == 0 ? "0" : digitsValue.unscaledValue().toString();
    int nd = digits.length();
    int dp = digitsValue.signum() == 0 ? 1 : nd - digitsValue.scale();
    if (precision >= 0 && eprec > nd && nd >= dp) {
      eprec = nd;
    }
    int exp = dp - 1;
    if (exp < -4 || exp >= eprec) {
      return scientific(digitsValue, nd - 1);
    }
    return digitsValue.setScale(Math.max(nd - dp, 0), RoundingMode.HALF_EVEN).toPlainString();
  }

  /** d.ddde+XX with {@code prec} digits after the point. */
  private static String scientific(BigDecimal abs, int prec) {
    if (abs.signum() == 0) {
      return (prec > 0 ? "0." + "0".repeat(prec) : "0") + "e+00";
    }
    BigDecimal r = abs.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
    String digits = r.unscaledValue().toString();
    int exp = digits.length() - r.scale() - 1;
    // Normalise the digit string to exactly prec + 1 digits.
    if (digits.length() < prec + 1) {
      digits = digits + "0".repeat(prec + 1 - digits.length());
    } else if (digits.length() > prec + 1) {
      digits = digits.substring(0, prec + 1);
    }
    String mantissa = prec > 0 ? digits.charAt(0) + "." + digits.substring(1) : digits;
    String e = Integer.toString(Math.abs(exp));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
  }

  /**
   * The value Terraform actually holds for a decimal: the nearest binary float with a 512-bit
   * mantissa, as an exact decimal. Rounding it (not the decimal) reproduces Terraform's output.
   */
  static BigDecimal binary(BigDecimal x) {
    if (x.signum() == 0) {
      return x;
    }
    BigDecimal abs = x.abs();
    int k = 511 - estimateLog2(abs);
    BigInteger m = scaledMantissa(abs, k);
    while (m.bitLength() != 512) {
      k += m.bitLength() > 512 ? -1 : 1;
      m = scaledMantissa(abs, k);
    }
    BigDecimal exact =
        k >= 0
            ? new BigDecimal(m).divide(new BigDecimal(BigInteger.TWO.pow(k)))
            : new BigDecimal(m.shiftLeft(-k));
    return x.signum() < 0 ? exact.negate() : exact;
  }

  private static BigInteger scaledMantissa(BigDecimal abs, int k) {
    BigDecimal scaled =
        k >= 0
            ? abs.multiply(new BigDecimal(BigInteger.TWO.pow(k)))
            : abs.divide(new BigDecimal(BigInteger.TWO.pow(-k)));
    return scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
  }

  private static int estimateLog2(BigDecimal abs) {
    // log2(unscaled * 10^-scale) = bitLength - 1 - scale * log2(10), close enough to place 512
    // bits.
    double log2 = abs.unscaledValue().bitLength() - abs.scale() * (Math.log(10) / Math.log(2));
    return (int) Math.floor(log2);
  }

  private static String pad(Spec spec, String s) {
    int len = s.codePointCount(0, s.length());
    if (spec.width <= len) {
      return s;
    }
    String fill = (spec.zero && !spec.minus ? "0" : " ").repeat(spec.width - len);
    return spec.minus ? s + fill : fill + s;
  }

  private static String padNumber(Spec spec, String sign, String body) {
    int len = sign.length() + body.length();
    if (spec.width <= len) {
      return sign + body;
    }
    int n = spec.width - len;
    if (spec.minus) {
      return sign + body + " ".repeat(n);
    }
    return spec.zero ? sign + "0".repeat(n) + body : " ".repeat(n) + sign + body;
  }

  /** Go's strconv.Quote: double quotes, backslash escapes, printable Unicode kept. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 7 -> b.append("\\a");
                case 8 -> b.append("\\b");
                case 12 -> b.append("\\f");
                case 11 -> b.append("\\v");
                default -> {
                  if (isPrintable(cp)) {
                    b.appendCodePoint(cp);
                  } else if (cp < 0x80) {
                    b.append(String.format("\\x%02x", cp));
                  } else if (cp <= 0xFFFF) {
                    b.append(String.format("\\u%04x", cp));
                  } else {
                    b.append(String.format("\\U%08x", cp));
                  }
                }
              }
            });
    return b.append('"').toString();
  }

  static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    int t = Character.getType(cp);
    return !(t == Character.CONTROL
        || t == Character.FORMAT
        || t == Character.UNASSIGNED
        || t == Character.SURROGATE
        || t == Character.PRIVATE_USE
        || t == Character.SPACE_SEPARATOR
        || t == Character.LINE_SEPARATOR
        || t == Character.PARAGRAPH_SEPARATOR);
  }

  /** An argument the verb cannot format; the message completes "unsupported value for ...". */
  private static final class BadValue extends Exception {
    BadValue(String message) {
      super(message, null, false, false);
    }
  }

  private static String json(Value v) throws BadValue {
    try {
      return ValueJson.encode(v);
    } catch (ValueJson.JsonException e) {
      throw new BadValue(e.getMessage());
    }
  }

  private static Value convert(Value v, Type t) throws BadValue {
    try {
      return Convert.convert(v, t);
    } catch (ConversionException e) {
      throw new BadValue(e.describe());
    }
  }
}
