package dev.forma.provider.api.value;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An object: named attributes, each of its own type (what {@code {a = 1}} makes). Attributes are
 * kept sorted by name, as Terraform shows them.
 */
public record ObjectValue(Map<String, Value> attributes) implements Value {
  public static final ObjectValue EMPTY = new ObjectValue(Map.of());

  public ObjectValue {
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  @Override
  public Type type() {
    TreeMap<String, Type> types = new TreeMap<>();
    attributes.forEach((k, v) -> types.put(k, v.type()));
    return new Type.ObjectType(types, java.util.Set.of());
  }

  /** The attribute's value, or null when the object has no such attribute. */
  public Value get(String name) {
    return attributes.get(name);
  }
}
