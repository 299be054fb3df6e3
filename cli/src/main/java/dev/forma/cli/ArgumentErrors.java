package dev.forma.cli;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Suggest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What a user sees for a command line Forma cannot parse: a short diagnostic as Terraform's (never
 * the whole help, never a stack trace), with "Did you mean" for a mistyped command or flag, and
 * where to read more. Always exit code 1, Terraform's for a usage error.
 *
 * <pre>
 * Forma has no command named "plna". Did you mean "plan"?
 *
 * Error: Failed to parse command-line flags
 *
 * flag provided but not defined: -auto-aprove
 * </pre>
 */
final class ArgumentErrors {
  private ArgumentErrors() {}

  /** Prints what is wrong with the command line {@code args} and returns the exit code. */
  static int handle(CommandLine.ParameterException ex, String[] args, Terminal terminal) {
    if (Arrays.asList(args).contains("-no-color") || Arrays.asList(args).contains("--no-color")) {
      terminal.disableColor();
    }
    CommandLine cl = ex.getCommandLine();
    CommandSpec spec = cl.getCommandSpec();
    String unknown = unknownFlag(spec, args);
    if (unknown != null && !(ex instanceof CommandLine.UnmatchedArgumentException)) {
      // as Go's flag package, which reads all flags before the arguments: the flag is the error
      return flagError(spec, undefinedFlag(spec, unknown, args), terminal);
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().getFirst();
      if (!first.startsWith("-") && !spec.subcommands().isEmpty()) {
        return noSuchCommand(spec, first, terminal);
      }
      if (first.startsWith("-") && !first.equals("-")) {
        return flagError(spec, undefinedFlag(spec, first, args), terminal);
      }
      return flagError(spec, tooMany(spec, first), terminal);
    }
    if (ex instanceof CommandLine.MissingParameterException m) {
      List<ArgSpec> missing = m.getMissing() == null ? List.of() : m.getMissing();
      if (!missing.isEmpty() && missing.getFirst() instanceof OptionSpec o) {
        return flagError(
            spec,
            Diagnostic.error(
                "Failed to parse command-line flags", "flag needs an argument: " + o.names()[0]),
            terminal);
      }
      return flagError(spec, missingArguments(spec, missing), terminal);
    }
    if (ex.getArgSpec() instanceof OptionSpec o && ex.getValue() != null) {
      boolean bool = o.type() == boolean.class || o.type() == Boolean.class;
      return flagError(
          spec,
          Diagnostic.error(
              "Failed to parse command-line flags",
              (bool ? "invalid boolean value \"" : "invalid value \"")
                  + ex.getValue()
                  + (bool ? "\" for " : "\" for flag ")
                  + o.names()[0]
                  + ": parse error"),
          terminal);
    }
    return flagError(
        spec, Diagnostic.error("Failed to parse command-line flags", ex.getMessage()), terminal);
  }

  /**
   * {@code Forma has no command named "plna". Did you mean "plan"?} and how to list the commands,
   * as Terraform's text (on standard error).
   */
  private static int noSuchCommand(CommandSpec spec, String given, Terminal terminal) {
    String prefix = spec.parent() == null ? "" : Help.name(spec) + " ";
    String near = Suggest.nearest(given, new java.util.TreeSet<>(spec.subcommands().keySet()));
    StringBuilder b =
        new StringBuilder("Forma has no command named \"").append(prefix).append(given).append('"');
    b.append(near == null ? "." : ". Did you mean \"" + prefix + near + "\"?");
    b.append("\n\n");
    if (spec.parent() == null) {
      b.append("To see all of Forma's top-level commands, run:\n  forma -help\n\n");
    } else {
      b.append("To see all of its subcommands, run:\n  forma ")
          .append(Help.name(spec))
          .append(" -help\n\n");
    }
    terminal.err().print(b);
    return ExitCodes.ERROR;
  }

  private static Diagnostic undefinedFlag(CommandSpec spec, String arg, String[] args) {
    String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
    List<String> names = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      names.add(o.names()[0]);
    }
    String bare = flag.startsWith("--") ? flag.substring(1) : flag;
    String near = Suggest.nearest(bare, names);
    StringBuilder detail = new StringBuilder("flag provided but not defined: ").append(flag);
    if (near != null) {
      detail.append("\n\nDid you mean \"").append(near).append("\"?");
    }
    if (spec.parent() == null && laterCommand(spec, args) != null) {
      detail
          .append("\n\nThe global options come before the subcommand, and the subcommand's")
          .append(" options after it: forma ")
          .append(laterCommand(spec, args))
          .append(" ")
          .append(arg)
          .append(".");
    }
    return Diagnostic.error("Failed to parse command-line flags", detail.toString());
  }

  /**
   * The first argument given to the command {@code spec} that looks like a flag it does not have;
   * null when there is none.
   */
  private static String unknownFlag(CommandSpec spec, String[] args) {
    List<String> path = new ArrayList<>();
    for (CommandSpec s = spec; s != null && s.parent() != null; s = s.parent()) {
      path.addFirst(s.name());
    }
    int i = 0;
    for (String name : path) {
      while (i < args.length && !args[i].equals(name)) {
        i++;
      }
      i++;
    }
    for (; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return null;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        continue;
      }
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      OptionSpec o = spec.findOption(name);
      if (o == null) {
        return a;
      }
      if (!a.contains("=") && o.arity().min() > 0) {
        i++; // its value
      }
    }
    return null;
  }

  /** The first argument that names a command of {@code spec}; null when there is none. */
  private static String laterCommand(CommandSpec spec, String[] args) {
    for (String a : args) {
      if (spec.subcommands().containsKey(a)) {
        return a;
      }
    }
    return null;
  }

  private static Diagnostic tooMany(CommandSpec spec, String extra) {
    List<PositionalParamSpec> params = spec.positionalParameters();
    String name = Help.name(spec);
    if (params.isEmpty()) {
      return Diagnostic.error(
          "Too many command line arguments",
          "The \""
              + name
              + "\" command takes no arguments, and \""
              + extra
              + "\" was given. To run it in another directory, use the global -chdir option:\n"
              + "  forma -chdir=DIR "
              + name);
    }
    return Diagnostic.error(
        "Too many command line arguments",
        "\"" + extra + "\" is one argument too many. The usage is:\n  " + Help.usage(spec));
  }

  private static Diagnostic missingArguments(CommandSpec spec, List<ArgSpec> missing) {
    List<String> labels = new ArrayList<>();
    for (ArgSpec a : missing) {
      labels.add(a.paramLabel());
    }
    if (labels.isEmpty()) {
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (p.arity().min() > 0) {
          labels.add(p.paramLabel());
        }
      }
    }
    String what =
        labels.size() <= 1
            ? String.join("", labels)
            : String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.getLast();
    return Diagnostic.error(
        labels.size() == 1 ? "Missing command line argument" : "Missing command line arguments",
        "The \""
            + Help.name(spec)
            + "\" command expects "
            + what
            + ". The usage is:\n  "
            + Help.usage(spec));
  }

  /** The diagnostic, then Terraform's pointer to the command's help. */
  private static int flagError(CommandSpec spec, Diagnostic d, Terminal terminal) {
    terminal.printDiagnostics(Diagnostics.of(d), null);
    String name = Help.name(spec);
    terminal
        .err()
        .print(
            "\nFor more help on using this command, run:\n  forma "
                + (name.isEmpty() ? "" : name + " ")
                + "-help\n");
    return ExitCodes.ERROR;
  }
}
