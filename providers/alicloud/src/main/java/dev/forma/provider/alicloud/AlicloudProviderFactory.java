package dev.forma.provider.alicloud;

import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;

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
  public int apiVersion() {
    return ProviderApi.VERSION;
  }

  @Override
  public Provider create() {
    return new AlicloudProvider();
  }
}
