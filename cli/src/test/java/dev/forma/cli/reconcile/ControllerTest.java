package dev.forma.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile loop over a scripted branch and scripted steps: what it plans, applies, refuses,
 * reports and how long it waits. The steps are a fake on purpose: their real counterparts (Forma's
 * commands) are pinned by their own tests and end to end by ReconcileE2EIT.
 */
class ControllerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final FakeSource source = new FakeSource();
  private final ScriptedSteps steps = new ScriptedSteps();
  private final ControllerStatus status = new ControllerStatus();

  private Controller controller(Policy policy) {
    DecisionLog log =
        new DecisionLog(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
            Redactor.of(Map.of("TF_VAR_api_key", "sk-very-secret")));
    return new Controller(
        source,
        steps,
        policy,
        new Backoff(INTERVAL, Duration.ofSeconds(75)),
        log,
        status,
        tmp.resolve("data/paused"),
        Clock.systemUTC());
  }

  private static Steps.PlanResult plan(int add, int change, int destroy) {
    return new Steps.PlanResult(
        Steps.Outcome.OK,
        add + change + destroy > 0,
        add,
        change,
        destroy,
        "## Forma plan\n",
        Path.of("x.tfplan"),
        null);
  }

  private static final Steps.DriftResult NO_DRIFT =
      new Steps.DriftResult(Steps.Outcome.OK, 0, 0, null);

  /** The decisions logged so far, as (revision, event) pairs, each line checked to be JSON. */
  private List<String> events() throws Exception {
    List<String> events = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      JsonNode d = JSON.readTree(line);
      assertEquals("2026-01-02T03:04:05Z", d.path("time").asText());
      assertTrue(d.has("summary"), line);
      events.add(d.path("revision").asText() + " " + d.path("event").asText());
    }
    return events;
  }

  @Test
  void appliesEachNewCommitOnceAndChecksDriftBetweenCommits() throws Exception {
    Controller c = controller(new Policy(true, false, -1));
    source.head = "c1";
    steps.plans.add(plan(3, 0, 0));
    assertEquals(INTERVAL, c.pass());
    steps.drifts.add(NO_DRIFT);
    assertEquals(INTERVAL, c.pass()); // nothing new: a drift check of c1
    source.head = "c2";
    steps.plans.add(plan(0, 1, 0));
    c.pass();
    assertEquals(List.of("plan c1", "apply c1", "drift c1", "plan c2", "apply c2"), steps.calls);
    assertEquals(List.of("c1 applying", "c1 applied", "c2 applying", "c2 applied"), events());
    assertTrue(status.json().contains("\"applied\" : \"c2\""), status.json());
    assertTrue(
        status.metrics().contains("forma_reconcile_objects_changed_total 4\n"), status.metrics());
    assertTrue(
        status.metrics().contains("forma_reconcile_runs_total{result=\"ok\"} 3\n"),
        status.metrics());
  }

  @Test
  void planOnlyReportsEachCommitAndAppliesNothing() throws Exception {
    Controller c = controller(new Policy(false, false, -1));
    source.head = "c1";
    steps.plans.add(plan(1, 0, 0));
    c.pass();
    steps.drifts.add(NO_DRIFT);
    c.pass();
    assertEquals(List.of("plan c1", "drift c1"), steps.calls);
    assertEquals(List.of("c1 planned"), events());
    assertTrue(out.toString().contains("Not applied: plan-only mode"), out.toString());
  }

  @Test
  void refusesAPlanThatDestroysMoreThanTheLimitAndKeepsCheckingTheLastGoodCommit()
      throws Exception {
    Controller c = controller(new Policy(true, false, 1));
    source.head = "good";
    steps.plans.add(plan(2, 0, 0));
    c.pass();
    source.head = "bad";
    steps.plans.add(plan(1, 0, 2)); // a replacement and a deletion: 2 objects destroyed
    assertEquals(INTERVAL, c.pass());
    steps.drifts.add(NO_DRIFT);
    c.pass(); // the refused commit is not planned again: drift of the last good one
    assertEquals(List.of("plan good", "apply good", "plan bad", "drift good"), steps.calls);
    assertEquals(List.of("good applying", "good applied", "bad refused"), events());
    assertTrue(
        out.toString().contains("deletes or replaces 2 objects, more than -max-destroy=1"),
        out.toString());
    assertTrue(out.toString().contains("stays applied (good)"), out.toString());
    assertEquals("good", status.applied());
    assertTrue(status.json().contains("\"refused\" : \"bad\""), status.json());
    assertTrue(status.metrics().contains("forma_reconcile_runs_total{result=\"refused\"} 1\n"));
  }

  @Test
  void aPlanWithinTheLimitIsApplied() throws Exception {
    Controller c = controller(new Policy(true, false, 2));
    source.head = "c1";
    steps.plans.add(plan(0, 0, 2));
    c.pass();
    assertEquals(List.of("plan c1", "apply c1"), steps.calls);
  }

  @Test
  void failuresBackOffDoublingUpToTheMaximumAndASuccessResetsTheWait() throws Exception {
    Controller c = controller(new Policy(true, false, -1));
    source.head = "c1";
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      steps.plans.add(Steps.PlanResult.failed(Steps.Outcome.FAILED, "Unsupported argument"));
      waits.add(c.pass());
    }
    steps.plans.add(plan(1, 0, 0));
    waits.add(c.pass());
    assertEquals(
        List.of(
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(75),
            Duration.ofSeconds(75),
            INTERVAL),
        waits);
    assertEquals("c1 plan-failed", events().get(0));
    assertTrue(
        out.toString()
            .contains(
                "Planning failed; no commit has been applied yet: Unsupported argument. Next try in 20s."),
        out.toString());
    assertTrue(status.metrics().contains("forma_reconcile_failures_total 4\n"));
    assertTrue(status.metrics().contains("forma_reconcile_failures_in_a_row 0\n"));
  }

  @Test
  void aLockedStateWaitsOneIntervalAndPlansAgainWithoutCountingAFailure() throws Exception {
    Controller c = controller(new Policy(true, false, -1));
    source.head = "c1";
    steps.plans.add(Steps.PlanResult.failed(Steps.Outcome.LOCKED, "locked by another replica"));
    assertEquals(INTERVAL, c.pass());
    steps.plans.add(plan(1, 0, 0));
    steps.applies.add(new Steps.ApplyResult(Steps.Outcome.STALE, "Saved plan is stale"));
    assertEquals(INTERVAL, c.pass());
    steps.plans.add(plan(0, 0, 0));
    c.pass();
    assertEquals(List.of("plan c1", "plan c1", "apply c1", "plan c1", "apply c1"), steps.calls);
    assertEquals(List.of("c1 waiting", "c1 applying", "c1 waiting", "c1 up-to-date"), events());
    assertTrue(status.metrics().contains("forma_reconcile_failures_total 0\n"));
    assertTrue(status.metrics().contains("forma_reconcile_runs_total{result=\"waiting\"} 2\n"));
  }

  @Test
  void aPlanWithoutChangesIsAppliedToSaveItsRefreshAndAdoptionsButOnlyWhenApplyingIsAllowed()
      throws Exception {
    Controller c = controller(new Policy(true, false, -1));
    source.head = "c1";
    steps.plans.add(plan(0, 0, 0));
    c.pass();
    assertEquals(List.of("plan c1", "apply c1"), steps.calls);
    assertEquals(List.of("c1 up-to-date"), events());
    Controller planOnly = controller(new Policy(false, false, -1));
    source.head = "c2";
    steps.plans.add(plan(0, 0, 0));
    planOnly.pass();
    assertEquals(List.of("plan c1", "apply c1", "plan c2"), steps.calls);
  }

  @Test
  void driftIsReportedWithoutRepairDriftAndNotApplied() throws Exception {
    Controller c = controller(new Policy(true, false, -1));
    source.head = "c1";
    steps.plans.add(plan(1, 0, 0));
    c.pass();
    steps.drifts.add(new Steps.DriftResult(Steps.Outcome.OK, 1, 0, null));
    c.pass();
    assertEquals(List.of("plan c1", "apply c1", "drift c1"), steps.calls);
    assertEquals("c1 drift", events().get(2));
    assertTrue(
        out.toString()
            .contains(
                "Drift: 1 objects changed outside Forma, 0 deleted outside Forma. Not repaired"));
    assertTrue(status.json().contains("\"found\" : true"), status.json());
    assertTrue(status.metrics().contains("forma_reconcile_drift_objects 1\n"));
  }

  @Test
  void driftIsToldWhenFoundWhenItChangesAndWhenItEndsNotAtEveryCheck() throws Exception {
    Controller c = controller(new Policy(true, false, -1));
    source.head = "c1";
    steps.plans.add(plan(1, 0, 0));
    c.pass();
    steps.drifts.add(new Steps.DriftResult(Steps.Outcome.OK, 1, 0, null));
    steps.drifts.add(new Steps.DriftResult(Steps.Outcome.OK, 1, 0, null));
    steps.drifts.add(new Steps.DriftResult(Steps.Outcome.OK, 1, 1, null));
    steps.drifts.add(NO_DRIFT);
    steps.drifts.add(NO_DRIFT);
    for (int i = 0; i < 5; i++) {
      c.pass();
    }
    assertEquals(
        List.of("c1 applying", "c1 applied", "c1 drift", "c1 drift", "c1 in-sync"), events());
    assertTrue(out.toString().contains("Drift: 1 objects changed outside Forma, 1 deleted"));
    assertTrue(status.metrics().contains("forma_reconcile_drift_detected_total 3\n"));
  }

  @Test
  void aRefusedRepairIsNotTriedAgainWhileTheDriftStaysTheSame() throws Exception {
    Controller c = controller(new Policy(true, true, 0));
    source.head = "c1";
    steps.plans.add(plan(1, 0, 0));
    c.pass();
    steps.drifts.add(new Steps.DriftResult(Steps.Outcome.OK, 0, 1, null));
    steps.plans.add(plan(1, 0, 1));
    c.pass();
    steps.drifts.add(new Steps.DriftResult(Steps.Outcome.OK, 0, 1, null));
    c.pass();
    assertEquals(List.of("plan c1", "apply c1", "drift c1", "plan c1", "drift c1"), steps.calls);
    assertEquals(List.of("c1 applying", "c1 applied", "c1 drift", "c1 refused"), events());
  }

  @Test
  void driftIsRepairedWithRepairDrift() throws Exception {
    Controller c = controller(new Policy(true, true, -1));
    source.head = "c1";
    steps.plans.add(plan(1, 0, 0));
    c.pass();
    steps.drifts.add(new Steps.DriftResult(Steps.Outcome.OK, 1, 0, null));
    steps.plans.add(plan(0, 1, 0));
    c.pass();
    assertEquals(List.of("plan c1", "apply c1", "drift c1", "plan c1", "apply c1"), steps.calls);
    assertEquals(
        List.of("c1 applying", "c1 applied", "c1 drift", "c1 repairing", "c1 repaired"), events());
    assertTrue(status.json().contains("\"found\" : false"), status.json());
    assertTrue(status.metrics().contains("forma_reconcile_drift_detected_total 1\n"));
  }

  @Test
  void repairingDriftAlsoKeepsTheDestroyLimit() throws Exception {
    Controller c = controller(new Policy(true, true, 0));
    source.head = "c1";
    steps.plans.add(plan(1, 0, 0));
    c.pass();
    steps.drifts.add(new Steps.DriftResult(Steps.Outcome.OK, 0, 1, null));
    steps.plans.add(plan(1, 0, 1)); // the repair would replace an object
    c.pass();
    assertEquals(List.of("plan c1", "apply c1", "drift c1", "plan c1"), steps.calls);
    assertEquals("c1 refused", events().get(3));
  }

  @Test
  void aPauseFileInTheConfigurationOrTheMarkerStopsPlanningUntilRemoved() throws Exception {
    Controller c = controller(new Policy(true, false, -1));
    source.head = "c1";
    Files.writeString(source.dir("c1").resolve(Controller.PAUSE_FILE), "");
    c.pass();
    c.pass();
    source.head = "c2";
    steps.plans.add(plan(1, 0, 0));
    c.pass(); // c2 removed the file
    Files.createDirectories(tmp.resolve("data"));
    Files.writeString(tmp.resolve("data/paused"), "");
    source.head = "c3";
    c.pass();
    assertTrue(status.metrics().contains("forma_reconcile_paused 1\n"));
    Files.delete(tmp.resolve("data/paused"));
    steps.plans.add(plan(1, 0, 0));
    c.pass();
    assertEquals(List.of("plan c2", "apply c2", "plan c3", "apply c3"), steps.calls);
    assertEquals(
        List.of(
            "c1 paused",
            "c2 resumed", // also when no commit was decided before the pause
            "c2 applying",
            "c2 applied",
            "c3 paused",
            "c3 resumed",
            "c3 applying",
            "c3 applied"),
        events());
  }

  @Test
  void aFailedFetchIsAFailureThatNamesNoCredential() throws Exception {
    Controller c = controller(new Policy(true, false, -1));
    source.fail = "git fetch failed: could not read from https://bot:sk-very-secret@git.example/x";
    assertEquals(Duration.ofSeconds(20), c.pass());
    String log = out.toString();
    assertTrue(log.contains("\"event\":\"fetch-failed\""), log);
    assertFalse(log.contains("sk-very-secret"), log);
    assertFalse(status.json().contains("sk-very-secret"), status.json());
  }

  /** A branch whose head the test sets; each commit's folder is a temporary folder. */
  private final class FakeSource implements Source {
    String head;
    String fail;

    Path dir(String revision) throws Exception {
      Path d = tmp.resolve("repo").resolve(revision);
      Files.createDirectories(d);
      return d;
    }

    @Override
    public String fetch() throws SourceException {
      if (fail != null) {
        throw new SourceException(fail);
      }
      return head;
    }

    @Override
    public Path checkout(String revision) throws SourceException {
      try {
        return dir(revision);
      } catch (Exception e) {
        throw new SourceException(e.toString());
      }
    }
  }

  /** Steps that answer from queues and record each call as "step revision". */
  private static final class ScriptedSteps implements Steps {
    final Deque<PlanResult> plans = new ArrayDeque<>();
    final Deque<ApplyResult> applies = new ArrayDeque<>();
    final Deque<DriftResult> drifts = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public PlanResult plan(Path dir, String revision) {
      calls.add("plan " + dir.getFileName());
      return plans.removeFirst();
    }

    @Override
    public ApplyResult apply(Path dir, PlanResult plan) {
      calls.add("apply " + dir.getFileName());
      return applies.isEmpty() ? new ApplyResult(Outcome.OK, null) : applies.removeFirst();
    }

    @Override
    public DriftResult drift(Path dir) {
      calls.add("drift " + dir.getFileName());
      return drifts.removeFirst();
    }
  }
}
