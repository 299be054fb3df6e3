package dev.forma.example.hello;

import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;

/**
 * The entry point Forma finds in the plugin jar ({@code
 * META-INF/services/dev.forma.provider.api.ProviderFactory} names this class).
 */
public final class HelloProviderFactory implements ProviderFactory {
  @Override
  public String name() {
    return "hello";
  }

  @Override
  public String source() {
    return "example/hello";
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  @Override
  public int apiVersion() {
    return ProviderApi.VERSION; // the API this plugin was compiled against
  }

  @Override
  public Provider create() {
    return new HelloProvider();
  }
}
