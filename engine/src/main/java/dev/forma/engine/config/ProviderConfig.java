package dev.forma.engine.config;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.hcl.Body;
import dev.forma.provider.api.diag.Range;

/**
 * A {@code provider} block: the provider's local name, its optional {@code alias}, and the rest of
 * the body (for the provider's own schema). {@code declRange} runs from {@code provider} through
 * the name label.
 */
public record ProviderConfig(String name, String alias, Body config, Range declRange) {
  public ProviderConfigAddress address() {
    return new ProviderConfigAddress(name, alias);
  }
}
