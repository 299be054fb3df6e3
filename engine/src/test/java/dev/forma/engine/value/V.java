package dev.forma.engine.value;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short builders for values and types in tests. */
final class V {
  private V() {}

  static Value s(String s) {
    return Value.of(s);
  }

  static Value n(long n) {
    return Value.of(n);
  }

  static Value n(String decimal) {
    return Value.of(new BigDecimal(decimal));
  }

  static Value b(boolean b) {
    return Value.of(b);
  }

  static Value tup(Value... vs) {
    return Value.tuple(List.of(vs));
  }

  static Value list(Type t, Value... vs) {
    return Value.list(t, List.of(vs));
  }

  static Value set(Type t, Value... vs) {
    return Value.set(t, List.of(vs));
  }

  /** An object from alternating names and values. */
  static Value obj(Object... kv) {
    return Value.object(pairs(kv));
  }

  static Value map(Type t, Object... kv) {
    return Value.map(t, pairs(kv));
  }

  static Value sens(Value v) {
    return v.markSensitive();
  }

  static Value unk(Type t) {
    return Value.unknown(t);
  }

  static Type objT(Object... kv) {
    Map<String, Type> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Type) kv[i + 1]);
    }
    return Type.object(m);
  }

  static Type tupT(Type... ts) {
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
