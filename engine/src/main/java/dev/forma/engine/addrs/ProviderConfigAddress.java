package dev.forma.engine.addrs;

import dev.forma.engine.diag.Result;
import java.util.Comparator;
import java.util.Objects;

/**
 * A provider configuration in the root module, by its local name and optional alias: {@code
 * alicloud} (the default configuration) or {@code alicloud.west}. Prints in that syntax (as the
 * {@code provider} meta-argument writes it) and {@link #parse parses} back.
 */
public record ProviderConfigAddress(String localName, String alias)
    implements Comparable<ProviderConfigAddress> {

  private static final Comparator<ProviderConfigAddress> ORDER =
      Comparator.comparing(ProviderConfigAddress::localName)
          .thenComparing(a -> a.alias == null ? "" : a.alias);

  public ProviderConfigAddress {
    Objects.requireNonNull(localName, "localName");
  }

  /** The default (unaliased) configuration of a provider. */
  public static ProviderConfigAddress of(String localName) {
    return new ProviderConfigAddress(localName, null);
  }

  /** Parses {@code name} or {@code name.alias}. */
  public static Result<ProviderConfigAddress> parse(String text) {
    return AddressParser.parseProviderConfig(text);
  }

  @Override
  public int compareTo(ProviderConfigAddress o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return alias == null ? localName : localName + "." + alias;
  }
}
