package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing into resources of child modules, beyond what the import-modules scenarios (made by
 * Terraform) pin: validate reports a target module or resource the configuration lacks, as
 * Terraform does; config generation does not write blocks for a module's resource; {@code forma
 * import} writes the object under its module in the state; an import block whose key is not a
 * string or number names the key.
 */
class ImportIntoModuleTest {
  @TempDir Path dir;

  private CliRun cli(String root) throws Exception {
    return new CliRun(dir)
        .write("m/main.tf", "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n")
        .write("main.tf", "module \"m\" {\n  source = \"./m\"\n}\n" + root);
  }

  @Test
  void validateReportsAnImportIntoAModuleTheConfigurationDoesNotCall() throws Exception {
    CliRun cli = cli("import {\n  to = module.nope.terraform_data.a\n  id = \"abc\"\n}\n");
    assertEquals(1, cli.run("", "validate", "-no-color"));
    String err = cli.err();
    assertTrue(err.contains("Error: Configuration for import target does not exist"), err);
    assertTrue(err.contains("  on main.tf line 5, in import:"), err);
    assertTrue(
        err.contains(
            "The configuration for the given import target module.nope.terraform_data.a\n"
                + "does not exist."),
        err);
    assertFalse(err.contains("undeclared"), err);
  }

  @Test
  void validateReportsAnImportIntoAResourceTheModuleDoesNotDeclare() throws Exception {
    CliRun cli = cli("import {\n  to = module.m.terraform_data.nope\n  id = \"abc\"\n}\n");
    assertEquals(1, cli.run("", "validate", "-no-color"));
    assertTrue(
        cli.err()
            .contains(
                "Resource module.m.terraform_data.nope not found. Only resources within the\n"
                    + "root module are eligible for config generation."),
        cli.err());
  }

  @Test
  void configGenerationWritesNothingForAResourceOfAModule() throws Exception {
    CliRun cli = cli("import {\n  to = module.m.terraform_data.nope\n  id = \"abc\"\n}\n");
    assertEquals(1, cli.run("", "plan", "-no-color", "-generate-config-out=gen.tf"));
    assertTrue(
        cli.err().contains("Only resources within the\nroot module are eligible"), cli.err());
    assertFalse(Files.exists(dir.resolve("gen.tf")));
  }

  @Test
  void theImportCommandRecordsTheObjectUnderItsModuleInstance() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write("m/main.tf", "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n")
            .write(
                "main.tf",
                "module \"m\" {\n  source   = \"./m\"\n  for_each = toset([\"k\"])\n}\n");
    assertEquals(0, cli.run("", "import", "-no-color", "module.m[\"k\"].terraform_data.a", "abc"));
    String state = Files.readString(dir.resolve("terraform.tfstate"));
    assertTrue(state.contains("\"module\": \"module.m[\\\"k\\\"]\""), state);
    assertTrue(state.contains("\"id\": \"abc\""), state);
    assertTrue(
        state.contains("\"provider\": \"provider[\\\"terraform.io/builtin/terraform\\\"]\""),
        state);
  }

  @Test
  void anImportKeyThatIsNotAStringOrNumberIsNamed() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write("m/main.tf", "resource \"terraform_data\" \"a\" {\n}\n")
            .write(
                "main.tf",
                "module \"m\" {\n  source   = \"./m\"\n  for_each = toset([\"k\"])\n}\n"
                    + "import {\n  for_each = [true]\n"
                    + "  to       = module.m[each.value].terraform_data.a\n  id = \"abc\"\n}\n");
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertTrue(cli.err().contains("Error: Invalid import address"), cli.err());
    assertTrue(cli.err().contains("a known string or a whole\nnumber, not bool."), cli.err());
  }
}
