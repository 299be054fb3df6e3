package dev.forma.cli;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.render.RenderOptions;
import dev.forma.engine.render.StateRenderer;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.InstanceAddress;
import dev.forma.state.backend.LockInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code forma state show ADDRESS}: one resource instance's attributes, as Terraform's. */
@Command(
    name = "show",
    header = "Show a resource in the state",
    description = {
      "Shows the attributes of one resource instance in the state. List the addresses with \"forma state list\"."
    })
public final class StateShowCommand implements Callable<Integer> {
  private static final String ONE_INSTANCE =
      "This command requires that the address references one specific instance.\n"
          + "To view the available instances, use \"forma state list\". Please modify \n"
          + "the address to reference a specific instance.";

  @Mixin StateOptions state = new StateOptions();

  @Parameters(index = "0", paramLabel = "ADDRESS")
  String address;

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public StateShowCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Result<ResourceInstanceAddress> parsed = ResourceInstanceAddress.parse(address);
    if (parsed.hasErrors()) {
      terminal.err().println("Error parsing instance address: " + address + "\n\n" + ONE_INSTANCE);
      return ExitCodes.ERROR;
    }
    StateAccess.Target target = StateAccess.target(terminal, state);
    if (target == null) {
      return ExitCodes.ERROR;
    }
    if (!StateAccess.exists(terminal, target)) {
      terminal
          .err()
          .println(
              "No state file was found!\n\n"
                  + "State management commands require a state file. Run this command\n"
                  + "in a directory where Forma has been run or use the -state flag\n"
                  + "to point the command to a specific state location.");
      return ExitCodes.ERROR;
    }
    try (StateAccess access = StateAccess.open(terminal, state, LockInfo.OTHER, false)) {
      if (access == null) {
        return ExitCodes.ERROR;
      }
      String text =
          StateRenderer.renderInstance(
              access.state(),
              stateAddress(parsed.value()),
              Schemas.all(ProviderRequirements.registry(terminal)),
              new RenderOptions(terminal.color(), 78));
      if (text == null) {
        terminal.err().println("No instance found for the given address!\n\n" + ONE_INSTANCE);
        return ExitCodes.ERROR;
      }
      terminal.out().print(text);
      return ExitCodes.OK;
    }
  }

  /** The state module's address of an instance the user named. */
  static InstanceAddress stateAddress(ResourceInstanceAddress a) {
    return dev.forma.engine.statebridge.StateAddresses.toState(a);
  }
}
