package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.backend.LocalBackend;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma workspace new | select | list | show | delete} with Terraform 1.11.4's texts and
 * exit codes: each expected text is what {@code terraform workspace ...} printed for the same steps
 * in the same directory state, with "terraform"/"Terraform" read as "forma"/"Forma". Also the local
 * backend's {@code terraform.tfstate.d/NAME/} layout, {@code TF_WORKSPACE} and {@code
 * FORMA_WORKSPACE}, {@code terraform.workspace}, and a backend that keeps only the default
 * workspace.
 */
class WorkspaceCommandTest {
  @TempDir Path dir;
  CliRun cli;

  private static final String CONFIG =
      """
      resource "terraform_data" "a" {}

      output "ws" {
        value = terraform.workspace
      }
      """;

  /** What {@code terraform workspace new -no-color dev} printed. */
  private static String created(String name) {
    return "Created and switched to workspace \""
        + name
        + "\"!\n\n"
        + "You're now on a new, empty workspace. Workspaces isolate their state,\n"
        + "so if you run \"forma plan\" Forma will not see any existing state\n"
        + "for this configuration.\n";
  }

  /** What {@code terraform workspace select -no-color nope} printed on standard error. */
  private static final String NO_SUCH =
      """

      Workspace "nope" doesn't exist.

      You can create this workspace with the "new" subcommand\s
      or include the "-or-create" flag with the "select" subcommand.
      """;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(dir).write("main.tf", CONFIG);
  }

  private void ok(String... args) {
    assertEquals(0, cli.run("", args), () -> String.join(" ", args) + "\n" + cli.err());
  }

  @Test
  void aFreshDirectoryIsInTheDefaultWorkspace() {
    ok("workspace", "show");
    assertEquals("default\n", cli.out());
    ok("workspace", "list");
    assertEquals("* default\n\n", cli.out());
    assertEquals("", cli.err());
  }

  @Test
  void newCreatesAndSelectsAWorkspaceWithItsStateInTerraformsLayout() throws Exception {
    ok("workspace", "new", "dev");
    assertEquals(created("dev"), cli.out());
    assertEquals("", cli.err());
    assertTrue(Files.isDirectory(dir.resolve("terraform.tfstate.d/dev")));
    assertEquals("dev", Files.readString(dir.resolve(".terraform/environment")));
    ok("workspace", "list");
    assertEquals("  default\n* dev\n\n", cli.out());

    ok("apply", "-auto-approve");
    assertTrue(cli.out().endsWith("Outputs:\n\nws = \"dev\"\n"), cli.out());
    assertTrue(Files.exists(dir.resolve("terraform.tfstate.d/dev/terraform.tfstate")));
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));

    // terraform: "Workspace "dev" already exists", exit 1
    assertEquals(1, cli.run("", "workspace", "new", "dev"));
    assertEquals("Workspace \"dev\" already exists\n", cli.err());
    assertEquals("", cli.out());
  }

  @Test
  void theTextsAreColouredAsTerraformsForAPerson() {
    cli.interactive = true;
    ok("workspace", "new", "dev");
    assertEquals(
        "\u001b[0m\u001b[32m\u001b[1mCreated and switched to workspace \"dev\"!\u001b[0m\u001b[32m\n"
            + "\n"
            + "You're now on a new, empty workspace. Workspaces isolate their state,\n"
            + "so if you run \"forma plan\" Forma will not see any existing state\n"
            + "for this configuration.\u001b[0m\n",
        cli.out());
    assertEquals(1, cli.run("", "workspace", "new", "dev"));
    assertEquals("\u001b[31mWorkspace \"dev\" already exists\u001b[0m\u001b[0m\n", cli.err());
    ok("workspace", "select", "default");
    assertEquals("\u001b[0m\u001b[32mSwitched to workspace \"default\".\u001b[0m\n", cli.out());
    ok("workspace", "select", "-no-color", "dev");
    assertEquals("Switched to workspace \"dev\".\n", cli.out());
  }

  @Test
  void selectSwitchesAndSaysNothingWhenTheWorkspaceIsAlreadySelected() throws Exception {
    ok("workspace", "new", "dev");
    ok("workspace", "select", "default");
    assertEquals("Switched to workspace \"default\".\n", cli.out());
    ok("workspace", "select", "default");
    assertEquals("", cli.out());
    assertEquals("", cli.err());
    assertEquals("default", Files.readString(dir.resolve(".terraform/environment")));
  }

  @Test
  void selectRefusesAWorkspaceThatDoesNotExistUnlessOrCreate() throws Exception {
    assertEquals(1, cli.run("", "workspace", "select", "nope"));
    assertEquals(NO_SUCH, cli.err());
    assertEquals("", cli.out());
    ok("workspace", "select", "-or-create", "nope");
    assertEquals(created("nope"), cli.out());
    ok("workspace", "select", "-or-create", "nope");
    assertEquals("", cli.out());
    assertTrue(Files.isDirectory(dir.resolve("terraform.tfstate.d/nope")));
  }

  @Test
  void aNameThatIsNotUrlSafeIsRefused() {
    String refused =
        """

        The workspace name "a/b" is not allowed. The name must contain only URL safe
        characters, and no path separators.

        """;
    assertEquals(1, cli.run("", "workspace", "new", "a/b"));
    assertEquals(refused, cli.err());
    assertEquals(1, cli.run("", "workspace", "select", "a/b"));
    assertEquals(refused, cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.d")));
  }

  @Test
  void deleteRefusesTheSelectedTheDefaultAMissingAndALockedWorkspace() throws Exception {
    ok("workspace", "new", "dev");
    assertEquals(1, cli.run("", "workspace", "delete", "dev"));
    assertEquals(
        """
        Workspace "dev" is your active workspace.

        You cannot delete the currently active workspace. Please switch
        to another workspace and try again.
        """,
        cli.err());
    ok("workspace", "select", "dev"); // (already selected: nothing happens)
    assertEquals(1, cli.run("", "workspace", "delete", "default"));
    assertEquals("cannot delete default state\n", cli.err());
    assertEquals(1, cli.run("", "workspace", "delete", "nope"));
    assertEquals(NO_SUCH.substring(1), cli.err());
    ok("workspace", "select", "default");

    StateStore dev = new LocalBackend(dir, null, null, "test").store("dev");
    LockInfo held = dev.lock(LockInfo.APPLY, "", Duration.ZERO);
    try {
      assertEquals(1, cli.run("", "workspace", "delete", "dev"));
      assertTrue(cli.err().contains("Error acquiring the state lock"), cli.err());
      assertTrue(Files.isDirectory(dir.resolve("terraform.tfstate.d/dev")));
    } finally {
      dev.unlock(held.id());
    }
    ok("workspace", "delete", "dev");
    assertEquals("Deleted workspace \"dev\"!\n", cli.out());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.d/dev")));
    ok("workspace", "list");
    assertEquals("* default\n\n", cli.out());
  }

  @Test
  void deleteOfAWorkspaceThatTracksObjectsNeedsForce() throws Exception {
    ok("workspace", "new", "dev");
    ok("apply", "-auto-approve");
    ok("workspace", "select", "default");
    assertEquals(1, cli.run("", "workspace", "delete", "dev"));
    assertEquals(
        """

        Error: Workspace is not empty

        Workspace "dev" is currently tracking the following resource instances:
          - terraform_data.a

        Deleting this workspace would cause Forma to lose track of any associated
        remote objects, which would then require you to delete them manually outside
        of Forma. You should destroy these objects with Forma before deleting the
        workspace.

        If you want to delete this workspace anyway, and have Forma forget about
        these managed objects, use the -force option to disable this safety check.
        """,
        cli.err());
    assertTrue(Files.exists(dir.resolve("terraform.tfstate.d/dev/terraform.tfstate")));
    ok("workspace", "delete", "-force", "dev");
    assertEquals(
        """
        Deleted workspace "dev"!
        WARNING: "dev" was non-empty.
        The resources managed by the deleted workspace may still exist,
        but are no longer manageable by Forma since the state has
        been deleted.

        """,
        cli.out());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.d/dev")));
  }

  @Test
  void newCopiesTheStateFileStateNames() throws Exception {
    ok("apply", "-auto-approve");
    String state = Files.readString(dir.resolve("terraform.tfstate"));
    ok("workspace", "new", "-state=terraform.tfstate", "copy");
    assertEquals(created("copy"), cli.out());
    ok("state", "list");
    assertEquals("terraform_data.a\n", cli.out());
    ok("state", "pull");
    assertTrue(cli.out().contains(lineage(state)), cli.out());
    // a file that cannot be read creates nothing (Terraform creates the workspace first)
    assertEquals(1, cli.run("", "workspace", "new", "-state=nope.tfstate", "other"));
    assertTrue(cli.err().contains("Failed to read state file"), cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.d/other")));
  }

  private static String lineage(String state) {
    int i = state.indexOf("\"lineage\": \"");
    return state.substring(i, state.indexOf('"', i + 12) + 1);
  }

  @Test
  void anEnvironmentVariableSelectsTheWorkspaceAndCannotBeOverridden() throws Exception {
    ok("workspace", "new", "prod");
    ok("workspace", "new", "dev");
    cli.env.put("TF_WORKSPACE", "prod");
    ok("workspace", "show");
    assertEquals("prod\n", cli.out());
    ok("workspace", "list");
    assertEquals(
        """
          default
          dev
        * prod



        The active workspace is being overridden using the TF_WORKSPACE environment
        variable.

        """,
        cli.out());
    assertEquals(1, cli.run("", "workspace", "select", "default"));
    assertEquals(
        """

        The selected workspace is currently overridden using the TF_WORKSPACE
        environment variable.

        To select a new workspace, either update this environment variable or unset
        it and then run this command again.

        """,
        cli.err());
    assertEquals(1, cli.run("", "workspace", "new", "x1"));
    assertEquals(
        """

        The workspace is currently overridden using the TF_WORKSPACE environment
        variable. You cannot create a new workspace when using this setting.

        To create a new workspace, either unset this environment variable or update it
        to match the workspace name you are trying to create, and then run this command
        again.

        """,
        cli.err());
    assertEquals(1, cli.run("", "workspace", "delete", "prod"));
    assertTrue(cli.err().startsWith("Workspace \"prod\" is your active workspace."), cli.err());

    ok("plan");
    assertTrue(cli.out().contains("+ ws = \"prod\""), cli.out());

    // Forma's own variable wins over Terraform's, and is the one named
    cli.env.put("FORMA_WORKSPACE", "dev");
    ok("workspace", "show");
    assertEquals("dev\n", cli.out());
    ok("workspace", "list");
    assertTrue(
        cli.out()
            .endsWith(
                "The active workspace is being overridden using the FORMA_WORKSPACE"
                    + " environment\nvariable.\n\n"),
        cli.out());
    ok("plan");
    assertTrue(cli.out().contains("+ ws = \"dev\""), cli.out());

    // the variable may name the workspace being created
    cli.env.remove("FORMA_WORKSPACE");
    cli.env.put("TF_WORKSPACE", "x1");
    ok("workspace", "new", "x1");
    assertEquals(created("x1"), cli.out());
  }

  @Test
  void aWorkspaceNameInTheEnvironmentThatCannotBeOneIsAnError() {
    cli.env.put("TF_WORKSPACE", "a/b");
    assertEquals(1, cli.run("", "workspace", "show"));
    assertEquals(
        "Error selecting workspace: Invalid workspace name set using TF_WORKSPACE\n", cli.err());
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertTrue(
        cli.err().startsWith("\nError: Invalid workspace name set using TF_WORKSPACE\n"),
        cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.d")));
  }

  @Test
  void aWorkspaceThatDoesNotExistIsNotCreatedByAnOperation() {
    cli.env.put("TF_WORKSPACE", "nope");
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertTrue(cli.err().contains("Error: Workspace does not exist"), cli.err());
    assertTrue(cli.err().contains("forma workspace new nope"), cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.d/nope")));
  }

  @Test
  void applyAndDestroyNameTheWorkspaceInTheirQuestionsAsTerraform() {
    ok("workspace", "new", "dev");
    assertEquals(1, cli.run("no\n", "apply"));
    assertTrue(
        cli.out()
            .endsWith(
                """

                Do you want to perform these actions in workspace "dev"?
                  Forma will perform the actions described above.
                  Only 'yes' will be accepted to approve.

                  Enter a value: \nApply cancelled.
                """),
        cli.out());
    ok("apply", "-auto-approve");
    assertEquals(1, cli.run("no\n", "destroy"));
    assertTrue(
        cli.out()
            .endsWith(
                """

                Do you really want to destroy all resources in workspace "dev"?
                  Forma will destroy all your managed infrastructure, as shown above.
                  There is no undo. Only 'yes' will be accepted to confirm.

                  Enter a value: \nDestroy cancelled.
                """),
        cli.out());
    // in the default workspace, the questions are Terraform's plain ones
    ok("workspace", "select", "default");
    assertEquals(1, cli.run("no\n", "apply"));
    assertTrue(cli.out().contains("\nDo you want to perform these actions?\n"), cli.out());
  }

  @Test
  void theStateCommandsOutputAndShowWorkOnTheSelectedWorkspace() throws Exception {
    cli.write(
        "backend.tf",
        """
        terraform {
          backend "local" {
            path          = "main.tfstate"
            workspace_dir = "envs"
          }
        }
        """);
    ok("init");
    ok("apply", "-auto-approve");
    String defaultState = Files.readString(dir.resolve("main.tfstate"));
    ok("workspace", "new", "dev");
    assertTrue(Files.isDirectory(dir.resolve("envs/dev")));
    cli.write("main.tf", CONFIG + "resource \"terraform_data\" \"b\" {}\n");
    ok("apply", "-auto-approve");

    ok("state", "list");
    assertEquals("terraform_data.a\nterraform_data.b\n", cli.out());
    ok("output", "-raw", "ws");
    assertEquals("dev", cli.out());
    ok("show", "-no-color");
    assertTrue(cli.out().contains("# terraform_data.b:"), cli.out());
    ok("state", "show", "-no-color", "terraform_data.b");
    assertTrue(cli.out().startsWith("# terraform_data.b:"), cli.out());
    ok("state", "mv", "terraform_data.b", "terraform_data.c");
    ok("state", "rm", "terraform_data.c");
    ok("state", "pull");
    String pulled = cli.out();
    assertFalse(pulled.contains("\"name\": \"b\""), pulled);
    assertFalse(pulled.contains("\"name\": \"c\""), pulled);
    cli.write(
        "pushed.tfstate",
        pulled.replace("\"serial\": ", "\"serial\": 1").replace("\"dev\"", "\"pushed\""));
    ok("state", "push", "pushed.tfstate");
    ok("output", "-raw", "ws");
    assertEquals("pushed", cli.out());
    assertTrue(Files.readString(dir.resolve("envs/dev/terraform.tfstate")).contains("pushed"));

    StateStore devStore = new LocalBackend(dir, "main.tfstate", "envs", "test").store("dev");
    LockInfo held = devStore.lock(LockInfo.APPLY, "", Duration.ZERO);
    assertEquals(1, cli.run("", "state", "rm", "terraform_data.a"));
    assertTrue(cli.err().contains("Error acquiring the state lock"), cli.err());
    ok("force-unlock", "-force", held.id());
    assertTrue(cli.out().startsWith("Forma state has been successfully unlocked!"), cli.out());
    ok("state", "rm", "terraform_data.a");

    // the default workspace's state was never touched
    assertEquals(defaultState, Files.readString(dir.resolve("main.tfstate")));
    ok("workspace", "select", "default");
    ok("output", "-raw", "ws");
    assertEquals("default", cli.out());
  }

  // ------------------------------------------------------------------ a remote-like backend

  @Test
  void aBackendWithoutWorkspacesGetsTerraformsErrors() throws Exception {
    MemoryBackend http = new MemoryBackend("http", false);
    // terraform 1.11.4 with the http backend: each of these, exit 1
    assertEquals(1, WorkspaceCommand.list(terminal(), http));
    assertEquals("workspaces not supported\n", err());
    assertEquals(1, WorkspaceCommand.create(terminal(), http, "dev", null, true, Duration.ZERO));
    assertEquals("Failed to get configured named states: workspaces not supported\n", err());
    assertEquals(1, WorkspaceCommand.select(terminal(), http, "dev", false));
    assertEquals("workspaces not supported\n", err());
    assertEquals(1, WorkspaceCommand.delete(terminal(), http, "dev", false, true, Duration.ZERO));
    assertEquals("workspaces not supported\n", err());
    assertNull(Workspaces.fromEnvironment(cli.env));
    // an operation in another workspace: Terraform's "error loading state", saying why
    cli.env.put("TF_WORKSPACE", "dev");
    var d = StateAccess.workspacesNotSupported(terminal(), "http", "dev");
    assertEquals("error loading state: workspaces not supported", d.summary());
    assertEquals(
        "The \"http\" backend keeps only the default workspace, and the selected workspace is"
            + " \"dev\" (set by the TF_WORKSPACE environment variable). Unset it to use the"
            + " backend's state.",
        d.detail());
  }

  @Test
  void workspacesOfARemoteBackendAreMadeListedSelectedAndDeleted() throws Exception {
    MemoryBackend pg = new MemoryBackend("pg", true);
    assertEquals(0, WorkspaceCommand.create(terminal(), pg, "dev", null, true, Duration.ZERO));
    assertEquals(created("dev"), out());
    assertEquals(0, WorkspaceCommand.create(terminal(), pg, "prod", null, true, Duration.ZERO));
    assertEquals(0, WorkspaceCommand.list(terminal(), pg));
    assertEquals("  default\n  dev\n* prod\n\n", out());
    assertEquals(0, WorkspaceCommand.select(terminal(), pg, "dev", false));
    assertEquals("Switched to workspace \"dev\".\n", out());
    assertEquals(0, WorkspaceCommand.delete(terminal(), pg, "prod", false, true, Duration.ZERO));
    assertEquals("Deleted workspace \"prod\"!\n", out());
    assertEquals(java.util.List.of("default", "dev"), pg.workspaces());
    assertNull(pg.store("dev").lock, "the lock taken to check the state is released");
  }

  private java.io.ByteArrayOutputStream outBytes;
  private java.io.ByteArrayOutputStream errBytes;

  private Terminal terminal() {
    outBytes = new java.io.ByteArrayOutputStream();
    errBytes = new java.io.ByteArrayOutputStream();
    return new Terminal(
        new java.io.PrintStream(outBytes, true, java.nio.charset.StandardCharsets.UTF_8),
        new java.io.PrintStream(errBytes, true, java.nio.charset.StandardCharsets.UTF_8),
        java.io.InputStream.nullInputStream(),
        cli.env,
        dir,
        false);
  }

  private String out() {
    return outBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
