package dev.forma.engine.provider;

/**
 * Makes provider instances; found with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.forma.engine.provider.ProviderFactory}). A new provider is a new module
 * with one of these and nothing else.
 */
public interface ProviderFactory {
  /** The provider's local name, the prefix of its resource types: {@code alicloud}. */
  String name();

  /** Its source address as {@code required_providers} names it: {@code aliyun/alicloud}. */
  String source();

  /** The provider's version, shown by {@code forma providers} and {@code init}. */
  String version();

  /** A new, unconfigured instance. */
  Provider create();
}
