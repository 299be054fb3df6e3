package dev.forma.engine.functions;

import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small accessors shared by the function groups. */
final class Values {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  /** What Terraform says of a number that must be an int64. */
  static final String WHOLE_NUMBER =
      "value must be a whole number, between -9223372036854775808 and 9223372036854775807";

  private Values() {}

  static String str(Value v) {
    return ((StringValue) v.unmark()).value();
  }

  static BigDecimal num(Value v) {
    return ((NumberValue) v.unmark()).value();
  }

  static boolean bool(Value v) {
    return ((BoolValue) v.unmark()).value();
  }

  /** The number as a long, or null when it is not a whole number in the int64 range. */
  static Long toLong(BigDecimal n) {
    if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
      return null;
    }
    if (n.compareTo(LONG_MIN) < 0 || n.compareTo(LONG_MAX) > 0) {
      return null;
    }
    return n.longValue();
  }

  /** Argument {@code i} as a long, or Terraform's argument error. */
  static long longArg(CallArgs args, int i, String param) throws FunctionException {
    Long l = toLong(args.number(i));
    if (l == null) {
      throw new FunctionException(i, param, WHOLE_NUMBER);
    }
    return l;
  }

  /** A number from a double result, refusing the infinities and NaN that values cannot hold. */
  static NumberValue fromDouble(double d) throws FunctionException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new FunctionException(
          "the result is "
              + (Double.isNaN(d) ? "not a number" : d > 0 ? "+Inf" : "-Inf")
              + ", which Forma numbers cannot represent");
    }
    return new NumberValue(new BigDecimal(Double.toString(d)));
  }

  /** The elements of a list, set or tuple (without its own mark); null for other values. */
  static List<Value> elements(Value v) {
    Value u = v.unmark();
    if (u instanceof ListValue l) {
      return l.elements();
    }
    if (u instanceof SetValue s) {
      return s.elements();
    }
    return u instanceof TupleValue t ? t.elements() : null;
  }

  /** The entries of a map or the attributes of an object; null for other values. */
  static java.util.Map<String, Value> entries(Value v) {
    Value u = v.unmark();
    if (u instanceof MapValue m) {
      return m.entries();
    }
    return u instanceof ObjectValue o ? o.attributes() : null;
  }

  /** The number of user-perceived characters (extended grapheme clusters), as Terraform counts. */
  static int graphemeCount(String s) {
    Matcher m = GRAPHEME.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The extended grapheme clusters of a string, in order. */
  static List<String> graphemes(String s) {
    Matcher m = GRAPHEME.matcher(s);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
