package dev.forma.cli.reconcile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The reconcile loop. Each pass fetches the branch; a new commit is planned and, by {@link Policy},
 * applied, reported or refused; with no new commit, the last applied one is checked for drift,
 * which is reported and, by policy, repaired. A failed pass keeps the last good commit applied and
 * waits longer ({@link Backoff}); a pass that finds the state locked by another replica waits an
 * interval and plans again. A pause (the marker file in the data folder, or {@value #PAUSE_FILE} in
 * the configuration folder) stops everything but the fetch.
 *
 * <p>Every decision goes to the {@link DecisionLog}; the {@link ControllerStatus} keeps the rest.
 */
final class Controller {
  /** The file in the configuration folder (committed to the branch) that pauses the controller. */
  static final String PAUSE_FILE = ".forma-pause";

  private final Source source;
  private final Steps steps;
  private final Policy policy;
  private final Backoff backoff;
  private final DecisionLog log;
  private final ControllerStatus status;
  private final Path pauseMarker;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** The commit whose plan was decided (applied, reported, refused or found without changes). */
  private String decided;

  private int failuresInARow;

  /**
   * The drift last reported and left alone (not to be repaired, or its repair refused): the same
   * drift again is not logged or sent again; a change of it, or its end, is.
   */
  private Steps.DriftResult reportedDrift;

  private boolean repairRefused;
  private Boolean paused;

  Controller(
      Source source,
      Steps steps,
      Policy policy,
      Backoff backoff,
      DecisionLog log,
      ControllerStatus status,
      Path pauseMarker,
      Clock clock) {
    this.source = source;
    this.steps = steps;
    this.policy = policy;
    this.backoff = backoff;
    this.log = log;
    this.status = status;
    this.pauseMarker = pauseMarker;
    this.clock = clock;
  }

  /** Runs passes until {@link #stop}, waiting between them as each pass says. */
  void run() {
    while (stopped.getCount() > 0) {
      Duration wait = pass();
      try {
        if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  void stop() {
    stopped.countDown();
  }

  /** One pass; returns how long to wait before the next. */
  Duration pass() {
    Instant start = clock.instant();
    String revision;
    Path dir;
    try {
      revision = source.fetch();
      status.seen(revision);
      dir = source.checkout(revision);
    } catch (Source.SourceException e) {
      return failed(start, null, "fetch-failed", "Fetching the branch failed: " + e.getMessage());
    }
    boolean pausedNow = Files.exists(pauseMarker) || Files.exists(dir.resolve(PAUSE_FILE));
    if (paused == null || pausedNow != paused) {
      Boolean was = paused;
      paused = pausedNow;
      status.paused(pausedNow);
      if (pausedNow) {
        decide(
            revision,
            "paused",
            Files.exists(pauseMarker)
                ? "Paused by \"forma reconcile pause\": nothing is planned, applied or repaired"
                    + " until \"forma reconcile resume\"."
                : "Paused by "
                    + PAUSE_FILE
                    + " in the configuration folder: nothing is planned,"
                    + " applied or repaired until a commit removes it.");
      } else if (Boolean.TRUE.equals(was)) {
        // resumed whenever it was paused (also before any commit was decided); not at start
        decide(revision, "resumed", "Resumed.");
      }
    }
    if (pausedNow) {
      return backoff.interval();
    }
    if (!revision.equals(decided)) {
      return reconcile(start, revision, dir, false);
    }
    return checkDrift(start);
  }

  /** Plans {@code revision} and does with it what the policy says (a drift repair when asked). */
  private Duration reconcile(Instant start, String revision, Path dir, boolean repair) {
    Steps.PlanResult plan = steps.plan(dir, revision);
    switch (plan.outcome()) {
      case LOCKED, STALE -> {
        return waiting(start, revision, plan.error());
      }
      case FAILED -> {
        return failed(
            start, revision, "plan-failed", "Planning failed; " + kept() + ": " + plan.error());
      }
      case OK -> {}
    }
    status.planned(revision, plan, log.redactor().redact(plan.markdown()));
    Policy.Decision decision = repair ? policy.forRepair(plan) : policy.forCommit(plan);
    switch (decision) {
      case NOTHING -> {
        // Applied all the same when the policy allows applying: that saves the refreshed state
        // and settles the creates a stopped replica left pending (the plan adopts them), which a
        // plan without changes would otherwise only show.
        if (repair ? policy.repairDrift() : policy.autoApply()) {
          Duration notApplied = applySaved(start, revision, dir, plan);
          if (notApplied != null) {
            return notApplied;
          }
        }
        if (!repair) {
          decided = revision;
          status.applied(revision, plan);
          decide(revision, "up-to-date", "No changes: the cloud already matches this commit.");
        } else {
          decide(revision, "in-sync", "The drift is gone: no changes needed any more.");
          status.repaired();
        }
        return succeeded(start, "ok");
      }
      case REPORT -> {
        if (!repair) {
          decided = revision;
        }
        decide(
            revision,
            repair ? "drift-reported" : "planned",
            "Plan: "
                + plan.counts()
                + (repair
                    ? ". Not repaired: run with -repair-drift to repair drift."
                    : ". Not applied: plan-only mode (-auto-apply applies)."));
        return succeeded(start, "ok");
      }
      case REFUSE -> {
        if (!repair) {
          decided = revision;
          status.refused(revision);
        } else {
          repairRefused = true;
        }
        decide(
            revision,
            "refused",
            "Plan: "
                + plan.counts()
                + ". Refused: it deletes or replaces "
                + plan.destroy()
                + " objects, more than -max-destroy="
                + policy.maxDestroy()
                + "; a person must apply it (forma apply), or raise the limit. "
                + Character.toUpperCase(kept().charAt(0))
                + kept().substring(1)
                + ".");
        status.pass("refused", Duration.between(start, clock.instant()));
        return backoff.interval();
      }
      case APPLY -> {}
    }
    decide(revision, repair ? "repairing" : "applying", "Applying plan: " + plan.counts() + ".");
    Duration notApplied = applySaved(start, revision, dir, plan);
    if (notApplied != null) {
      return notApplied;
    }
    if (!repair) {
      decided = revision;
    }
    status.applied(revision, plan);
    if (repair) {
      status.repaired();
      reportedDrift = null;
    }
    decide(
        revision,
        repair ? "repaired" : "applied",
        (repair ? "Drift repaired: " : "Applied: ")
            + plan.add()
            + " added, "
            + plan.change()
            + " changed, "
            + plan.destroy()
            + " destroyed.");
    return succeeded(start, "ok");
  }

  /**
   * Applies the saved plan; returns null when it was applied, else the wait after logging why not
   * (another replica's lock or apply: wait and plan again; a failure: back off).
   */
  private Duration applySaved(Instant start, String revision, Path dir, Steps.PlanResult plan) {
    Steps.ApplyResult applied = steps.apply(dir, plan);
    return switch (applied.outcome()) {
      case LOCKED, STALE ->
          waiting(
              start,
              revision,
              applied.outcome() == Steps.Outcome.STALE
                  ? "The state changed since the plan (another replica applied): planning again."
                  : "The state is locked by another run: planning again after it.");
      case FAILED ->
          failed(
              start,
              revision,
              "apply-failed",
              "Applying failed (what completed is kept in the state; the next pass plans again): "
                  + applied.error());
      case OK -> null;
    };
  }

  private Duration checkDrift(Instant start) {
    // the last applied commit (the last good one when a newer one was refused); in plan-only
    // mode, the last planned one
    String revision = status.applied() != null ? status.applied() : decided;
    Path dir;
    try {
      dir = source.checkout(revision);
    } catch (Source.SourceException e) {
      return failed(start, revision, "fetch-failed", "Checking out failed: " + e.getMessage());
    }
    Steps.DriftResult drift = steps.drift(dir);
    if (drift.outcome() != Steps.Outcome.OK) {
      return failed(start, revision, "drift-failed", "The drift check failed: " + drift.error());
    }
    status.drift(drift, clock.instant());
    if (!drift.hasDrift()) {
      if (reportedDrift != null) {
        reportedDrift = null;
        decide(revision, "in-sync", "The drift is gone: the cloud matches the state again.");
      }
      return succeeded(start, "ok");
    }
    if (drift.equals(reportedDrift)) {
      return succeeded(start, "ok"); // told already (and not to be repaired): only /status
    }
    decide(
        revision,
        "drift",
        "Drift: "
            + drift.changedOutside()
            + " objects changed outside Forma, "
            + drift.deletedOutside()
            + " deleted outside Forma."
            + (policy.repairDrift() ? " Repairing." : " Not repaired (-repair-drift repairs)."));
    if (!policy.repairDrift()) {
      reportedDrift = drift;
      return succeeded(start, "ok");
    }
    repairRefused = false;
    reportedDrift = null;
    Duration wait = reconcile(start, revision, dir, true);
    if (repairRefused) {
      reportedDrift = drift; // refused: not tried again while the drift stays the same
    }
    return wait;
  }

  /** What stays in the cloud after a failed or refused commit. */
  private String kept() {
    String a = status.applied();
    return a == null
        ? "no commit has been applied yet"
        : "the last good commit stays applied (" + a + ")";
  }

  private Duration succeeded(Instant start, String result) {
    failuresInARow = 0;
    status.succeeded();
    status.pass(result, Duration.between(start, clock.instant()));
    return backoff.interval();
  }

  private Duration waiting(Instant start, String revision, String why) {
    decide(revision, "waiting", why);
    status.pass("waiting", Duration.between(start, clock.instant()));
    return backoff.interval();
  }

  private Duration failed(Instant start, String revision, String event, String message) {
    failuresInARow++;
    Duration wait = backoff.after(failuresInARow);
    String sentence = message.endsWith(".") ? message : message + ".";
    Decision d = decide(revision, event, sentence + " Next try in " + Durations.format(wait) + ".");
    status.failed(d, failuresInARow);
    status.pass("failed", Duration.between(start, clock.instant()));
    return wait;
  }

  private Decision decide(String revision, String event, String summary) {
    Decision d = log.record(revision, event, summary);
    status.decided(d);
    return d;
  }
}
