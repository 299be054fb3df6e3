package dev.forma.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forma destroy}: plans the destruction of every object the state holds, asks (unless {@code
 * -auto-approve}), and destroys them; the same as {@code forma apply -destroy}.
 */
@Command(
    name = "destroy",
    header = "Destroy previously-created infrastructure",
    description = {
      "Destroys every object the state holds, after showing the plan and asking for approval (-auto-approve skips the question).",
      "This command is the same as:\n    forma apply -destroy",
      "It also takes the planning options of the plan command; to read about them, run:\n    forma plan -help"
    },
    sortOptions = false)
public final class DestroyCommand implements Callable<Integer> {
  @Option(names = "-auto-approve", description = "Skip interactive approval before destroying.")
  boolean autoApprove;

  @Mixin OperationOptions options;

  @Mixin StateOptions stateOptions;

  @Mixin HelpOption help = new HelpOption();

  @Spec CommandSpec spec;

  private final Terminal terminal;

  public DestroyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    return new Operation(terminal, options, stateOptions, options.variableArgs(spec))
        .run(Operation.Kind.APPLY, true, null, false, autoApprove);
  }
}
