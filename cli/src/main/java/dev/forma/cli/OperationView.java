package dev.forma.cli;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.apply.ApplySummary;
import dev.forma.engine.apply.ObjectTarget;
import dev.forma.engine.apply.Operation;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.render.SchemaSource;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.state.OutputValue;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How {@code plan}, {@code apply} and {@code destroy} show what they do, as Terraform's {@code
 * command/views} Operation: the command decides once, from its flags, which rendering it uses
 * (human text, the JSON stream, both of them and a file next to them...), and {@link
 * dev.forma.cli.Operation} only says what happened. The engine's progress events reach the view
 * through {@link #hooks()}.
 *
 * <p>Every method but {@link #hooks()} has a default that shows nothing, so that a rendering that
 * wants only the plan (a markdown file, say) implements {@link #plan} and is combined with the
 * terminal's view by {@link #composite}.
 */
interface OperationView {
  /** The terminal's view: the JSON stream under {@code -json}, else Terraform's human text. */
  static OperationView of(Terminal terminal, OperationOptions options, StateOptions state) {
    OperationView view;
    if (options.json) {
      terminal.disableColor();
      view = new JsonOperationView(terminal, new JsonUi(terminal.out(), Clock.systemUTC()));
    } else {
      if (state.noColor) {
        terminal.disableColor();
      }
      view = new HumanOperationView(terminal, options.compactWarnings);
    }
    return options.concise ? concise(view) : view;
  }

  /** The engine's progress events (refresh, import, apply), shown as they come. */
  ApplyHooks hooks();

  /** Diagnostics (warnings and errors), each once, in their order. */
  default void diagnostics(Diagnostics diags, DiagnosticRenderer.Sources sources) {}

  /** A diagnostic of a step on the object at {@code address} that failed during the apply. */
  default void objectDiagnostic(
      Diagnostic d, ResourceInstanceAddress address, DiagnosticRenderer.Sources sources) {}

  /** The plan, complete. */
  default void plan(Plan plan, SchemaSource schemas) {}

  /** Planning failed: {@code partial} is what was planned (it is never shown as a plan). */
  default void planFailed(Plan partial) {}

  /** After the plan and its warnings, before it is saved: the rule closing a plan with changes. */
  default void planEnd(Plan plan) {}

  /**
   * What to do next with a plan that was only shown ({@code savedTo} null) or saved to {@code
   * savedTo}.
   */
  default void planNextStep(Plan plan, String savedTo) {}

  /**
   * Asks whether to apply the plan in {@code mode} to {@code workspace}; true for yes. A view that
   * cannot ask says why (see {@link #canAsk}) and returns false.
   */
  default boolean approve(Plan.Mode mode, String workspace) {
    return false;
  }

  /**
   * Whether the operation may ask the person at the terminal, for variables or approval: the JSON
   * stream cannot (-json implies -input=false, as in Terraform).
   */
  default boolean canAsk() {
    return true;
  }

  /** The root module's output values after an apply in {@code mode}. */
  default void outputs(Plan.Mode mode, Map<String, OutputValue> outputs) {}

  /** The {@code count}th interrupt (Ctrl-C) arrived during the apply. */
  default void interrupted(int count) {}

  /**
   * A message for the reader beside the operation's output ({@code -check-connectivity}'s report):
   * the JSON stream carries it as a {@code log} message; other views print it themselves.
   */
  default void log(String message) {}

  /** Where notices that are not part of the operation's output go (the local cloud's start). */
  default PrintStream notices() {
    return new PrintStream(java.io.OutputStream.nullOutputStream());
  }

  /** Whether this view writes a machine-readable stream (other output must then stay off it). */
  default boolean machineReadable() {
    return false;
  }

  /**
   * {@code -concise} (OpenTofu's flag): {@code view} without the refresh events and the progress
   * heartbeat ({@code Still creating...}).
   */
  static OperationView concise(OperationView view) {
    ApplyHooks quiet = new ConciseHooks(view.hooks());
    return new Forwarding(List.of(view)) {
      @Override
      public ApplyHooks hooks() {
        return quiet;
      }
    };
  }

  /**
   * The views together: each method goes to each view in order; hooks too. The first view is the
   * terminal's: it alone asks for approval and takes notices.
   */
  static OperationView composite(OperationView first, OperationView... more) {
    List<OperationView> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(List.of(more));
    return new Forwarding(all);
  }

  /** Passes every call on to its views (see {@link #composite}). */
  class Forwarding implements OperationView {
    private final List<OperationView> views;
    private final ApplyHooks hooks;

    Forwarding(List<OperationView> views) {
      this.views = List.copyOf(views);
      this.hooks =
          this.views.size() == 1
              ? this.views.get(0).hooks()
              : new AllHooks(this.views.stream().map(OperationView::hooks).toList());
    }

    @Override
    public ApplyHooks hooks() {
      return hooks;
    }

    @Override
    public void diagnostics(Diagnostics diags, DiagnosticRenderer.Sources sources) {
      views.forEach(v -> v.diagnostics(diags, sources));
    }

    @Override
    public void objectDiagnostic(
        Diagnostic d, ResourceInstanceAddress address, DiagnosticRenderer.Sources sources) {
      views.forEach(v -> v.objectDiagnostic(d, address, sources));
    }

    @Override
    public void plan(Plan plan, SchemaSource schemas) {
      views.forEach(v -> v.plan(plan, schemas));
    }

    @Override
    public void planFailed(Plan partial) {
      views.forEach(v -> v.planFailed(partial));
    }

    @Override
    public void planEnd(Plan plan) {
      views.forEach(v -> v.planEnd(plan));
    }

    @Override
    public void planNextStep(Plan plan, String savedTo) {
      views.forEach(v -> v.planNextStep(plan, savedTo));
    }

    @Override
    public boolean approve(Plan.Mode mode, String workspace) {
      return views.get(0).approve(mode, workspace);
    }

    @Override
    public boolean canAsk() {
      return views.get(0).canAsk();
    }

    @Override
    public void outputs(Plan.Mode mode, Map<String, OutputValue> outputs) {
      views.forEach(v -> v.outputs(mode, outputs));
    }

    @Override
    public void interrupted(int count) {
      views.forEach(v -> v.interrupted(count));
    }

    @Override
    public void log(String message) {
      views.forEach(v -> v.log(message));
    }

    @Override
    public PrintStream notices() {
      return views.get(0).notices();
    }

    @Override
    public boolean machineReadable() {
      return views.get(0).machineReadable();
    }
  }

  /** Hooks that pass every event on to each of several. */
  final class AllHooks implements ApplyHooks {
    private final List<ApplyHooks> to;

    AllHooks(List<ApplyHooks> to) {
      this.to = List.copyOf(to);
    }

    @Override
    public void preApply(ObjectTarget target, Operation op, String priorId) {
      to.forEach(h -> h.preApply(target, op, priorId));
    }

    @Override
    public void stillApplying(ObjectTarget target, Operation op, Duration elapsed, String status) {
      to.forEach(h -> h.stillApplying(target, op, elapsed, status));
    }

    @Override
    public void postApply(
        ObjectTarget target, Operation op, boolean succeeded, String newId, Duration elapsed) {
      to.forEach(h -> h.postApply(target, op, succeeded, newId, elapsed));
    }

    @Override
    public void preparingImport(ResourceInstanceAddress address, String id) {
      to.forEach(h -> h.preparingImport(address, id));
    }

    @Override
    public void importPrepared(ResourceInstanceAddress address, String type) {
      to.forEach(h -> h.importPrepared(address, type));
    }

    @Override
    public void preImport(ResourceInstanceAddress address, String id) {
      to.forEach(h -> h.preImport(address, id));
    }

    @Override
    public void postImport(ResourceInstanceAddress address, String id) {
      to.forEach(h -> h.postImport(address, id));
    }

    @Override
    public void preRefresh(ObjectTarget target, String priorId) {
      to.forEach(h -> h.preRefresh(target, priorId));
    }

    @Override
    public void postRefresh(ObjectTarget target, boolean succeeded, String newId) {
      to.forEach(h -> h.postRefresh(target, succeeded, newId));
    }

    @Override
    public void preRead(ResourceInstanceAddress address) {
      to.forEach(h -> h.preRead(address));
    }

    @Override
    public void postRead(
        ResourceInstanceAddress address, boolean succeeded, String id, Duration elapsed) {
      to.forEach(h -> h.postRead(address, succeeded, id, elapsed));
    }

    @Override
    public void applyFinished(ApplySummary summary) {
      to.forEach(h -> h.applyFinished(summary));
    }
  }

  /** The events {@code -concise} keeps: all but the refreshes and the heartbeat. */
  final class ConciseHooks implements ApplyHooks {
    private final ApplyHooks to;

    ConciseHooks(ApplyHooks to) {
      this.to = to;
    }

    @Override
    public void preApply(ObjectTarget target, Operation op, String priorId) {
      to.preApply(target, op, priorId);
    }

    @Override
    public void postApply(
        ObjectTarget target, Operation op, boolean succeeded, String newId, Duration elapsed) {
      to.postApply(target, op, succeeded, newId, elapsed);
    }

    @Override
    public void preparingImport(ResourceInstanceAddress address, String id) {
      to.preparingImport(address, id);
    }

    @Override
    public void importPrepared(ResourceInstanceAddress address, String type) {
      to.importPrepared(address, type);
    }

    @Override
    public void preImport(ResourceInstanceAddress address, String id) {
      to.preImport(address, id);
    }

    @Override
    public void postImport(ResourceInstanceAddress address, String id) {
      to.postImport(address, id);
    }

    @Override
    public void preRead(ResourceInstanceAddress address) {
      to.preRead(address);
    }

    @Override
    public void postRead(
        ResourceInstanceAddress address, boolean succeeded, String id, Duration elapsed) {
      to.postRead(address, succeeded, id, elapsed);
    }

    @Override
    public void applyFinished(ApplySummary summary) {
      to.applyFinished(summary);
    }
  }
}
