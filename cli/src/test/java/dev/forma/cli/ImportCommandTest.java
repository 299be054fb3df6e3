package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forma import ADDR ID}, as Terraform 1.5+: into an existing resource block. */
class ImportCommandTest {
  @TempDir Path dir;

  @Test
  void importsIntoAnExistingBlockWithTerraformsTexts() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(0, cli.run("", "import", "terraform_data.a", "abc"), cli.err());
    // Terraform 1.11.4's text for the same import.
    assertEquals(
        "terraform_data.a: Importing from ID \"abc\"...\n"
            + "terraform_data.a: Import prepared!\n"
            + "  Prepared terraform_data for import\n"
            + "terraform_data.a: Refreshing state... [id=abc]\n"
            + "\n"
            + "Import successful!\n"
            + "\n"
            + "The resources that were imported are shown above. These resources are now in\n"
            + "your Forma state and will henceforth be managed by Forma.\n"
            + "\n",
        cli.out());
    assertEquals(0, cli.run("", "state", "show", "-no-color", "terraform_data.a"));
    assertEquals(
        "# terraform_data.a:\nresource \"terraform_data\" \"a\" {\n    id = \"abc\"\n}\n",
        cli.out());
    String state = Files.readString(dir.resolve("terraform.tfstate"));
    assertTrue(
        state.contains("\"provider\": \"provider[\\\"terraform.io/builtin/terraform\\\"]\""),
        state);
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.lock.info")));
  }

  @Test
  void anAddressAlreadyManagedIsRefused() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(0, cli.run("", "import", "terraform_data.a", "abc"));
    String before = Files.readString(dir.resolve("terraform.tfstate"));
    assertEquals(1, cli.run("", "import", "-no-color", "terraform_data.a", "abc"));
    assertTrue(cli.err().contains("Error: Resource already managed by Forma"), cli.err());
    assertTrue(
        cli.err()
            .contains(
                "Forma is already managing a remote object for terraform_data.a. To import to"),
        cli.err());
    assertEquals(before, Files.readString(dir.resolve("terraform.tfstate")));
  }

  @Test
  void aMissingBlockIsAnErrorSuggestingOne() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(1, cli.run("", "import", "-no-color", "terraform_data.zz", "abc"));
    assertTrue(
        cli.err()
            .contains("resource address \"terraform_data.zz\" does not exist in the configuration"),
        cli.err());
    assertTrue(
        cli.err().contains("resource \"terraform_data\" \"zz\" {\n  # (resource arguments)\n}"),
        cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
  }

  @Test
  void anInstanceKeyMustMatchCountOrForEach() throws Exception {
    CliRun cli =
        new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {\n  count = 2\n}\n");
    assertEquals(1, cli.run("", "import", "-no-color", "terraform_data.a", "abc"));
    assertTrue(cli.err().contains("an instance key is required"), cli.err());
    assertEquals(0, cli.run("", "import", "-no-color", "terraform_data.a[1]", "abc"), cli.err());
    assertEquals(0, cli.run("", "state", "list"));
    assertEquals("terraform_data.a[1]\n", cli.out());
  }

  @Test
  void twoArgumentsAreRequired() {
    CliRun cli = new CliRun(dir);
    assertEquals(1, cli.run("", "import", "terraform_data.a"));
    assertTrue(cli.err().startsWith("The import command expects two arguments.\n"), cli.err());
  }
}
