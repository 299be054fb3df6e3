package dev.forma.engine.config;

import dev.forma.engine.diag.Range;
import dev.forma.engine.hcl.Body;
import java.util.List;

/**
 * One {@code terraform} block: version constraints on the tool, the required providers and the
 * backend. A module may have several; {@link Module#terraform()} keeps them all in file order.
 */
public record TerraformSettings(
    List<String> requiredVersion,
    Range requiredVersionRange,
    List<RequiredProvider> requiredProviders,
    Backend backend,
    Range declRange) {
  public TerraformSettings {
    requiredVersion = List.copyOf(requiredVersion);
    requiredProviders = List.copyOf(requiredProviders);
  }

  /**
   * An entry of {@code required_providers}: {@code name = { source = "...", version = "..." }}.
   * {@code source} and {@code version} are null when not given.
   */
  public record RequiredProvider(
      String name, String source, String version, List<String> configurationAliases, Range range) {
    public RequiredProvider {
      configurationAliases = List.copyOf(configurationAliases);
    }
  }

  /** A {@code backend "type" { ... }} block; {@code config} is its body, for the backend. */
  public record Backend(String type, Body config, Range declRange) {}
}
