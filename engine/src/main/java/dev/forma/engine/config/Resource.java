package dev.forma.engine.config;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Range;
import java.util.List;

/**
 * A {@code resource} or {@code data} block. {@code config} is the body without the meta-arguments,
 * for the provider schema to decode (see {@link dev.forma.engine.hcl.json.JsonSyntax} for how a
 * {@code .tf.json} body keeps nested objects whose kind only the schema knows). {@code count} and
 * {@code forEach} are null when not set; {@code provider} is null when the provider is implied by
 * the type ({@link #providerAddress()}). {@code declRange} runs from the block type through the
 * name label.
 */
public record Resource(
    ResourceAddress address,
    Body config,
    Expr count,
    Expr forEach,
    List<Expr.ScopeTraversal> dependsOn,
    ProviderConfigAddress provider,
    Range providerRange,
    Lifecycle lifecycle,
    Range declRange,
    Range typeRange,
    Range nameRange) {
  public Resource {
    dependsOn = List.copyOf(dependsOn);
  }

  /** The provider configuration this resource uses: the one named, or the type's default. */
  public ProviderConfigAddress providerAddress() {
    return provider != null ? provider : ProviderConfigAddress.of(address.impliedProvider());
  }
}
