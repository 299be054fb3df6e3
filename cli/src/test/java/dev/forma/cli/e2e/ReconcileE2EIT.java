package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.forma.cli.CloudApi;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.api.CloudSettings;
import dev.forma.state.backend.pg.TestPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma reconcile} end to end: the built jar follows a bare Git repository made by the test,
 * against the local cloud, with its state in a real PostgreSQL. The timings (commit to applied,
 * drift to repaired) are printed for docs/reconcile.md; nothing asserts on them.
 */
class ReconcileE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "sk-reconcile-e2e-secret-4711";
  private static final Duration WAIT = Duration.ofMinutes(3);

  @TempDir Path tmp;
  private LocalCloud cloud;
  private String connStr;
  private String database;
  private Path work;
  private Path bare;
  private final List<Replica> replicas = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    cloud = E2E.startReadyCloud(tmp);
    TestPostgres pg = TestPostgres.shared();
    database = pg.createDatabase();
    connStr = pg.connStr(database);
    work = tmp.resolve("work");
    Files.createDirectories(work.resolve("platform"));
    git(work, "init", "-q", "-b", "main");
    bare = tmp.resolve("platform.git");
  }

  @AfterEach
  void tearDown() {
    for (Replica r : replicas) {
      r.process.destroyForcibly();
    }
    cloud.close();
  }

  @Test
  void appliesCommitsReportsAndRepairsDriftAndRefusesTooManyDeletions() throws Exception {
    List<String> hooks = Collections.synchronizedList(new ArrayList<>());
    HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext(
        "/hook",
        ex -> {
          hooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    webhook.start();
    try {
      String c1 = commit(config(1, true), "first");
      git(work, "clone", "-q", "--bare", ".", bare.toString());
      git(work, "remote", "add", "origin", bare.toString());
      Instant pushed = Instant.now();
      Replica a =
          start(
              "a",
              "-auto-apply",
              "-max-destroy=1",
              "-webhook=http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
      JsonNode applied1 = a.await(d -> is(d, c1, "applied"));
      long firstApply =
          Duration.between(pushed, Instant.parse(applied1.path("time").asText())).toMillis();
      assertEquals("Applied: 3 added, 0 changed, 0 destroyed.", applied1.path("summary").asText());
      assertEquals(List.of(1, 1, 0, 1), E2E.counts(cloud));
      assertEquals(1, service().path("TotalInstance").asInt());

      // a commit that changes the EAS service's replicas
      String c2 = commit(config(2, true), "two replicas");
      pushed = push();
      JsonNode applied2 = a.await(d -> is(d, c2, "applied"));
      long secondApply =
          Duration.between(pushed, Instant.parse(applied2.path("time").asText())).toMillis();
      assertEquals("Applied: 0 added, 1 changed, 0 destroyed.", applied2.path("summary").asText());
      assertEquals(2, service().path("TotalInstance").asInt());
      assertEquals(List.of(1, 1, 0, 1), E2E.counts(cloud));

      // a change by hand: reported, not repaired
      String connectionId = connection().path("ConnectionId").asText();
      new CloudApi(cloud).describeConnection(connectionId, "changed by hand");
      JsonNode drift = a.await(d -> is(d, c2, "drift"));
      assertTrue(
          drift
              .path("summary")
              .asText()
              .startsWith(
                  "Drift: 1 objects changed outside Forma, 0 deleted outside Forma. Not repaired"),
          drift.toString());
      JsonNode status = JSON.readTree(a.get("/status"));
      assertTrue(status.path("drift").path("found").asBoolean(), status.toString());
      assertEquals(c2, status.path("revision").path("applied").asText());
      assertTrue(a.get("/metrics").contains("forma_reconcile_drift_objects 1\n"));
      // checked again: still only reported, and not logged (or sent) again
      Instant told = Instant.parse(drift.path("time").asText());
      awaitCloud(() -> driftCheckedAfter(a, told.plusSeconds(1)));
      assertEquals(1, a.decisions().stream().filter(d -> is(d, c2, "drift")).count());
      assertEquals("changed by hand", connection().path("Description").asText());
      assertFalse(
          a.decisions().stream().anyMatch(d -> d.path("event").asText().startsWith("repair")));
      assertAllSecretsKept(a);
      a.stop();

      // the same controller with -repair-drift: its first pass applies the branch (the repair)
      Replica b = start("a", "-auto-apply", "-max-destroy=1", "-repair-drift");
      b.await(d -> is(d, c2, "applied"));
      assertEquals("as in Git", connection().path("Description").asText());
      new CloudApi(cloud).describeConnection(connectionId, "changed by hand again");
      Instant changed = Instant.now();
      JsonNode repaired = b.await(d -> is(d, c2, "repaired"));
      long repair =
          Duration.between(changed, Instant.parse(repaired.path("time").asText())).toMillis();
      assertEquals(
          "Drift repaired: 0 added, 1 changed, 0 destroyed.", repaired.path("summary").asText());
      assertEquals("as in Git", connection().path("Description").asText());

      // a commit that would delete the connection and the service: over -max-destroy=1
      String c3 = commit(config(2, false), "drop the connection and the service");
      push();
      JsonNode refused = b.await(d -> is(d, c3, "refused"));
      assertTrue(
          refused
              .path("summary")
              .asText()
              .contains("deletes or replaces 2 objects, more than -max-destroy=1"),
          refused.toString());
      assertTrue(
          refused.path("summary").asText().contains("stays applied (" + c2 + ")"),
          refused.toString());
      assertEquals(List.of(1, 1, 0, 1), E2E.counts(cloud));
      Instant refusedAt = Instant.parse(refused.path("time").asText());
      awaitCloud(
          () -> driftCheckedAfter(b, refusedAt)); // a pass after: c2 checked, c3 not re-planned
      JsonNode after = JSON.readTree(b.get("/status"));
      assertEquals(c2, after.path("revision").path("applied").asText());
      assertEquals(c3, after.path("revision").path("refused").asText());
      assertEquals(1, b.decisions().stream().filter(d -> is(d, c3, "refused")).count());
      assertAllSecretsKept(b);
      b.stop();

      List<String> hookEvents = new ArrayList<>();
      for (String h : hooks) {
        hookEvents.add(JSON.readTree(h).path("event").asText());
      }
      assertTrue(hookEvents.containsAll(List.of("applied", "drift")), hookEvents.toString());
      assertFalse(String.join("\n", hooks).contains(SECRET));
      System.out.printf(
          "reconcile timings: commit to applied %d ms (first commit, 3 objects, controller starting), %d ms (replicas change, interval 1s); drift to repaired %d ms%n",
          firstApply, secondApply, repair);
    } finally {
      webhook.stop(0);
    }
  }

  @Test
  void aReplicaKilledMidApplyLeavesNothingTheOtherCannotAdopt() throws Exception {
    // services take 12 s to come up: the apply is still running when the replica is killed
    cloud.setSettings(new CloudSettings(0, 12_000, Set.of(), Set.of()));
    String c1 = commit(config(1, true), "first");
    git(work, "clone", "-q", "--bare", ".", bare.toString());
    Replica a = start("a", "-auto-apply");
    a.await(d -> is(d, c1, "applying"));
    awaitCloud(() -> E2E.counts(cloud).get(3) == 1);
    Replica b = start("b", "-auto-apply");
    JsonNode waiting = b.await(d -> is(d, c1, "waiting"));
    assertTrue(waiting.path("summary").asText().contains("locked"), waiting.toString());
    a.process.destroyForcibly().waitFor(1, TimeUnit.MINUTES); // kill -9, mid-apply
    assertFalse(a.decisions().stream().anyMatch(d -> is(d, c1, "applied")));
    Instant killed = Instant.now();
    // the service's create was pending: the survivor's plan finds it and adopts it, nothing to
    // create again; applying that plan saves the adoption
    JsonNode applied = b.await(d -> is(d, c1, "up-to-date") || is(d, c1, "applied"));
    System.out.printf(
        "reconcile timings: kill -9 mid-apply to settled by the other replica %d ms%n",
        Duration.between(killed, Instant.parse(applied.path("time").asText())).toMillis());
    // no duplicate, no orphan: one object of each, and each is the one in the state
    assertEquals(List.of(1, 1, 0, 1), E2E.counts(cloud));
    String state = state();
    assertTrue(state.contains(service().path("ServiceId").asText()), state);
    assertTrue(state.contains(connection().path("ConnectionId").asText()), state);
    Instant appliedAt = Instant.parse(applied.path("time").asText());
    awaitCloud(() -> driftCheckedAfter(b, appliedAt));
    assertFalse(JSON.readTree(b.get("/status")).path("drift").path("found").asBoolean());
    E2E.Run plan =
        E2E.exec(
            tmp,
            tmp.resolve("data-b/checkout/platform"),
            Map.of(
                "FORMA_ALICLOUD_LOCAL_URL",
                cloud.url(),
                "PG_CONN_STR",
                connStr,
                "TF_VAR_api_key",
                SECRET),
            E2E.forma("plan", "-detailed-exitcode", "-no-color"));
    assertEquals(0, plan.exit(), plan.all());
    assertTrue(plan.out().contains("No changes."), plan.all());
    assertFalse(plan.all().contains("interrupted"), plan.all());
    assertFalse(
        b.decisions().stream().anyMatch(d -> d.path("event").asText().endsWith("failed")),
        b.decisions().toString());
    assertAllSecretsKept(b);
  }

  // ------------------------------------------------------------------ helpers

  private static boolean is(JsonNode d, String revision, String event) {
    return d.path("event").asText().equals(event)
        && (revision == null || revision.equals(d.path("revision").asText()));
  }

  /** The configuration at a commit: the EAS service's replicas; with or without two objects. */
  private static String config(int replicas, boolean withConnectionAndService) {
    String base =
        """
        terraform {
          backend "pg" {}
        }

        provider "alicloud" {
          region   = "cn-hangzhou"
          endpoint = "local"
        }

        variable "api_key" {
          type      = string
          sensitive = true
        }

        resource "alicloud_pai_workspace_workspace" "w" {
          workspace_name = "gitops_ws"
          description    = "reconciled from Git"
          display_name   = "GitOps"
          env_types      = ["prod"]
        }
        """;
    if (!withConnectionAndService) {
      return base;
    }
    return base
        + """

        resource "alicloud_pai_workspace_connection" "c" {
          workspace_id    = alicloud_pai_workspace_workspace.w.id
          connection_name = "dashscope"
          connection_type = "DashScopeConnection"
          accessibility   = "PRIVATE"
          description     = "as in Git"
          configs = {
            base_url = "https://dashscope.aliyuncs.com/compatible-mode/v1"
          }
          secrets = {
            api_key = var.api_key
          }
        }

        resource "alicloud_pai_eas_app_service" "llm" {
          service_name = "gitops_llm"
          app_type     = "LLM"
          app_version  = "v1"
          service_spec = "chatglm2_6b_fp16"
          replicas     = %d
          workspace_id = alicloud_pai_workspace_workspace.w.id
          quota_id     = "quota-gitops"
          config {
            model_storage = "oss"
            oss_path      = "oss://forma-platform/models/chatglm2-6b/"
          }
        }
        """
            .formatted(replicas);
  }

  private String commit(String config, String message) throws Exception {
    Files.writeString(work.resolve("platform/main.tf"), config);
    git(work, "add", "-A");
    git(work, "commit", "-qm", message);
    return git(work, "rev-parse", "HEAD").strip();
  }

  private Instant push() throws Exception {
    git(work, "push", "-q", "origin", "main");
    return Instant.now();
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("git", "-c", "user.name=forma", "-c", "user.email=forma@localhost"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private JsonNode service() throws Exception {
    return E2E.admin(cloud, "GET", "objects").path("services").get(0);
  }

  private JsonNode connection() throws Exception {
    return E2E.admin(cloud, "GET", "objects").path("connections").get(0);
  }

  private String state() throws Exception {
    try (Connection c = TestPostgres.shared().connect(database);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT data FROM terraform_remote_state.states")) {
      assertTrue(r.next());
      return r.getString(1);
    }
  }

  /**
   * Whether the replica's last drift check (which logs nothing when it finds none) was after {@code
   * t}.
   */
  private static boolean driftCheckedAfter(Replica r, Instant t) throws Exception {
    String at = JSON.readTree(r.get("/status")).path("drift").path("checked_at").asText(null);
    return at != null && Instant.parse(at).isAfter(t);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitCloud(Check check) throws Exception {
    Instant end = Instant.now().plus(WAIT);
    while (!check.holds()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("the local cloud never got there");
      }
      Thread.sleep(100);
    }
  }

  /** Every text the replica gave out (log, status, metrics) is free of the variable's secret. */
  private static void assertAllSecretsKept(Replica r) throws Exception {
    assertFalse(r.stdout().contains(SECRET));
    assertFalse(r.get("/status").contains(SECRET));
    assertFalse(r.get("/metrics").contains(SECRET));
  }

  private Replica start(String name, String... flags) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "reconcile",
                "-repo=" + bare,
                "-branch=main",
                "-path=platform",
                "-interval=1s",
                "-lock-timeout=1s",
                "-max-backoff=4s",
                "-status-addr=127.0.0.1:0",
                "-data-dir=" + tmp.resolve("data-" + name)));
    args.addAll(List.of(flags));
    ProcessBuilder pb =
        new ProcessBuilder(E2E.forma(args.toArray(String[]::new))).directory(tmp.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "FORMA_ALICLOUD_LOCAL_URL", cloud.url(),
                "PG_CONN_STR", connStr,
                "TF_VAR_api_key", SECRET));
    Path out = Files.createTempFile(tmp, "reconcile-" + name, ".out");
    Path err = Files.createTempFile(tmp, "reconcile-" + name, ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    Replica r = new Replica(p, out, err);
    replicas.add(r);
    JsonNode started = r.await(d -> is(d, null, "started"));
    Matcher m =
        Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/status")
            .matcher(started.path("summary").asText());
    assertTrue(m.find(), started.toString());
    r.port = Integer.parseInt(m.group(1));
    return r;
  }

  /** One controller process: its decisions (stdout, JSON lines) and its status port. */
  private static final class Replica {
    final Process process;
    final Path out;
    final Path err;
    int port;

    Replica(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    String stdout() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    List<JsonNode> decisions() throws IOException {
      List<JsonNode> all = new ArrayList<>();
      for (String line : stdout().split("\n")) {
        if (line.startsWith("{") && line.endsWith("}")) {
          all.add(JSON.readTree(line));
        }
      }
      return all;
    }

    /**
     * Waits for the first decision that matches; fails with the log when the process ends first.
     */
    JsonNode await(Predicate<JsonNode> wanted) throws Exception {
      Instant end = Instant.now().plus(WAIT);
      while (Instant.now().isBefore(end)) {
        for (JsonNode d : decisions()) {
          if (wanted.test(d)) {
            return d;
          }
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(100);
      }
      throw new AssertionError(
          "no such decision; the controller logged:\n"
              + stdout()
              + "\nstderr:\n"
              + Files.readString(err));
    }

    String get(String path) throws Exception {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
          .body();
    }

    /** SIGTERM: the controller ends its pass and says "stopped". */
    void stop() throws Exception {
      process.destroy();
      assertTrue(process.waitFor(1, TimeUnit.MINUTES));
      assertTrue(stdout().contains("\"event\":\"stopped\""), stdout());
    }
  }
}
