package dev.forma.provider.api.value;

import java.util.ArrayList;
import java.util.List;

/** A tuple: ordered elements, each of its own type (what {@code [a, b]} makes). */
public record TupleValue(List<Value> elements) implements Value {
  public static final TupleValue EMPTY = new TupleValue(List.of());

  public TupleValue {
    elements = List.copyOf(elements);
  }

  @Override
  public Type type() {
    List<Type> types = new ArrayList<>(elements.size());
    for (Value v : elements) {
      types.add(v.type());
    }
    return new Type.TupleType(types);
  }
}
