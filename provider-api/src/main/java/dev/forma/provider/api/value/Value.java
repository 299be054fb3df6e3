package dev.forma.provider.api.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A value of the configuration language: immutable, typed, possibly unknown (known only after
 * apply) and possibly marked sensitive.
 *
 * <p>The sensitive mark is a wrapper ({@link SensitiveValue}) so that a switch over values must
 * decide what to do with it. Operations take marks off their operands and put their union back on
 * the result; only {@code nonsensitive()} removes a mark for good.
 */
public sealed interface Value
    permits NullValue,
        BoolValue,
        NumberValue,
        StringValue,
        ListValue,
        SetValue,
        MapValue,
        ObjectValue,
        TupleValue,
        UnknownValue,
        SensitiveValue {

  /** A null of unknown type: what {@code null} evaluates to. */
  NullValue NULL = new NullValue(Type.DYNAMIC);

  BoolValue TRUE = new BoolValue(true);
  BoolValue FALSE = new BoolValue(false);

  /** An unknown value of unknown type. */
  UnknownValue UNKNOWN = new UnknownValue(Type.DYNAMIC);

  /** The value's type. A sensitive value has the type of what it wraps. */
  Type type();

  static StringValue of(String s) {
    return new StringValue(s);
  }

  static NumberValue of(long n) {
    return new NumberValue(BigDecimal.valueOf(n));
  }

  static NumberValue of(BigDecimal n) {
    return new NumberValue(n);
  }

  static BoolValue of(boolean b) {
    return b ? TRUE : FALSE;
  }

  static NullValue nullOf(Type t) {
    return new NullValue(t);
  }

  static UnknownValue unknown(Type t) {
    return new UnknownValue(t);
  }

  static ListValue list(Type elementType, List<? extends Value> elements) {
    return new ListValue(elementType, new ArrayList<>(elements));
  }

  static TupleValue tuple(List<? extends Value> elements) {
    return new TupleValue(new ArrayList<>(elements));
  }

  static MapValue map(Type elementType, Map<String, ? extends Value> entries) {
    return new MapValue(elementType, new TreeMap<>(entries));
  }

  static ObjectValue object(Map<String, ? extends Value> attributes) {
    return new ObjectValue(new LinkedHashMap<>(attributes));
  }

  static SetValue set(Type elementType, List<? extends Value> elements) {
    return SetValue.of(elementType, elements);
  }

  /** True unless this value (ignoring a sensitive mark) is unknown. Nested unknowns don't count. */
  default boolean isKnown() {
    return !(unmark() instanceof UnknownValue);
  }

  /**
   * This value with every unknown inside it replaced by a null of its type (sensitive marks kept):
   * the best a provider or an apply can record of a value that was never learned.
   */
  default Value unknownsToNull() {
    return switch (this) {
      case UnknownValue u -> new NullValue(u.type());
      case SensitiveValue s -> s.inner().unknownsToNull().markSensitive();
      case ObjectValue o -> {
        java.util.LinkedHashMap<String, Value> out = new java.util.LinkedHashMap<>();
        o.attributes().forEach((k, v) -> out.put(k, v.unknownsToNull()));
        yield new ObjectValue(out);
      }
      case ListValue l ->
          new ListValue(l.elementType(), l.elements().stream().map(Value::unknownsToNull).toList());
      case TupleValue t ->
          new TupleValue(t.elements().stream().map(Value::unknownsToNull).toList());
      case SetValue s ->
          SetValue.of(s.elementType(), s.elements().stream().map(Value::unknownsToNull).toList());
      case MapValue m -> {
        java.util.TreeMap<String, Value> out = new java.util.TreeMap<>();
        m.entries().forEach((k, v) -> out.put(k, v.unknownsToNull()));
        yield new MapValue(m.elementType(), out);
      }
      case NullValue n -> n;
      case BoolValue b -> b;
      case NumberValue n -> n;
      case StringValue s -> s;
    };
  }

  /** True when neither this value nor anything inside it is unknown. */
  default boolean isWhollyKnown() {
    return switch (this) {
      case UnknownValue u -> false;
      case SensitiveValue s -> s.inner().isWhollyKnown();
      case ListValue l -> l.elements().stream().allMatch(Value::isWhollyKnown);
      case SetValue s -> s.elements().stream().allMatch(Value::isWhollyKnown);
      case TupleValue t -> t.elements().stream().allMatch(Value::isWhollyKnown);
      case MapValue m -> m.entries().values().stream().allMatch(Value::isWhollyKnown);
      case ObjectValue o -> o.attributes().values().stream().allMatch(Value::isWhollyKnown);
      case NullValue n -> true;
      case BoolValue b -> true;
      case NumberValue n -> true;
      case StringValue s -> true;
    };
  }

  /** True when this value (ignoring a sensitive mark) is a null. */
  default boolean isNull() {
    return unmark() instanceof NullValue;
  }

  /** True when this value itself carries the sensitive mark. */
  default boolean isSensitive() {
    return this instanceof SensitiveValue;
  }

  /** True when this value or anything nested inside it carries the sensitive mark. */
  default boolean containsSensitive() {
    return switch (this) {
      case SensitiveValue s -> true;
      case ListValue l -> l.elements().stream().anyMatch(Value::containsSensitive);
      case SetValue s -> s.elements().stream().anyMatch(Value::containsSensitive);
      case TupleValue t -> t.elements().stream().anyMatch(Value::containsSensitive);
      case MapValue m -> m.entries().values().stream().anyMatch(Value::containsSensitive);
      case ObjectValue o -> o.attributes().values().stream().anyMatch(Value::containsSensitive);
      case UnknownValue u -> false;
      case NullValue n -> false;
      case BoolValue b -> false;
      case NumberValue n -> false;
      case StringValue s -> false;
    };
  }

  /** This value without its own sensitive mark (nested marks stay). */
  default Value unmark() {
    return this instanceof SensitiveValue s ? s.inner() : this;
  }

  /** This value with every sensitive mark removed, however deep. */
  default Value unmarkDeep() {
    return switch (this) {
      case SensitiveValue s -> s.inner().unmarkDeep();
      case ListValue l -> new ListValue(l.elementType(), mapAll(l.elements()));
      case SetValue s -> SetValue.of(s.elementType(), mapAll(s.elements()));
      case TupleValue t -> new TupleValue(mapAll(t.elements()));
      case MapValue m -> {
        TreeMap<String, Value> out = new TreeMap<>();
        m.entries().forEach((k, v) -> out.put(k, v.unmarkDeep()));
        yield new MapValue(m.elementType(), out);
      }
      case ObjectValue o -> {
        LinkedHashMap<String, Value> out = new LinkedHashMap<>();
        o.attributes().forEach((k, v) -> out.put(k, v.unmarkDeep()));
        yield new ObjectValue(out);
      }
      case UnknownValue u -> u;
      case NullValue n -> n;
      case BoolValue b -> b;
      case NumberValue n -> n;
      case StringValue s -> s;
    };
  }

  /** This value marked sensitive (a no-op when it already is). */
  default Value markSensitive() {
    return this instanceof SensitiveValue ? this : new SensitiveValue(this);
  }

  /** This value marked sensitive when {@code sensitive} is true; unchanged otherwise. */
  default Value markSensitiveIf(boolean sensitive) {
    return sensitive ? markSensitive() : this;
  }

  private static List<Value> mapAll(List<Value> in) {
    List<Value> out = new ArrayList<>(in.size());
    for (Value v : in) {
      out.add(v.unmarkDeep());
    }
    return out;
  }
}
