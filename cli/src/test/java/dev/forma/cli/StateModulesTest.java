package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma state list|show|rm|mv} with module addresses, on a state Terraform 1.11.4 wrote for
 * a root calling a module with {@code count = 2} ({@code module.c}) and one without ({@code
 * module.d}); the expected texts are what Terraform printed for the same commands.
 */
class StateModulesTest {
  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(dir);
    try (InputStream in = getClass().getResourceAsStream("/state/modules.tfstate")) {
      cli.write("terraform.tfstate", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void listsInstancesInModulesAndFiltersByModuleOrModuleInstance() {
    assertEquals(0, cli.run("", "state", "list"));
    assertEquals(
        """
        terraform_data.r
        module.c[0].terraform_data.a
        module.c[1].terraform_data.a
        module.d.terraform_data.a
        """,
        cli.out());
    assertEquals(0, cli.run("", "state", "list", "module.c"));
    assertEquals("module.c[0].terraform_data.a\nmodule.c[1].terraform_data.a\n", cli.out());
    assertEquals(0, cli.run("", "state", "list", "module.c[0]"));
    assertEquals("module.c[0].terraform_data.a\n", cli.out());
    assertEquals(0, cli.run("", "state", "list", "module.d.terraform_data.a"));
    assertEquals("module.d.terraform_data.a\n", cli.out());
  }

  @Test
  void showsAnInstanceInAModuleInstance() {
    assertEquals(0, cli.run("", "state", "show", "-no-color", "module.c[1].terraform_data.a"));
    assertEquals(
        """
        # module.c[1].terraform_data.a:
        resource "terraform_data" "a" {
            id     = "adf2e32c-38ef-ed4d-962d-0bc0efe10748"
            input  = "x1"
            output = "x1"
        }
        """,
        cli.out());
  }

  @Test
  void rmForgetsOneInstanceOrAWholeModule() throws Exception {
    assertEquals(0, cli.run("", "state", "rm", "module.c[0].terraform_data.a"));
    assertEquals(
        "Removed module.c[0].terraform_data.a\nSuccessfully removed 1 resource instance(s).\n",
        cli.out());
    assertEquals(0, cli.run("", "state", "rm", "module.d"));
    assertEquals(
        "Removed module.d.terraform_data.a\nSuccessfully removed 1 resource instance(s).\n",
        cli.out());
    assertEquals(0, cli.run("", "state", "list"));
    assertEquals("terraform_data.r\nmodule.c[1].terraform_data.a\n", cli.out());
  }

  @Test
  void mvMovesAnObjectIntoAnotherModuleAndWritesItsModule() throws Exception {
    assertEquals(
        0, cli.run("", "state", "mv", "module.d.terraform_data.a", "module.e.terraform_data.b"));
    assertEquals(
        "Move \"module.d.terraform_data.a\" to \"module.e.terraform_data.b\"\n"
            + "Successfully moved 1 object(s).\n",
        cli.out());
    String now = Files.readString(dir.resolve("terraform.tfstate"));
    assertTrue(now.contains("\"module\": \"module.e\""), now);
    assertEquals(0, cli.run("", "state", "list"));
    assertEquals(
        """
        terraform_data.r
        module.c[0].terraform_data.a
        module.c[1].terraform_data.a
        module.e.terraform_data.b
        """,
        cli.out());
  }

  @Test
  void mvMovesAWholeModuleInstanceToAKeyedOneAndADryRunWritesNothing() throws Exception {
    String before = Files.readString(dir.resolve("terraform.tfstate"));
    assertEquals(0, cli.run("", "state", "mv", "-dry-run", "module.c[1]", "module.e[\"x\"]"));
    assertEquals("Would move \"module.c[1]\" to \"module.e[\\\"x\\\"]\"\n", cli.out());
    assertEquals(before, Files.readString(dir.resolve("terraform.tfstate")));
    assertEquals(0, cli.run("", "state", "mv", "module.c[1]", "module.e[\"x\"]"));
    assertEquals(
        "Move \"module.c[1]\" to \"module.e[\\\"x\\\"]\"\nSuccessfully moved 1 object(s).\n",
        cli.out());
    String now = Files.readString(dir.resolve("terraform.tfstate"));
    assertTrue(now.contains("\"module\": \"module.e[\\\"x\\\"]\""), now);
    assertTrue(now.contains("\"id\": \"adf2e32c-38ef-ed4d-962d-0bc0efe10748\""), now);
    assertEquals(0, cli.run("", "state", "list"));
    assertEquals(
        """
        terraform_data.r
        module.c[0].terraform_data.a
        module.d.terraform_data.a
        module.e["x"].terraform_data.a
        """,
        cli.out());
  }
}
