package dev.forma.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code forma apply [PLANFILE]}: without a file, plans and asks for approval (unless {@code
 * -auto-approve}), then applies; with a saved plan, applies exactly that plan if the state has not
 * changed since it was made. Ctrl-C once stops starting new operations and lets running ones
 * finish; twice returns at once (the state journal keeps what completed).
 */
@Command(
    name = "apply",
    header = "Create or update infrastructure",
    description = {
      "Creates, updates or destroys infrastructure so that it matches the configuration in the working directory.",
      "Without a plan file, Forma makes a plan, shows it and asks for approval first (-auto-approve skips the question). With a plan file saved by \"forma plan -out=FILE\", it applies exactly that plan without asking, unless the state has changed since.",
      "Without a plan file, apply also takes the planning options of the plan command; to read about them, run:\n    forma plan -help"
    },
    sortOptions = false)
public final class ApplyCommand implements Callable<Integer> {
  @Option(
      names = "-auto-approve",
      description = "Skip interactive approval of plan before applying.")
  boolean autoApprove;

  @Option(
      names = "-destroy",
      description =
          "Destroy Forma-managed infrastructure. The command \"forma destroy\" is a"
              + " convenience alias for this option.")
  boolean destroy;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN")
  Path planFile;

  @Mixin OperationOptions options;

  @Mixin StateOptions stateOptions;

  @Mixin HelpOption help = new HelpOption();

  @Spec CommandSpec spec;

  private final Terminal terminal;

  public ApplyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Operation op = new Operation(terminal, options, stateOptions, options.variableArgs(spec));
    if (planFile != null) {
      return op.applySaved(planFile);
    }
    return op.run(Operation.Kind.APPLY, destroy, null, false, autoApprove);
  }
}
