package dev.forma.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Decisions posted to a webhook: which ones, their body, and a webhook that fails. */
class WebhooksTest {
  @Test
  void postsAppliesAndDriftAsTheirJsonLineAndNothingElse() throws Exception {
    List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          bodies.add(
              ex.getRequestMethod()
                  + " "
                  + ex.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    server.start();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DecisionLog log =
          new DecisionLog(
              new PrintStream(out, true, StandardCharsets.UTF_8),
              Clock.systemUTC(),
              Redactor.of(Map.of()));
      Webhooks hooks =
          new Webhooks(
              HttpUrl.get("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
              p -> log.record(null, "webhook-failed", p));
      log.listen(hooks);
      Decision applied = log.record("c1", "applied", "Applied: 1 added, 0 changed, 0 destroyed.");
      log.record("c1", "applying", "Applying plan.");
      Decision drift = log.record("c1", "drift", "Drift: 1 objects changed outside Forma.");
      hooks.close();
      assertEquals(
          List.of(
              "POST application/json; charset=utf-8 " + DecisionLog.line(applied),
              "POST application/json; charset=utf-8 " + DecisionLog.line(drift)),
          bodies);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aWebhookThatCannotBeReachedIsLoggedByItsHostOnly() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DecisionLog log =
        new DecisionLog(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            Clock.systemUTC(),
            Redactor.of(Map.of()));
    Webhooks hooks =
        new Webhooks(
            HttpUrl.get("http://127.0.0.1:9/hook?token=abc123"),
            p -> log.record(null, "webhook-failed", p));
    log.listen(hooks);
    log.record("c1", "applied", "Applied.");
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.contains(
            "\"event\":\"webhook-failed\",\"summary\":\"The webhook at 127.0.0.1 could not be reached for the applied decision"),
        text);
    assertTrue(!text.contains("abc123"), text);
  }
}
