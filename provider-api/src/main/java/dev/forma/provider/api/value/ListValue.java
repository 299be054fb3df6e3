package dev.forma.provider.api.value;

import java.util.List;

/** A list: ordered elements of one type. {@code elementType} is kept for empty lists. */
public record ListValue(Type elementType, List<Value> elements) implements Value {
  public ListValue {
    elements = List.copyOf(elements);
  }

  @Override
  public Type type() {
    return new Type.ListType(elementType);
  }
}
