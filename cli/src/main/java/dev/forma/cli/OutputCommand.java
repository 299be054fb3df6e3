package dev.forma.cli;

import dev.forma.engine.render.OutputRenderer;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.OutputValue;
import dev.forma.state.backend.LockInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code forma output [-json|-raw] [-no-color] [-state=PATH] [NAME]}: the root module's output
 * values from the state, as Terraform's {@code output} prints them.
 */
@Command(
    name = "output",
    header = "Show output values from your root module",
    description = {
      "Prints the output values of the root module from the state: all of them, or the one named NAME. With -raw, a string, number or bool is printed as it is, for shell scripts."
    },
    sortOptions = false)
public final class OutputCommand implements Callable<Integer> {
  @Option(
      names = "-json",
      description = "If specified, machine readable output will be printed in JSON format.")
  boolean json;

  @Option(
      names = "-raw",
      description =
          "For value types that can be automatically converted to a string, will print the raw"
              + " string directly, rather than a human-oriented representation of the value.")
  boolean raw;

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Option(
      names = "-state",
      paramLabel = "path",
      description =
          "Path to the state file to read. Defaults to \"terraform.tfstate\", or to the path of"
              + " the configuration's local backend.")
  String statePath;

  @Parameters(paramLabel = "NAME", arity = "0..*")
  List<String> names = new ArrayList<>();

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public OutputCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (noColor) {
      terminal.disableColor();
    }
    if (names.size() > 1) {
      return fail(
          Diagnostic.error(
              "Unexpected argument",
              "The output command expects exactly one argument with the name of an output"
                  + " variable or no arguments to show all outputs."));
    }
    if (json && raw) {
      return fail(
          Diagnostic.error(
              "Invalid output format", "The -raw and -json options are mutually-exclusive."));
    }
    String name = names.isEmpty() ? null : names.getFirst();
    if (raw && name == null) {
      return fail(
          Diagnostic.error(
              "Output name required",
              "You must give the name of a single output value when using the -raw option."));
    }
    StateOptions options = new StateOptions();
    options.statePath = statePath;
    Map<String, OutputValue> outputs;
    try (StateAccess access = StateAccess.open(terminal, options, LockInfo.OTHER, false)) {
      if (access == null) {
        return ExitCodes.ERROR;
      }
      outputs = access.state().outputs();
    }
    if (name == null) {
      if (json) {
        terminal.out().print(outputs.isEmpty() ? "{}\n" : OutputRenderer.json(outputs));
        return ExitCodes.OK;
      }
      return print(OutputRenderer.all(outputs));
    }
    if (json) {
      return print(OutputRenderer.json(outputs, name));
    }
    return print(raw ? OutputRenderer.raw(outputs, name) : OutputRenderer.one(outputs, name));
  }

  private int print(Result<String> r) {
    terminal.printDiagnostics(r.diagnostics(), null);
    if (r.hasErrors()) {
      return ExitCodes.ERROR;
    }
    terminal.out().print(r.value());
    return ExitCodes.OK;
  }

  /** A usage error, with Terraform's pointer to the help. */
  private int fail(Diagnostic d) {
    terminal.printDiagnostics(Diagnostics.of(d), null);
    terminal.err().println("\nFor more help on using this command, run:\n  forma output -help");
    return ExitCodes.ERROR;
  }
}
