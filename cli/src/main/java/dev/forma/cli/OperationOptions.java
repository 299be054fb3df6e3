package dev.forma.cli;

import dev.forma.engine.config.VariableArg;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The flags {@code plan}, {@code apply} and {@code destroy} share, as Terraform's. */
final class OperationOptions {
  @Option(
      names = "-target",
      paramLabel = "resource",
      description =
          "Limit the planning operation to only the given module, resource, or resource instance"
              + " and all of its dependencies. You can use this option multiple times.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "-replace",
      paramLabel = "resource",
      description =
          "Force replacement of a particular resource instance using its resource address. You"
              + " can use this option multiple times.")
  List<String> replace = new ArrayList<>();

  @Option(
      names = "-refresh",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "false",
      description =
          "Skip checking for external changes to remote objects while creating the plan. This"
              + " makes planning faster, against a possibly stale record of the remote objects.")
  boolean refresh = true;

  @Option(
      names = "-refresh-only",
      description =
          "Select the \"refresh only\" planning mode, which checks whether remote objects still"
              + " match the outcome of the most recent Forma apply but does not propose any"
              + " actions to undo any changes made outside of Forma.")
  boolean refreshOnly;

  @Option(
      names = "-var",
      paramLabel = "'foo=bar'",
      description =
          "Set a value for one of the input variables in the root module. Use this"
              + " option more than once to set more than one variable.")
  List<String> vars = new ArrayList<>();

  @Option(
      names = "-var-file",
      paramLabel = "filename",
      description =
          "Load variable values from the given file. Use this option more than once to"
              + " include more than one variables file.")
  List<String> varFiles = new ArrayList<>();

  @Option(
      names = "-input",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true",
      description = "Ask for input for variables if not directly set.")
  boolean input = true;

  @Option(
      names = "-parallelism",
      paramLabel = "n",
      description = "Limit the number of concurrent operations. Defaults to 10.")
  int parallelism = 10;

  @Option(
      names = "-compact-warnings",
      description =
          "If Forma produces any warnings that are not accompanied by errors, shows"
              + " them in a more compact form that includes only the summary messages.")
  boolean compactWarnings;

  @Option(
      names = "-json",
      description = "Produce output in a machine-readable JSON format. Always disables color.")
  boolean json;

  @Option(
      names = "-concise",
      description =
          "Displays concise output: no refresh lines and no progress heartbeat"
              + " (\"Still creating...\"), as OpenTofu's -concise.")
  boolean concise;

  /** The {@code -var} and {@code -var-file} options in command-line order. */
  List<VariableArg> variableArgs(CommandSpec spec) {
    return inCommandLineOrder(spec, vars, varFiles);
  }

  /**
   * {@code -var} and {@code -var-file} values in command-line order (they apply in that order):
   * picocli keeps each list in order, and the original arguments tell how they interleave. {@code
   * --var} counts as {@code -var}.
   */
  static List<VariableArg> inCommandLineOrder(
      CommandSpec spec, List<String> vars, List<String> varFiles) {
    List<VariableArg> out = new ArrayList<>();
    int v = 0;
    int f = 0;
    for (String given : spec.commandLine().getParseResult().originalArgs()) {
      String arg = given.startsWith("--") ? given.substring(1) : given;
      if ((arg.equals("-var") || arg.startsWith("-var=")) && v < vars.size()) {
        out.add(new VariableArg.Var(vars.get(v++)));
      } else if ((arg.equals("-var-file") || arg.startsWith("-var-file=")) && f < varFiles.size()) {
        out.add(new VariableArg.VarFile(varFiles.get(f++)));
      }
    }
    return out;
  }
}
