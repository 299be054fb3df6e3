package dev.forma.cli.scenarios;

import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;

/**
 * Makes the scenario suite's {@code failing} provider ({@link FailingProvider}); found through the
 * test classpath's {@code META-INF/services} file, as a real provider module would be.
 */
public final class FailingProviderFactory implements ProviderFactory {
  @Override
  public String name() {
    return "failing";
  }

  @Override
  public String source() {
    return "forma.test/scenarios/failing";
  }

  @Override
  public String version() {
    return "0.0.1";
  }

  @Override
  public int apiVersion() {
    return ProviderApi.VERSION;
  }

  @Override
  public Provider create() {
    return new FailingProvider();
  }
}
