package dev.forma.engine.scope;

import dev.forma.engine.addrs.InstanceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** How a resource expands into instances: once, by {@code count}, by {@code for_each}, or not yet known. */
public sealed interface Expansion {
  /** No {@code count} nor {@code for_each}: one instance without a key. */
  record Single() implements Expansion {}

  /** {@code count = n}: instances {@code [0]} to {@code [n-1]}. */
  record Count(int count) implements Expansion {}

  /** {@code for_each}: one instance per key. */
  record ForEach(SortedSet<String> keys) implements Expansion {
    public ForEach {
      keys = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(keys));
    }
  }

  /** The {@code count} or {@code for_each} value is not known until apply. */
  record Unknown() implements Expansion {}

  Single SINGLE = new Single();
  Unknown UNKNOWN = new Unknown();

  /** The instance keys, in order (empty when unknown). */
  default List<InstanceKey> instanceKeys() {
    return switch (this) {
      case Single s -> List.of(InstanceKey.NONE);
      case Count c -> {
        List<InstanceKey> out = new ArrayList<>();
        for (int i = 0; i < c.count(); i++) {
          out.add(InstanceKey.of(i));
        }
        yield out;
      }
      case ForEach f -> f.keys().stream().map(k -> (InstanceKey) InstanceKey.of(k)).toList();
      case Unknown u -> List.of();
    };
  }
}
