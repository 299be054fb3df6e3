package dev.forma.cli.reconcile;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends the decisions people want to hear about (applied, drift, repaired, refused, and the
 * failures) to a webhook: a POST of the decision's JSON (the same object as its log line). A
 * webhook that fails is logged (by host only: its URL may hold a token) and not retried: the next
 * decision goes out anyway, and /status keeps the state.
 */
final class Webhooks implements Consumer<Decision> {
  static final Set<String> EVENTS =
      Set.of(
          "applied", "drift", "repaired", "refused", "plan-failed", "apply-failed", "drift-failed");
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final okhttp3.HttpUrl url;
  private final Consumer<String> problems;

  /**
   * @param problems where to report a delivery that failed (a sentence naming only the host)
   */
  Webhooks(okhttp3.HttpUrl url, Consumer<String> problems) {
    this.url = url;
    this.problems = problems;
    this.http =
        new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10))
            .followRedirects(false)
            .build();
  }

  @Override
  public void accept(Decision d) {
    if (!EVENTS.contains(d.event())) {
      return;
    }
    Request request =
        new Request.Builder()
            .url(url)
            .header("User-Agent", "forma-reconcile")
            .post(RequestBody.create(DecisionLog.line(d), JSON_TYPE))
            .build();
    try (Response r = http.newCall(request).execute()) {
      if (!r.isSuccessful()) {
        problems.accept(
            "The webhook at "
                + url.host()
                + " answered "
                + r.code()
                + " to the "
                + d.event()
                + " decision.");
      }
    } catch (IOException e) {
      problems.accept(
          "The webhook at "
              + url.host()
              + " could not be reached for the "
              + d.event()
              + " decision: "
              + e.getClass().getSimpleName()
              + ".");
    }
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
