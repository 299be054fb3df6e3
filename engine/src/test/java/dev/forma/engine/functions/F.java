package dev.forma.engine.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.forma.engine.config.ModuleCallContext;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short builders for values, and calls through {@link StandardFunctions}, for tests. */
final class F {
  private F() {}

  static final Type S = Type.STRING;
  static final Type N = Type.NUMBER;
  static final Type B = Type.BOOL;

  /** A module's context whose base directory is {@code base}. */
  static CallContext context(Path base) {
    return new ModuleCallContext(base, Instant.parse("2024-05-06T07:08:09Z"));
  }

  static CallContext ctx = context(Path.of("/nonexistent-base"));

  static Value call(String name, Value... args) throws FunctionException {
    Function f = StandardFunctions.INSTANCE.lookup(name);
    if (f == null) {
      fail("no function " + name);
    }
    return f.call(List.of(args), ctx);
  }

  /** Asserts the call gives {@code want}. */
  static void ok(Value want, String name, Value... args) {
    try {
      Value got = call(name, args);
      assertEquals(want, got, name + " " + List.of(args));
    } catch (FunctionException e) {
      fail(name + " " + List.of(args) + " failed: " + render(name, e));
    }
  }

  /** Asserts the call fails with this diagnostic detail, as Terraform prints it. */
  static void err(String wantDetail, String name, Value... args) {
    try {
      Value got = call(name, args);
      fail(name + " " + List.of(args) + " gave " + got + ", wanted error " + wantDetail);
    } catch (FunctionException e) {
      assertEquals(wantDetail, render(name, e), name + " " + List.of(args));
    }
  }

  /** The diagnostic detail the evaluator shows for the failure. */
  static String render(String name, FunctionException e) {
    if (e.summary() != null) {
      return e.summary() + ": " + e.getMessage();
    }
    if (e.argIndex() >= 0) {
      return "Invalid value for \"" + e.paramName() + "\" parameter: " + e.getMessage() + ".";
    }
    return "Call to function \"" + name + "\" failed: " + e.getMessage() + ".";
  }

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

  static Value strs(String... ss) {
    return Value.list(S, java.util.Arrays.stream(ss).map(Value::of).toList());
  }

  static Value nums(long... ns) {
    return Value.list(N, java.util.Arrays.stream(ns).mapToObj(Value::of).toList());
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

  static Value nul(Type t) {
    return Value.nullOf(t);
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
