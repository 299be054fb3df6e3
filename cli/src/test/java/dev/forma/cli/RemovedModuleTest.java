package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state Terraform 1.11.4 wrote with resources in module.c[0], module.c[1] and module.d, planned
 * with a configuration whose module blocks were removed: the module resources are destroyed, as
 * Terraform plans them (text from terraform plan on the same files), and apply forgets them.
 */
class RemovedModuleTest {
  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(dir);
    try (InputStream in = getClass().getResourceAsStream("/state/modules.tfstate")) {
      cli.write("terraform.tfstate", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    cli.write(
        "main.tf",
        """
        resource "terraform_data" "r" {
          input = ["x0", "d", { out = "d" }, [{ out = "x0" }, { out = "x1" }]]
        }
        """);
  }

  @Test
  void resourcesOfARemovedModuleAreDestroyedAsTerraformPlansThem() {
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err());
    String out = cli.out();
    assertTrue(
        out.contains(
            """
            Terraform will perform the following actions:

              # module.c[0].terraform_data.a will be destroyed
              # (because terraform_data.a is not in configuration)
              - resource "terraform_data" "a" {
                  - id     = "b9cc560a-b9ff-81ad-8eab-552ecb434729" -> null
                  - input  = "x0" -> null
                  - output = "x0" -> null
                }

              # module.c[1].terraform_data.a will be destroyed
              # (because terraform_data.a is not in configuration)
              - resource "terraform_data" "a" {
                  - id     = "adf2e32c-38ef-ed4d-962d-0bc0efe10748" -> null
                  - input  = "x1" -> null
                  - output = "x1" -> null
                }

              # module.d.terraform_data.a will be destroyed
              # (because terraform_data.a is not in configuration)
              - resource "terraform_data" "a" {
                  - id     = "7bfa6973-e223-b713-19ed-9fb146427ba7" -> null
                  - input  = "d" -> null
                  - output = "d" -> null
                }

            Plan: 0 to add, 0 to change, 3 to destroy.
            """
                .replace("Terraform will", "Forma will")),
        out);
    assertTrue(out.contains("module.d.terraform_data.a: Refreshing state... [id=7bfa6973"), out);
  }

  @Test
  void applyDestroysThemAndTheNextPlanHasNoChanges() {
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err());
    assertTrue(
        cli.out().contains("module.c[1].terraform_data.a: Destruction complete after"), cli.out());
    assertTrue(
        cli.out().contains("Apply complete! Resources: 0 added, 0 changed, 3 destroyed."),
        cli.out());
    assertEquals(0, cli.run("", "state", "list"));
    assertEquals("terraform_data.r\n", cli.out());
    assertEquals(0, cli.run("", "plan", "-no-color"));
    assertTrue(cli.out().contains("No changes."), cli.out());
  }
}
