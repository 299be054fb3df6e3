package dev.forma.provider.api.value;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short builders for values and types in tests. */
public final class V {
  private V() {}

  public static Value s(String s) {
    return Value.of(s);
  }

  public static Value n(long n) {
    return Value.of(n);
  }

  public static Value n(String decimal) {
    return Value.of(new BigDecimal(decimal));
  }

  public static Value b(boolean b) {
    return Value.of(b);
  }

  public static Value tup(Value... vs) {
    return Value.tuple(List.of(vs));
  }

  public static Value list(Type t, Value... vs) {
    return Value.list(t, List.of(vs));
  }

  public static Value set(Type t, Value... vs) {
    return Value.set(t, List.of(vs));
  }

  /** An object from alternating names and values. */
  public static Value obj(Object... kv) {
    return Value.object(pairs(kv));
  }

  public static Value map(Type t, Object... kv) {
    return Value.map(t, pairs(kv));
  }

  public static Value sens(Value v) {
    return v.markSensitive();
  }

  public static Value unk(Type t) {
    return Value.unknown(t);
  }

  public static Type objT(Object... kv) {
    Map<String, Type> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Type) kv[i + 1]);
    }
    return Type.object(m);
  }

  public static Type tupT(Type... ts) {
    return Type.tuple(List.of(ts));
  }

  private static Map<String, Value> pairs(Object... kv) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Value) kv[i + 1]);
    }
    return m;
  }
}
