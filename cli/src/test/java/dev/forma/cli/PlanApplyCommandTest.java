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
    return s.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
        .replaceAll("deposed object [0-9a-f]{8}", "deposed object KEY");
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

  @Test
  void applyCreatesWritesStateAndPrintsOutputs() throws Exception {
    CliRun cli = cli().write("main.tf", ONE);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    String out = norm(cli.out());
    assertTrue(
        out.endsWith(
            """
            Plan: 1 to add, 0 to change, 0 to destroy.

            Changes to Outputs:
              + o = (known after apply)
            terraform_data.a: Creating...
            terraform_data.a: Creation complete after 0s [id=UUID]

            Apply complete! Resources: 1 added, 0 changed, 0 destroyed.

            Outputs:

            o = "one"
            """),
        out);
    String state = Files.readString(dir.resolve("terraform.tfstate"));
    assertTrue(state.contains("\"input\""), state);
    assertFalse(Files.exists(dir.resolve(".terraform.tfstate.lock.info")));
  }

  @Test
  void secondPlanHasNoChangesAndDetailedExitCodeTellsChanges() throws Exception {
    CliRun cli = cli().write("main.tf", ONE);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertEquals(0, cli.run("", "plan", "-detailed-exitcode"), cli.err());
    assertEquals(
        """
        terraform_data.a: Refreshing state... [id=UUID]

        No changes. Your infrastructure matches the configuration.

        Forma has compared your real infrastructure against your configuration and
        found no differences, so no changes are needed.
        """,
        norm(cli.out()));
    cli.write("main.tf", ONE.replace("\"one\"", "\"two\""));
    assertEquals(2, cli.run("", "plan", "-detailed-exitcode"), cli.err());
    assertTrue(cli.out().contains("~ input  = \"one\" -> \"two\""), cli.out());
  }

  @Test
  void updatesInPlace() throws Exception {
    CliRun cli = cli().write("main.tf", ONE);
    cli.run("", "apply", "-auto-approve");
    cli.write("main.tf", ONE.replace("\"one\"", "\"two\""));
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    String out = norm(cli.out());
    assertTrue(out.contains("# terraform_data.a will be updated in-place"), out);
    assertTrue(
        out.endsWith(
            """
            terraform_data.a: Modifying... [id=UUID]
            terraform_data.a: Modifications complete after 0s [id=UUID]

            Apply complete! Resources: 0 added, 1 changed, 0 destroyed.

            Outputs:

            o = "two"
            """),
        out);
  }

  private static String replaced(boolean cbd, String trigger) {
    return """
    resource "terraform_data" "a" {
      input            = "x"
      triggers_replace = "%s"
      %s
    }
    """
        .formatted(trigger, cbd ? "lifecycle {\n    create_before_destroy = true\n  }" : "");
  }

  @Test
  void replacesDestroyingFirst() throws Exception {
    CliRun cli = cli().write("main.tf", replaced(false, "1"));
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    cli.write("main.tf", replaced(false, "2"));
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    String out = norm(cli.out());
    assertTrue(out.contains("# terraform_data.a must be replaced"), out);
    assertTrue(out.contains("-/+ resource \"terraform_data\" \"a\" {"), out);
    assertTrue(
        out.endsWith(
            """
            terraform_data.a: Destroying... [id=UUID]
            terraform_data.a: Destruction complete after 0s
            terraform_data.a: Creating...
            terraform_data.a: Creation complete after 0s [id=UUID]

            Apply complete! Resources: 1 added, 0 changed, 1 destroyed.
            """),
        out);
  }

  @Test
  void replacesCreatingFirstUnderCreateBeforeDestroy() throws Exception {
    CliRun cli = cli().write("main.tf", replaced(true, "1"));
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    cli.write("main.tf", replaced(true, "2"));
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    String out = norm(cli.out());
    assertTrue(out.contains("+/- resource \"terraform_data\" \"a\" {"), out);
    assertTrue(
        out.endsWith(
            """
            terraform_data.a: Creating...
            terraform_data.a: Creation complete after 0s [id=UUID]
            terraform_data.a (deposed object KEY): Destroying... [id=UUID]
            terraform_data.a: Destruction complete after 0s

            Apply complete! Resources: 1 added, 0 changed, 1 destroyed.
            """),
        out);
    String state = Files.readString(dir.resolve("terraform.tfstate"));
    assertFalse(state.contains("deposed"), state);
  }

  @Test
  void deletesWhatWasRemovedFromTheConfiguration() throws Exception {
    CliRun cli = cli().write("main.tf", ONE + "resource \"terraform_data\" \"b\" {}\n");
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    cli.write("main.tf", "");
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    String out = norm(cli.out());
    assertTrue(out.contains("# terraform_data.b will be destroyed"), out);
    assertTrue(out.contains("(because terraform_data.b is not in configuration)"), out);
    assertTrue(out.contains("Apply complete! Resources: 0 added, 0 changed, 2 destroyed."), out);
  }

  @Test
  void destroyAsksThenDestroysEverything() throws Exception {
    CliRun cli = cli().write("main.tf", ONE);
    cli.run("", "apply", "-auto-approve");
    assertEquals(1, cli.run("no\n", "destroy"), cli.err());
    assertTrue(
        cli.out()
            .endsWith(
                """
                Do you really want to destroy all resources?
                  Forma will destroy all your managed infrastructure, as shown above.
                  There is no undo. Only 'yes' will be accepted to confirm.

                  Enter a value: \nDestroy cancelled.
                """),
        cli.out());
    assertEquals(0, cli.run("yes\n", "destroy"), cli.err());
    String out = norm(cli.out());
    assertTrue(
        out.endsWith(
            """
            terraform_data.a: Destroying... [id=UUID]
            terraform_data.a: Destruction complete after 0s

            Destroy complete! Resources: 1 destroyed.
            """),
        out);
    assertEquals(0, cli.run("", "destroy", "-auto-approve"), cli.err());
    assertTrue(cli.out().contains("No changes. No objects need to be destroyed."), cli.out());
    assertTrue(cli.out().endsWith("Destroy complete! Resources: 0 destroyed.\n"), cli.out());
  }

  @Test
  void applyIsCancelledUnlessTheAnswerIsYes() throws Exception {
    CliRun cli = cli().write("main.tf", ONE);
    assertEquals(1, cli.run("no\n", "apply"), cli.err());
    assertTrue(
        cli.out()
            .endsWith(
                """
                Do you want to perform these actions?
                  Forma will perform the actions described above.
                  Only 'yes' will be accepted to approve.

                  Enter a value: \nApply cancelled.
                """),
        cli.out());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
    assertEquals(1, cli.run("", "apply"));
    assertTrue(cli.err().contains("Error: error asking for approval: EOF"), cli.err());
    assertEquals(0, cli.run("yes\n", "apply"), cli.err());
    assertTrue(cli.out().contains("Apply complete! Resources: 1 added"), cli.out());
  }

  @Test
  void targetsPlanOnlyTheTargetAndItsDependencies() throws Exception {
    CliRun cli =
        cli()
            .write(
                "main.tf",
                """
                resource "terraform_data" "a" {
                  input = "one"
                }
                resource "terraform_data" "b" {
                  input = terraform_data.a.output
                }
                resource "terraform_data" "c" {
                }
                """);
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-target=terraform_data.b"), cli.err());
    String out = cli.out();
    assertTrue(out.contains("# terraform_data.a will be created"), out);
    assertTrue(out.contains("# terraform_data.b will be created"), out);
    assertFalse(out.contains("terraform_data.c"), out);
    assertTrue(out.contains("Warning: Resource targeting is in effect"), out);
    assertTrue(out.contains("Warning: Applied changes may be incomplete"), out);
    assertTrue(out.contains("Apply complete! Resources: 2 added, 0 changed, 0 destroyed."), out);
  }

  @Test
  void preventDestroyIsAnErrorNamingTheObject() throws Exception {
    CliRun cli =
        cli()
            .write(
                "main.tf",
                """
                resource "terraform_data" "c" {
                  input = "c"
                  lifecycle {
                    prevent_destroy = true
                  }
                }
                """);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertEquals(1, cli.run("", "destroy", "-auto-approve"));
    // A plan that ends in an error is not shown (Terraform shows the part it planned).
    assertTrue(cli.out().contains("Planning failed."), cli.out());
    assertFalse(cli.out().contains("will be destroyed"), cli.out());
    assertTrue(
        cli.err()
            .contains(
                """
                Error: Instance cannot be destroyed

                  on main.tf line 1:
                   1: resource "terraform_data" "c" {
                """),
        cli.err());
    assertTrue(Files.readString(dir.resolve("terraform.tfstate")).contains("terraform_data"));
  }

  @Test
  void aBadFlagIsExitCodeOne() throws Exception {
    CliRun cli = cli().write("main.tf", ONE);
    assertEquals(1, cli.run("", "plan", "-no-such-flag"));
    assertEquals(1, cli.run("", "plan", "-target=not an address"));
  }

  @Test
  void chdirPlansAnotherDirectory() throws Exception {
    CliRun cli = cli().write("sub/main.tf", ONE);
    assertEquals(0, cli.run("", "-chdir=sub", "apply", "-auto-approve"), cli.err());
    assertTrue(Files.exists(dir.resolve("sub/terraform.tfstate")));
  }

  @Test
  void variablesComeFromFlagsInCommandLineOrderAndPrompts() throws Exception {
    CliRun cli =
        cli()
            .write(
                "main.tf",
                """
                variable "v" {}
                output "o" {
                  value = var.v
                }
                """)
            .write("a.tfvars", "v = \"file\"\n");
    assertEquals(
        0,
        cli.run("", "apply", "-auto-approve", "-var", "v=flag", "-var-file=a.tfvars"),
        cli.err());
    assertTrue(cli.out().endsWith("o = \"file\"\n"), cli.out());
    assertEquals(0, cli.run("typed\n", "apply", "-auto-approve"), cli.err());
    assertTrue(cli.out().startsWith("var.v\n  Enter a value: "), cli.out());
    assertTrue(cli.out().endsWith("o = \"typed\"\n"), cli.out());
    assertEquals(1, cli.run("", "plan", "-input=false"));
    assertTrue(cli.err().contains("No value for required variable"), cli.err());
  }

  @Test
  void jsonPlanPrintsTerraformsMachineReadableLines() throws Exception {
    CliRun cli = cli().write("main.tf", ONE);
    assertEquals(0, cli.run("", "plan", "-json"), cli.err());
    String[] lines = cli.out().split("\n");
    assertEquals(4, lines.length, cli.out());
    assertTrue(lines[0].contains("\"type\":\"version\""), lines[0]);
    assertTrue(lines[1].contains("\"@message\":\"terraform_data.a: Plan to create\""), lines[1]);
    assertTrue(lines[1].contains("\"type\":\"planned_change\""), lines[1]);
    assertTrue(
        lines[2].contains(
            "\"changes\":{\"add\":1,\"change\":0,\"import\":0,\"remove\":0,\"operation\":\"plan\"}"),
        lines[2]);
    assertTrue(
        lines[3].contains("\"outputs\":{\"o\":{\"sensitive\":false,\"action\":\"create\"}}"),
        lines[3]);
    assertEquals(1, cli.run("", "plan", "-json", "-var", "x=1"));
    assertTrue(cli.out().contains("\"type\":\"diagnostic\""), cli.out());
    assertTrue(cli.out().contains("Value for undeclared variable"), cli.out());
  }
}
