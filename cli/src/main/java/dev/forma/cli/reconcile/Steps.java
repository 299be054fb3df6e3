package dev.forma.cli.reconcile;

import java.nio.file.Path;

/**
 * The three things the controller asks of Forma, each over the configuration folder of one commit.
 * {@link FormaSteps} runs Forma's own commands; the loop's tests script them.
 */
interface Steps {
  /** Plans (refreshing first) and saves the plan for {@link #apply}. */
  PlanResult plan(Path dir, String revision);

  /** Applies exactly the plan {@link #plan} saved. */
  ApplyResult apply(Path dir, PlanResult plan);

  /** Checks for changes made outside Forma, taking no lock and writing nothing. */
  DriftResult drift(Path dir);

  /** How a step ended. */
  enum Outcome {
    /** It did what was asked. */
    OK,
    /** Another run (another replica) holds the state lock: try again later. */
    LOCKED,
    /** The saved plan was made from a state that has changed since: plan again. */
    STALE,
    /** It failed: see the error. */
    FAILED
  }

  /**
   * A plan: its outcome, whether it changes anything, what it changes ({@code destroy} counts every
   * object deleted, replaced ones included), its Markdown summary (no sensitive value: the renderer
   * masks them), the saved plan file, and the error (one line, no value) when it failed.
   */
  record PlanResult(
      Outcome outcome,
      boolean changes,
      int add,
      int change,
      int destroy,
      String markdown,
      Path planFile,
      String error) {
    static PlanResult failed(Outcome outcome, String error) {
      return new PlanResult(outcome, false, 0, 0, 0, "", null, error);
    }

    /** True when applying it changes anything (objects, or only outputs). */
    boolean hasChanges() {
      return changes || add + change + destroy > 0;
    }

    /** "2 to add, 1 to change, 0 to destroy", as Terraform counts. */
    String counts() {
      return add + " to add, " + change + " to change, " + destroy + " to destroy";
    }
  }

  /** An apply: its outcome, and the error (one line, no value) when it did not succeed. */
  record ApplyResult(Outcome outcome, String error) {}

  /**
   * A drift check: objects changed and deleted outside Forma (configuration not yet applied is not
   * drift), or the error.
   */
  record DriftResult(Outcome outcome, int changedOutside, int deletedOutside, String error) {
    boolean hasDrift() {
      return changedOutside + deletedOutside > 0;
    }

    int objects() {
      return changedOutside + deletedOutside;
    }
  }
}
