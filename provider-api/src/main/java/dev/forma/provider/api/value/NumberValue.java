package dev.forma.provider.api.value;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A number, exact: an arbitrary-precision decimal. Two numbers are equal when they are numerically
 * equal ({@code 1} equals {@code 1.0}).
 */
public record NumberValue(BigDecimal value) implements Value {
  public NumberValue {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public Type type() {
    return Type.NUMBER;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberValue n && n.value.compareTo(value) == 0;
  }

  @Override
  public int hashCode() {
    return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
  }

  /** The number as Terraform prints it: no exponent, no trailing zeros after the point. */
  @Override
  public String toString() {
    if (value.signum() == 0) {
      return "0";
    }
    return value.stripTrailingZeros().toPlainString();
  }
}
