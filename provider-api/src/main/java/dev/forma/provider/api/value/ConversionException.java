package dev.forma.provider.api.value;

import java.util.List;

/**
 * A value that cannot be converted to the wanted type. {@code path} locates the part that failed
 * (empty for the value itself). A type mismatch ({@code string required}, {@code attribute "a" is
 * required}) is reported with its path, as Terraform does; a value that has the right kind but
 * cannot be read ({@code a number is required} for {@code "abc"}) is reported without.
 */
public final class ConversionException extends Exception {
  private final List<PathStep> path;
  private final boolean typeMismatch;

  public ConversionException(List<PathStep> path, String message, boolean typeMismatch) {
    super(message, null, false, false);
    this.path = List.copyOf(path);
    this.typeMismatch = typeMismatch;
  }

  /** Where in the value the conversion failed. */
  public List<PathStep> path() {
    return path;
  }

  /** True when the types cannot convert at all; false when only this value could not. */
  public boolean isTypeMismatch() {
    return typeMismatch;
  }

  /**
   * The error as Terraform phrases it for an unsuitable variable value, without the final full
   * stop: {@code attribute "b": string required}, {@code element 1: number required}, {@code a
   * number is required}.
   */
  public String describe() {
    if (!typeMismatch || path.isEmpty()) {
      return getMessage();
    }
    StringBuilder sb = new StringBuilder();
    for (PathStep s : path) {
      sb.append(s.describe()).append(": ");
    }
    return sb.append(getMessage()).toString();
  }
}
