package dev.forma.provider.alicloud.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.alicloud.AlicloudProvider;
import dev.forma.provider.alicloud.http.Product;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderSettingsTest {
  @TempDir Path home;

  private Value block(Map<String, Value> attrs) {
    return Values.complete(AlicloudProvider.providerBlock(), attrs);
  }

  private Environment env(Map<String, String> vars, Map<String, String> props) {
    return new Environment(vars, home, props::get);
  }

  @Test
  void missingCredentialsSayWhereFormaLooked() {
    ProviderSettings.Resolution r =
        ProviderSettings.resolve(
            block(Map.of("region", Value.of("cn-hangzhou"))), env(Map.of(), Map.of()));
    assertNull(r.settings());
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertEquals("No valid credential sources found for the alicloud provider", d.summary());
    assertEquals(
        "Forma looked in, in this order:\n"
            + "  - the provider block: access_key and secret_key are not set;\n"
            + "  - the environment: neither ALIBABA_CLOUD_ACCESS_KEY_ID and"
            + " ALIBABA_CLOUD_ACCESS_KEY_SECRET nor ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY are"
            + " set;\n"
            + "  - the profile file "
            + home.resolve(".aliyun/config.json")
            + ": the file does not exist.\n"
            + "Set one of them, or use endpoint = \"local\" for the local cloud.",
        d.detail());
  }

  @Test
  void theProviderBlockWinsOverTheEnvironment() {
    Map<String, Value> a = new HashMap<>();
    a.put("access_key", Value.of("block-id"));
    a.put("secret_key", Value.of("block-secret").markSensitive());
    a.put("security_token", Value.of("tok").markSensitive());
    ProviderSettings s =
        ProviderSettings.resolve(
                block(a),
                env(
                    Map.of(
                        "ALIBABA_CLOUD_ACCESS_KEY_ID",
                        "env-id",
                        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                        "env-s",
                        "ALIBABA_CLOUD_REGION",
                        "cn-beijing"),
                    Map.of()))
            .settings();
    assertEquals("block-id", s.credentials().accessKeyId());
    assertEquals("tok", s.credentials().securityToken());
    assertEquals("cn-beijing", s.region());
    assertEquals(
        "https://aiworkspace.cn-beijing.aliyuncs.com/",
        s.endpoints().get(Product.AIWORKSPACE).toString());
    assertEquals(
        "https://pai-eas.cn-beijing.aliyuncs.com/", s.endpoints().get(Product.EAS).toString());
    assertEquals(5, s.maxRetries());
  }

  @Test
  void theTerraformProvidersVariablesAreReadToo() {
    ProviderSettings s =
        ProviderSettings.resolve(
                block(Map.of()),
                env(
                    Map.of(
                        "ALICLOUD_ACCESS_KEY",
                        "a",
                        "ALICLOUD_SECRET_KEY",
                        "b",
                        "ALICLOUD_REGION",
                        "cn-shanghai"),
                    Map.of()))
            .settings();
    assertEquals("a", s.credentials().accessKeyId());
    assertEquals(
        "https://aicontent.aliyuncs.com/", s.endpoints().get(Product.AICONTENT).toString());
  }

  @Test
  void theProfileFileGivesKeysAndRegion() throws IOException {
    Files.createDirectories(home.resolve(".aliyun"));
    Files.writeString(
        home.resolve(".aliyun/config.json"),
        "{\"current\":\"default\",\"profiles\":[{\"name\":\"default\",\"mode\":\"AK\",\"access_key_id\":\"p-id\",\"access_key_secret\":\"p-s\",\"region_id\":\"cn-hangzhou\"},"
            + "{\"name\":\"other\",\"mode\":\"StsToken\",\"access_key_id\":\"o-id\",\"access_key_secret\":\"o-s\",\"sts_token\":\"o-t\",\"region_id\":\"cn-shenzhen\"}]}");
    ProviderSettings s =
        ProviderSettings.resolve(block(Map.of()), env(Map.of(), Map.of())).settings();
    assertEquals("p-id", s.credentials().accessKeyId());
    assertEquals("cn-hangzhou", s.region());
    ProviderSettings o =
        ProviderSettings.resolve(
                block(Map.of()), env(Map.of("ALIBABA_CLOUD_PROFILE", "other"), Map.of()))
            .settings();
    assertEquals("o-t", o.credentials().securityToken());
    assertEquals("cn-shenzhen", o.region());
  }

  @Test
  void endpointsTakeAHostOrAUrlWithSchemeAndPort() {
    Map<String, Value> a = new HashMap<>();
    a.put("access_key", Value.of("id"));
    a.put("secret_key", Value.of("s"));
    a.put("region", Value.of("cn-hangzhou"));
    a.put(
        "endpoints",
        Values.complete(
            AlicloudProvider.providerBlock().blocks().get("endpoints").block(),
            Map.of(
                "aiworkspace",
                Value.of("http://127.0.0.1:8080"),
                "eas",
                Value.of("eas.internal.example"))));
    ProviderSettings s =
        ProviderSettings.resolve(
                block(a),
                env(Map.of("ALIBABA_CLOUD_ENDPOINT_AICONTENT", "https://127.0.0.1:9443"), Map.of()))
            .settings();
    assertEquals("http://127.0.0.1:8080/", s.endpoints().get(Product.AIWORKSPACE).toString());
    assertEquals("https://eas.internal.example/", s.endpoints().get(Product.EAS).toString());
    assertEquals("https://127.0.0.1:9443/", s.endpoints().get(Product.AICONTENT).toString());
  }

  @Test
  void anEndpointWithAPathIsAnErrorAtTheArgument() {
    Map<String, Value> a = new HashMap<>();
    a.put("access_key", Value.of("id"));
    a.put("secret_key", Value.of("s"));
    a.put("region", Value.of("cn-hangzhou"));
    a.put(
        "endpoints",
        Values.complete(
            AlicloudProvider.providerBlock().blocks().get("endpoints").block(),
            Map.of("eas", Value.of("http://127.0.0.1:8080/prefix"))));
    ProviderSettings.Resolution r = ProviderSettings.resolve(block(a), env(Map.of(), Map.of()));
    assertEquals(
        List.of(PathStep.attr("endpoints"), PathStep.attr("eas")),
        r.diagnostics().get(0).attributePath());
  }

  @Test
  void endpointLocalUsesTheLocalCloudUrlAndDefaultCredentials() {
    ProviderSettings s =
        ProviderSettings.resolve(
                block(Map.of("endpoint", Value.of("local"))),
                env(Map.of(), Map.of(LocalCloud.URL_PROPERTY, "http://127.0.0.1:4567")))
            .settings();
    assertTrue(s.local());
    assertEquals(LocalCloud.ACCESS_KEY_ID, s.credentials().accessKeyId());
    assertEquals("cn-hangzhou", s.region());
    for (Product p : Product.values()) {
      assertEquals("http://127.0.0.1:4567/", s.endpoints().get(p).toString());
    }
    ProviderSettings.Resolution none =
        ProviderSettings.resolve(
            block(Map.of("endpoint", Value.of("local"))), env(Map.of(), Map.of()));
    assertEquals("The local cloud is not running", none.diagnostics().get(0).summary());
  }

  @Test
  void theRequestRateIsSetInTheBlockElseTheDefaultAgainstTheCloudAndNoneLocally() {
    Map<String, Value> a = new HashMap<>();
    a.put("access_key", Value.of("id"));
    a.put("secret_key", Value.of("s"));
    a.put("region", Value.of("cn-hangzhou"));
    ProviderSettings cloud = ProviderSettings.resolve(block(a), env(Map.of(), Map.of())).settings();
    assertEquals(ProviderSettings.DEFAULT_REQUESTS_PER_SECOND, cloud.requestsPerSecond());
    assertEquals(ProviderSettings.DEFAULT_REQUEST_BURST, cloud.requestBurst());
    Environment local = env(Map.of(), Map.of(LocalCloud.URL_PROPERTY, "http://127.0.0.1:4567"));
    ProviderSettings none =
        ProviderSettings.resolve(block(Map.of("endpoint", Value.of("local"))), local).settings();
    assertTrue(Double.isInfinite(none.requestsPerSecond()));
    ProviderSettings set =
        ProviderSettings.resolve(
                block(
                    Map.of(
                        "endpoint",
                        Value.of("local"),
                        "requests_per_second",
                        Value.of(7),
                        "request_burst",
                        Value.of(2))),
                local)
            .settings();
    assertEquals(7, set.requestsPerSecond());
    assertEquals(2, set.requestBurst());
    a.put("requests_per_second", Value.of(0));
    ProviderSettings.Resolution r = ProviderSettings.resolve(block(a), env(Map.of(), Map.of()));
    assertNull(r.settings());
    assertEquals("Invalid requests_per_second", r.diagnostics().get(0).summary());
    assertEquals(
        "requests_per_second must be a whole number between 1 and 10000; got 0.",
        r.diagnostics().get(0).detail());
    assertEquals(
        List.of(PathStep.attr("requests_per_second")), r.diagnostics().get(0).attributePath());
  }

  @Test
  void endpointLocalNeverSignsWithTheAccountsKeysFromTheEnvironment() {
    ProviderSettings s =
        ProviderSettings.resolve(
                block(Map.of("endpoint", Value.of("local"))),
                env(
                    Map.of(
                        "ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIreal",
                        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "real-secret",
                        "ALIBABA_CLOUD_REGION", "cn-shanghai"),
                    Map.of(LocalCloud.URL_PROPERTY, "http://127.0.0.1:4567")))
            .settings();
    assertEquals(LocalCloud.ACCESS_KEY_ID, s.credentials().accessKeyId());
    assertEquals("cn-hangzhou", s.region());
  }

  @Test
  void theFactoryIsFoundByServiceLoader() {
    ProviderFactory f =
        ServiceLoader.load(ProviderFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(x -> x.name().equals("alicloud"))
            .findFirst()
            .orElseThrow();
    assertEquals("aliyun/alicloud", f.source());
    assertEquals(4, f.create().schema().resources().size());
  }
}
