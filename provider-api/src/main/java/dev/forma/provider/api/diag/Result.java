package dev.forma.provider.api.diag;

/**
 * What a stage returns: its value (possibly partial, possibly null when nothing could be made) and
 * the diagnostics it produced on the way.
 */
public record Result<T>(T value, Diagnostics diagnostics) {
  public static <T> Result<T> ok(T value) {
    return new Result<>(value, new Diagnostics());
  }

  public boolean hasErrors() {
    return diagnostics.hasErrors();
  }
}
