package dev.forma.cli;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.render.SchemaSource;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.state.OutputValue;
import java.io.PrintStream;
import java.util.Map;

/**
 * Terraform's machine-readable stream of plan, apply and destroy ({@code -json}): see {@link
 * JsonUi} for the messages. The stream opens with the {@code version} message; notices that are not
 * messages go to standard error; an apply under {@code -json} needs {@code -auto-approve} or a
 * saved plan, as nobody can be asked.
 */
final class JsonOperationView implements OperationView {
  private final Terminal terminal;
  private final JsonUi json;

  JsonOperationView(Terminal terminal, JsonUi json) {
    this.terminal = terminal;
    this.json = json;
    json.version();
    // what other steps report through the terminal joins the stream as diagnostic messages
    terminal.printDiagnosticsWith(
        (diags, sources) -> diags.forEach(d -> json.diagnostic(d, sources)));
  }

  @Override
  public ApplyHooks hooks() {
    return json;
  }

  @Override
  public void diagnostics(Diagnostics diags, DiagnosticRenderer.Sources sources) {
    diags.forEach(d -> json.diagnostic(d, sources));
  }

  @Override
  public void objectDiagnostic(
      Diagnostic d, ResourceInstanceAddress address, DiagnosticRenderer.Sources sources) {
    json.diagnostic(d, address, sources);
  }

  @Override
  public void plan(Plan plan, SchemaSource schemas) {
    json.plan(plan);
  }

  /**
   * As Terraform's stream: the part planned before the error (its changes and summary), then the
   * errors. (The human view shows no part of a failed plan.)
   */
  @Override
  public void planFailed(Plan partial) {
    json.plan(partial);
  }

  @Override
  public boolean canAsk() {
    return false;
  }

  @Override
  public void outputs(Plan.Mode mode, Map<String, OutputValue> outputs) {
    if (mode != Plan.Mode.DESTROY) {
      json.outputs(outputs);
    }
  }

  @Override
  public void interrupted(int count) {
    if (count == 1) {
      json.log(
          "\nInterrupt received.\n"
              + "Please wait for Forma to exit or data loss may occur.\n"
              + "Gracefully shutting down...\n");
    } else if (count == 2) {
      json.log(
          "\nTwo interrupts received. Exiting immediately. Note that data loss may have"
              + " occurred.\n");
    }
  }

  @Override
  public void log(String message) {
    json.log(message);
  }

  @Override
  public PrintStream notices() {
    return terminal.err();
  }

  @Override
  public boolean machineReadable() {
    return true;
  }
}
