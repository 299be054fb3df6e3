package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.emulator.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan that ends in an error is never shown, not even in part: no "Changes to Outputs", no "You
 * can apply this plan", only that planning failed and why (Terraform prints what it planned first).
 */
class FailedPlanIsNotShownTest {
  @TempDir Path dir;

  private static void assertNoPlanShown(CliRun cli) {
    String out = cli.out();
    assertTrue(out.contains("Planning failed. Forma encountered an error"), out + cli.err());
    assertFalse(out.contains("Changes to Outputs"), out);
    assertFalse(out.contains("You can apply this plan"), out);
    assertFalse(out.contains("will be created"), out);
    assertFalse(out.contains("Plan:"), out);
    assertFalse(out.contains("No changes"), out);
  }

  @Test
  void anErrorWhilePlanningShowsNoPartialPlanInPlanOrApply() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                """
                variable "f" {
                  default = "nope.txt"
                }
                resource "terraform_data" "a" {
                  input = "x"
                }
                resource "terraform_data" "b" {
                  input = file(var.f)
                }
                output "o" {
                  value = "z"
                }
                """);
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertNoPlanShown(cli);
    assertTrue(cli.err().contains("Error: Invalid function argument"), cli.err());
    assertEquals(1, cli.run("", "apply", "-auto-approve", "-no-color"));
    assertNoPlanShown(cli);
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")) && stateHasResources(dir));
  }

  private static boolean stateHasResources(Path dir) throws Exception {
    return Files.readString(dir.resolve("terraform.tfstate")).contains("terraform_data");
  }

  @Test
  void aValueTheProviderRefusesIsAnErrorBeforeAnyPlan() throws Exception {
    try (LocalCloud cloud = LocalCloud.start(dir.resolve("cloud.json"), 0)) {
      CliRun cli =
          new CliRun(dir.resolve("w"))
              .write(
                  "main.tf",
                  LocalClouds.providerBlock(cloud)
                      + """
                      resource "alicloud_pai_eas_app_service" "llm" {
                        service_name = "llm"
                        app_type     = "LLM"
                        service_spec = "bad_spec"
                        replicas     = 1
                        config {
                          model_storage = "oss"
                          oss_path      = "oss://b/m/"
                        }
                      }
                      output "o" {
                        value = "z"
                      }
                      """);
      // As Terraform's validate walk: the provider's checks run before planning.
      assertEquals(1, cli.run("", "validate", "-no-color"));
      assertTrue(cli.err().contains("service_spec"), cli.err());
      assertEquals(1, cli.run("", "apply", "-auto-approve", "-no-color"));
      assertFalse(cli.out().contains("Changes to Outputs"), cli.out());
      assertFalse(cli.out().contains("You can apply this plan"), cli.out());
      assertTrue(cli.err().contains("service_spec"), cli.err());
    }
  }

  @Test
  void anImportOfAnObjectThatDoesNotExistShowsNoPlan() throws Exception {
    try (LocalCloud cloud = LocalCloud.start(dir.resolve("cloud.json"), 0)) {
      CliRun cli =
          new CliRun(dir.resolve("w"))
              .write(
                  "main.tf",
                  LocalClouds.providerBlock(cloud)
                      + """
                      import {
                        to = alicloud_pai_workspace_workspace.w
                        id = "999999"
                      }
                      resource "alicloud_pai_workspace_workspace" "w" {
                        workspace_name = "ws_import"
                        description    = "d"
                        env_types      = ["prod"]
                      }
                      resource "alicloud_pai_workspace_workspace" "other" {
                        workspace_name = "ws_other"
                        description    = "d"
                        env_types      = ["prod"]
                      }
                      """);
      assertEquals(1, cli.run("", "plan", "-no-color"));
      // the import is read before anything is planned: only the error, as for a cycle
      assertEquals(
          "alicloud_pai_workspace_workspace.w: Preparing import... [id=999999]\n",
          cli.out().substring(cli.out().indexOf("alicloud_")));
      assertTrue(cli.err().contains("Cannot import non-existent remote object"), cli.err());
    }
  }
}
