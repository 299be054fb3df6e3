package dev.forma.engine.plan;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.Diagnostics;
import dev.forma.engine.diag.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a drift check found, in three parts that are reported apart: the objects changed outside
 * Forma and the objects deleted outside Forma (what a refresh-only plan of the whole state found),
 * and the configuration not yet applied (a normal plan against the state as recorded, without
 * refresh, so that it shows only what the configuration asks and not what undoing the drift would
 * take).
 */
public record DriftReport(Plan refreshOnly, Plan pending) {
  /**
   * Checks for drift: a refresh-only plan of {@code request} (every object in its state read from
   * its provider, or those the targets name and what they depend on), and a normal plan of the same
   * request without refresh. The request's mode and refresh options are ignored; nothing is written
   * anywhere. The report is null when either plan failed (the diagnostics say why).
   */
  public static Result<DriftReport> check(PlanRequest request) {
    PlanOptions o = request.options();
    Result<Plan> refreshed =
        Planner.plan(with(request, o.withMode(Plan.Mode.REFRESH_ONLY).withRefresh(true), Map.of()));
    Diagnostics diags = new Diagnostics().addAll(refreshed.diagnostics());
    if (failed(refreshed)) {
      return new Result<>(null, diags);
    }
    Result<Plan> pending =
        Planner.plan(
            with(
                request,
                o.withMode(Plan.Mode.NORMAL).withRefresh(false),
                request.pendingCreates()));
    // the configuration's warnings were found by both: say each once
    for (Diagnostic d : pending.diagnostics()) {
      if (!diags.asList().contains(d)) {
        diags.add(d);
      }
    }
    if (failed(pending)) {
      return new Result<>(null, diags);
    }
    return new Result<>(new DriftReport(refreshed.value(), pending.value()), diags);
  }

  private static boolean failed(Result<Plan> r) {
    return r.hasErrors() || r.value() == null || !r.value().complete();
  }

  private static PlanRequest with(
      PlanRequest r, PlanOptions options, Map<ResourceInstanceAddress, String> pending) {
    return new PlanRequest(
        r.module(),
        r.priorState(),
        r.variables(),
        r.providers(),
        options,
        pending,
        r.environment(),
        r.tree());
  }

  /** The objects the refresh found changed, in address order. */
  public List<ResourceChange> changedOutside() {
    return outside(Action.UPDATE);
  }

  /** The objects the refresh found gone, in address order. */
  public List<ResourceChange> deletedOutside() {
    return outside(Action.DELETE);
  }

  private List<ResourceChange> outside(Action action) {
    List<ResourceChange> out = new ArrayList<>();
    for (ResourceChange rc : refreshOnly.drift()) {
      if (rc.action() == action) {
        out.add(rc);
      }
    }
    return out;
  }

  /** True when anything drifted: an object changed or deleted outside, or configuration pending. */
  public boolean hasDrift() {
    return !changedOutside().isEmpty() || !deletedOutside().isEmpty() || pending.hasChanges();
  }
}
