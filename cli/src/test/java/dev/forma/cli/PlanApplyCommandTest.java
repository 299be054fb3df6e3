package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forma plan}, {@code apply} and {@code destroy} on terraform_data configurations. */
class PlanApplyCommandTest {
  @TempDir Path dir;

  private static final String ONE =
      """
      resource "terraform_data" "a" {
        input = "one"
      }
      output "o" {
        value = terraform_data.a.output
      }
      """;

  /** Output with UUIDs replaced by {@code UUID}. */
  static String norm(String s) {
    return s.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID");
  }

  private CliRun cli() {
    return new CliRun(dir);
  }

  @Test
  void plansANewConfigurationAsTerraformPrintsIt() throws Exception {
    CliRun cli = cli().write("main.tf", ONE);
    assertEquals(0, cli.run("", "plan"), cli.err());
    assertEquals(
        """

        Forma used the selected providers to generate the following execution plan.
        Resource actions are indicated with the following symbols:
          + create

        Forma will perform the following actions:

          # terraform_data.a will be created
          + resource "terraform_data" "a" {
              + id     = (known after apply)
              + input  = "one"
              + output = (known after apply)
            }

        Plan: 1 to add, 0 to change, 0 to destroy.

        Changes to Outputs:
          + o = (known after apply)

        ─────────────────────────────────────────────────────────────────────────────

        Note: You didn't use the -out option to save this plan, so Forma can't
        guarantee to take exactly these actions if you run "forma apply" now.
        """,
        cli.out());
    assertEquals("", cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
  }
}
