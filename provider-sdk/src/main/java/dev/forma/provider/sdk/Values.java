package dev.forma.provider.sdk;

import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NullValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reading configuration and state objects, and building state objects of a schema's implied type.
 * Readers take sensitive marks off (the provider needs the plain value to send it) and return Java
 * null for a null, absent or unknown value; {@link #isUnknown} tells the last case apart.
 *
 * <p>Not final only so that a provider may keep an old name for it ({@code class Values extends
 * dev.forma.provider.sdk.Values}) while its callers move; it has no state.
 */
public class Values {
  protected Values() {}

  /** The attribute's value without its sensitive mark; null when the object or it is absent. */
  public static Value attr(Value object, String name) {
    if (object == null || !(object.unmark() instanceof ObjectValue o)) {
      return null;
    }
    Value v = o.get(name);
    return v == null ? null : v.unmark();
  }

  /** True when the attribute is unknown (known only after apply). */
  public static boolean isUnknown(Value object, String name) {
    Value v = attr(object, name);
    return v != null && !v.isKnown();
  }

  /** True when the attribute is set to a known, non-null value. */
  public static boolean isSet(Value object, String name) {
    Value v = attr(object, name);
    return v != null && v.isKnown() && !v.isNull();
  }

  public static String string(Value object, String name) {
    return attr(object, name) instanceof StringValue s ? s.value() : null;
  }

  public static Long integer(Value object, String name) {
    return attr(object, name) instanceof NumberValue n ? n.value().longValue() : null;
  }

  public static Boolean bool(Value object, String name) {
    return attr(object, name) instanceof BoolValue b ? b.value() : null;
  }

  /** The elements of a list, set or tuple attribute (marks taken off); empty when null. */
  public static List<Value> elements(Value object, String name) {
    return elements(attr(object, name));
  }

  public static List<Value> elements(Value v) {
    List<Value> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    List<Value> raw =
        switch (v.unmark()) {
          case ListValue l -> l.elements();
          case SetValue s -> s.elements();
          case TupleValue t -> t.elements();
          default -> List.of();
        };
    raw.forEach(x -> out.add(x.unmark()));
    return out;
  }

  /** The known string elements of a list or set attribute. */
  public static List<String> strings(Value object, String name) {
    List<String> out = new ArrayList<>();
    for (Value e : elements(object, name)) {
      if (e instanceof StringValue s) {
        out.add(s.value());
      }
    }
    return out;
  }

  /** A map or object attribute's entries, marks taken off; empty when null. */
  public static Map<String, Value> entries(Value object, String name) {
    Value v = attr(object, name);
    Map<String, Value> out = new TreeMap<>();
    if (v instanceof MapValue m) {
      m.entries().forEach((k, x) -> out.put(k, x.unmark()));
    } else if (v instanceof ObjectValue o) {
      o.attributes().forEach((k, x) -> out.put(k, x.unmark()));
    }
    return out;
  }

  /** A map of strings attribute, known string entries only. */
  public static Map<String, String> stringMap(Value object, String name) {
    Map<String, String> out = new TreeMap<>();
    entries(object, name)
        .forEach(
            (k, v) -> {
              if (v instanceof StringValue s) {
                out.put(k, s.value());
              } else if (v instanceof NumberValue n) {
                out.put(k, n.value().toPlainString());
              } else if (v instanceof BoolValue b) {
                out.put(k, Boolean.toString(b.value()));
              }
            });
    return out;
  }

  public static Value str(String s) {
    return s == null ? Value.nullOf(Type.STRING) : Value.of(s);
  }

  public static Value num(Long n) {
    return n == null ? Value.nullOf(Type.NUMBER) : Value.of(BigDecimal.valueOf(n));
  }

  public static Value bool(Boolean b) {
    return b == null ? Value.nullOf(Type.BOOL) : Value.of(b);
  }

  public static Value strList(List<String> items) {
    List<Value> vs = new ArrayList<>();
    items.forEach(s -> vs.add(Value.of(s)));
    return Value.list(Type.STRING, vs);
  }

  public static Value strSet(List<String> items) {
    List<Value> vs = new ArrayList<>();
    items.forEach(s -> vs.add(Value.of(s)));
    return Value.set(Type.STRING, vs);
  }

  public static Value strMap(Map<String, String> m) {
    if (m == null) {
      return Value.nullOf(Type.map(Type.STRING));
    }
    Map<String, Value> vs = new TreeMap<>();
    m.forEach((k, v) -> vs.put(k, Value.of(v)));
    return Value.map(Type.STRING, vs);
  }

  /**
   * An object of the schema's implied type: the given attributes, a typed null for each other
   * attribute and SINGLE block, an empty list or set for each other LIST or SET block.
   */
  public static ObjectValue complete(BlockSchema schema, Map<String, Value> given) {
    Map<String, Value> out = new LinkedHashMap<>();
    Type.ObjectType implied = schema.impliedType();
    schema
        .attributes()
        .forEach(
            (n, a) -> {
              Value v = given.get(n);
              out.put(n, v == null ? new NullValue(a.type()) : v);
            });
    schema
        .blocks()
        .forEach(
            (n, b) -> {
              Value v = given.get(n);
              out.put(n, v == null ? emptyBlock(b, implied.attributes().get(n)) : v);
            });
    return new ObjectValue(out);
  }

  private static Value emptyBlock(NestedBlockSchema b, Type type) {
    Type inner = b.block().impliedType();
    return switch (b.nesting()) {
      case SINGLE -> new NullValue(type);
      case LIST -> Value.list(inner, List.of());
      case SET -> Value.set(inner, List.of());
    };
  }

  /** A nested block object of {@code schema}. */
  public static ObjectValue block(BlockSchema schema, Map<String, Value> given) {
    return complete(schema, given);
  }

  /** A list of nested block objects. */
  public static Value blockList(BlockSchema schema, List<? extends Value> items) {
    return Value.list(schema.impliedType(), items);
  }

  /** {@code object} with {@code name} replaced by {@code value}. */
  public static ObjectValue with(Value object, String name, Value value) {
    Map<String, Value> m = new LinkedHashMap<>(((ObjectValue) object.unmark()).attributes());
    m.put(name, value);
    return new ObjectValue(m);
  }

  /** The raw (marked) attribute, as the engine gave it; null when absent. */
  public static Value raw(Value object, String name) {
    if (object == null || !(object.unmark() instanceof ObjectValue o)) {
      return null;
    }
    return o.get(name);
  }

  /**
   * {@code planned} with each top-level attribute that is unknown taken from {@code prior} (the
   * best known value of a computed attribute that an update leaves as it was).
   */
  public static Value unknownsFrom(Value planned, Value prior) {
    if (!(planned.unmark() instanceof ObjectValue p) || prior == null) {
      return planned;
    }
    Map<String, Value> out = new LinkedHashMap<>(p.attributes());
    p.attributes()
        .forEach(
            (k, v) -> {
              Value before = raw(prior, k);
              if (!v.isKnown() && before != null) {
                out.put(k, before);
              }
            });
    return new ObjectValue(out);
  }
}
