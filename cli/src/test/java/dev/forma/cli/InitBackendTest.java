package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.InstanceAddress;
import dev.forma.state.ResourceAddress;
import dev.forma.state.State;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LocalBackend;
import dev.forma.state.backend.StateStore;
import dev.forma.state.backend.StateTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma init} with a backend block, and the check every other command makes: Terraform
 * 1.11.4's texts and exit codes for "Backend initialization required" and its reasons, the first
 * configuration that takes the local states (asking), {@code -migrate-state} copying every
 * workspace (default, dev, prod) from the previous backend, {@code -force-copy}, {@code
 * -reconfigure}, {@code -backend-config} (files and KEY=VALUE, remembered, never printed, kept
 * owner-only). Each expected text is what terraform printed for the same steps, with Terraform read
 * as Forma.
 */
class InitBackendTest {
  @TempDir Path dir;

  private static final String RESOURCE = "resource \"terraform_data\" \"a\" {}\n";

  private static String backend(String body) {
    return "terraform {\n  backend \"local\" {\n" + body + "  }\n}\n" + RESOURCE;
  }

  /** What Terraform prints after the backend, when init succeeds (its providers part). */
  private static final String INITIALIZED =
      """
      Initializing provider plugins...
      - terraform.io/builtin/terraform is built in to Forma

      Forma has been successfully initialized!

      You may now begin working with Forma. Try running "forma plan" to see
      any changes that are required for your infrastructure. All Forma commands
      should now work.

      If you ever set or change modules or backend configuration for Forma,
      rerun this command to reinitialize your working directory. If you forget, other
      commands will detect it and remind you to do so if necessary.
      """;

  private static final String CONFIGURED =
      """

      Successfully configured the backend "local"! Forma will automatically
      use this backend unless the backend configuration changes.
      """;

  private static String initRequired(String summary, String reason) {
    return "\nError: Backend initialization required"
        + summary
        + "please run \"forma init\"\n\n"
        + "Reason: "
        + reason
        + "\n\n"
        + """
        The "backend" is the interface that Forma uses to store state, perform
        operations, etc. If this message is showing up, it means that the Forma
        configuration you're using is using a custom configuration for the Forma
        backend.

        Changes to backend configurations require reinitialization. This allows Forma
        to set up the new configuration, copy existing state, etc. Please run "forma
        init" with either the "-reconfigure" or "-migrate-state" flags to use the
        current configuration.

        If the change reason above is incorrect, please verify your configuration
        hasn't changed and try again. At this point, no changes to your existing
        configuration or state have been made.
        """;
  }

  private static final String CHANGED =
      """

      Error: Backend configuration changed

      A change in the backend configuration has been detected, which may require
      migrating existing state.

      If you wish to attempt automatic migration of the state, use "forma init
      -migrate-state".
      If you wish to store the current configuration with no changes to the state,
      use "forma init -reconfigure".
      """;

  private static final String COPY_TO_EMPTY =
      """
      Do you want to copy existing state to the new backend?
        Pre-existing state was found while migrating the previous "local" backend to the
        newly configured "local" backend. No existing state was found in the newly
        configured "local" backend. Do you want to copy this state to the new "local"
        backend? Enter "yes" to copy and "no" to start with an empty state.

        Enter a value: \n""";

  private static final String MIGRATE_ALL =
      """
      Do you want to migrate all workspaces to "local"?
        Both the existing "local" backend and the newly configured "local" backend
        support workspaces. When migrating between backends, Forma will copy
        all workspaces (with the same names). THIS WILL OVERWRITE any conflicting
        states in the destination.
       \s
        Forma initialization doesn't currently migrate only select workspaces.
        If you want to migrate a select number of workspaces, you must manually
        pull and push those states.
       \s
        If you answer "yes", Forma will migrate all states. If you answer
        "no", Forma will abort.

        Enter a value: \n""";

  private CliRun cli() {
    return new CliRun(dir);
  }

  private static void ok(CliRun cli, String stdin, String... args) {
    assertEquals(
        0, cli.run(stdin, args), () -> String.join(" ", args) + "\n" + cli.out() + cli.err());
  }

  private String read(String file) throws Exception {
    return Files.readString(dir.resolve(file));
  }

  private static String lineage(String state) {
    int i = state.indexOf("\"lineage\": \"");
    return state.substring(i, state.indexOf('"', i + 12) + 1);
  }

  private static String serial(String state) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"serial\": (\\d+)").matcher(state);
    assertTrue(m.find(), state);
    return m.group(1);
  }

  // ------------------------------------------------------------------ init required

  @Test
  void theImpliedLocalBackendNeedsNoInit() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "plan");
    assertFalse(Files.exists(dir.resolve(".terraform")));
  }

  @Test
  void aBackendBlockNeedsInitFirstAsInTerraform() throws Exception {
    CliRun cli = cli().write("main.tf", backend("    path = \"x.tfstate\"\n"));
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertEquals(
        initRequired(", ", "Initial configuration of the requested backend \"local\""), cli.err());
    assertEquals("", cli.out());
    // every command that uses the backend, as terraform 1.11.4 (workspace show and validate
    // need no backend)
    for (List<String> c :
        List.of(
            List.of("apply", "-auto-approve"),
            List.of("destroy", "-auto-approve"),
            List.of("state", "list"),
            List.of("state", "pull"),
            List.of("output"),
            List.of("show"),
            List.of("providers"),
            List.of("import", "terraform_data.a", "x"),
            List.of("force-unlock", "-force", "123"),
            List.of("workspace", "list"),
            List.of("workspace", "new", "dev"),
            List.of("workspace", "select", "dev"),
            List.of("workspace", "delete", "dev"))) {
      assertEquals(1, cli.run("", c.toArray(String[]::new)), c::toString);
      assertTrue(
          cli.err().contains("Backend initialization required, please run \"forma init\""),
          () -> c + "\n" + cli.err());
    }
    ok(cli, "", "workspace", "show");
    ok(cli, "", "validate");
    assertFalse(Files.exists(dir.resolve("x.tfstate")));
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.d")));
  }

  @Test
  void aChangedTypeChangedOrRemovedBlockNeedsInitAgainWithItsReason() throws Exception {
    CliRun cli = cli().write("main.tf", backend("    path = \"x.tfstate\"\n"));
    ok(cli, "", "init");
    ok(cli, "", "plan");
    cli.write("main.tf", backend("    path = \"y.tfstate\"\n"));
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertEquals(initRequired(": ", "Backend configuration block has changed"), cli.err());

    cli.write("main.tf", RESOURCE);
    assertEquals(1, cli.run("", "state", "list", "-no-color"));
    assertEquals(initRequired(", ", "Unsetting the previously set backend \"local\""), cli.err());

    // a record of another type (as another backend's init would leave it)
    cli.write("main.tf", backend("    path = \"x.tfstate\"\n"));
    Files.writeString(
        BackendInit.file(dir),
        "{\"version\":1,\"type\":\"http\",\"block_fingerprint\":\"sha256:00\",\"config\":{}}");
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertEquals(initRequired(": ", "Backend type changed from \"http\" to \"local\""), cli.err());
  }

  // ------------------------------------------------------------------ first configuration

  @Test
  void theFirstInitOffersTheLocalStateToTheNewBackend() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "apply", "-auto-approve");
    String local = read("terraform.tfstate");
    cli.write("main.tf", backend("    path = \"x.tfstate\"\n"));

    // terraform: the question needs input
    assertEquals(1, cli.run("", "init", "-input=false"));
    assertEquals("Initializing the backend...\n", cli.out());
    assertEquals(
        """

        Error: Can't ask approval for state migration when interactive input is disabled.

        Please remove the "-input=false" option and try again.
        """,
        cli.err());
    assertFalse(Files.exists(BackendInit.file(dir)));

    ok(cli, "yes\n", "init");
    assertEquals(
        "Initializing the backend...\n" + COPY_TO_EMPTY + CONFIGURED + INITIALIZED, cli.out());
    assertEquals("", cli.err());
    String copied = read("x.tfstate");
    assertEquals(lineage(local), lineage(copied));
    // as Terraform, the local state is set aside once copied (Terraform empties it and keeps
    // the backup)
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
    assertEquals(local, read("terraform.tfstate.backup"));
    ok(cli, "", "plan", "-detailed-exitcode");
    assertTrue(cli.out().contains("No changes."), cli.out());
    ok(cli, "", "init");
    assertEquals("Initializing the backend...\n" + INITIALIZED, cli.out());
  }

  @Test
  void theQuestionAndTheOutcomeAreColouredAsTerraformsForAPerson() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "apply", "-auto-approve");
    cli.write("main.tf", backend("    path = \"x.tfstate\"\n"));
    cli.interactive = true;
    ok(cli, "yes\n", "init");
    // terraform 1.11.4's bytes for the same init, up to its providers part
    assertTrue(
        cli.out()
            .startsWith(
                "\u001b[0m\u001b[1mInitializing the backend...\u001b[0m\n"
                    + "\u001b[0m\u001b[1mDo you want to copy existing state to the new"
                    + " backend?\u001b[0m\n"
                    + "  Pre-existing state was found while migrating the previous \"local\""
                    + " backend to the\n"
                    + "  newly configured \"local\" backend. No existing state was found in the"
                    + " newly\n"
                    + "  configured \"local\" backend. Do you want to copy this state to the new"
                    + " \"local\"\n"
                    + "  backend? Enter \"yes\" to copy and \"no\" to start with an empty"
                    + " state.\n"
                    + "\n"
                    + "  \u001b[1mEnter a value:\u001b[0m \u001b[0m\n"
                    + "\u001b[0m\u001b[32m\n"
                    + "Successfully configured the backend \"local\"! Forma will automatically\n"
                    + "use this backend unless the backend configuration changes.\u001b[0m\n"
                    + "\u001b[0m\u001b[1mInitializing provider plugins...\u001b[0m\n"),
        cli.out());
  }

  @Test
  void answeringNoConfiguresTheBackendWithoutTheLocalState() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "apply", "-auto-approve");
    String local = read("terraform.tfstate");
    cli.write("main.tf", backend("    path = \"x.tfstate\"\n"));
    ok(cli, "no\n", "init");
    assertEquals(
        "Initializing the backend...\n" + COPY_TO_EMPTY + CONFIGURED + INITIALIZED, cli.out());
    assertFalse(Files.exists(dir.resolve("x.tfstate")));
    // better than Terraform, which empties the local state even then: it is left as it was
    assertEquals(local, read("terraform.tfstate"));
  }

  @Test
  void forceCopyAnswersYes() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "apply", "-auto-approve");
    cli.write("main.tf", backend("    path = \"x.tfstate\"\n"));
    ok(cli, "", "init", "-force-copy", "-input=false");
    assertEquals("Initializing the backend...\n" + CONFIGURED + INITIALIZED, cli.out());
    assertTrue(read("x.tfstate").contains("terraform_data"));
  }

  @Test
  void aLocalBlockOverTheSameFilesCopiesNothing() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "apply", "-auto-approve");
    String local = read("terraform.tfstate");
    cli.write("main.tf", backend(""));
    ok(cli, "", "init", "-input=false");
    assertEquals("Initializing the backend...\n" + CONFIGURED + INITIALIZED, cli.out());
    assertEquals(local, read("terraform.tfstate"));
  }

  // ------------------------------------------------------------------ workspaces migrate

  /** default, dev and prod in the implied local backend, each with its own state (prod empty). */
  private CliRun threeWorkspaces() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "apply", "-auto-approve");
    ok(cli, "", "workspace", "new", "dev");
    ok(cli, "", "apply", "-auto-approve");
    ok(cli, "", "workspace", "new", "prod");
    ok(cli, "", "workspace", "select", "default");
    return cli;
  }

  @Test
  void everyWorkspaceIsMigratedLocalToLocal() throws Exception {
    CliRun cli = threeWorkspaces();
    String def = read("terraform.tfstate");
    String dev = read("terraform.tfstate.d/dev/terraform.tfstate");
    cli.write("main.tf", backend("    path = \"a.tfstate\"\n    workspace_dir = \"a\"\n"));

    assertEquals(1, cli.run("", "init", "-input=false"));
    assertEquals("Initializing the backend...\n", cli.out());
    assertEquals(
        "\nError: Error asking for state migration action: input is disabled\n", cli.err());
    assertEquals(1, cli.run("no\n", "init"));
    assertEquals("Initializing the backend...\n" + MIGRATE_ALL, cli.out());
    assertEquals("\nError: Migration aborted by user.\n", cli.err());
    assertFalse(Files.exists(BackendInit.file(dir)));
    assertFalse(Files.exists(dir.resolve("a.tfstate")));

    ok(cli, "yes\n", "init");
    assertEquals(
        "Initializing the backend...\n" + MIGRATE_ALL + CONFIGURED + INITIALIZED, cli.out());
    assertEquals(lineage(def), lineage(read("a.tfstate")));
    assertEquals(lineage(dev), lineage(read("a/dev/terraform.tfstate")));
    assertTrue(Files.isDirectory(dir.resolve("a/prod")), "the empty workspace exists too");
    ok(cli, "", "workspace", "list");
    assertEquals("* default\n  dev\n  prod\n\n", cli.out());
    assertInstances(cli, Map.of("default", 1, "dev", 1, "prod", 0));

    // the block changes again: Terraform's error, then -migrate-state copies every workspace
    cli.write("main.tf", backend("    path = \"b.tfstate\"\n    workspace_dir = \"b\"\n"));
    assertEquals(1, cli.run("", "init"));
    assertEquals("Initializing the backend...\n", cli.out());
    assertEquals(CHANGED, cli.err());
    ok(cli, "yes\n", "init", "-migrate-state");
    assertEquals(
        """
        Initializing the backend...
        Backend configuration changed!

        Forma has detected that the configuration specified for the backend
        has changed. Forma will now check for existing state in the backends.

        """
            + MIGRATE_ALL
            + CONFIGURED
            + INITIALIZED,
        cli.out());
    assertEquals(lineage(dev), lineage(read("b/dev/terraform.tfstate")));
    assertInstances(cli, Map.of("default", 1, "dev", 1, "prod", 0));
    // the previous backend's states are left as they were
    assertEquals(lineage(dev), lineage(read("a/dev/terraform.tfstate")));

    // and -force-copy answers the question
    cli.write("main.tf", backend("    path = \"c.tfstate\"\n    workspace_dir = \"c\"\n"));
    ok(cli, "", "init", "-force-copy", "-input=false");
    assertTrue(cli.out().startsWith("Initializing the backend...\nBackend configuration changed!"));
    assertFalse(cli.out().contains("Enter a value"), cli.out());
    assertInstances(cli, Map.of("default", 1, "dev", 1, "prod", 0));
  }

  private void assertInstances(CliRun cli, Map<String, Integer> expected) {
    expected.forEach(
        (workspace, count) -> {
          cli.env.put("TF_WORKSPACE", workspace);
          ok(cli, "", "state", "list");
          assertEquals(count == 0 ? "" : "terraform_data.a\n", cli.out(), workspace);
        });
    cli.env.remove("TF_WORKSPACE");
  }

  @Test
  void pendingCreatesAreMigratedWithTheirState() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "apply", "-auto-approve");
    InstanceAddress inFlight = ResourceAddress.managed("terraform_data", "b").instance();
    StateStore local = new LocalBackend(dir, null, null, "test").store("default");
    State s = local.read().state();
    try (StateTransaction tx = local.begin("apply", s)) {
      tx.state().recordIntent(inFlight, "token-1");
      tx.commit();
    }
    cli.write("main.tf", backend("    path = \"x.tfstate\"\n"));
    ok(cli, "", "init", "-force-copy");
    LoadedState moved = new LocalBackend(dir, "x.tfstate", null, "test").store("default").read();
    assertEquals(
        Map.of(inFlight, "token-1"), moved.recovery().orElseThrow().pendingIntents(), "intent");
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.journal")));
  }

  @Test
  void bothStatesNonEmptyAsksToOverwriteNamingBothWithoutTheirValues() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "apply", "-auto-approve");
    cli.write("main.tf", backend("    path = \"x.tfstate\"\n"));
    ok(cli, "", "init", "-force-copy");
    ok(cli, "", "apply", "-auto-approve", "-replace=terraform_data.a");
    String x = read("x.tfstate");
    cli.write("main.tf", backend("    path = \"y.tfstate\"\n"));
    ok(cli, "", "init", "-reconfigure");
    ok(cli, "", "apply", "-auto-approve");
    String y = read("y.tfstate");
    cli.write("main.tf", backend("    path = \"x.tfstate\"\n"));
    ok(cli, "no\n", "init", "-migrate-state");
    String question =
        """
        Do you want to copy existing state to the new backend?
          Pre-existing state was found while migrating the previous "local" backend to the
          newly configured "local" backend. An existing non-empty state already exists in
          the new backend. The two states are:
         \s
          Previous (type "local"): serial SY, lineage LY, 1 resource instance
          New      (type "local"): serial SX, lineage LX, 1 resource instance
         \s
          Do you want to overwrite the state in the new backend with the previous state?
          Enter "yes" to copy and "no" to start with the existing state in the newly
          configured "local" backend.

          Enter a value: \n"""
            .replace("SY", serial(y))
            .replace("SX", serial(x))
            .replace("LY", lineage(y).substring(11))
            .replace("LX", lineage(x).substring(11));
    assertTrue(cli.out().contains(question), cli.out());
    assertEquals(x, read("x.tfstate"), "no: the new backend keeps its state");
  }

  // ------------------------------------------------------------------ options

  @Test
  void reconfigureAndMigrateStateAreMutuallyExclusive() throws Exception {
    CliRun cli = cli().write("main.tf", backend(""));
    assertEquals(1, cli.run("", "init", "-reconfigure", "-migrate-state"));
    assertEquals("", cli.out());
    assertEquals(
        """

        Error: Invalid init options

        The -migrate-state and -reconfigure options are mutually-exclusive.
        """,
        cli.err());
  }

  @Test
  void reconfigureRecordsTheNewBlockWithoutCopying() throws Exception {
    CliRun cli = cli().write("main.tf", backend("    path = \"x.tfstate\"\n"));
    ok(cli, "", "init");
    ok(cli, "", "apply", "-auto-approve");
    cli.write("main.tf", backend("    path = \"y.tfstate\"\n"));
    ok(cli, "", "init", "-reconfigure");
    assertEquals("Initializing the backend...\n" + CONFIGURED + INITIALIZED, cli.out());
    assertFalse(Files.exists(dir.resolve("y.tfstate")));
    ok(cli, "", "plan");
    assertTrue(cli.out().contains("1 to add"), cli.out());
  }

  @Test
  void removingTheBlockWithMigrateStateBringsTheStateBack() throws Exception {
    CliRun cli = cli().write("main.tf", backend("    path = \"x.tfstate\"\n"));
    ok(cli, "", "init");
    ok(cli, "", "apply", "-auto-approve");
    cli.write("main.tf", RESOURCE);
    assertEquals(1, cli.run("", "init"));
    assertEquals(CHANGED, cli.err());
    ok(cli, "yes\n", "init", "-migrate-state");
    assertEquals(
        "Initializing the backend...\n"
            + "Forma has detected you're unconfiguring your previously set \"local\" backend.\n"
            + COPY_TO_EMPTY
            + "\n\nSuccessfully unset the backend \"local\". Forma will now operate locally.\n"
            + INITIALIZED,
        cli.out());
    assertEquals(lineage(read("x.tfstate")), lineage(read("terraform.tfstate")));
    assertFalse(Files.exists(BackendInit.file(dir)));
    ok(cli, "", "plan", "-detailed-exitcode");
  }

  @Test
  void backendConfigValuesAreMergedRememberedAndNeverPrinted() throws Exception {
    CliRun cli = cli().write("main.tf", backend(""));
    cli.write("backend.hcl", "path = \"s3cr3t-path.tfstate\"\n");
    ok(cli, "", "init", "-backend-config=backend.hcl", "-backend-config=workspace_dir=wsd");
    assertEquals("Initializing the backend...\n" + CONFIGURED + INITIALIZED, cli.out());
    String record = Files.readString(BackendInit.file(dir));
    assertTrue(record.contains("s3cr3t-path.tfstate"), record);
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(BackendInit.file(dir))));
    }
    ok(cli, "", "apply", "-auto-approve");
    assertTrue(Files.exists(dir.resolve("s3cr3t-path.tfstate")));
    ok(cli, "", "workspace", "new", "dev");
    assertTrue(Files.isDirectory(dir.resolve("wsd/dev")));
    ok(cli, "", "workspace", "select", "default");
    ok(cli, "", "init");
    assertEquals("Initializing the backend...\n" + INITIALIZED, cli.out());
    ok(cli, "", "plan", "-detailed-exitcode");
    assertFalse(cli.out().contains("s3cr3t"), cli.out());
    // the same values given again: nothing changed
    ok(cli, "", "init", "-backend-config=backend.hcl", "-backend-config=workspace_dir=wsd");
    assertEquals("Initializing the backend...\n" + INITIALIZED, cli.out());
    // another value: a changed configuration, without printing either value
    assertEquals(1, cli.run("", "init", "-backend-config=path=other.tfstate"));
    assertEquals(CHANGED, cli.err());
    assertFalse((cli.out() + cli.err()).contains("s3cr3t"));
    // moving the values into the block is the same backend: no init needed
    cli.write(
        "main.tf", backend("    path = \"s3cr3t-path.tfstate\"\n    workspace_dir = \"wsd\"\n"));
    ok(cli, "", "plan", "-detailed-exitcode");
  }

  @Test
  void backendConfigErrorsAreTerraforms() throws Exception {
    CliRun cli = cli().write("main.tf", backend(""));
    assertEquals(1, cli.run("", "init", "-backend-config=bogus=1"));
    assertEquals("Initializing the backend...\n", cli.out());
    assertEquals(
        """

        Error: Invalid backend configuration argument

        The backend configuration argument "bogus" given on the command line is not
        expected for the selected backend type.
        """,
        cli.err());
    assertEquals(1, cli.run("", "init", "-backend-config=nofile.hcl"));
    assertEquals(
        """

        Error: Failed to read file

        The file "nofile.hcl" could not be read.
        """,
        cli.err());
    cli.write("b.hcl", "path = var.x\n");
    assertEquals(1, cli.run("", "init", "-backend-config=b.hcl"));
    assertEquals(
        """

        Error: Variables not allowed

          on b.hcl line 1:
           1: path = var.x

        Variables may not be used here.
        """,
        cli.err());
    assertFalse(Files.exists(BackendInit.file(dir)));
  }

  @Test
  void backendConfigWithoutABackendBlockIsAWarning() throws Exception {
    CliRun cli = cli().write("main.tf", RESOURCE);
    ok(cli, "", "init", "-backend-config=path=x");
    assertTrue(
        cli.out()
            .contains(
                """
                - terraform.io/builtin/terraform is built in to Forma

                Warning: Missing backend configuration

                -backend-config was used without a "backend" block in the configuration.

                If you intended to override the default local backend configuration, no
                action is required, but you may add an explicit backend block to your
                configuration to clear this warning:

                terraform {
                  backend "local" {}
                }

                However, if you intended to override a defined backend, please verify that
                the backend configuration is present and valid.

                Forma has been successfully initialized!
                """),
        cli.out());
    assertFalse(Files.exists(dir.resolve(".terraform")));
  }

  @Test
  void aSelectedWorkspaceTheNewBackendLacksIsChosenFromItsList() throws Exception {
    CliRun cli = cli().write("main.tf", backend("    workspace_dir = \"a\"\n"));
    ok(cli, "", "init");
    ok(cli, "", "workspace", "new", "gone");
    Files.createDirectories(dir.resolve("b/x"));
    Files.createDirectories(dir.resolve("b/y"));
    cli.write("main.tf", backend("    workspace_dir = \"b\"\n"));
    assertEquals(1, cli.run("", "init", "-reconfigure", "-input=false"));
    assertTrue(
        cli.err().contains("Error: Failed to select workspace: input is disabled"), cli.err());
    ok(cli, "3\n", "init", "-reconfigure");
    assertTrue(
        cli.out()
            .contains(
                """

                The currently selected workspace (gone) does not exist.
                  This is expected behavior when the selected workspace did not have an
                  existing non-empty state. Please enter a number to select a workspace:
                 \s
                  1. default
                  2. x
                  3. y

                  Enter a value: \n"""),
        cli.out());
    ok(cli, "", "workspace", "show");
    assertEquals("y\n", cli.out());
  }
}
