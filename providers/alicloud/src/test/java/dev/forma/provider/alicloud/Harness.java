package dev.forma.provider.alicloud;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.forma.provider.alicloud.config.Environment;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import dev.forma.provider.sdk.testing.WireMockCloud;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The SDK's contract-test base ({@link WireMockCloud}: a WireMock server on 127.0.0.1, sleeps
 * recorded instead of slept and a clock that advances by what was "slept", redacted log lines and
 * progress statuses) with an {@link AlicloudProvider} configured against it.
 */
public final class Harness extends WireMockCloud {
  public static final String KEY_ID = "LTAI-test-key";
  public static final String SECRET = "test-secret-value-never-logged";

  public final AlicloudProvider provider;

  public Harness() {
    this(Map.of());
  }

  public Harness(Map<String, Value> extraConfig) {
    provider =
        new AlicloudProvider(
            new Environment(Map.of(), Path.of("/nonexistent-home"), k -> null),
            new AlicloudProvider.Tuning(
                sleeper(), Duration.ofSeconds(5), nanoTime(), logger(), Duration.ofSeconds(2)));
    Map<String, Value> cfg = new HashMap<>();
    cfg.put("region", Value.of("cn-hangzhou"));
    cfg.put("access_key", Value.of(KEY_ID));
    cfg.put("secret_key", Value.of(SECRET).markSensitive());
    String url = url();
    BlockSchema endpoints = AlicloudProvider.providerBlock().blocks().get("endpoints").block();
    cfg.put(
        "endpoints",
        Values.complete(
            endpoints,
            Map.of(
                "aiworkspace", Value.of(url), "eas", Value.of(url), "aicontent", Value.of(url))));
    cfg.putAll(extraConfig);
    Requests.Diagnostics d =
        provider.configure(
            new Requests.Configure(Values.complete(AlicloudProvider.providerBlock(), cfg)));
    if (!d.diagnostics().isEmpty()) {
      throw new IllegalStateException("configure failed: " + d.diagnostics());
    }
  }

  /** A value of the resource type's schema with the given attributes. */
  public Value object(String type, Map<String, Value> attrs) {
    return Values.complete(provider.schema().resources().get(type).block(), attrs);
  }

  public BlockSchema block(String type, String nested) {
    return provider.schema().resources().get(type).block().blocks().get(nested).block();
  }

  /** Every recorded request carries a valid signature by the test key. */
  public void assertAllSigned() {
    for (LoggedRequest r : requests()) {
      SignatureVerifier.assertValid(r, KEY_ID, SECRET);
    }
  }
}
