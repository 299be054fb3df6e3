package dev.forma.provider.alicloud;

import dev.forma.engine.provider.Provider;
import dev.forma.engine.provider.ProviderFactory;

/** Makes {@link AlicloudProvider}s; registered for {@link java.util.ServiceLoader}. */
public final class AlicloudProviderFactory implements ProviderFactory {
  @Override
  public String name() {
    return "alicloud";
  }

  @Override
  public String source() {
    return "aliyun/alicloud";
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  @Override
  public Provider create() {
    return new AlicloudProvider();
  }
}
