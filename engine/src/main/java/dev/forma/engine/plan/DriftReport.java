package dev.forma.engine.plan;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.graph.GraphBuilder;
import dev.forma.engine.graph.ResourceGraph;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
   * its provider; with targets, only the targets and what they depend on reported), and a normal
   * plan of the same request without refresh. The request's mode and refresh options are ignored;
   * nothing is written anywhere. The report is null when either plan failed (the diagnostics say
   * why).
   */
  public static Result<DriftReport> check(PlanRequest request) {
    PlanOptions o = request.options();
    Result<Plan> refreshed =
        Planner.plan(with(request, o.withMode(Plan.Mode.REFRESH_ONLY).withRefresh(true), Map.of()));
    Diagnostics diags = new Diagnostics().addAll(refreshed.diagnostics());
    if (failed(refreshed)) {
      return new Result<>(null, diags);
    }
    Plan outside = refreshed.value();
    if (!o.targets().isEmpty()) {
      // the planner reads every object; with -target only the targets and what they depend on
      // are reported, as a targeted refresh reads them
      Set<ResourceAddress> wanted = targeted(request);
      List<ResourceChange> drift = new ArrayList<>();
      for (ResourceChange rc : outside.drift()) {
        if (wanted.contains(rc.address().resource().config())) {
          drift.add(rc);
        }
      }
      outside =
          new Plan(
              outside.mode(),
              outside.changes(),
              drift,
              outside.outputs(),
              outside.variables(),
              outside.priorSerial(),
              outside.priorLineage(),
              outside.timestamp(),
              outside.complete(),
              outside.priorState(),
              outside.moves());
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
    return new Result<>(new DriftReport(outside, pending.value()), diags);
  }

  /** The resources (configuration addresses) the targets name and those they depend on. */
  private static Set<ResourceAddress> targeted(PlanRequest r) {
    Set<ResourceAddress> roots = new HashSet<>();
    r.options().targets().forEach(t -> roots.add(t.resource().config()));
    ResourceGraph graph =
        (r.tree().children().isEmpty()
                ? GraphBuilder.build(r.module(), r.priorState())
                : GraphBuilder.build(r.tree(), r.priorState()))
            .value();
    return graph == null ? roots : graph.withDependencies(roots);
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
