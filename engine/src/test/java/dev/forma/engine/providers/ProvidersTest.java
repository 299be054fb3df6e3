package dev.forma.engine.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.forma.engine.builtin.TerraformProviderFactory;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provider registry: discovery, explicit test registries, and type-to-provider mapping. */
class ProvidersTest {
  @Test
  void discoversTheBuiltinProviderThroughServiceLoader() {
    Providers p = Providers.discover();
    assertEquals(TerraformProviderFactory.class, p.factory("terraform").getClass());
    assertNull(p.factory("nope"));
  }

  @Test
  void explicitRegistryHoldsItsFactoriesAndTheBuiltin() {
    MockProvider mock = MockProvider.simple();
    ProviderFactory f = mock.factory();
    Providers p = Providers.of(f);
    assertEquals(Set.of("mock", "terraform"), p.names());
    assertSame(f, p.factory("mock"));
    assertSame(mock, p.factory("mock").create());
  }

  @Test
  void typesBelongToThePrefixBeforeTheFirstUnderscore() {
    assertEquals(
        List.of("terraform", "alicloud", "random", "null"),
        List.of("terraform_data", "alicloud_pai_workspace_workspace", "random_id", "null").stream()
            .map(Providers::providerForType)
            .toList());
  }

  @Test
  void displaysSourcesAsTerraformDoes() {
    assertEquals(
        "terraform.io/builtin/terraform", Providers.displaySource(new TerraformProviderFactory()));
    ProviderFactory ali =
        new ProviderFactory() {
          public String name() {
            return "alicloud";
          }

          public String source() {
            return "aliyun/alicloud";
          }

          public String version() {
            return "1";
          }

          @Override
          public int apiVersion() {
            return ProviderApi.VERSION;
          }

          public Provider create() {
            return null;
          }
        };
    assertEquals("registry.terraform.io/aliyun/alicloud", Providers.displaySource(ali));
  }
}
