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

  private static final String LOCAL_PROVIDER =
      "provider \"alicloud\" {\n  region   = \"cn-hangzhou\"\n  endpoint = \"local\"\n}\n";

  private static final String WORKSPACE =
      """
      resource "alicloud_pai_workspace_workspace" "w" {
        workspace_name = "team_ws"
        description    = "made by hand"
        env_types      = ["prod"]
      }
      """;

  /** A workspace made in the embedded local cloud, then forgotten by the state; its ID. */
  private String madeOutside(CliRun cli) throws Exception {
    cli.write("main.tf", LOCAL_PROVIDER + WORKSPACE);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err() + cli.out());
    assertEquals(0, cli.run("", "state", "pull"), cli.err());
    String id =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(cli.out())
            .path("resources")
            .get(0)
            .path("instances")
            .get(0)
            .path("attributes")
            .path("id")
            .asText();
    assertEquals(0, cli.run("", "state", "rm", "alicloud_pai_workspace_workspace.w"), cli.err());
    return id;
  }

  @Test
  void anImportBlockAdoptsACloudObjectIntoAModuleWithTheInheritedProvider() throws Exception {
    CliRun cli = new CliRun(dir);
    String id = madeOutside(cli);
    cli.write("ai/main.tf", WORKSPACE)
        .write(
            "main.tf",
            LOCAL_PROVIDER
                + "module \"ai\" {\n  source   = \"./ai\"\n  for_each = toset([\"prod\"])\n}\n"
                + "import {\n  for_each = { prod = \""
                + id
                + "\" }\n  to       = module.ai[each.key].alicloud_pai_workspace_workspace.w\n"
                + "  id       = each.value\n}\n");
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err() + cli.out());
    String out = cli.out();
    assertTrue(
        out.contains(
            "module.ai[\"prod\"].alicloud_pai_workspace_workspace.w: Preparing import... [id="
                + id
                + "]"),
        out);
    assertTrue(
        out.contains("# module.ai[\"prod\"].alicloud_pai_workspace_workspace.w will be imported"),
        out);
    assertTrue(out.contains("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy."), out);
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err() + cli.out());
    assertTrue(
        cli.out().contains("Apply complete! Resources: 1 imported, 0 added, 0 changed"), cli.out());
    String state = Files.readString(dir.resolve("terraform.tfstate"));
    assertTrue(state.contains("\"module\": \"module.ai[\\\"prod\\\"]\""), state);
    assertTrue(
        state.contains(
            "\"provider\": \"provider[\\\"registry.terraform.io/hashicorp/alicloud\\\"]\""),
        state);
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err() + cli.out());
    assertTrue(cli.out().contains("No changes."), cli.out());
  }

  @Test
  void theImportCommandAdoptsACloudObjectIntoANestedModule() throws Exception {
    CliRun cli = new CliRun(dir);
    String id = madeOutside(cli);
    cli.write("ai/ws/main.tf", WORKSPACE)
        .write("ai/main.tf", "module \"ws\" {\n  source = \"./ws\"\n}\n")
        .write(
            "main.tf", LOCAL_PROVIDER + "module \"ai\" {\n  source = \"./ai\"\n  count  = 1\n}\n");
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    String address = "module.ai[0].module.ws.alicloud_pai_workspace_workspace.w";
    assertEquals(0, cli.run("", "import", "-no-color", address, id), cli.err() + cli.out());
    assertTrue(cli.out().contains(address + ": Import prepared!"), cli.out());
    assertTrue(cli.out().contains("Import successful!"), cli.out());
    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals(address + "\n", cli.out());
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err() + cli.out());
    assertTrue(cli.out().contains("No changes."), cli.out());
  }
}
