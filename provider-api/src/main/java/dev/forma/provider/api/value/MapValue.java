package dev.forma.provider.api.value;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** A map: string keys (kept sorted, as Terraform shows them) to elements of one type. */
public record MapValue(Type elementType, SortedMap<String, Value> entries) implements Value {
  public MapValue {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  @Override
  public Type type() {
    return new Type.MapType(elementType);
  }
}
