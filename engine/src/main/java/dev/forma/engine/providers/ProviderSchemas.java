package dev.forma.engine.providers;

import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.config.ProviderConfig;
import dev.forma.engine.config.Resource;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Suggest;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The schemas of a registry's providers, fetched once per provider, and the lookups a configuration
 * needs with Terraform's errors: a resource type or data source its provider does not serve
 * ("Invalid resource type", "Invalid data source"), and a provider Forma does not have (reported
 * once per provider name). Not thread-safe; one per run.
 */
public final class ProviderSchemas {
  private final Providers providers;
  private final Map<String, ProviderSchema> schemas = new HashMap<>();
  private final Map<String, Provider> unconfigured = new HashMap<>();
  private final Set<String> reportedUnknown = new HashSet<>();
  private final Map<String, String> broken = new HashMap<>();

  public ProviderSchemas(Providers providers) {
    this.providers = providers;
  }

  /** The registry these schemas come from. */
  public Providers providers() {
    return providers;
  }

  /**
   * The schema of the provider with that local name, or null when there is no such provider or it
   * failed to start (its factory made no provider, or the provider gave no schema: a broken plugin;
   * {@link #unknownProvider} says which).
   */
  public ProviderSchema of(String localName) {
    ProviderFactory f = providers.factory(localName);
    if (f == null || broken.containsKey(localName)) {
      return null;
    }
    ProviderSchema known = schemas.get(localName);
    if (known != null) {
      return known;
    }
    ProviderSchema schema;
    try {
      Provider p = f.create();
      schema = p == null ? null : p.schema();
      if (schema == null) {
        broken.put(localName, p == null ? "its factory made no provider" : "it gave no schema");
        return null;
      }
    } catch (RuntimeException | LinkageError e) {
      broken.put(localName, "it failed: " + e);
      return null;
    }
    schemas.put(localName, schema);
    return schema;
  }

  /**
   * An instance of the provider with that local name that is not configured, for the checks a
   * provider makes of a configuration before anything is known of its account (Terraform's
   * ValidateResourceConfig at validate time); null when there is no such provider.
   */
  public Provider unconfigured(String localName) {
    ProviderFactory f = providers.factory(localName);
    return f == null ? null : unconfigured.computeIfAbsent(localName, n -> f.create());
  }

  /**
   * The schema of a resource's or data source's body, or null after reporting why there is none
   * (unknown provider, or a type the provider does not serve).
   */
  public BlockSchema resourceSchema(Resource r, Diagnostics diags) {
    String provider = r.providerAddress().localName();
    ProviderSchema ps = schemaOrReport(provider, r.typeRange(), diags);
    if (ps == null) {
      return null;
    }
    boolean managed = r.address().mode() == ResourceMode.MANAGED;
    String type = r.address().type();
    ResourceSchema rs = (managed ? ps.resources() : ps.dataSources()).get(type);
    if (rs != null) {
      return rs.block();
    }
    String source = Providers.displaySource(providers.factory(provider));
    if (managed) {
      String detail =
          "The provider " + source + " does not support resource type \"" + type + "\".";
      if (ps.dataSources().containsKey(type)) {
        detail +=
            "\n\nDid you intend to use the data source \""
                + type
                + "\"? If so, declare this using a \"data\" block instead of a \"resource\""
                + " block.";
      } else {
        detail += Suggest.didYouMean(type, ps.resources().keySet());
      }
      diags.add(Diagnostic.error("Invalid resource type", detail, r.typeRange()));
    } else {
      String detail = "The provider " + source + " does not support data source \"" + type + "\".";
      if (ps.resources().containsKey(type)) {
        detail +=
            "\n\nDid you intend to use the managed resource type \""
                + type
                + "\"? If so, declare this using a \"resource\" block instead of a \"data\""
                + " block.";
      } else {
        detail += Suggest.didYouMean(type, ps.dataSources().keySet());
      }
      diags.add(Diagnostic.error("Invalid data source", detail, r.typeRange()));
    }
    return null;
  }

  /** The schema of a {@code provider} block's body, or null after reporting an unknown provider. */
  public BlockSchema providerBlockSchema(ProviderConfig pc, Diagnostics diags) {
    ProviderSchema ps = schemaOrReport(pc.name(), pc.declRange(), diags);
    return ps == null ? null : ps.provider();
  }

  private ProviderSchema schemaOrReport(String name, Range range, Diagnostics diags) {
    ProviderSchema ps = of(name);
    if (ps == null && reportedUnknown.add(name)) {
      diags.add(unknownProvider(name, range));
    }
    return ps;
  }

  /**
   * Forma's error for a provider it does not have, naming those it has; for one it refused, why.
   */
  Diagnostic unknownProvider(String name, Range range) {
    String refusal = providers.refusal(name);
    if (refusal != null) {
      return Diagnostic.error("Incompatible provider", refusal, range);
    }
    String why = broken.get(name);
    if (why != null) {
      Plugin plugin = providers.plugin(name);
      return Diagnostic.error(
          "Failed to start provider",
          "The provider \""
              + name
              + "\""
              + (plugin == null ? "" : " (the plugin " + plugin.jar() + ")")
              + " could not be started: "
              + why
              + ". This is a fault of the provider: report it to its authors, or remove the plugin"
              + " to use another.",
          range);
    }
    String known =
        providers.names().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    return Diagnostic.error(
        "Unknown provider",
        "Forma does not know a provider named \""
            + name
            + "\". The providers it has are "
            + known
            + "."
            + Suggest.didYouMean(name, providers.names())
            + searchedText(),
        range);
  }

  /** Where plugins were looked for, for the error about an unknown provider. */
  private String searchedText() {
    PluginDirectories dirs = providers.searched();
    if (dirs == null || dirs.directories().isEmpty()) {
      return "";
    }
    return "\n\nForma looked for provider plugins in:\n"
        + dirs.directories().stream().map(d -> "  " + d).collect(Collectors.joining("\n"))
        + "\nPut the provider's plugin jar into one of them and run \"forma init\".";
  }
}
