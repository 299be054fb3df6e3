package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.config.ConfigLoader;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terraform { backend "TYPE" { ... } }}: a type Forma does not have is an error naming it,
 * where it is and the types Forma has, for every command that uses state (never a silent local
 * state file); the {@code local} backend's {@code path} is honoured.
 */
class BackendTest {
  @TempDir Path dir;

  private static final String AZURERM =
      """
      terraform {
        backend "azurerm" {
          container_name = "b"
        }
      }

      resource "terraform_data" "a" {}
      """;

  /** A state file as an earlier local run left it: a command must not fall back to it. */
  private CliRun withLocalState(String config) throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    return cli.write("main.tf", config);
  }

  @Test
  void initRefusesAnUnknownTypeAndDoesNotSaySuccess() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", AZURERM);
    assertEquals(1, cli.run("", "init"));
    assertEquals("Initializing the backend...\n", cli.out());
    assertEquals(
        """

        Error: Unsupported backend type

          on main.tf line 2, in terraform:
           2:   backend "azurerm" {

        There is no backend type named "azurerm" in Forma; it has these: "local",
        "pg", "http", "oss". Forma does not keep the state in a local file instead,
        as that would split it from the state in the "azurerm" backend.
        """,
        cli.err());
    assertEquals(0, cli.run("", "init", "-backend=false"), cli.err());
    assertTrue(cli.out().contains("Forma has been successfully initialized!"), cli.out());
  }

  @Test
  void theErrorPointsAtTheTypeLabel() throws Exception {
    new CliRun(dir).write("main.tf", AZURERM);
    Result<Backends.Selected> r = Backends.select(ConfigLoader.load(dir, dir).value(), false);
    assertNull(r.value());
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Invalid backend type", d.summary());
    assertEquals("main.tf", Path.of(d.subject().filename()).getFileName().toString());
    assertEquals(2, d.subject().start().line());
    assertEquals(11, d.subject().start().column());
    assertEquals(20, d.subject().end().column());
  }

  @Test
  void everyCommandThatUsesStateRefusesInsteadOfUsingLocalState() throws Exception {
    CliRun cli = withLocalState(AZURERM);
    String state = Files.readString(dir.resolve("terraform.tfstate"));
    Files.writeString(dir.resolve("pushed.tfstate"), state);
    List<List<String>> commands =
        List.of(
            List.of("plan"),
            List.of("plan", "-refresh-only"),
            List.of("apply", "-auto-approve"),
            List.of("apply", "-refresh-only", "-auto-approve"),
            List.of("destroy", "-auto-approve"),
            List.of("import", "terraform_data.a", "x"),
            List.of("state", "list"),
            List.of("state", "show", "terraform_data.a"),
            List.of("state", "rm", "terraform_data.a"),
            List.of("state", "mv", "terraform_data.a", "terraform_data.b"),
            List.of("state", "pull"),
            List.of("state", "push", "pushed.tfstate"),
            List.of("output"),
            List.of("show"),
            List.of("providers"),
            List.of("force-unlock", "-force", "abc"));
    for (List<String> c : commands) {
      int code = cli.run("yes\n", c.toArray(String[]::new));
      assertEquals(1, code, () -> c + "\n" + cli.out() + cli.err());
      assertTrue(cli.err().contains("Error: Invalid backend type"), () -> c + "\n" + cli.err());
      assertTrue(cli.err().contains("backend type named \"azurerm\""), () -> c + "\n" + cli.err());
      assertFalse(cli.out().contains("terraform_data.a"), () -> c + "\n" + cli.out());
    }
    assertEquals(state, Files.readString(dir.resolve("terraform.tfstate")));
  }

  @Test
  void aNearMissGetsDidYouMean() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", "terraform {\n  backend \"locl\" {}\n}\n");
    assertEquals(1, cli.run("", "plan"));
    assertTrue(
        cli.err()
            .replace('\n', ' ')
            .contains(
                "it has these: \"local\", \"pg\", \"http\", \"oss\". Did you mean \"local\"?"),
        cli.err());
  }

  @Test
  void theLocalBackendsPathIsWhereTheStateIs() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                """
                terraform {
                  backend "local" {
                    path          = "states/x.tfstate"
                    workspace_dir = "other"
                  }
                }

                resource "terraform_data" "a" {}
                """);
    Files.createDirectories(dir.resolve("states"));
    assertEquals(0, cli.run("", "init"), cli.err());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(Files.exists(dir.resolve("states/x.tfstate")));
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals("terraform_data.a\n", cli.out());
    assertEquals(0, cli.run("", "plan", "-detailed-exitcode"), cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());
    // -state still overrides it, as in Terraform
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-state=other.tfstate"), cli.err());
    assertTrue(cli.out().contains("1 added"), cli.out());
    assertTrue(Files.exists(dir.resolve("other.tfstate")));
  }

  @Test
  void theLocalBackendInJsonSyntax() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "backend.tf.json",
                "{\"terraform\":{\"backend\":{\"local\":{\"path\":\"j.tfstate\"}}}}")
            .write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(0, cli.run("", "init"), cli.err());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(Files.exists(dir.resolve("j.tfstate")));
  }

  @Test
  void anUnknownArgumentOfTheLocalBackendIsAnError() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write("main.tf", "terraform {\n  backend \"local\" {\n    bogus = 1\n  }\n}\n");
    assertEquals(1, cli.run("", "init"));
    assertTrue(cli.err().contains("Error: Unsupported argument"), cli.err());
    assertTrue(cli.err().contains("on main.tf line 3, in terraform:"), cli.err());
  }

  /** Terraform 1.11.4's init for {@code path = var.p}: "Variables not allowed", and only that. */
  @Test
  void aVariableInTheBackendBlockIsRefusedAsTerraformDoes() throws Exception {
    CliRun vars =
        new CliRun(dir)
            .write(
                "main.tf",
                "variable \"p\" {\n  default = \"a\"\n}\n"
                    + "terraform {\n  backend \"local\" {\n    path = var.p\n  }\n}\n");
    assertEquals(1, vars.run("", "init"));
    assertEquals("Initializing the backend...\n", vars.out());
    assertEquals(
        """

        Error: Variables not allowed

          on main.tf line 6, in terraform:
           6:     path = var.p

        Variables may not be used here.
        """,
        vars.err());
    assertFalse(Files.exists(BackendInit.file(dir)));
  }

  @Test
  void aSecondBackendInAnotherFileIsADuplicate() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write("a.tf", "terraform {\n  backend \"local\" {}\n}\n")
            .write("b.tf", "terraform {\n  backend \"local\" {\n    path = \"y\"\n  }\n}\n");
    assertEquals(1, cli.run("", "validate"));
    assertTrue(cli.err().contains("Error: Duplicate backend configuration"), cli.err());
    assertTrue(cli.err().contains("on b.tf line 2, in terraform:"), cli.err());
  }
}
