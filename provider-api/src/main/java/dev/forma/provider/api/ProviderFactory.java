package dev.forma.provider.api;

/**
 * Makes provider instances; found with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.forma.provider.api.ProviderFactory}). A new provider is a new module with
 * one of these and nothing else.
 */
public interface ProviderFactory {
  /** The provider's local name, the prefix of its resource types: {@code alicloud}. */
  String name();

  /** Its source address as {@code required_providers} names it: {@code aliyun/alicloud}. */
  String source();

  /** The provider's version, shown by {@code forma providers} and {@code init}. */
  String version();

  /**
   * The provider API version this provider was built against: return {@link ProviderApi#VERSION} (a
   * compile-time constant, so the value recorded is the one of the API jar you compiled with).
   * Forma refuses a provider whose version it does not support ({@link
   * ProviderApi#isSupported(int)}).
   */
  int apiVersion();

  /** A new, unconfigured instance. */
  Provider create();
}
