package dev.forma.cli;

import dev.forma.engine.config.VariableArg;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
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

  @Mixin VariableOptions variables = new VariableOptions();

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
    return variables.args(spec);
  }
}
