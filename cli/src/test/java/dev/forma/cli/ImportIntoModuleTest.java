package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing into a resource of a child module is not built yet: both ways in (an {@code import}
 * block, {@code forma import}) say so and how to get there with a moved block, instead of claiming
 * that the resource's configuration does not exist, and nothing is written.
 */
class ImportIntoModuleTest {
  @TempDir Path dir;

  private CliRun cli(String root) throws Exception {
    return new CliRun(dir)
        .write("m/main.tf", "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n")
        .write("main.tf", "module \"m\" {\n  source = \"./m\"\n}\n" + root);
  }

  @Test
  void anImportBlockIntoAModuleSaysItIsNotSupportedYet() throws Exception {
    CliRun cli = cli("import {\n  to = module.m.terraform_data.a\n  id = \"abc\"\n}\n");
    assertEquals(1, cli.run("", "plan", "-no-color"));
    String err = cli.err();
    assertTrue(err.contains("Error: Import into a module is not supported yet"), err);
    assertTrue(err.contains("on main.tf line 5, in import:"), err);
    assertTrue(err.contains("  to   = module.m.terraform_data.a"), err);
    assertFalse(err.contains("does not exist"), err);
    assertFalse(cli.out().contains("Plan:"), cli.out());
  }

  @Test
  void theImportCommandIntoAModuleSaysItIsNotSupportedYet() throws Exception {
    CliRun cli = cli("");
    assertEquals(1, cli.run("", "import", "-no-color", "module.m.terraform_data.a", "abc"));
    String err = cli.err();
    assertTrue(err.contains("Error: Import into a module is not supported yet"), err);
    assertTrue(err.contains("import it there (terraform_data.a)"), err);
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
  }
}
