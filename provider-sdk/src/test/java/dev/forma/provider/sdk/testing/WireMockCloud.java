package dev.forma.provider.sdk.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.forma.provider.api.Progress;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.sdk.http.RedactingLogInterceptor;
import dev.forma.provider.sdk.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The base of a provider's contract tests: a WireMock server on 127.0.0.1 (a dynamic port) that
 * plays the cloud's API, and the seams a provider on the SDK takes so that a test runs without real
 * delays and sees what a user would: a {@link #sleeper()} that records each wait instead of
 * sleeping and advances a {@link #nanoTime()} clock by it (so that timeouts and retry budgets run
 * out as they would), a {@link #logger()} whose lines (already redacted) land in {@link #logLines},
 * and a {@link #progress} whose statuses land in {@link #statuses}.
 *
 * <p>Published in the provider SDK's test-jar ({@code forma-provider-sdk}, type {@code test-jar},
 * scope test). A provider's harness extends it and configures its provider against {@link #url()}.
 */
public class WireMockCloud implements AutoCloseable {
  public final WireMockServer wm;
  public final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  public final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  public final List<String> statuses = Collections.synchronizedList(new ArrayList<>());
  public final Progress progress = statuses::add;
  private final AtomicLong clock = new AtomicLong();

  public WireMockCloud() {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
  }

  /** The server's base URL, {@code http://127.0.0.1:PORT}: every product's endpoint. */
  public String url() {
    return "http://127.0.0.1:" + wm.port();
  }

  /** Records each wait in {@link #sleeps} and advances {@link #nanoTime()} by it; never sleeps. */
  public Sleeper sleeper() {
    return d -> {
      sleeps.add(d);
      clock.addAndGet(d.toNanos());
    };
  }

  /** A clock that moves only by what {@link #sleeper()} was asked to wait. */
  public LongSupplier nanoTime() {
    return clock::get;
  }

  /** A redacting HTTP log, enabled, writing each request and answer to {@link #logLines}. */
  public RedactingLogInterceptor logger() {
    return new RedactingLogInterceptor(logLines::add, true);
  }

  /** The requests the server received, oldest first. */
  public List<LoggedRequest> requests() {
    List<LoggedRequest> all = new ArrayList<>();
    wm.getAllServeEvents().forEach(e -> all.add(e.getRequest()));
    Collections.reverse(all);
    return all;
  }

  /** The requests whose path is {@code path}, oldest first. */
  public List<LoggedRequest> requests(String path) {
    List<LoggedRequest> out = new ArrayList<>();
    for (LoggedRequest r : requests()) {
      if (r.getUrl().equals(path) || r.getUrl().startsWith(path + "?")) {
        out.add(r);
      }
    }
    return out;
  }

  /** Diagnostics one a line, {@code SEVERITY: summary | detail}, for assertion messages. */
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
