package dev.forma.provider.api.value;

/** {@code true} or {@code false}. Use {@link Value#TRUE} and {@link Value#FALSE}. */
public record BoolValue(boolean value) implements Value {
  @Override
  public Type type() {
    return Type.BOOL;
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }
}
