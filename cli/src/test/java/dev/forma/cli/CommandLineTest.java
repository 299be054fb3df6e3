package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command and subcommand, found from the command model (so a new one is covered), run with no
 * arguments, with {@code -help} and with a flag it does not have, in an empty directory: none
 * prints a stack trace, each exits with Terraform's code; plus Terraform's texts for a mistyped
 * command or flag, {@code --flag}, and the help layout.
 */
class CommandLineTest {
  @TempDir Path dir;

  /**
   * The exit code of each command run with no arguments in an empty directory: Terraform's for its
   * commands (checked with Terraform 1.11.4), 0 or the group's help (1) for Forma's own.
   */
  private static final Map<String, Integer> NO_ARGUMENTS =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("", ExitCodes.NO_COMMAND),
              Map.entry("init", 0),
              Map.entry("validate", 0),
              Map.entry("plan", 1), // No configuration files
              Map.entry("apply", 1), // No configuration files
              Map.entry("destroy", 0), // nothing to destroy
              Map.entry("check", 0),
              Map.entry("drift", 1), // no configuration files
              Map.entry("console", 0),
              Map.entry("fmt", 0),
              Map.entry("force-unlock", 1), // LOCK_ID missing
              Map.entry("graph", 0),
              Map.entry("import", 1), // ADDR ID missing
              Map.entry("local-cloud", 1), // its help
              Map.entry("local-cloud serve", 0), // until shut down
              Map.entry("output", 0),
              Map.entry("providers", 1), // No configuration files
              Map.entry("providers schema", 1), // -json is required
              Map.entry("query", 1), // no list blocks to run
              Map.entry("reconcile", 1), // No repository
              Map.entry("reconcile pause", 0), // writes the marker
              Map.entry("reconcile resume", 0), // "Not paused"
              Map.entry("show", 0),
              Map.entry("state", 1), // its help
              Map.entry("state list", 0),
              Map.entry("state mv", 1), // SOURCE DESTINATION missing
              Map.entry("state pull", 0),
              Map.entry("state push", 1), // PATH missing
              Map.entry("state rm", 1), // ADDRESS missing
              Map.entry("state show", 1), // ADDRESS missing
              Map.entry("version", 0),
              Map.entry("workspace", 1), // its help
              Map.entry("workspace delete", 1), // NAME missing
              Map.entry("workspace list", 0),
              Map.entry("workspace new", 1), // NAME missing
              Map.entry("workspace select", 1), // NAME missing
              Map.entry("workspace show", 0)));

  /** Every command's name below {@code forma} ("" for forma itself), from the command model. */
  private static List<String> commands() {
    List<String> out = new ArrayList<>();
    collect(Main.commandLine(terminal(new ByteArrayOutputStream())), out);
    return out;
  }

  @Test
  void aCommandLineThatNamesACommandBuildsOnlyThatCommand() {
    Terminal t = terminal(new ByteArrayOutputStream());
    assertEquals(
        List.of("version"),
        List.copyOf(Main.commandLine(t, args("-chdir=x version")).getSubcommands().keySet()));
    // a -chdir value that is a command's name is the directory, not the command
    assertEquals(
        List.of("validate"),
        List.copyOf(
            Main.commandLine(t, args("-chdir plan validate -no-color")).getSubcommands().keySet()));
    // no command, an unknown one, or a flag first: all, so the help and errors list them
    int all = Main.COMMANDS.size();
    assertEquals(all, Main.commandLine(t, args("")).getSubcommands().size());
    assertEquals(all, Main.commandLine(t, args("plna")).getSubcommands().size());
    assertEquals(all, Main.commandLine(t, args("-help")).getSubcommands().size());
  }

  @Test
  void theRootHelpStillListsEveryCommandAndAnUnknownOneIsStillMatched() {
    ByteArrayOutputStream help = new ByteArrayOutputStream();
    Main.run(args(""), terminal(help));
    String printed = help.toString(StandardCharsets.UTF_8);
    for (String command : List.of("apply", "plan", "validate", "version", "workspace")) {
      assertTrue(printed.contains("\n  " + command + " "), () -> command + " not in:\n" + printed);
    }
    ByteArrayOutputStream unknown = new ByteArrayOutputStream();
    Main.run(args("plna"), terminal(unknown));
    assertTrue(
        unknown.toString(StandardCharsets.UTF_8).contains("Did you mean \"plan\"?"),
        unknown::toString);
  }

  private static void collect(CommandLine cl, List<String> out) {
    out.add(Help.name(cl.getCommandSpec()));
    cl.getSubcommands().values().forEach(sub -> collect(sub, out));
  }

  private static Terminal terminal(ByteArrayOutputStream sink) {
    PrintStream p = new PrintStream(sink, true, StandardCharsets.UTF_8);
    return new Terminal(p, p, InputStream.nullInputStream(), Map.of(), Path.of("."), false);
  }

  private static String[] args(String command, String... more) {
    List<String> a = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  private static void assertNoStackTrace(String printed) {
    for (String bad : List.of("at dev.forma", "at picocli", "Exception", "internal error")) {
      assertFalse(printed.contains(bad), () -> "\"" + bad + "\" in:\n" + printed);
    }
  }

  @Test
  void everyCommandHasAnExpectedExitCodeWithoutArguments() {
    assertEquals(NO_ARGUMENTS.keySet(), new java.util.TreeSet<>(commands()));
  }

  @TestFactory
  Stream<DynamicTest> noArgumentsPrintNoStackTraceAndExitWithTerraformsCode() {
    return commands().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "forma " + c,
                    () -> {
                      Path wd = Files.createTempDirectory(dir, "w");
                      CliRun cli = new CliRun(wd);
                      int code =
                          c.equals("local-cloud serve") ? serveAndStop(cli) : cli.run("", args(c));
                      assertNoStackTrace(cli.out() + cli.err());
                      assertEquals(NO_ARGUMENTS.get(c), code, () -> cli.out() + cli.err());
                    }));
  }

  /** {@code forma local-cloud serve} with no arguments serves until shut down: do that. */
  private static int serveAndStop(CliRun cli) throws Exception {
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(() -> cli.run("", "local-cloud", "serve"));
    Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher("");
    for (int i = 0; i < 500 && !m.find(); i++) {
      Thread.sleep(20);
      m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(cli.out());
    }
    assertTrue(m.find(0), cli.out() + cli.err());
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(m.group(1) + "/_emulator/shutdown"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      // the cloud may close the connection as it stops
    }
    return code.get(30, TimeUnit.SECONDS);
  }

  @TestFactory
  Stream<DynamicTest> helpStartsWithTheUsageAndTheDescription() {
    return commands().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "forma " + c + " -help",
                    () -> {
                      CliRun cli = new CliRun(dir);
                      assertEquals(0, cli.run("", args(c, "-help")), cli.err());
                      String help = cli.out();
                      assertNoStackTrace(help + cli.err());
                      assertEquals("", cli.err());
                      String usage =
                          c.isEmpty()
                              ? "Usage: forma [global options] <subcommand> [args]\n\n"
                              : "Usage: forma [global options] " + c;
                      assertTrue(help.startsWith(usage), help);
                      if (!c.isEmpty()) {
                        // the description paragraph follows the usage line, indented
                        assertTrue(help.split("\n")[2].matches("  [A-Z].*"), help);
                      }
                      for (String line : help.split("\n")) {
                        assertTrue(line.length() <= Help.WIDTH, () -> "too long: " + line);
                      }
                      // lines wrap at spaces only: a value such as a default is never split
                      assertEquals(
                          help.split("\"terraform\\.", -1).length,
                          help.split("\"terraform\\.tfstate\"", -1).length,
                          help);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> anUnknownFlagIsAShortDiagnostic() {
    return commands().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "forma " + c + " -no-such-flag",
                    () -> {
                      CliRun cli = new CliRun(dir);
                      assertEquals(1, cli.run("", args(c, "-no-such-flag")), cli.out());
                      assertNoStackTrace(cli.out() + cli.err());
                      assertEquals("", cli.out());
                      assertEquals(
                          "\nError: Failed to parse command-line flags\n\n"
                              + "flag provided but not defined: -no-such-flag\n\n"
                              + "For more help on using this command, run:\n"
                              + "  forma "
                              + (c.isEmpty() ? "" : c + " ")
                              + "-help\n",
                          cli.err());
                    }));
  }

  @Test
  void noCommandPrintsTheHelpWithTheMainCommandsFirst() {
    CliRun cli = new CliRun(dir);
    assertEquals(127, cli.run(""));
    assertEquals("", cli.err());
    String help = cli.out();
    assertTrue(
        help.startsWith(
            """
            Usage: forma [global options] <subcommand> [args]

            The available commands are listed below: the main workflow commands
            first, then the less common or more advanced ones.

            Main commands:
              init          Prepare your working directory for other commands
              validate      Check whether the configuration is valid
              plan          Show changes required by the current configuration
              apply         Create or update infrastructure
              destroy       Destroy previously-created infrastructure

            All other commands:
              check         Check that the model endpoints in the configuration answer
              console       Try Forma expressions at an interactive command prompt
            """),
        help);
    assertTrue(
        help.endsWith(
            """
            Global options (use these before the subcommand, if any):
              -chdir=DIR    Switch to a different working directory before executing the
                            given subcommand.
              -help         Show this help output, or the help for a specified subcommand.
              -version      An alias for the "version" subcommand.
            """),
        help);
    CliRun asked = new CliRun(dir);
    assertEquals(0, asked.run("", "-help"));
    assertEquals(help, asked.out());
  }

  @Test
  void aMistypedCommandGetsTerraformsTextWithDidYouMean() {
    CliRun cli = new CliRun(dir);
    assertEquals(1, cli.run("", "plna"));
    assertEquals("", cli.out());
    assertEquals(
        """
        Forma has no command named "plna". Did you mean "plan"?

        To see all of Forma's top-level commands, run:
          forma -help

        """,
        cli.err());
    assertEquals(1, cli.run("", "xyzzy"));
    assertTrue(cli.err().startsWith("Forma has no command named \"xyzzy\".\n\n"), cli.err());
    assertEquals(1, cli.run("", "state", "lst"));
    assertTrue(
        cli.err()
            .startsWith(
                "Forma has no command named \"state lst\". Did you mean \"state list\"?\n\n"
                    + "To see all of its subcommands, run:\n  forma state -help\n"),
        cli.err());
  }

  @Test
  void aMistypedFlagGetsAFourLineDiagnosticWithDidYouMean() {
    CliRun cli = new CliRun(dir);
    assertEquals(1, cli.run("", "apply", "-auto-aprove"));
    assertEquals("", cli.out());
    assertEquals(
        """

        Error: Failed to parse command-line flags

        flag provided but not defined: -auto-aprove

        Did you mean "-auto-approve"?

        For more help on using this command, run:
          forma apply -help
        """,
        cli.err());
  }

  @Test
  void flagValueErrorsAreGoFlagMessages() {
    CliRun cli = new CliRun(dir);
    assertEquals(1, cli.run("", "plan", "-out"));
    assertTrue(cli.err().contains("flag needs an argument: -out\n"), cli.err());
    assertEquals(1, cli.run("", "plan", "-parallelism=x"));
    assertTrue(
        cli.err().contains("invalid value \"x\" for flag -parallelism: parse error\n"), cli.err());
    assertEquals(1, cli.run("", "plan", "-lock=maybe"));
    assertTrue(
        cli.err().contains("invalid boolean value \"maybe\" for -lock: parse error\n"), cli.err());
    assertEquals(1, cli.run("", "plan", "extra"));
    assertTrue(cli.err().contains("Error: Too many command line arguments"), cli.err());
    assertTrue(cli.err().contains("forma -chdir=DIR plan"), cli.err());
    assertEquals(1, cli.run("", "state", "mv", "a"));
    assertTrue(cli.err().contains("Error: Missing command line argument\n"), cli.err());
    assertTrue(
        cli.err().contains("  forma [global options] state mv [options] SOURCE DESTINATION\n"),
        cli.err());
  }

  @Test
  void doubleDashFlagsAreAcceptedAsTerraformAcceptsThem() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                "variable \"v\" {}\nresource \"terraform_data\" \"a\" {\n  input = var.v\n}\n");
    assertEquals(
        0, cli.run("", "apply", "--auto-approve", "--var", "v=one", "--input=false"), cli.err());
    assertTrue(cli.out().contains("Apply complete! Resources: 1 added"), cli.out());
    assertEquals(0, cli.run("", "--chdir=.", "state", "list"), cli.err());
    assertEquals("terraform_data.a\n", cli.out());
    assertEquals(0, cli.run("", "plan", "--help"), cli.err());
    assertTrue(cli.out().startsWith("Usage: forma [global options] plan [options]\n"));
  }

  @Test
  void aFlagBeforeTheSubcommandSaysWhereItBelongs() {
    CliRun cli = new CliRun(dir);
    assertEquals(1, cli.run("", "-auto-approve", "apply"));
    assertTrue(cli.err().contains("flag provided but not defined: -auto-approve"), cli.err());
    assertTrue(cli.err().contains("forma apply -auto-approve."), cli.err());
  }

  @Test
  void theHelpOfACommandIsLaidOutAsTerraforms() {
    CliRun cli = new CliRun(dir);
    assertEquals(0, cli.run("", "state", "list", "-help"));
    assertEquals(
        """
        Usage: forma [global options] state list [options] [ADDRESS...]

          Lists the addresses of the resource instances in the state, one per line.
          Given addresses, it lists only the instances they match; an address that is
          not valid is an error.

        Options:

          -state=path       Path to read and save state. Defaults to
                            "terraform.tfstate", or to the path of the configuration's
                            local backend.

          -lock=false       Don't hold a state lock during the operation. This is
                            dangerous if others might run commands against the same
                            state at the same time.

          -lock-timeout=0s  Duration to retry a state lock, such as 10s or 1m.

          -no-color         If specified, output won't contain any color.

          -id=ID            Filters the results to include only instances whose
                            resource types have an attribute named "id" whose value
                            equals the given id string.
        """,
        cli.out());
  }

  @Test
  void aGroupWithoutItsSubcommandPrintsItsHelp() {
    CliRun cli = new CliRun(dir);
    assertEquals(1, cli.run("", "state"));
    assertTrue(
        cli.out().startsWith("Usage: forma [global options] state <subcommand> [options] [args]\n"),
        cli.out());
    assertTrue(cli.out().contains("\nSubcommands:\n    list                List resources"));
  }
}
