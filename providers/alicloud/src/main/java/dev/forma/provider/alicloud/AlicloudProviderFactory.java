package dev.forma.provider.alicloud;

import dev.forma.provider.alicloud.config.LocalCloud;
import dev.forma.provider.api.LocalEndpoint;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;
import java.util.Map;

/**
 * Makes {@link AlicloudProvider}s; registered for {@link java.util.ServiceLoader}. Its {@link
 * LocalEndpoint} capability: a provider block with {@code endpoint = "local"} works against the
 * local cloud, whose URL the CLI gives ({@link LocalCloud}).
 */
public final class AlicloudProviderFactory implements ProviderFactory, LocalEndpoint {
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

  @Override
  public String localRegion(Map<String, String> literalArguments) {
    if (!"local".equals(literalArguments.get("endpoint"))) {
      return null;
    }
    String region = literalArguments.get("region");
    return region == null ? "" : region;
  }

  @Override
  public String externalUrl(Map<String, String> environment) {
    String p = System.getProperty(LocalCloud.URL_PROPERTY);
    if (p != null && !p.isEmpty()) {
      return p;
    }
    String v = environment.get(LocalCloud.URL_VARIABLE);
    return v == null || v.isEmpty() ? null : v;
  }

  @Override
  public void useLocalCloud(String url) {
    LocalCloud.register(url == null ? null : () -> url);
  }

  @Override
  public String localCloudUrl() {
    return LocalCloud.registeredUrl();
  }
}
