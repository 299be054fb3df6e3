package dev.forma.provider.api.value;

/**
 * A value marked sensitive: shown as {@code (sensitive value)}, never printed, and the mark follows
 * it through every operation. The inner value is never itself a SensitiveValue.
 */
public record SensitiveValue(Value inner) implements Value {
  public SensitiveValue {
    if (inner instanceof SensitiveValue s) {
      inner = s.inner();
    }
  }

  @Override
  public Type type() {
    return inner.type();
  }

  @Override
  public String toString() {
    return "(sensitive value)";
  }
}
