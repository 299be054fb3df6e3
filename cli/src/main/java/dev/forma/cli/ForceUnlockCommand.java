package dev.forma.cli;

import dev.forma.state.StateException;
import dev.forma.state.backend.StateStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code forma force-unlock LOCK_ID}: removes a lock left by a Forma that died, after asking
 * (unless {@code -force}). The ID must match the lock's.
 */
@Command(
    name = "force-unlock",
    header = "Release a stuck lock on the current workspace",
    description = {
      "Removes the lock on the state that a Forma process left behind when it stopped without releasing it. LOCK_ID is the ID the lock error printed. No infrastructure is changed.",
      "Use it only when no other Forma command is running on the same state."
    })
public final class ForceUnlockCommand implements Callable<Integer> {
  @Option(names = "-force", description = "Don't ask for input for unlock confirmation.")
  boolean force;

  @Option(
      names = "-state",
      paramLabel = "path",
      description =
          "Path to the state file. Defaults to \"terraform.tfstate\", or to the path of the"
              + " configuration's local backend.")
  String statePath;

  @Parameters(index = "0", paramLabel = "LOCK_ID")
  String id;

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public ForceUnlockCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    StateOptions o = new StateOptions();
    o.statePath = statePath;
    StateAccess.Target target = StateAccess.target(terminal, o);
    if (target == null) {
      return ExitCodes.ERROR;
    }
    StateStore backend = target.store();
    if (!force) {
      terminal
          .out()
          .print(
              "Do you really want to force-unlock?\n"
                  + "  Forma will remove the lock on the remote state.\n"
                  + "  This will allow local Forma commands to modify this state, even though it\n"
                  + "  may still be in use. Only 'yes' will be accepted to confirm.\n\n"
                  + "  Enter a value: ");
      terminal.out().flush();
      String answer = terminal.readLine();
      if (!"yes".equals(answer == null ? null : answer.trim())) {
        terminal.out().println("\nforce-unlock cancelled.");
        return ExitCodes.ERROR;
      }
    }
    try {
      backend.forceUnlock(id);
    } catch (StateException e) {
      terminal.err().println("\nFailed to unlock state: " + e.problems().getFirst().detail());
      return ExitCodes.ERROR;
    }
    terminal
        .out()
        .println(
            "Forma state has been successfully unlocked!\n\n"
                + "The state has been unlocked, and Forma commands should now be able to\n"
                + "obtain a new lock on the remote state.");
    return ExitCodes.OK;
  }
}
