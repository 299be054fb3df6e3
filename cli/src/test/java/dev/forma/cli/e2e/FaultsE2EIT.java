package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.cli.e2e.E2E.Run;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.fault.FaultConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end under faults: the built CLI ({@code cli/target/forma.jar}) as a separate process
 * against a local cloud that throttles, answers 503 (before and after acting) and loses answers,
 * with seeded fault sequences. What must hold: an apply converges in one run, nothing is made
 * twice, nothing healthy is replaced, and when the outcome of a create cannot be learned the user
 * is told what happened and given a way on.
 */
class FaultsE2EIT {
  /** Seeded runs of the throttled quickstart (override with {@code -Dforma.faultRuns=N}). */
  private static final int RUNS = Integer.getInteger("forma.faultRuns", 8);

  /** The runs stop early, with at least 3 done, once this much time has gone. */
  private static final long BUDGET_MILLIS = 150_000;

  @TempDir Path tmp;
  private LocalCloud cloud;

  @BeforeEach
  void startCloud() throws IOException {
    cloud = E2E.startReadyCloud(tmp);
  }

  @AfterEach
  void stopCloud() {
    cloud.close();
  }

  @Test
  void theQuickstartUnderThrottlingAnd503sConvergesInOneApplyWithoutDuplicatesEveryRun()
      throws Exception {
    long start = System.currentTimeMillis();
    int runs = 0;
    long throttled = 0;
    for (int seed = 1; seed <= RUNS; seed++) {
      if (runs >= 3 && System.currentTimeMillis() - start > BUDGET_MILLIS) {
        break;
      }
      admin("POST", "reset");
      Path dir = copy("quickstart", "quickstart-" + seed);
      // 30% throttled; 5% answered 503, half of them after the cloud acted
      cloud.setFaults(
          new FaultConfig(0, 0.30, 0.025, 0, seed, Set.of()).withServerErrorAfterRate(0.025));
      Run apply = forma(dir, "apply", "-auto-approve", "-no-color");
      String run = "run with seed " + seed + ":\n" + apply.all();
      assertEquals(0, apply.exit(), run);
      assertTrue(
          apply.out().contains("Apply complete! Resources: 5 added, 0 changed, 0 destroyed."), run);
      assertFalse(apply.all().contains("Error"), run);
      assertEquals(List.of(1, 2, 1, 1), counts(), "objects in the cloud after " + run);
      Run plan = forma(dir, "plan", "-detailed-exitcode", "-no-color");
      assertEquals(0, plan.exit(), "plan after " + run + "\n" + plan.all());
      assertTrue(plan.out().contains("No changes."), plan.all());
      assertFalse(plan.out().contains("tainted"), plan.all());
      JsonNode stats = admin("GET", "stats").path("actions");
      for (JsonNode a : stats) {
        throttled += a.path("received").asLong() - a.path("executed").asLong();
      }
      cloud.setFaults(FaultConfig.NONE);
      assertEquals(List.of(1, 2, 1, 1), counts());
      runs++;
    }
    assertTrue(runs >= 3, "runs " + runs);
    assertTrue(throttled >= 5 * runs, "too few faults were injected: " + throttled + " in " + runs);
    System.out.printf(
        "FaultsE2EIT: %d throttled quickstart runs converged in one apply each (%d calls refused)"
            + " in %d s%n",
        runs, throttled, (System.currentTimeMillis() - start) / 1000);
  }

  private static final Set<String> CREATES =
      Set.of("CreateWorkspace", "CreateConnection", "ModelRouterCreateModel", "CreateAppService");

  @Test
  void everyCreateAnswered503AfterTheCloudActedIsAdoptedNotMadeTwice() throws Exception {
    everyCreateIsMadeOnce(new FaultConfig(0, 0, 0, 0, 1, CREATES).withServerErrorAfterRate(1.0));
  }

  @Test
  void everyCreateWhoseAnswerIsLostIsAdoptedNotMadeTwice() throws Exception {
    everyCreateIsMadeOnce(new FaultConfig(0, 0, 0, 1.0, 1, CREATES));
  }

  /** The quickstart applied with {@code faults} on its creates: each made once, and adopted. */
  private void everyCreateIsMadeOnce(FaultConfig faults) throws Exception {
    Path dir = copy("quickstart", "quickstart");
    cloud.setFaults(faults);
    Run apply = forma(dir, "apply", "-auto-approve", "-no-color");
    assertEquals(0, apply.exit(), apply.all());
    assertTrue(apply.out().contains("Apply complete! Resources: 5 added"), apply.all());
    cloud.setFaults(FaultConfig.NONE);
    JsonNode stats = admin("GET", "stats").path("actions");
    assertEquals(1, stats.path("CreateWorkspace").path("executed").asLong(), stats.toString());
    assertEquals(2, stats.path("CreateConnection").path("executed").asLong(), stats.toString());
    assertEquals(
        1, stats.path("ModelRouterCreateModel").path("executed").asLong(), stats.toString());
    assertEquals(1, stats.path("CreateAppService").path("executed").asLong(), stats.toString());
    assertEquals(List.of(1, 2, 1, 1), counts());
    Run plan = forma(dir, "plan", "-detailed-exitcode", "-no-color");
    assertEquals(0, plan.exit(), plan.all());
    assertTrue(plan.out().contains("No changes."), plan.all());
  }

  @Test
  void aThrottledReadAfterACreateDoesNotTaintTheObjectAndTheNextApplyKeepsIt() throws Exception {
    Path dir = copy("seed-connection", "seed");
    // no read of the connection is answered while the apply runs: it still counts as created
    cloud.setFaults(new FaultConfig(0, 0, 0, 1.0, 1, Set.of("GetConnection")));
    Run apply = forma(dir, "apply", "-auto-approve", "-no-color");
    assertEquals(0, apply.exit(), apply.all());
    assertTrue(apply.out().contains("Apply complete! Resources: 2 added"), apply.all());
    assertTrue(apply.out().contains("Warning: Could not read connection "), apply.all());
    assertFalse(apply.all().contains("invalid result object"), apply.all());
    String id = objects().path("connections").get(0).path("ConnectionId").asText();
    cloud.setFaults(FaultConfig.NONE);
    Run show = forma(dir, "state", "list");
    assertEquals(0, show.exit(), show.all());
    Run plan = forma(dir, "plan", "-detailed-exitcode", "-no-color");
    assertEquals(0, plan.exit(), plan.all());
    assertTrue(plan.out().contains("No changes."), plan.all());
    Run again = forma(dir, "apply", "-auto-approve", "-no-color");
    assertEquals(0, again.exit(), again.all());
    assertEquals(1, objects().path("connections").size());
    assertEquals(id, objects().path("connections").get(0).path("ConnectionId").asText());
    assertTrue(Files.readString(dir.resolve("terraform.tfstate")).contains(id));
  }

  @Test
  void aCreateWhoseOutcomeCannotBeLearnedIsSettledByStateRmWhenItWasNeverMade() throws Exception {
    Path dir = copy("seed-connection", "seed");
    // the create is refused with 503 before it runs, and the lookup that follows fails too
    fewerRetries(dir);
    cloud.setFaults(
        new FaultConfig(0, 0, 1.0, 0, 1, Set.of("CreateConnection", "ListConnections")));
    Run apply = forma(dir, "apply", "-auto-approve", "-no-color");
    assertEquals(1, apply.exit(), apply.all());
    assertTrue(
        flat(apply.all())
            .contains(
                "CreateConnection may or may not have been carried out (HTTP 503"
                    + " ServiceUnavailable), and"
                    + " looking for connection \"example_connection_1769080363\" by its name"
                    + " failed too"),
        apply.all());
    assertTrue(
        flat(apply.all())
            .contains(
                "Forma cannot tell whether alicloud_pai_workspace_connection.default was"
                    + " created. The next plan asks the provider to look for it before creating"
                    + " it again, so no duplicate is made."),
        apply.all());
    assertEquals(0, objects().path("connections").size());

    Run plan = forma(dir, "plan", "-no-color");
    assertEquals(1, plan.exit(), plan.all());
    assertStuckPlanSaysHowToGoOn(plan);

    Run rm = forma(dir, "state", "rm", "-no-color", "alicloud_pai_workspace_connection.default");
    assertEquals(0, rm.exit(), rm.all());
    assertTrue(
        rm.out()
            .contains("Dropped the pending create of alicloud_pai_workspace_connection.default"),
        rm.all());
    cloud.setFaults(FaultConfig.NONE);
    Run again = forma(dir, "apply", "-auto-approve", "-no-color");
    assertEquals(0, again.exit(), again.all());
    assertFalse(again.out().contains("Objects from an earlier operation"), again.all());
    assertTrue(again.out().contains("Apply complete! Resources: 1 added"), again.all());
    assertEquals(1, objects().path("connections").size());
    assertEquals(0, forma(dir, "plan", "-detailed-exitcode").exit());
  }

  @Test
  void aCreateWhoseOutcomeCannotBeLearnedIsSettledByImportWhenItWasMade() throws Exception {
    Path dir = copy("seed-connection", "seed");
    // the create runs but its answer is lost, and so are the answers of the lookups
    fewerRetries(dir);
    cloud.setFaults(
        new FaultConfig(0, 0, 0, 1.0, 1, Set.of("CreateConnection", "ListConnections")));
    Run apply = forma(dir, "apply", "-auto-approve", "-no-color");
    assertEquals(1, apply.exit(), apply.all());
    assertTrue(
        flat(apply.all())
            .contains("CreateConnection may or may not have been carried out (no answer"),
        apply.all());
    assertEquals(1, objects().path("connections").size());
    String id = objects().path("connections").get(0).path("ConnectionId").asText();

    Run plan = forma(dir, "plan", "-no-color");
    assertEquals(1, plan.exit(), plan.all());
    assertStuckPlanSaysHowToGoOn(plan);

    Run imp = forma(dir, "import", "-no-color", "alicloud_pai_workspace_connection.default", id);
    assertEquals(0, imp.exit(), imp.all());
    assertTrue(imp.out().contains("Import successful!"), imp.all());
    cloud.setFaults(FaultConfig.NONE);
    Run again = forma(dir, "apply", "-auto-approve", "-no-color");
    assertEquals(0, again.exit(), again.all());
    assertFalse(again.out().contains("Objects from an earlier operation"), again.all());
    assertFalse(again.out().contains("will be created"), again.all());
    assertEquals(1, objects().path("connections").size());
    assertEquals(id, objects().path("connections").get(0).path("ConnectionId").asText());
    assertEquals(0, forma(dir, "plan", "-detailed-exitcode").exit());
  }

  private static void assertStuckPlanSaysHowToGoOn(Run plan) {
    assertTrue(
        plan.out().contains("Warning: Objects from an earlier operation may exist"), plan.all());
    assertTrue(plan.out().contains("  alicloud_pai_workspace_connection.default\n"), plan.all());
    assertTrue(
        flat(plan.err())
            .contains(
                "Error: Cannot tell whether an interrupted create made connection"
                    + " \"example_connection_1769080363\""),
        plan.all());
    assertTrue(
        plan.err().contains("  - run this command again once the cloud answers;\n"), plan.all());
    assertTrue(
        plan.err()
            .contains(
                "  - if you know the connection exists, adopt it: forma import ADDRESS"
                    + " CONNECTION_ID\n"),
        plan.all());
    assertTrue(
        plan.err()
            .contains(
                "  - if you know it does not exist, drop the pending create: forma state rm"
                    + " ADDRESS\n"),
        plan.all());
    assertFalse(plan.out().contains("will be created"), plan.all());
  }

  // ---------------------------------------------------------------- helpers

  /** One retry of a failed call instead of five: the lookups here fail whatever is done. */
  private static void fewerRetries(Path dir) throws IOException {
    Files.writeString(
        dir.resolve("retries_override.tf"), "provider \"alicloud\" {\n  max_retries = 1\n}\n");
  }

  /** The text with its line breaks (diagnostics are wrapped at 78 columns) as spaces. */
  private static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  private Path copy(String example, String as) throws IOException {
    return E2E.copyExample(example, tmp.resolve(as));
  }

  private Run forma(Path dir, String... args) throws Exception {
    return E2E.exec(
        tmp,
        dir,
        Map.of("FORMA_ALICLOUD_LOCAL_URL", cloud.url(), "NO_COLOR", "1", "TF_IN_AUTOMATION", "1"),
        E2E.forma(args));
  }

  private JsonNode objects() throws Exception {
    return admin("GET", "objects");
  }

  /** How many objects of each kind the cloud holds: workspaces, connections, models, services. */
  private List<Integer> counts() throws Exception {
    return E2E.counts(cloud);
  }

  private JsonNode admin(String method, String what) throws Exception {
    return E2E.admin(cloud, method, what);
  }
}
