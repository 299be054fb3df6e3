package dev.forma.cli.reconcile;

/**
 * What the controller may do with a plan without a human: apply it ({@code -auto-apply}) or only
 * report it ({@code -plan-only}, the default); repair drift ({@code -repair-drift}); never apply a
 * plan that deletes or replaces more than {@code maxDestroy} objects (negative: no limit).
 */
record Policy(boolean autoApply, boolean repairDrift, int maxDestroy) {
  /** What to do with a plan that succeeded. */
  enum Decision {
    /** Nothing to change. */
    NOTHING,
    /** Apply it. */
    APPLY,
    /** Report it only: plan-only mode. */
    REPORT,
    /** Refuse it: it deletes more than the limit; a human must apply it. */
    REFUSE
  }

  /** The decision for a commit's plan. */
  Decision forCommit(Steps.PlanResult plan) {
    return decide(plan, autoApply);
  }

  /** The decision for the plan that would repair drift. */
  Decision forRepair(Steps.PlanResult plan) {
    return decide(plan, repairDrift);
  }

  private Decision decide(Steps.PlanResult plan, boolean apply) {
    if (!plan.hasChanges()) {
      return Decision.NOTHING;
    }
    if (!apply) {
      return Decision.REPORT;
    }
    if (maxDestroy >= 0 && plan.destroy() > maxDestroy) {
      return Decision.REFUSE;
    }
    return Decision.APPLY;
  }
}
