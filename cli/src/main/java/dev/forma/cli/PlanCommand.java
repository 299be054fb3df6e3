package dev.forma.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forma plan}: shows what applying the configuration would change (refreshing the state
 * first), optionally saving the plan ({@code -out=FILE}) for {@code forma apply FILE}. With {@code
 * -detailed-exitcode}: 0 no changes, 1 error, 2 changes.
 */
@Command(
    name = "plan",
    header = "Show changes required by the current configuration",
    description = {
      "Shows what applying the configuration in the working directory would change: Forma reads the state, refreshes it from the cloud and compares the result with the configuration. Nothing is changed.",
      "To apply exactly the plan shown, save it with -out=FILE and run \"forma apply FILE\" later; Forma refuses to apply it if the state has changed since."
    },
    sortOptions = false)
public final class PlanCommand implements Callable<Integer> {
  @Option(
      names = "-out",
      paramLabel = "path",
      description =
          "Write a plan file to the given path. This can be used as input to the"
              + " \"apply\" command.")
  String out;

  @Option(
      names = "-destroy",
      description =
          "Select the \"destroy\" planning mode, which creates a plan to destroy all"
              + " objects currently managed by this Forma configuration instead of the usual"
              + " behavior.")
  boolean destroy;

  @Option(
      names = "-detailed-exitcode",
      description =
          "Return detailed exit codes: 0 when the plan succeeded with no changes, 1 on"
              + " errors, 2 when it succeeded with changes.")
  boolean detailedExitCode;

  @Option(
      names = "-generate-config-out",
      paramLabel = "path",
      description =
          "(Experimental) If import blocks are present in configuration, instructs"
              + " Forma to generate HCL for any imported resources not already present. The"
              + " configuration is written to a new file at the given path, which must not"
              + " already exist.")
  String generateConfigOut;

  @Option(
      names = "-markdown",
      paramLabel = "path",
      description =
          "Also write the plan as Markdown to the given path, for a pull request comment: the"
              + " summary, a table of the changes, deletions and replacements first, and each"
              + " resource's diff in a collapsed block, within a GitHub comment's 65,535"
              + " characters.")
  String markdown;

  @Option(
      names = "-check-connectivity",
      description =
          "After planning, call every model endpoint in the configuration (as"
              + " \"forma check\" does); the plan fails when one does not answer.")
  boolean checkConnectivity;

  @Mixin OperationOptions options;

  @Mixin StateOptions stateOptions;

  @Mixin HelpOption help = new HelpOption();

  @Spec CommandSpec spec;

  private final Terminal terminal;

  public PlanCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    return new Operation(terminal, options, stateOptions, options.variableArgs(spec))
        .generateConfigOut(generateConfigOut)
        .checkConnectivity(checkConnectivity)
        .markdownOut(markdown)
        .run(Operation.Kind.PLAN, destroy, out, detailedExitCode, false);
  }
}
