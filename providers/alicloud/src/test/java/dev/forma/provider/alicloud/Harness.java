package dev.forma.provider.alicloud;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.forma.provider.alicloud.config.Environment;
import dev.forma.provider.alicloud.http.RedactingLogInterceptor;
import dev.forma.provider.alicloud.support.Values;
import dev.forma.provider.api.Progress;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WireMock server on 127.0.0.1 and an {@link AlicloudProvider} configured against it, with sleeps
 * recorded instead of slept and a clock that advances by what was "slept".
 */
public final class Harness implements AutoCloseable {
  public static final String KEY_ID = "LTAI-test-key";
  public static final String SECRET = "test-secret-value-never-logged";

  public final WireMockServer wm;
  public final AlicloudProvider provider;
  public final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  public final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  public final List<String> statuses = Collections.synchronizedList(new ArrayList<>());
  public final Progress progress = statuses::add;
  private final AtomicLong clock = new AtomicLong();

  public Harness() {
    this(Map.of());
  }

  public Harness(Map<String, Value> extraConfig) {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    provider =
        new AlicloudProvider(
            new Environment(Map.of(), Path.of("/nonexistent-home"), k -> null),
            new AlicloudProvider.Tuning(
                d -> {
                  sleeps.add(d);
                  clock.addAndGet(d.toNanos());
                },
                Duration.ofSeconds(5),
                clock::get,
                new RedactingLogInterceptor(logLines::add, true),
                Duration.ofSeconds(2)));
    Map<String, Value> cfg = new HashMap<>();
    cfg.put("region", Value.of("cn-hangzhou"));
    cfg.put("access_key", Value.of(KEY_ID));
    cfg.put("secret_key", Value.of(SECRET).markSensitive());
    String url = "http://127.0.0.1:" + wm.port();
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

  public List<LoggedRequest> requests() {
    List<LoggedRequest> all = new ArrayList<>();
    wm.getAllServeEvents().forEach(e -> all.add(e.getRequest()));
    Collections.reverse(all);
    return all;
  }

  /** Every recorded request carries a valid signature by the test key. */
  public void assertAllSigned() {
    for (LoggedRequest r : requests()) {
      SignatureVerifier.assertValid(r, KEY_ID, SECRET);
    }
  }

  public static String errors(List<ProviderDiagnostic> ds) {
    StringBuilder b = new StringBuilder();
    for (ProviderDiagnostic d : ds) {
      b.append(d.severity())
          .append(": ")
          .append(d.summary())
          .append(" | ")
          .append(d.detail())
          .append('\n');
    }
    return b.toString();
  }

  @Override
  public void close() {
    wm.stop();
  }
}
