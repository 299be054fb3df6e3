package dev.forma.state;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One instance of a resource: its current object, if any, and the deposed objects left over from a
 * create-before-destroy replacement whose destroy has not completed, by deposed key.
 *
 * @param key the instance's index key
 * @param current the current object, or null if there is only deposed objects
 * @param deposed deposed objects by deposed key, sorted by key
 */
public record ResourceInstance(
    IndexKey key, InstanceObject current, SortedMap<String, InstanceObject> deposed) {
  public ResourceInstance {
    Objects.requireNonNull(key, "key");
    TreeMap<String, InstanceObject> copy = new TreeMap<>(CodePointOrder.COMPARATOR);
    copy.putAll(deposed);
    deposed = Collections.unmodifiableSortedMap(copy);
  }

  /** An instance with only a current object. */
  public static ResourceInstance of(IndexKey key, InstanceObject current) {
    return new ResourceInstance(key, current, new TreeMap<>());
  }

  /** The current object, if there is one. */
  public Optional<InstanceObject> currentObject() {
    return Optional.ofNullable(current);
  }

  /** Whether there is neither a current nor a deposed object. */
  public boolean isEmpty() {
    return current == null && deposed.isEmpty();
  }

  /** The deposed objects, by key. */
  public Map<String, InstanceObject> deposedObjects() {
    return deposed;
  }
}
