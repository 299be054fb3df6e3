package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan records the backend type, its configuration's fingerprint and the workspace; {@code
 * apply PLANFILE} refuses it, by name, in another workspace or against another backend, and changes
 * nothing. (Terraform applies such a plan to the backend and workspace the plan names, whatever the
 * working directory now uses; a state of another lineage is its only refusal.)
 */
class SavedPlanBackendTest {
  @TempDir Path dir;

  private static final String RESOURCE = "resource \"terraform_data\" \"a\" {}\n";

  private static void ok(CliRun cli, String... args) {
    assertEquals(0, cli.run("", args), () -> String.join(" ", args) + "\n" + cli.err());
  }

  @Test
  void aPlanMadeInOneWorkspaceIsNotAppliedInAnother() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", RESOURCE);
    ok(cli, "workspace", "new", "dev");
    ok(cli, "plan", "-out=dev.plan");
    ok(cli, "workspace", "select", "default");
    assertEquals(1, cli.run("", "apply", "dev.plan"));
    assertEquals("", cli.out());
    assertEquals(
        """

        Error: Saved plan is for another workspace

        The given plan file was made in workspace "dev", and the selected workspace
        is "default": its changes were planned from the state of "dev". Select "dev"
        (forma workspace select dev) to apply it there, or make a new plan in
        "default".
        """,
        cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));

    cli.env.put("TF_WORKSPACE", "dev");
    ok(cli, "apply", "dev.plan");
    assertTrue(cli.out().contains("Apply complete! Resources: 1 added"), cli.out());
    assertTrue(Files.exists(dir.resolve("terraform.tfstate.d/dev/terraform.tfstate")));
  }

  @Test
  void aPlanMadeWithOneBackendIsNotAppliedWithAnother() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                "terraform {\n  backend \"local\" {\n    path = \"a.tfstate\"\n  }\n}\n"
                    + RESOURCE);
    ok(cli, "init");
    ok(cli, "plan", "-out=a.plan");
    String plan = Files.readString(dir.resolve("a.plan"));
    assertTrue(plan.contains("\"type\": \"local\""), plan);
    assertTrue(plan.contains("\"workspace\": \"default\""), plan);
    assertFalse(plan.contains("a.tfstate\""), "the backend's arguments are only fingerprinted");

    cli.write(
        "main.tf",
        "terraform {\n  backend \"local\" {\n    path = \"b.tfstate\"\n  }\n}\n" + RESOURCE);
    ok(cli, "init", "-reconfigure");
    assertEquals(1, cli.run("", "apply", "-no-color", "a.plan"));
    assertTrue(
        cli.err()
            .startsWith(
                "\nError: Saved plan is for another backend\n\n"
                    + "The given plan file was made with another configuration of the \"local\"\n"),
        cli.err());
    assertFalse(Files.exists(dir.resolve("a.tfstate")));
    assertFalse(Files.exists(dir.resolve("b.tfstate")));

    // back where it was made, it applies
    cli.write(
        "main.tf",
        "terraform {\n  backend \"local\" {\n    path = \"a.tfstate\"\n  }\n}\n" + RESOURCE);
    ok(cli, "init", "-reconfigure");
    ok(cli, "apply", "a.plan");
    assertTrue(Files.exists(dir.resolve("a.tfstate")));
  }
}
