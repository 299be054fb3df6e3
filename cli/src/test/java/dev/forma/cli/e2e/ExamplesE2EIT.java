package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.cli.e2e.E2E.Run;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.LocalCloudOptions;
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
 * End to end: the built CLI ({@code cli/target/forma.jar}, run as a separate process by the JDK
 * running the tests) on clean copies of the examples, against a local cloud started here on a free
 * port and named by {@code FORMA_ALICLOUD_LOCAL_URL} (so {@code endpoint = "local"} uses it instead
 * of starting its own). What the cloud holds is checked through {@code GET /_emulator/objects}.
 * Runs in Maven's {@code integration-test} phase, after the jar is packaged.
 */
class ExamplesE2EIT {
  @TempDir Path tmp;
  private LocalCloud cloud;

  @BeforeEach
  void startCloud() throws IOException {
    cloud = LocalCloud.start(LocalCloudOptions.of(tmp.resolve("cloud.json"), 0));
  }

  @AfterEach
  void stopCloud() {
    cloud.close();
  }

  private Path copy(String example) throws IOException {
    return copy(example, example);
  }

  /** A clean copy of the example in the folder {@code as} of the test's temporary folder. */
  private Path copy(String example, String as) throws IOException {
    return E2E.copyExample(example, tmp.resolve(as));
  }

  private Run forma(Path dir, String... args) throws Exception {
    return exec(dir, E2E.forma(args));
  }

  private Run exec(Path dir, List<String> cmd) throws Exception {
    return E2E.exec(
        tmp,
        dir,
        Map.of("FORMA_ALICLOUD_LOCAL_URL", cloud.url(), "NO_COLOR", "1", "TF_IN_AUTOMATION", "1"),
        cmd);
  }

  private Run ok(Path dir, String... args) throws Exception {
    Run r = forma(dir, args);
    assertEquals(0, r.exit(), () -> String.join(" ", args) + "\n" + r.all());
    return r;
  }

  private JsonNode objects() throws Exception {
    return admin("objects");
  }

  /** How many objects of each kind the cloud holds: workspaces, connections, models, services. */
  private List<Integer> counts() throws Exception {
    return E2E.counts(cloud);
  }

  @Test
  void quickstartAppliesPlansNothingChangesInPlaceAndDestroys() throws Exception {
    Path dir = copy("quickstart");
    Run apply = ok(dir, "apply", "-auto-approve");
    assertTrue(apply.out().contains("Using the local cloud at " + cloud.url()), apply.all());
    assertTrue(
        apply.out().contains("Apply complete! Resources: 5 added, 0 changed, 0 destroyed."),
        apply.all());
    assertTrue(apply.out().contains("llm_internet_endpoint = \""), apply.all());
    assertEquals(List.of(1, 2, 1, 1), counts());
    assertTrue(!apply.all().contains("sk-forma-demo-0000000000000000"), "the key leaked");
    assertTrue(!Files.readString(dir.resolve("terraform.tfstate")).contains("sk-forma-demo-0"));

    Run again = forma(dir, "plan", "-detailed-exitcode");
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().contains("No changes."), again.all());

    Run more = ok(dir, "apply", "-auto-approve", "-var", "replicas=2");
    assertTrue(more.out().contains("~ replicas          = 1 -> 2"), more.all());
    assertTrue(more.out().contains("0 added, 1 changed, 0 destroyed."), more.all());
    assertEquals(2, objects().path("services").get(0).path("TotalInstance").asInt());

    Run destroy = ok(dir, "destroy", "-auto-approve", "-var", "replicas=2");
    assertTrue(destroy.out().contains("Destroy complete! Resources: 5 destroyed."), destroy.all());
    assertEquals(List.of(0, 0, 0, 0), counts());
  }

  @Test
  void modulesExampleMovesAConnectionFromDevToProdWithoutDestroyingIt() throws Exception {
    Path dir = copy("modules");
    String now = Files.readString(dir.resolve("main.tf"));
    Files.writeString(dir.resolve("main.tf"), Files.readString(dir.resolve("history/main.tf")));
    ok(dir, "init", "-input=false");
    Run apply = ok(dir, "apply", "-auto-approve");
    assertTrue(
        apply.out().contains("Apply complete! Resources: 8 added, 0 changed, 0 destroyed."),
        apply.all());
    assertTrue(
        apply.out().contains("module.dev.alicloud_pai_workspace_connection.this[\"vectors\"]"),
        apply.all());
    List<Integer> before = counts();
    assertEquals(3, before.get(1), apply.all());

    Files.writeString(dir.resolve("main.tf"), now);
    Run plan = ok(dir, "plan", "-out=move.tfplan");
    assertTrue(
        plan.out()
            .contains(
                "  # module.prod.alicloud_pai_workspace_connection.this[\"vectors\"] will be"
                    + " updated in-place\n"
                    + "  # (moved from"
                    + " module.dev.alicloud_pai_workspace_connection.this[\"vectors\"])"),
        plan.all());
    assertTrue(plan.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), plan.all());
    Run moved = ok(dir, "apply", "move.tfplan");
    assertTrue(moved.out().contains("0 added, 1 changed, 0 destroyed."), moved.all());
    assertEquals(before, counts(), "nothing made or destroyed in the cloud");

    Run again = forma(dir, "plan", "-detailed-exitcode");
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().contains("No changes."), again.all());
  }

  @Test
  void seedExampleVerbatimPlansAndAppliesWithBlockFormWarnings() throws Exception {
    Path dir = copy("seed-connection");
    Run apply = ok(dir, "apply", "-auto-approve");
    assertTrue(apply.out().contains("Apply complete! Resources: 2 added"), apply.all());
    assertTrue(apply.all().contains("Warning: Argument written as a block"), apply.all());
    assertTrue(apply.all().contains("  configs = {}"), apply.all());
    assertTrue(apply.all().contains("Warning: Missing configs key"), apply.all());
    JsonNode conn = objects().path("connections").get(0);
    assertEquals("example_connection_1769080363", conn.path("ConnectionName").asText());
    assertEquals(3, conn.path("Models").size());
    Run again = forma(dir, "plan", "-detailed-exitcode");
    assertEquals(0, again.exit(), again.all());
  }

  @Test
  void objectsMadeOutsideFormaAreAdoptedByImportBlocksAndFormaImport() throws Exception {
    Path dir = copy("import");
    Files.deleteIfExists(dir.resolve("ids.auto.tfvars"));
    Run made = exec(dir, List.of("bash", "./create-outside.sh", cloud.url()));
    assertEquals(0, made.exit(), made.all());
    String ids = Files.readString(dir.resolve("ids.auto.tfvars"));
    assertTrue(made.out().equals("Wrote ids.auto.tfvars:\n" + ids), made.all());
    java.util.regex.Matcher archive =
        java.util.regex.Pattern.compile("(?m)^archive_connection_id += \"(conn-[0-9a-f]+)\"$")
            .matcher(ids);
    assertTrue(archive.find(), ids);
    Run query = ok(dir, "query");
    assertTrue(
        query.out().contains("Found 2 objects in 1 list page; 1 not managed by Forma yet."),
        query.all());
    Run imp = ok(dir, "import", "alicloud_pai_workspace_connection.archive", archive.group(1));
    assertTrue(imp.out().contains("Import successful!"), imp.all());
    Run plan = ok(dir, "plan");
    assertTrue(plan.out().contains("Plan: 2 to import, 0 to add, 2 to change"), plan.all());
    ok(dir, "apply", "-auto-approve");
    Run again = forma(dir, "plan", "-detailed-exitcode");
    assertEquals(0, again.exit(), again.all());
    assertEquals(List.of(1, 2, 0, 0), counts());
    assertTrue(ok(dir, "query").out().contains("2 objects in 1 list page; 0 not managed"));
  }

  @Test
  void creatingTheImportExamplesObjectsTwiceSaysWhyAndHowToStartOver() throws Exception {
    Path dir = copy("import");
    Files.deleteIfExists(dir.resolve("ids.auto.tfvars"));
    assertEquals(0, exec(dir, List.of("bash", "./create-outside.sh", cloud.url())).exit());
    String ids = Files.readString(dir.resolve("ids.auto.tfvars"));
    Run twice = exec(dir, List.of("bash", "./create-outside.sh", cloud.url()));
    assertEquals(1, twice.exit(), twice.all());
    assertEquals("", twice.out());
    assertTrue(
        twice
            .err()
            .startsWith(
                "create-outside.sh: the cloud refused CreateWorkspace: ResourceAlreadyExists: A"
                    + " workspace named \"legacy_rag\" already exists.\n"),
        twice.err());
    assertTrue(twice.err().contains("ids.auto.tfvars was left as it was."), twice.err());
    assertTrue(twice.err().contains("To start over: stop the local cloud, delete .forma/"));
    assertEquals(ids, Files.readString(dir.resolve("ids.auto.tfvars")));
    // from another folder, against the same cloud: nothing is written, not even an empty file
    Path other = copy("import", "import-other");
    Files.deleteIfExists(other.resolve("ids.auto.tfvars"));
    Run refused = exec(other, List.of("bash", "./create-outside.sh", cloud.url()));
    assertEquals(1, refused.exit(), refused.all());
    assertTrue(refused.err().contains("ids.auto.tfvars was not written."), refused.err());
    assertTrue(!Files.exists(other.resolve("ids.auto.tfvars")));
  }

  @Test
  void throttlingAndServerErrorsStillConvergeWithoutDuplicates() throws Exception {
    Path dir = copy("quickstart");
    cloud.setFaults(new FaultConfig(0, 0.30, 0.05, 0, 7, Set.of()));
    Run apply = ok(dir, "apply", "-auto-approve");
    assertTrue(apply.out().contains("Apply complete! Resources: 5 added"), apply.all());
    JsonNode stats = admin("stats").path("actions");
    long refused = 0;
    for (JsonNode a : stats) {
      refused += a.path("received").asLong() - a.path("executed").asLong();
    }
    assertTrue(refused > 0, "no fault was injected: " + stats);
    Run again = ok(dir, "plan", "-detailed-exitcode");
    assertTrue(again.out().contains("No changes."), again.all());
    cloud.setFaults(FaultConfig.NONE);
    assertEquals(List.of(1, 2, 1, 1), counts());
  }

  @Test
  void aCreateWhoseAnswerIsLostIsNotMadeTwice() throws Exception {
    Path dir = copy("seed-connection");
    cloud.setFaults(new FaultConfig(0, 0, 0, 1.0, 1, Set.of("CreateConnection")));
    Run apply = ok(dir, "apply", "-auto-approve");
    assertTrue(apply.out().contains("Apply complete! Resources: 2 added"), apply.all());
    cloud.setFaults(FaultConfig.NONE);
    JsonNode create = admin("stats").path("actions").path("CreateConnection");
    assertEquals(1, create.path("executed").asLong(), create.toString());
    assertEquals(1, objects().path("connections").size(), objects().toString());
    String id = objects().path("connections").get(0).path("ConnectionId").asText();
    assertTrue(Files.readString(dir.resolve("terraform.tfstate")).contains(id));
    Run again = forma(dir, "plan", "-detailed-exitcode");
    assertEquals(0, again.exit(), again.all());
  }

  private JsonNode admin(String what) throws Exception {
    return E2E.admin(cloud, "GET", what);
  }
}
