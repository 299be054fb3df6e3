package dev.forma.engine.apply;

import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.state.State;
import java.util.List;

/**
 * What an apply did: the state after it (as recorded, also when steps failed), the counts of the
 * closing line, each failed step with its diagnostics (the CLI renders them with {@code with
 * ADDR,}), the steps skipped because something they depend on failed, those not started because of
 * a stop request, and how far the apply was asked to stop.
 */
public record ApplyOutcome(
    State state,
    ApplySummary summary,
    List<Failure> failures,
    List<ObjectTarget> skipped,
    List<ObjectTarget> notStarted,
    WalkResult.StopLevel stop) {
  public ApplyOutcome {
    failures = List.copyOf(failures);
    skipped = List.copyOf(skipped);
    notStarted = List.copyOf(notStarted);
  }

  /** A step that failed, and why. */
  public record Failure(ObjectTarget target, Diagnostics diagnostics) {}
}
