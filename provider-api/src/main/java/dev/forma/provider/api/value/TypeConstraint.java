package dev.forma.provider.api.value;

import java.util.Map;
import java.util.TreeMap;

/**
 * A type constraint as written in configuration: the {@link Type} (with optional attributes marked)
 * plus the defaults given with {@code optional(T, default)}, nested as the type nests.
 *
 * <p>{@code defaults} maps an attribute name of this object type to its default value (already
 * converted to the attribute's type). {@code children} holds the constraints with defaults below
 * this one: by attribute name for an object, under the key {@code ""} for the element of a list,
 * set or map, and by decimal index ({@code "0"}, {@code "1"}) for the elements of a tuple. Both
 * maps are empty when nothing below has a default.
 */
public record TypeConstraint(
    Type type, Map<String, Value> defaults, Map<String, TypeConstraint> children) {
  /** The key under which a collection's element constraint is kept in {@code children}. */
  public static final String ELEMENT = "";

  public TypeConstraint {
    defaults = java.util.Collections.unmodifiableMap(new TreeMap<>(defaults));
    children = java.util.Collections.unmodifiableMap(new TreeMap<>(children));
  }

  /** A constraint with no defaults anywhere. */
  public static TypeConstraint of(Type type) {
    return new TypeConstraint(type, Map.of(), Map.of());
  }

  /** True when this constraint or one below it has a default. */
  public boolean hasDefaults() {
    return !defaults.isEmpty() || !children.isEmpty();
  }
}
