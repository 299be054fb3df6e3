package dev.forma.cli.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the controller knows about itself, for {@code /status} (JSON) and {@code /metrics}
 * (Prometheus text): the revisions seen, planned and applied, the last plan's Markdown summary, the
 * drift found, the recent errors, whether it is paused, and its counters. Only the loop writes it;
 * the HTTP server reads it; every method is synchronized. It holds no value of the state: plan
 * summaries come from the Markdown renderer, which masks sensitive values, and go through the
 * {@link Redactor}.
 */
final class ControllerStatus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KEPT_ERRORS = 10;

  private String repository;
  private String branch;
  private String path;
  private String mode;
  private String seen;
  private String planned;
  private String applied;
  private String refused;
  private String lastPlanMarkdown;
  private String lastPlanCounts;
  private boolean driftFound;
  private int changedOutside;
  private int deletedOutside;
  private Instant driftCheckedAt;
  private boolean paused;
  private int failuresInARow;
  private Decision lastDecision;
  private final Deque<Decision> errors = new ArrayDeque<>();
  private final Map<String, Long> reconciles = new TreeMap<>();
  private double durationSeconds;
  private long durationCount;
  private long objectsChanged;
  private long driftDetected;
  private long failures;

  synchronized void describe(String repository, String branch, String path, String mode) {
    this.repository = repository;
    this.branch = branch;
    this.path = path;
    this.mode = mode;
  }

  synchronized void seen(String revision) {
    this.seen = revision;
  }

  synchronized void planned(String revision, Steps.PlanResult plan, String markdown) {
    this.planned = revision;
    this.lastPlanCounts = plan.counts();
    this.lastPlanMarkdown = markdown;
  }

  synchronized void applied(String revision, Steps.PlanResult plan) {
    this.applied = revision;
    this.objectsChanged += plan.add() + plan.change() + plan.destroy();
  }

  synchronized void refused(String revision) {
    this.refused = revision;
  }

  synchronized void drift(Steps.DriftResult d, Instant at) {
    if (d.hasDrift()) {
      driftDetected++;
    }
    this.driftFound = d.hasDrift();
    this.changedOutside = d.changedOutside();
    this.deletedOutside = d.deletedOutside();
    this.driftCheckedAt = at;
  }

  synchronized void repaired() {
    this.driftFound = false;
    this.changedOutside = 0;
    this.deletedOutside = 0;
  }

  synchronized void paused(boolean paused) {
    this.paused = paused;
  }

  synchronized void failed(Decision d, int inARow) {
    failures++;
    failuresInARow = inARow;
    errors.addLast(d);
    while (errors.size() > KEPT_ERRORS) {
      errors.removeFirst();
    }
  }

  synchronized void succeeded() {
    failuresInARow = 0;
  }

  synchronized void decided(Decision d) {
    lastDecision = d;
  }

  /** One pass of the loop that did some work, by result: ok, failed, refused, waiting. */
  synchronized void pass(String result, Duration took) {
    reconciles.merge(result, 1L, Long::sum);
    durationSeconds += took.toNanos() / 1e9;
    durationCount++;
  }

  synchronized boolean isPaused() {
    return paused;
  }

  synchronized String applied() {
    return applied;
  }

  synchronized String json() {
    ObjectNode o = JSON.createObjectNode();
    o.put("repository", repository);
    o.put("branch", branch);
    o.put("path", path);
    o.put("mode", mode);
    o.put("paused", paused);
    ObjectNode rev = o.putObject("revision");
    rev.put("seen", seen);
    rev.put("planned", planned);
    rev.put("applied", applied);
    rev.put("refused", refused);
    ObjectNode plan = o.putObject("last_plan");
    plan.put("counts", lastPlanCounts);
    plan.put("summary_markdown", lastPlanMarkdown);
    ObjectNode drift = o.putObject("drift");
    drift.put("found", driftFound);
    drift.put("changed_outside", changedOutside);
    drift.put("deleted_outside", deletedOutside);
    drift.put("checked_at", driftCheckedAt == null ? null : driftCheckedAt.toString());
    o.put("failures_in_a_row", failuresInARow);
    ArrayNode errs = o.putArray("errors");
    for (Decision d : errors) {
      errs.add(DecisionLog.node(d));
    }
    o.set("last_decision", lastDecision == null ? null : DecisionLog.node(lastDecision));
    return o.toPrettyString() + "\n";
  }

  synchronized String metrics() {
    StringBuilder b = new StringBuilder();
    b.append("# HELP forma_reconcile_runs_total Reconcile passes that did work, by result.\n");
    b.append("# TYPE forma_reconcile_runs_total counter\n");
    for (String result : new String[] {"ok", "failed", "refused", "waiting"}) {
      b.append("forma_reconcile_runs_total{result=\"")
          .append(result)
          .append("\"} ")
          .append(reconciles.getOrDefault(result, 0L))
          .append('\n');
    }
    b.append("# HELP forma_reconcile_duration_seconds Time spent in reconcile passes.\n");
    b.append("# TYPE forma_reconcile_duration_seconds summary\n");
    b.append("forma_reconcile_duration_seconds_sum ")
        .append(String.format(Locale.ROOT, "%.3f", durationSeconds))
        .append('\n');
    b.append("forma_reconcile_duration_seconds_count ").append(durationCount).append('\n');
    counter(
        b,
        "forma_reconcile_objects_changed_total",
        "Objects added, changed or destroyed by applies.",
        objectsChanged);
    counter(
        b, "forma_reconcile_drift_detected_total", "Drift checks that found drift.", driftDetected);
    counter(
        b,
        "forma_reconcile_failures_total",
        "Failed fetches, plans, applies and drift checks.",
        failures);
    gauge(
        b,
        "forma_reconcile_drift_objects",
        "Objects changed or deleted outside Forma at the last check.",
        changedOutside + deletedOutside);
    gauge(b, "forma_reconcile_paused", "1 while the controller is paused.", paused ? 1 : 0);
    gauge(
        b, "forma_reconcile_failures_in_a_row", "Failures since the last success.", failuresInARow);
    return b.toString();
  }

  private static void counter(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" counter\n");
    b.append(name).append(' ').append(value).append('\n');
  }

  private static void gauge(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" gauge\n");
    b.append(name).append(' ').append(value).append('\n');
  }
}
