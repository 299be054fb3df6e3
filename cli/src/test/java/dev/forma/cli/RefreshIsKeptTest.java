package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.api.CloudSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a refresh finds is kept: against the local cloud, objects changed or deleted "in the
 * console" (the cloud's data file edited while it is stopped), and a service whose update failed.
 */
class RefreshIsKeptTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private LocalCloud cloud;
  private int port;
  private CliRun cli;

  @BeforeEach
  void start() throws Exception {
    cloud = LocalCloud.start(dir.resolve("cloud.json"), 0);
    port = cloud.port();
    cloud.setSettings(new CloudSettings(0, 0, Set.of("llama_7b_int8"), Set.of()));
    cli = new CliRun(dir.resolve("work"));
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  private static String workspace(String name) {
    return "resource \"alicloud_pai_workspace_workspace\" \""
        + name
        + "\" {\n"
        + "  workspace_name = \""
        + name
        + "\"\n"
        + "  description    = \"d\"\n"
        + "  env_types      = [\"prod\"]\n"
        + "}\n";
  }

  /** Changes the cloud's objects as someone in the console would: stops it, edits, restarts. */
  private void inTheConsole(Consumer<ObjectNode> edit) throws Exception {
    cloud.close();
    Path file = dir.resolve("cloud.json");
    ObjectNode data = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(data);
    Files.writeString(file, JSON.writeValueAsString(data));
    cloud = LocalCloud.start(file, port);
  }

  private JsonNode stateFile() throws Exception {
    return JSON.readTree(cli.dir.resolve("terraform.tfstate").toFile());
  }

  private JsonNode attributes(String type, String name) throws Exception {
    for (JsonNode r : stateFile().path("resources")) {
      if (r.path("type").asText().equals(type) && r.path("name").asText().equals(name)) {
        return r.path("instances").path(0).path("attributes");
      }
    }
    return null;
  }

  private int run(String... args) {
    return cli.run("", args);
  }

  @Test
  void applyRefreshOnlySavesTheDriftItShowedAndTheNextCheckIsClean() throws Exception {
    cli.write("main.tf", LocalClouds.providerBlock(cloud) + workspace("main"));
    assertEquals(0, run("apply", "-auto-approve", "-no-color"), cli.err());
    String id = attributes("alicloud_pai_workspace_workspace", "main").path("id").asText();
    inTheConsole(
        d -> ((ObjectNode) d.path("workspaces").path(id)).put("Description", "changed in console"));

    assertEquals(2, run("plan", "-refresh-only", "-detailed-exitcode", "-no-color"), cli.err());
    assertTrue(cli.out().contains("\"d\" -> \"changed in console\""), cli.out());
    assertEquals(0, run("apply", "-refresh-only", "-auto-approve", "-no-color"), cli.err());
    assertEquals(
        "changed in console",
        attributes("alicloud_pai_workspace_workspace", "main").path("description").asText());
    assertEquals(0, run("plan", "-refresh-only", "-detailed-exitcode", "-no-color"), cli.err());
    // The configuration still says "d": a normal plan puts it back.
    assertEquals(2, run("plan", "-detailed-exitcode", "-no-color"), cli.err());
    assertTrue(cli.out().contains("\"changed in console\" -> \"d\""), cli.out());
  }

  @Test
  void aSavedPlanCarriesItsRefreshToTheApply() throws Exception {
    cli.write("main.tf", LocalClouds.providerBlock(cloud) + workspace("main"));
    assertEquals(0, run("apply", "-auto-approve", "-no-color"), cli.err());
    String id = attributes("alicloud_pai_workspace_workspace", "main").path("id").asText();
    inTheConsole(
        d -> ((ObjectNode) d.path("workspaces").path(id)).put("DisplayName", "Renamed by hand"));
    assertEquals(0, run("plan", "-refresh-only", "-out=drift.plan", "-no-color"), cli.err());
    assertEquals(0, run("apply", "-no-color", "drift.plan"), cli.err());
    assertEquals(
        "Renamed by hand",
        attributes("alicloud_pai_workspace_workspace", "main").path("display_name").asText());
  }

  @Test
  void aNormalApplySavesRefreshedValuesEvenWithNothingToChange() throws Exception {
    cli.write("main.tf", LocalClouds.providerBlock(cloud) + workspace("main"));
    assertEquals(0, run("apply", "-auto-approve", "-no-color"), cli.err());
    String id = attributes("alicloud_pai_workspace_workspace", "main").path("id").asText();
    // display_name is optional and computed: not configured here, so a change is only drift.
    inTheConsole(
        d -> ((ObjectNode) d.path("workspaces").path(id)).put("DisplayName", "Renamed by hand"));
    assertEquals(0, run("apply", "-auto-approve", "-no-color"), cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());
    assertEquals(
        "Renamed by hand",
        attributes("alicloud_pai_workspace_workspace", "main").path("display_name").asText());
  }

  @Test
  void anObjectDeletedOutsideWhoseBlockWasRemovedLeavesTheStateAtTheNextApply() throws Exception {
    cli.write("main.tf", LocalClouds.providerBlock(cloud) + workspace("main") + workspace("extra"));
    assertEquals(0, run("apply", "-auto-approve", "-no-color"), cli.err());
    String extra = attributes("alicloud_pai_workspace_workspace", "extra").path("id").asText();
    inTheConsole(d -> ((ObjectNode) d.path("workspaces")).remove(extra));
    cli.write("main.tf", LocalClouds.providerBlock(cloud) + workspace("main"));

    assertEquals(0, run("apply", "-auto-approve", "-no-color"), cli.err());
    // As Terraform: drift that affects no planned change is not shown; the state follows it.
    assertTrue(cli.out().contains("No changes."), cli.out());
    assertEquals(0, run("state", "list"), cli.err());
    assertEquals("alicloud_pai_workspace_workspace.main\n", cli.out());
    assertEquals(0, run("plan", "-detailed-exitcode", "-no-color"), cli.err());
    assertFalse(cli.out().contains("has been deleted"), cli.out());
  }

  private String service(String spec) {
    return workspace("main")
        + "resource \"alicloud_pai_eas_app_service\" \"llm\" {\n"
        + "  service_name = \"llm\"\n"
        + "  app_type     = \"LLM\"\n"
        + "  service_spec = \""
        + spec
        + "\"\n"
        + "  replicas     = 1\n"
        + "  workspace_id = alicloud_pai_workspace_workspace.main.id\n"
        + "  quota_id     = \"q\"\n"
        + "  config {\n"
        + "    model_storage = \"oss\"\n"
        + "    oss_path      = \"oss://b/m/\"\n"
        + "  }\n"
        + "}\n";
  }

  @Test
  void aServiceWhoseUpdateFailedIsRepairedByTheNextApply() throws Exception {
    cli.write("main.tf", LocalClouds.providerBlock(cloud) + service("chatglm2_6b_fp16"));
    assertEquals(0, run("apply", "-auto-approve", "-no-color"), cli.err());

    // The cloud cannot schedule this spec: the update fails and the service is Failed.
    cli.write("main.tf", LocalClouds.providerBlock(cloud) + service("llama_7b_int8"));
    assertEquals(1, run("apply", "-auto-approve", "-no-color"));
    assertTrue(cli.err().contains("ResourceInsufficient"), cli.err());
    assertEquals(
        "Failed", attributes("alicloud_pai_eas_app_service", "llm").path("status").asText());

    // Nothing in the configuration changed, yet the service is not as it asks: plan a repair.
    assertEquals(2, run("plan", "-detailed-exitcode", "-no-color"), cli.err());
    assertTrue(
        cli.out()
            .contains(
                "  # alicloud_pai_eas_app_service.llm will be updated in-place\n"
                    + "  # (the service is Failed in the cloud: the update deploys it again)\n"),
        cli.out());
    assertTrue(cli.out().contains("~ status            = \"Failed\" -> (known after apply)"));

    // With the spec fixed, the update completes and the service runs.
    cli.write("main.tf", LocalClouds.providerBlock(cloud) + service("chatglm2_6b_fp16"));
    assertEquals(0, run("apply", "-auto-approve", "-no-color"), cli.err() + cli.out());
    assertTrue(cli.out().contains("Modifications complete"), cli.out());
    assertEquals(
        "Running", attributes("alicloud_pai_eas_app_service", "llm").path("status").asText());
    assertEquals(0, run("plan", "-detailed-exitcode", "-no-color"), cli.err() + cli.out());
  }
}
