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
    description = "Show changes required by the current configuration.",
    sortOptions = false)
public final class PlanCommand implements Callable<Integer> {
  @Option(
      names = "-out",
      paramLabel = "FILE",
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
          "Return detailed exit codes when the command exits: 0 - Succeeded, diff is"
              + " empty (no changes); 1 - Errored; 2 - Succeeded, there is a diff.")
  boolean detailedExitCode;

  @Mixin OperationOptions options;

  @Mixin StateOptions stateOptions;

  @Option(
      names = {"-help", "-h", "--help"},
      usageHelp = true,
      description = "Show this help output.")
  boolean help;

  @Spec CommandSpec spec;

  private final Terminal terminal;

  public PlanCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    return new Operation(terminal, options, stateOptions, options.variableArgs(spec))
        .run(Operation.Kind.PLAN, destroy, out, detailedExitCode, false);
  }
}
