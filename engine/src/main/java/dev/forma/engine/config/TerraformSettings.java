package dev.forma.engine.config;

import dev.forma.engine.hcl.Body;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

  /**
   * A {@code backend "type" { ... }} block: {@code typeRange} is where its type label is, {@code
   * config} its body, for the backend to read with {@link #stringArguments}.
   */
  public record Backend(String type, Range typeRange, Body config, Range declRange) {
    /**
     * The body's arguments when a backend takes only string arguments, those named {@code names}:
     * each a constant (a number or bool becomes its string), with Terraform's errors for anything
     * else ("Unsupported argument", "Variables not allowed", ...).
     */
    public Result<Map<String, String>> stringArguments(Set<String> names) {
      Diagnostics diags = new Diagnostics();
      BlockSchema schema = BlockSchema.builder().attr(names.toArray(String[]::new)).build();
      BlockSchema.Content c = schema.decode(config, declRange, false, diags);
      Map<String, String> out = new TreeMap<>();
      c.attributes()
          .forEach(
              (name, a) -> {
                Diagnostics own = new Diagnostics();
                String v = Constants.string(a, own);
                // as Terraform's backend decoding: a reference is "Variables not allowed" alone
                boolean reference =
                    own.asList().stream()
                        .anyMatch(d -> d.summary().equals("Variables not allowed"));
                own.asList().stream()
                    .filter(d -> !reference || d.summary().equals("Variables not allowed"))
                    .forEach(diags::add);
                if (v != null) {
                  out.put(name, v);
                }
              });
      return new Result<>(out, diags);
    }
  }
}
