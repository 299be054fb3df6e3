package dev.forma.provider.api.value;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A set: distinct elements of one type, kept in a canonical order (see {@link ValueOrder}) so that
 * equal sets print and compare alike.
 */
public record SetValue(Type elementType, List<Value> elements) implements Value {
  public SetValue {
    elements = List.copyOf(elements);
  }

  /** A set of the given elements: duplicates dropped, canonical order applied. */
  public static SetValue of(Type elementType, List<? extends Value> elements) {
    List<Value> distinct = new ArrayList<>(new LinkedHashSet<>(elements));
    distinct.sort(ValueOrder.INSTANCE);
    return new SetValue(elementType, distinct);
  }

  @Override
  public Type type() {
    return new Type.SetType(elementType);
  }
}
