package dev.forma.engine.providers;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ProviderConfig;
import dev.forma.engine.config.Resource;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.SchemaDecoder;
import dev.forma.engine.hcl.Body;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configures the provider instances a module needs: one per {@code provider} block (by local name
 * and alias), plus an implied empty configuration for each provider whose resources use its default
 * configuration without a block. Each body is decoded with the provider's schema and given to
 * {@link Provider#configure}; provider diagnostics are mapped onto the block.
 */
public final class ProviderConfigs {
  private ProviderConfigs() {}

  /**
   * The configured instances by address. An instance whose configuration failed is left out; the
   * diagnostics say why. References to an alias without a {@code provider} block are errors.
   */
  public static Result<Map<ProviderConfigAddress, Provider>> configure(
      Module module, EvalContext ctx, Providers providers) {
    Diagnostics diags = new Diagnostics();
    ProviderSchemas schemas = new ProviderSchemas(providers);
    Map<ProviderConfigAddress, Provider> out = new TreeMap<>();
    Set<ProviderConfigAddress> declared = new HashSet<>();
    for (ProviderConfig pc : module.providers()) {
      declared.add(pc.address());
      BlockSchema schema = schemas.providerBlockSchema(pc, diags);
      if (schema == null) {
        continue;
      }
      Provider p = configureOne(providers.factory(pc.name()), pc.config(), schema, ctx, diags, pc);
      if (p != null) {
        out.put(pc.address(), p);
      }
    }
    checkReferences(module, providers, diags);
    Set<ProviderConfigAddress> implied = new HashSet<>();
    for (Resource r : module.resources().values()) {
      ProviderConfigAddress addr = r.providerAddress();
      if (declared.contains(addr) || !implied.add(addr)) {
        continue;
      }
      ProviderFactory f = providers.factory(addr.localName());
      if (f == null) {
        schemas.resourceSchema(r, diags);
        continue;
      }
      if (addr.alias() != null) {
        continue; // reported by checkReferences
      }
      BlockSchema schema = schemas.of(addr.localName()).provider();
      Body empty = new Body(List.of(), r.declRange(), null);
      Provider p = configureOne(f, empty, schema, ctx, diags, null);
      if (p != null) {
        out.put(addr, p);
      }
    }
    return new Result<>(out, diags);
  }

  /**
   * The default configuration of provider {@code localName} with an empty body, as a resource of a
   * child module uses when no module declares that configuration (it inherits the root module's
   * implied one); null when there is no such provider or it failed to configure (reported).
   */
  public static Provider configureDefault(
      String localName, Providers providers, EvalContext ctx, Range at, Diagnostics diags) {
    ProviderFactory f = providers.factory(localName);
    if (f == null) {
      return null;
    }
    BlockSchema schema = new ProviderSchemas(providers).of(localName).provider();
    return configureOne(f, new Body(List.of(), at, null), schema, ctx, diags, null);
  }

  /**
   * Reports the resources that name an aliased provider configuration no {@code provider} block
   * declares, as Terraform's "Provider configuration not present".
   */
  public static void checkReferences(Module module, Providers providers, Diagnostics diags) {
    Set<ProviderConfigAddress> declared = new HashSet<>();
    module.providers().forEach(pc -> declared.add(pc.address()));
    Set<ProviderConfigAddress> reported = new HashSet<>();
    for (Resource r : module.resources().values()) {
      ProviderConfigAddress addr = r.providerAddress();
      ProviderFactory f = providers.factory(addr.localName());
      if (addr.alias() == null || f == null || declared.contains(addr) || !reported.add(addr)) {
        continue;
      }
      diags.add(
          Diagnostic.error(
              "Provider configuration not present",
              "To work with "
                  + r.address()
                  + " its original provider configuration at provider[\""
                  + Providers.displaySource(f)
                  + "\"]."
                  + addr.alias()
                  + " is required, but it has been removed. This occurs when a provider"
                  + " configuration is removed while objects created by that provider still"
                  + " exist in the state. Re-add the provider configuration to destroy "
                  + r.address()
                  + ", after which you can remove the provider configuration again.",
              r.providerRange()));
    }
  }

  private static Provider configureOne(
      ProviderFactory f,
      Body body,
      BlockSchema schema,
      EvalContext ctx,
      Diagnostics diags,
      ProviderConfig pc) {
    Result<Value> decoded = SchemaDecoder.decode(body, schema, ctx);
    diags.addAll(decoded.diagnostics());
    if (decoded.hasErrors()) {
      return null;
    }
    Provider p = f.create();
    Requests.Diagnostics r = p.configure(new Requests.Configure(decoded.value()));
    boolean failed = false;
    for (ProviderDiagnostic pd : r.diagnostics()) {
      diags.add(SchemaDecoder.toDiagnostic(pd, body, pc != null ? pc.declRange() : body.range()));
      failed |= pd.isError();
    }
    return failed ? null : p;
  }
}
