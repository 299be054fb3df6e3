package dev.forma.engine.addrs;

import dev.forma.provider.api.diag.Result;
import java.util.Comparator;
import java.util.Objects;

/**
 * A provider configuration of a module, by the module's path, the provider's local name there and
 * the optional alias: {@code alicloud} (the root module's default configuration), {@code
 * alicloud.west}, {@code module.net.alicloud.west} (declared in module {@code net}). Prints in that
 * syntax (in the root module as the {@code provider} meta-argument writes it) and {@link #parse
 * parses} back. Configurations belong to modules, not to their instances: every instance of a
 * module uses the same ones.
 */
public record ProviderConfigAddress(ModulePath module, String localName, String alias)
    implements Comparable<ProviderConfigAddress> {

  private static final Comparator<ProviderConfigAddress> ORDER =
      Comparator.comparing(ProviderConfigAddress::module)
          .thenComparing(ProviderConfigAddress::localName)
          .thenComparing(a -> a.alias == null ? "" : a.alias);

  public ProviderConfigAddress {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(localName, "localName");
  }

  /** A provider configuration of the root module. */
  public ProviderConfigAddress(String localName, String alias) {
    this(ModulePath.ROOT, localName, alias);
  }

  /** This configuration as declared in (or passed to) the module {@code m}. */
  public ProviderConfigAddress in(ModulePath m) {
    return m.equals(module) ? this : new ProviderConfigAddress(m, localName, alias);
  }

  /** This configuration relative to its module, as the {@code provider} argument writes it. */
  public ProviderConfigAddress local() {
    return module.isRoot() ? this : new ProviderConfigAddress(localName, alias);
  }

  /** The default (unaliased) configuration of a provider. */
  public static ProviderConfigAddress of(String localName) {
    return new ProviderConfigAddress(localName, null);
  }

  /** Parses {@code name} or {@code name.alias}, after an optional module path. */
  public static Result<ProviderConfigAddress> parse(String text) {
    return AddressParser.parseProviderConfig(text);
  }

  @Override
  public int compareTo(ProviderConfigAddress o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    String local = alias == null ? localName : localName + "." + alias;
    return module.isRoot() ? local : module + "." + local;
  }
}
