package dev.forma.provider.api;

import dev.forma.provider.api.diag.Severity;
import dev.forma.provider.api.value.PathStep;
import java.util.List;

/**
 * A diagnostic from a provider. {@code attributePath} names the configuration value it is about
 * (empty for the whole resource); the engine turns it into a source range.
 */
public record ProviderDiagnostic(
    Severity severity, String summary, String detail, List<PathStep> attributePath) {
  public ProviderDiagnostic {
    attributePath = List.copyOf(attributePath);
  }

  public static ProviderDiagnostic error(String summary, String detail) {
    return new ProviderDiagnostic(Severity.ERROR, summary, detail, List.of());
  }

  public static ProviderDiagnostic error(String summary, String detail, List<PathStep> path) {
    return new ProviderDiagnostic(Severity.ERROR, summary, detail, path);
  }

  public static ProviderDiagnostic warning(String summary, String detail, List<PathStep> path) {
    return new ProviderDiagnostic(Severity.WARNING, summary, detail, path);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
