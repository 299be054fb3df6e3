package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that holds a state file and no configuration files (a wrong {@code -chdir}, a typo in a
 * path): {@code plan} and {@code apply} refuse, as Terraform does, instead of planning to destroy
 * everything; {@code -destroy} and {@code destroy} stay the way to destroy.
 */
class NoConfigurationTest {
  @TempDir Path dir;

  private CliRun cli;
  private String state;

  @BeforeEach
  void stateWithoutConfiguration() throws Exception {
    cli =
        new CliRun(dir)
            .write(
                "main.tf",
                "resource \"terraform_data\" \"a\" {}\nresource \"terraform_data\" \"b\" {}\n");
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    Files.delete(dir.resolve("main.tf"));
    state = Files.readString(dir.resolve("terraform.tfstate"));
  }

  @Test
  void planRefusesWithTerraformsText() throws Exception {
    assertEquals(1, cli.run("", "plan"));
    assertEquals("", cli.out());
    assertEquals(
        "\nError: No configuration files\n\n"
            + "Plan requires configuration to be present. Planning without a configuration\n"
            + "would mark everything for destruction, which is normally not what is desired.\n"
            + "If you would like to destroy everything, run plan with the -destroy option.\n"
            + "Otherwise, create a Forma configuration file (.tf file) and try again.\n\n"
            + "Forma found no .tf or .tf.json file in "
            + dir.toAbsolutePath().normalize()
            + ".\n",
        cli.err());
    assertEquals(1, cli.run("", "plan", "-refresh-only"));
    assertTrue(cli.err().contains("Error: No configuration files"), cli.err());
    assertEquals(state, Files.readString(dir.resolve("terraform.tfstate")));
  }

  @Test
  void applyRefusesAndDestroysNothing() throws Exception {
    assertEquals(1, cli.run("yes\n", "apply", "-auto-approve"));
    assertFalse(cli.out().contains("destroy"), cli.out());
    assertTrue(
        cli.err()
            .contains(
                "Apply requires configuration to be present. Applying without a configuration\n"
                    + "would mark everything for destruction, which is normally not what is desired.\n"
                    + "If you would like to destroy everything, run 'forma destroy' instead.\n"),
        cli.err());
    assertEquals(state, Files.readString(dir.resolve("terraform.tfstate")));
    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals("terraform_data.a\nterraform_data.b\n", cli.out());
  }

  @Test
  void theJsonViewGetsTheDiagnosticAsJson() {
    assertEquals(1, cli.run("", "apply", "-json", "-auto-approve"));
    assertTrue(
        cli.out().contains("\"@message\":\"Error: No configuration files\""),
        cli.out() + cli.err());
  }

  @Test
  void destroyingStaysPossible() throws Exception {
    assertEquals(0, cli.run("", "plan", "-destroy"), cli.err());
    assertTrue(cli.out().contains("Plan: 0 to add, 0 to change, 2 to destroy."), cli.out());
    assertEquals(0, cli.run("", "destroy", "-auto-approve"), cli.err());
    assertTrue(cli.out().contains("Destroy complete! Resources: 2 destroyed."), cli.out());
  }

  @Test
  void anyConfigurationFileCountsEvenAnEmptyOne() throws Exception {
    // as in Terraform: the check is for files, so "{}" plans the destruction of what it lacks
    cli.write("x.tf.json", "{}");
    assertEquals(0, cli.run("", "plan"), cli.err());
    assertTrue(cli.out().contains("2 to destroy"), cli.out());
  }

  @Test
  void aWrongChdirIsRefusedToo() throws Exception {
    cli.write("config/main.tf", "resource \"terraform_data\" \"a\" {}\n");
    Files.move(dir.resolve("terraform.tfstate"), dir.resolve("config/terraform.tfstate"));
    Files.createDirectories(dir.resolve("confg"));
    Files.writeString(dir.resolve("confg/terraform.tfstate"), state);
    assertEquals(1, cli.run("", "-chdir=confg", "apply", "-auto-approve"));
    assertTrue(cli.err().contains("Error: No configuration files"), cli.err());
    assertEquals(state, Files.readString(dir.resolve("confg/terraform.tfstate")));
  }
}
