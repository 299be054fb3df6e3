package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.cli.e2e.E2E.Run;
import dev.forma.emulator.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a hundred connections made outside a configuration (by another Forma working
 * directory) are adopted by one {@code import} block with {@code for_each}, against a local cloud
 * started here, then renamed with a {@code moved} block without a call to the cloud; an id the
 * cloud does not know stops the plan with an error before any plan is printed. Terraform cannot
 * show the second case offline: its builtin {@code terraform_data} imports any id.
 */
class ImportForEachE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONNECTIONS = 100;

  private static final String PROVIDER =
      """
      provider "alicloud" {
        region   = "cn-hangzhou"
        endpoint = "local"
      }

      """;

  private static final String MAKER =
      PROVIDER
          + """
          resource "alicloud_pai_workspace_workspace" "w" {
            workspace_name = "adopted_team"
            description    = "Made before Forma managed it"
            env_types      = ["prod"]
          }

          resource "alicloud_pai_workspace_connection" "c" {
            count           = %d
            workspace_id    = alicloud_pai_workspace_workspace.w.id
            connection_name = "vectors-${count.index}"
            connection_type = "MilvusConnection"
            accessibility   = "PRIVATE"
            description     = "Vector store ${count.index}"
            configs = {
              uri      = "http://milvus-${count.index}.internal:19530"
              username = "root"
            }
          }

          output "workspace_id" {
            value = alicloud_pai_workspace_workspace.w.id
          }

          output "connection_ids" {
            value = { for c in alicloud_pai_workspace_connection.c : c.connection_name => c.id }
          }
          """
              .formatted(CONNECTIONS);

  private static final String ADOPTER =
      PROVIDER
          + """
          variable "workspace_id" {
            type = string
          }

          variable "connection_ids" {
            type = map(string)
          }

          import {
            to = alicloud_pai_workspace_workspace.w
            id = var.workspace_id
          }

          resource "alicloud_pai_workspace_workspace" "w" {
            workspace_name = "adopted_team"
            description    = "Made before Forma managed it"
            env_types      = ["prod"]
          }

          import {
            for_each = var.connection_ids
            to       = alicloud_pai_workspace_connection.c[each.key]
            id       = each.value
          }

          resource "alicloud_pai_workspace_connection" "c" {
            for_each        = var.connection_ids
            workspace_id    = alicloud_pai_workspace_workspace.w.id
            connection_name = each.key
            connection_type = "MilvusConnection"
            accessibility   = "PRIVATE"
            description     = "Vector store ${trimprefix(each.key, "vectors-")}"
            configs = {
              uri      = "http://milvus-${trimprefix(each.key, "vectors-")}.internal:19530"
              username = "root"
            }
          }
          """;

  @TempDir Path tmp;
  private LocalCloud cloud;

  @BeforeEach
  void startCloud() throws Exception {
    cloud = E2E.startReadyCloud(tmp);
  }

  @AfterEach
  void stopCloud() {
    cloud.close();
  }

  private Run forma(Path dir, String... args) throws Exception {
    return E2E.exec(
        tmp,
        dir,
        Map.of("FORMA_ALICLOUD_LOCAL_URL", cloud.url(), "NO_COLOR", "1", "TF_IN_AUTOMATION", "1"),
        E2E.forma(args));
  }

  private Run ok(Path dir, String... args) throws Exception {
    Run r = forma(dir, args);
    assertEquals(0, r.exit(), () -> String.join(" ", args) + "\n" + r.all());
    return r;
  }

  /**
   * Makes the workspace and the connections from another working directory, and writes their ids as
   * the adopting directory's {@code terraform.tfvars.json}; returns that directory.
   */
  private Path madeOutside() throws Exception {
    Path maker = Files.createDirectories(tmp.resolve("maker"));
    Files.writeString(maker.resolve("main.tf"), MAKER);
    ok(maker, "apply", "-auto-approve");
    JsonNode out = JSON.readTree(ok(maker, "output", "-json").out());
    Path adopter = Files.createDirectories(tmp.resolve("adopter"));
    Files.writeString(adopter.resolve("main.tf"), ADOPTER);
    ObjectNode vars = JSON.createObjectNode();
    vars.set("workspace_id", out.path("workspace_id").path("value"));
    vars.set("connection_ids", out.path("connection_ids").path("value"));
    Files.writeString(adopter.resolve("terraform.tfvars.json"), vars.toPrettyString());
    return adopter;
  }

  @Test
  void oneImportBlockWithForEachAdoptsAHundredConnections() throws Exception {
    Path dir = madeOutside();
    assertEquals(List.of(1, CONNECTIONS, 0, 0), E2E.counts(cloud));

    Run plan = ok(dir, "plan");
    assertTrue(
        plan.out()
            .contains("alicloud_pai_workspace_connection.c[\"vectors-42\"]: Preparing import"),
        plan.all());
    assertTrue(
        plan.out()
            .contains("  # alicloud_pai_workspace_connection.c[\"vectors-99\"] will be imported"),
        plan.all());
    assertTrue(
        plan.out().contains("Plan: 101 to import, 0 to add, 0 to change, 0 to destroy."),
        plan.all());

    Run apply = ok(dir, "apply", "-auto-approve");
    assertTrue(
        apply.out().contains("Apply complete! Resources: 101 imported, 0 added, 0 changed"),
        apply.all());
    assertEquals(List.of(1, CONNECTIONS, 0, 0), E2E.counts(cloud), "nothing made twice");

    Run again = forma(dir, "plan", "-detailed-exitcode");
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().contains("No changes."), again.all());
    JsonNode state = JSON.readTree(Files.readString(dir.resolve("terraform.tfstate")));
    JsonNode connections = null;
    for (JsonNode r : state.path("resources")) {
      if (r.path("type").asText().equals("alicloud_pai_workspace_connection")) {
        connections = r;
      }
    }
    assertEquals(CONNECTIONS, connections.path("instances").size(), state.toString());

    // renamed with a moved block: the same hundred objects, nothing made or destroyed
    Files.writeString(
        dir.resolve("main.tf"),
        ADOPTER
                .replace(
                    "alicloud_pai_workspace_connection.c[",
                    "alicloud_pai_workspace_connection.vectors[")
                .replace(
                    "\"alicloud_pai_workspace_connection\" \"c\"",
                    "\"alicloud_pai_workspace_connection\" \"vectors\"")
            + "\nmoved {\n  from = alicloud_pai_workspace_connection.c\n"
            + "  to   = alicloud_pai_workspace_connection.vectors\n}\n");
    Run moved = ok(dir, "apply", "-auto-approve");
    assertTrue(
        moved
            .out()
            .contains(
                "  # alicloud_pai_workspace_connection.c[\"vectors-7\"] has moved to"
                    + " alicloud_pai_workspace_connection.vectors[\"vectors-7\"]"),
        moved.all());
    assertTrue(
        moved.out().contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed."),
        moved.all());
    assertEquals(List.of(1, CONNECTIONS, 0, 0), E2E.counts(cloud));
    Run list = ok(dir, "state", "list");
    assertTrue(
        list.out().contains("alicloud_pai_workspace_connection.vectors[\"vectors-99\"]\n"),
        list.all());
    assertFalse(list.out().contains("alicloud_pai_workspace_connection.c["), list.all());
  }

  @Test
  void anIdTheCloudDoesNotKnowIsAnErrorBeforeAnyPlanIsPrinted() throws Exception {
    Path dir = madeOutside();
    ObjectNode vars = (ObjectNode) JSON.readTree(dir.resolve("terraform.tfvars.json").toFile());
    ((ObjectNode) vars.path("connection_ids")).put("vectors-7", "conn-doesnotexist");
    Files.writeString(dir.resolve("terraform.tfvars.json"), vars.toPrettyString());

    Run plan = forma(dir, "plan");
    assertEquals(1, plan.exit(), plan.all());
    assertFalse(plan.out().contains("Plan:"), plan.all());
    assertFalse(plan.out().contains("will perform the following actions"), plan.all());
    assertFalse(plan.out().contains("Planning failed"), plan.all());
    assertTrue(plan.err().contains("Error: Cannot import non-existent remote object"), plan.all());
    assertTrue(plan.err().contains("conn-doesnotexist"), plan.all());

    Run apply = forma(dir, "apply", "-auto-approve");
    assertEquals(1, apply.exit(), apply.all());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")), "nothing was recorded");
  }
}
