package dev.forma.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** /status, /metrics and /healthz over real HTTP on loopback. */
class StatusServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(StatusServer s, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.address().getPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheStatusAsJsonTheMetricsAsPrometheusTextAndHealth() throws Exception {
    ControllerStatus status = new ControllerStatus();
    status.describe("https://git.example/platform.git", "main", "envs/prod", "auto-apply");
    status.seen("c2");
    Steps.PlanResult plan =
        new Steps.PlanResult(
            Steps.Outcome.OK, true, 0, 1, 0, "## Forma plan\n", Path.of("p"), null);
    status.planned("c2", plan, "## Forma plan\n");
    status.applied("c2", plan);
    status.pass("ok", Duration.ofMillis(1500));
    status.drift(
        new Steps.DriftResult(Steps.Outcome.OK, 2, 1, null), Instant.parse("2026-01-02T03:04:05Z"));
    try (StatusServer s = StatusServer.start(new InetSocketAddress("127.0.0.1", 0), status)) {
      HttpResponse<String> r = get(s, "/status");
      assertEquals(200, r.statusCode());
      assertEquals(
          "application/json; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
      JsonNode j = new ObjectMapper().readTree(r.body());
      assertEquals("c2", j.path("revision").path("applied").asText());
      assertEquals("## Forma plan\n", j.path("last_plan").path("summary_markdown").asText());
      assertEquals(
          "0 to add, 1 to change, 0 to destroy", j.path("last_plan").path("counts").asText());
      assertEquals(true, j.path("drift").path("found").asBoolean());
      assertEquals(2, j.path("drift").path("changed_outside").asInt());
      assertEquals(false, j.path("paused").asBoolean());

      HttpResponse<String> m = get(s, "/metrics");
      assertEquals(
          "text/plain; version=0.0.4; charset=utf-8",
          m.headers().firstValue("content-type").orElse(""));
      assertTrue(
          m.body()
              .contains(
                  "# TYPE forma_reconcile_runs_total counter\nforma_reconcile_runs_total{result=\"ok\"} 1\n"),
          m.body());
      assertTrue(
          m.body()
              .contains(
                  "forma_reconcile_duration_seconds_sum 1.500\nforma_reconcile_duration_seconds_count 1\n"),
          m.body());
      assertTrue(m.body().contains("forma_reconcile_objects_changed_total 1\n"), m.body());
      assertTrue(m.body().contains("forma_reconcile_drift_objects 3\n"), m.body());
      assertTrue(m.body().contains("forma_reconcile_drift_detected_total 1\n"), m.body());

      assertEquals("ok\n", get(s, "/healthz").body());
      assertEquals(404, get(s, "/status/x").statusCode());
      assertEquals(404, get(s, "/").statusCode());
    }
  }
}
