package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.api.CloudSettings;
import dev.forma.emulator.fault.FaultConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request rate limiter against a local cloud that enforces an account rate limit (the
 * emulator's {@code maxCallsPerSecond} fault): an apply that would send calls far faster than the
 * cloud allows slows down on the first refusals, so only a few percent of its calls are spent on
 * throttling answers, and it finishes in one run.
 */
class RateLimitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONNECTIONS = 80;

  @TempDir Path dir;
  private LocalCloud cloud;
  private CliRun cli;

  @BeforeEach
  void start() throws Exception {
    cloud = LocalCloud.start(dir.resolve("cloud.json"), 0);
    cloud.setSettings(new CloudSettings(0, 0, Set.of(), Set.of()));
    cli = new CliRun(dir.resolve("work"));
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  /** Calls refused with throttling (received but not run) and calls run, over every action. */
  private long[] throttledAndRun() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cloud.url() + "/_emulator/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
    long refused = 0;
    long run = 0;
    for (JsonNode a : JSON.readTree(r.body()).path("actions")) {
      refused += a.path("received").asLong() - a.path("executed").asLong();
      run += a.path("executed").asLong();
    }
    return new long[] {refused, run};
  }

  @Test
  void anApplyFarFasterThanTheCloudAllowsSpendsFewCallsOnThrottling() throws Exception {
    cloud.setFaults(
        new FaultConfig(0, 0, 0, 0, 0, Set.of("CreateConnection", "GetConnection"))
            .withMaxCallsPerSecond(40));
    cli.write(
        "main.tf",
        LocalClouds.providerBlock(cloud)
            + """
            resource "alicloud_pai_workspace_workspace" "w" {
              workspace_name = "limited"
              description    = "d"
              env_types      = ["prod"]
            }

            resource "alicloud_pai_workspace_connection" "c" {
              count           = %d
              workspace_id    = alicloud_pai_workspace_workspace.w.id
              connection_name = "c-${count.index}"
              connection_type = "DashScopeConnection"
              accessibility   = "PUBLIC"
              configs = {
                base_url = "https://dashscope.example/v1"
              }
            }
            """
                .formatted(CONNECTIONS));
    int exit = cli.run("", "apply", "-auto-approve", "-no-color");
    assertEquals(0, exit, cli.out() + cli.err());
    assertTrue(
        cli.out().contains("Apply complete! Resources: " + (CONNECTIONS + 1) + " added"),
        cli.out());
    long[] calls = throttledAndRun();
    // unlimited, ten workers would send hundreds of calls a second against 40 allowed: most of
    // them refused; the limiter halves its rate on the first refusals and settles below 40
    assertTrue(
        calls[0] * 10 < calls[1],
        calls[0] + " calls throttled for " + calls[1] + " run: not under 10%");
  }
}
