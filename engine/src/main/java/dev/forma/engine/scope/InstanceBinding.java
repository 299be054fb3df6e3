package dev.forma.engine.scope;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-instance names an expression inside a resource block may use: {@code count.index} (with
 * {@code count}), {@code each.key} and {@code each.value} (with {@code for_each}), and {@code self}
 * (in provisioners and postconditions). A null field is not bound.
 */
public record InstanceBinding(Value countIndex, Value eachKey, Value eachValue, Value self) {
  /** No per-instance names. */
  public static final InstanceBinding NONE = new InstanceBinding(null, null, null, null);

  /** The names of the instance with {@code key}; {@code eachValue} for a {@code for_each} key. */
  public static InstanceBinding of(InstanceKey key, Value eachValue) {
    return switch (key) {
      case InstanceKey.NoKey n -> NONE;
      case InstanceKey.IntKey i -> new InstanceBinding(Value.of(i.value()), null, null, null);
      case InstanceKey.StringKey s ->
          new InstanceBinding(null, Value.of(s.value()), eachValue, null);
    };
  }

  /** The names as validate sees them: every one unknown of its type. */
  public static InstanceBinding unknown(boolean count, boolean forEach) {
    return new InstanceBinding(
        count ? Value.unknown(Type.NUMBER) : null,
        forEach ? Value.unknown(Type.STRING) : null,
        forEach ? Value.UNKNOWN : null,
        null);
  }

  /** This binding with {@code self} bound. */
  public InstanceBinding withSelf(Value s) {
    return new InstanceBinding(countIndex, eachKey, eachValue, s);
  }

  Map<String, Value> names() {
    Map<String, Value> out = new LinkedHashMap<>();
    if (countIndex != null) {
      out.put("count", Value.object(Map.of("index", countIndex)));
    }
    if (eachKey != null) {
      out.put("each", Value.object(Map.of("key", eachKey, "value", eachValue)));
    }
    if (self != null) {
      out.put("self", self);
    }
    return out;
  }
}
