package dev.forma.cli;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.apply.ProgressPrinter;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.render.OutputRenderer;
import dev.forma.engine.render.PlanRenderer;
import dev.forma.engine.render.RenderOptions;
import dev.forma.engine.render.SchemaSource;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.state.OutputValue;
import java.io.PrintStream;
import java.util.Map;

/**
 * Terraform's human output of plan, apply and destroy, byte for byte: the progress lines, the plan
 * text, diagnostics (errors on standard error), the approval question, the next step, the outputs.
 * {@code -compact-warnings} shows warnings as one line each.
 */
final class HumanOperationView implements OperationView {
  private final Terminal terminal;
  private final boolean compactWarnings;
  private final ApplyHooks progress;

  HumanOperationView(Terminal terminal, boolean compactWarnings) {
    this.terminal = terminal;
    this.compactWarnings = compactWarnings;
    this.progress = new ProgressPrinter(terminal.out(), terminal.color());
  }

  @Override
  public ApplyHooks hooks() {
    return progress;
  }

  @Override
  public void diagnostics(Diagnostics diags, DiagnosticRenderer.Sources sources) {
    if (compactWarnings && !diags.hasErrors() && !diags.isEmpty()) {
      StringBuilder sb = new StringBuilder("\nWarnings:\n\n");
      for (Diagnostic d : diags) {
        sb.append("- ").append(d.summary()).append('\n');
      }
      terminal.out().print(sb);
      return;
    }
    terminal.printDiagnostics(diags, sources);
  }

  /** The diagnostic with Terraform's {@code with ADDR,} line. */
  @Override
  public void objectDiagnostic(
      Diagnostic d, ResourceInstanceAddress address, DiagnosticRenderer.Sources sources) {
    String text = new DiagnosticRenderer(sources, terminal.color()).render(d);
    int on = text.indexOf("  on ");
    String with = "  with " + address + ",\n";
    if (on >= 0) {
      int lineStart = text.lastIndexOf('\n', on) + 1;
      String prefix = text.substring(lineStart, on);
      text = text.substring(0, lineStart) + prefix + with + text.substring(lineStart);
    } else {
      int firstLineEnd = text.indexOf('\n', text.startsWith("\n") ? 1 : 0);
      text = text.substring(0, firstLineEnd + 1) + "\n" + with + text.substring(firstLineEnd + 1);
    }
    (d.isError() ? terminal.err() : terminal.out()).print(text);
  }

  @Override
  public void plan(Plan plan, SchemaSource schemas) {
    terminal.out().print(PlanRenderer.render(plan, schemas, renderOptions()));
  }

  /**
   * Terraform's line for a plan that failed, coloured as its renderer colours it. Better than
   * Terraform, which prints the part it planned (or only the output changes, with "You can apply
   * this plan") before the error: a plan that failed is never shown.
   */
  @Override
  public void planFailed(Plan partial) {
    boolean c = terminal.color();
    terminal
        .out()
        .print(
            "\n"
                + (c ? "\u001b[0m\u001b[1m\u001b[31m" : "")
                + "Planning failed."
                + (c ? "\u001b[0m\u001b[1m" : "")
                + " Forma encountered an error while generating this plan."
                + (c ? "\u001b[0m" : "")
                + "\n\n");
  }

  @Override
  public void planEnd(Plan plan) {
    if (plan.hasChanges() && !AutomationEnvironment.inAutomation(terminal)) {
      terminal.out().println(PlanRenderer.horizontalRule(renderOptions()));
    }
  }

  @Override
  public void planNextStep(Plan plan, String savedTo) {
    if (!plan.hasChanges() || AutomationEnvironment.inAutomation(terminal)) {
      return;
    }
    if (savedTo != null) {
      terminal
          .out()
          .print(
              "\nSaved the plan to: "
                  + savedTo
                  + "\n\nTo perform exactly these actions, run the following command to apply:\n"
                  + "    forma apply \""
                  + savedTo
                  + "\"\n");
    } else {
      terminal
          .out()
          .print(
              "\n"
                  + "Note: You didn't use the -out option to save this plan, so Forma can't\n"
                  + "guarantee to take exactly these actions if you run \"forma apply\""
                  + " now.\n");
    }
  }

  /**
   * Asks for approval as Terraform does (naming the workspace unless it is the default one); false
   * (after printing why) unless the answer is yes.
   */
  @Override
  public boolean approve(Plan.Mode mode, String workspace) {
    PrintStream out = terminal.out();
    String in =
        workspace.equals(dev.forma.state.backend.StateBackend.DEFAULT_WORKSPACE)
            ? ""
            : " in workspace \"" + workspace + "\"";
    if (mode == Plan.Mode.DESTROY) {
      out.print(
          "\nDo you really want to destroy all resources"
              + in
              + "?\n"
              + "  Forma will destroy all your managed infrastructure, as shown above.\n"
              + "  There is no undo. Only 'yes' will be accepted to confirm.\n\n"
              + "  Enter a value: ");
    } else {
      out.print(
          "\nDo you want to perform these actions"
              + in
              + "?\n"
              + "  Forma will perform the actions described above.\n"
              + "  Only 'yes' will be accepted to approve.\n\n"
              + "  Enter a value: ");
    }
    out.flush();
    String answer = terminal.readLine();
    if (answer == null) {
      diagnostics(Diagnostics.of(Diagnostic.error("error asking for approval: EOF", "")), null);
      return false;
    }
    if (!answer.equals("yes")) {
      out.print(mode == Plan.Mode.DESTROY ? "\nDestroy cancelled.\n" : "\nApply cancelled.\n");
      return false;
    }
    out.println();
    return true;
  }

  @Override
  public void outputs(Plan.Mode mode, Map<String, OutputValue> outputs) {
    if (mode == Plan.Mode.DESTROY || outputs.isEmpty()) {
      return;
    }
    var text = OutputRenderer.all(outputs);
    if (text.value() != null) {
      terminal
          .out()
          .print(
              (terminal.color() ? "\u001b[0m\u001b[1m\u001b[32m" : "")
                  + "\nOutputs:\n\n"
                  + (terminal.color() ? "\u001b[0m" : "")
                  + text.value());
    }
  }

  @Override
  public void interrupted(int count) {
    if (count == 1) {
      terminal
          .out()
          .print(
              "\nInterrupt received.\n"
                  + "Please wait for Forma to exit or data loss may occur.\n"
                  + "Gracefully shutting down...\n\n");
    } else if (count == 2) {
      terminal
          .out()
          .print(
              "\nTwo interrupts received. Exiting immediately. Note that data\n"
                  + "loss may have occurred.\n");
    }
    terminal.out().flush();
  }

  @Override
  public PrintStream notices() {
    return terminal.out();
  }

  private RenderOptions renderOptions() {
    return new RenderOptions(terminal.color(), 78);
  }
}
