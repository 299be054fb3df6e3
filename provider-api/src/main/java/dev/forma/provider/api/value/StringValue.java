package dev.forma.provider.api.value;

import java.util.Objects;

/** A Unicode string (kept in NFC, as HCL normalises every string it reads). */
public record StringValue(String value) implements Value {
  public StringValue {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public Type type() {
    return Type.STRING;
  }

  @Override
  public String toString() {
    return value;
  }
}
