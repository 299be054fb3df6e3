package dev.forma.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Forma's entry point: {@code forma [global options] <command> [options] [args]}. */
@Command(
    name = "forma",
    header = "Forma: a declarative reconciler for AI-platform resources.",
    synopsisSubcommandLabel = "<command>")
public final class Main implements Callable<Integer> {
  public static final String VERSION = "0.1.0";

  /**
   * Forma's commands. Reading a command's options from its annotations costs start-up time, so a
   * command line that names one of them gets only that one (see {@link #commandLine(Terminal,
   * String[])}).
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          PlanCommand.class,
          ApplyCommand.class,
          DestroyCommand.class,
          ValidateCommand.class,
          ConsoleCommand.class,
          StateCommand.class,
          ForceUnlockCommand.class,
          VersionCommand.class,
          FmtCommand.class,
          LocalCloudCommand.class,
          ShowCommand.class,
          OutputCommand.class,
          GraphCommand.class,
          ProvidersCommand.class,
          InitCommand.class,
          ImportCommand.class,
          QueryCommand.class,
          CheckCommand.class,
          DriftCommand.class,
          WorkspaceCommand.class,
          dev.forma.cli.reconcile.ReconcileCommand.class);

  @Option(
      names = "-chdir",
      paramLabel = "DIR",
      description =
          "Switch to a different working directory before executing the given subcommand.")
  Path chdir;

  @Option(
      names = {"-help", "-h", "--help"},
      usageHelp = true,
      description = "Show this help output, or the help for a specified subcommand.")
  boolean help;

  @Option(
      names = {"-version", "--version", "-v"},
      description = "An alias for the \"version\" subcommand.")
  boolean version;

  @Spec CommandSpec spec;

  final Terminal terminal;

  Main(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (version) {
      return new VersionCommand(terminal).call();
    }
    // no command: the help, as Terraform prints it, with its exit code
    terminal.out().print(Help.root(spec));
    return ExitCodes.NO_COMMAND;
  }

  public static void main(String[] args) {
    configureLogging(AutomationEnvironment.logLevel(System.getenv(), System.err));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    boolean interactive = System.console() != null;
    Terminal t =
        new Terminal(
            out, err, System.in, System.getenv(), Path.of("").toAbsolutePath(), interactive);
    int code = runOnLargeStack(args, t);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** As deep as a Go stack may grow (Terraform's): reserved, and used only as deep as needed. */
  static final long COMMAND_STACK_BYTES = 1L << 30;

  /**
   * Runs a command on a thread with a stack as deep as Terraform's: Terraform reads a configuration
   * nested thousands of levels deep, and so do Forma's recursive-descent parser and evaluator on
   * this stack (the JVM's default of 1 MiB holds a few hundred levels). A configuration deeper
   * still is an error that says so, never a stack trace.
   */
  static int runOnLargeStack(String[] args, Terminal t) {
    int[] code = {ExitCodes.ERROR};
    Runnable command =
        () -> {
          try {
            code[0] = run(args, t);
          } catch (StackOverflowError e) {
            t.err()
                .println(
                    "\nError: Configuration nested too deeply\n\nAn expression or block is"
                        + " nested more deeply than Forma can follow. Move inner parts into local"
                        + " values.");
            code[0] = ExitCodes.ERROR;
          }
        };
    Thread runner = new Thread(null, command, "forma", COMMAND_STACK_BYTES);
    runner.start();
    try {
      runner.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return code[0];
  }

  /**
   * Logging (slf4j-simple) is off unless {@code FORMA_LOG} (or Terraform's {@code TF_LOG}) names a
   * level ({@code debug}, {@code info}, {@code warn}, ...); it goes to standard error, so it never
   * mixes with plan output.
   */
  static void configureLogging(String level) {
    String l =
        level == null || level.isBlank() ? "off" : level.trim().toLowerCase(java.util.Locale.ROOT);
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", l);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
  }

  /** Runs one command line; returns the exit code. Tests call this. */
  public static int run(String[] args, Terminal terminal) {
    // the shell asking for completions (COMP_LINE), or -install-autocomplete and its opposite
    Integer completion = Completion.run(args, terminal);
    if (completion != null) {
      return completion;
    }
    CommandLine cl = commandLine(terminal, args);
    Main main = cl.getCommand();
    cl.setOut(new PrintWriter(terminal.out(), true));
    cl.setErr(new PrintWriter(terminal.err(), true));
    cl.setExecutionStrategy(
        parseResult -> {
          if (main.chdir != null) {
            Path dir = terminal.workingDirectory().resolve(main.chdir);
            if (!Files.isDirectory(dir)) {
              terminal
                  .err()
                  .println(
                      "\nError: Invalid -chdir option\n\nThe directory \""
                          + main.chdir
                          + "\" does not exist or is not a directory.");
              return ExitCodes.ERROR;
            }
            terminal.changeDirectory(main.chdir);
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    cl.setParameterExceptionHandler((ex, a) -> ArgumentErrors.handle(ex, a, terminal));
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          terminal.err().println("\nError: internal error in Forma: " + ex);
          for (StackTraceElement e : ex.getStackTrace()) {
            terminal.err().println("    at " + e);
          }
          terminal
              .err()
              .println("\nThis is a bug in Forma; please report it with the lines above.");
          return ExitCodes.ERROR;
        });
    AutomationEnvironment.apply(cl, terminal);
    String[] all = AutomationEnvironment.withCliArgs(args, terminal.env(), cl, terminal.err());
    return all == null ? ExitCodes.ERROR : cl.execute(all);
  }

  /** Forma's commands over {@code terminal}, with Terraform's rules for flags, and its help. */
  static CommandLine commandLine(Terminal terminal) {
    return commandLine(terminal, null);
  }

  /**
   * Forma's commands for running {@code args} (all of them when null): when the arguments name a
   * command before any other word, only that command is built, so that {@code forma version} does
   * not read the options of twenty commands first; otherwise (no command, an unknown one, the root
   * help) all are, so that the help and the errors list them as before.
   */
  static CommandLine commandLine(Terminal terminal, String[] args) {
    CommandLine cl = new CommandLine(new Main(terminal), new Factory(terminal));
    Class<?> named = args == null ? null : namedCommand(args);
    for (Class<?> command : COMMANDS) {
      if (named == null || command == named) {
        cl.addSubcommand(command);
      }
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // as Go's flag package, which Terraform's commands use: the last of a repeated flag wins, an
    // argument that starts with @ is only an argument, and --name is the same as -name
    cl.setOverwrittenOptionsAllowed(true);
    cl.setExpandAtFiles(false);
    allowDoubleDash(cl);
    Help.install(cl);
    return cl;
  }

  /** The command whose name is the first argument that is not a flag; null when none is. */
  private static Class<?> namedCommand(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-chdir") || a.equals("--chdir")) {
        i++; // its value, which may be any word
        continue;
      }
      if (a.startsWith("-")) {
        continue; // a global flag such as -chdir=DIR
      }
      for (Class<?> command : COMMANDS) {
        Command c = command.getAnnotation(Command.class);
        if (c.name().equals(a) || List.of(c.aliases()).contains(a)) {
          return command;
        }
      }
      return null;
    }
    return null;
  }

  /**
   * Adds {@code --name} beside each option's {@code -name}, in {@code cl} and all its subcommands:
   * Terraform (Go's flag package) takes both. The help shows the single-dash name only.
   */
  private static void allowDoubleDash(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    List<OptionSpec> options = new ArrayList<>(spec.options());
    options.forEach(spec::remove);
    for (OptionSpec o : options) {
      List<String> names = new ArrayList<>(List.of(o.names()));
      for (String n : o.names()) {
        if (n.length() > 2
            && n.startsWith("-")
            && !n.startsWith("--")
            && !names.contains("-" + n)) {
          names.add("-" + n);
        }
      }
      // all removed and added again, so that the options keep their order
      spec.addOption(o.toBuilder().names(names.toArray(String[]::new)).build());
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      allowDoubleDash(sub);
    }
  }

  /** Gives every command the terminal. */
  private record Factory(Terminal terminal) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.getDeclaredConstructor(Terminal.class).newInstance(terminal);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }

  static Map<String, String> env() {
    return System.getenv();
  }

  static InputStream stdin() {
    return System.in;
  }
}
