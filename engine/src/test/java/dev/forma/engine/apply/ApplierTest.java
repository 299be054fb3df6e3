package dev.forma.engine.apply;

import static dev.forma.engine.apply.ApplyFixture.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.providers.MockProvider;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import dev.forma.state.InstanceAddress;
import dev.forma.state.ObjectStatus;
import dev.forma.state.ResourceInstance;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.codec.JournalCodec;
import dev.forma.state.codec.JournalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ApplierTest {
  @TempDir Path dir;

  private static final String CHAIN =
      """
      resource "terraform_data" "a" {
        input = "one"
      }
      resource "terraform_data" "b" {
        input = terraform_data.a.output
      }
      resource "terraform_data" "c" {
        triggers_replace = "x"
      }
      output "o" {
        value = terraform_data.b.output
      }
      output "s" {
        value     = terraform_data.a.id
        sensitive = true
      }
      """;

  private ApplyFixture fixture() {
    return new ApplyFixture(dir, MockProvider.simple());
  }

  private static String text(Value v, String attr) {
    Value a = ((ObjectValue) v.unmark()).attributes().get(attr);
    return a.unmark() instanceof StringValue s ? s.value() : String.valueOf(a);
  }

  private static InstanceAddress stateAddr(String a) {
    return StateAddresses.toState(addr(a));
  }

  @Test
  void createsEachObjectAfterItsDependenciesWithTheirNowKnownValues() throws Exception {
    ApplyFixture fx = fixture().config(CHAIN);
    fx.plan("terraform_data.a", Action.CREATE)
        .plan("terraform_data.b", Action.CREATE, "terraform_data.a")
        .plan("terraform_data.c", Action.CREATE);
    assertFalse(fx.changes.get(1).after().isWhollyKnown(), "b's input is unknown when planned");
    Result<ApplyOutcome> result = fx.apply(10);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    assertEquals("one", text(fx.current("terraform_data.b"), "input"));
    assertEquals("one", text(fx.current("terraform_data.b"), "output"));
    assertEquals(
        List.of("terraform_data.a"),
        fx.state().currentObject(stateAddr("terraform_data.b")).orElseThrow().dependencies());
    ApplySummary s = result.value().summary();
    assertEquals(3, s.added());
    assertTrue(s.succeeded());
    assertTrue(
        fx.printed().endsWith("\nApply complete! Resources: 3 added, 0 changed, 0 destroyed.\n"));
    State state = fx.state();
    assertEquals("\"one\"", state.outputs().get("o").value().toString());
    assertTrue(state.outputs().get("s").sensitive());
  }

  @Test
  void journalsTheIntentBeforeTheCreateAndTheObjectBeforeAnyDependentStarts() throws Exception {
    ApplyFixture fx = fixture().config(CHAIN);
    fx.plan("terraform_data.a", Action.CREATE)
        .plan("terraform_data.b", Action.CREATE, "terraform_data.a");
    Result<ApplyOutcome> result = fx.apply(new Applier(), Plan.Mode.NORMAL, 10, h -> h, false);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    List<String> records = new ArrayList<>();
    byte[] bytes = Files.readAllBytes(fx.backend.journalPath());
    int line = 0;
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        JournalRecord r =
            JournalCodec.decode(java.util.Arrays.copyOfRange(bytes, start, i), "journal", ++line);
        if (r instanceof JournalRecord.Change c) {
          records.add(describe(c.change()));
        }
        start = i + 1;
      }
    }
    fx.transaction.commit();
    assertEquals(
        List.of(
            "intent terraform_data.a",
            "set terraform_data.a",
            "intent terraform_data.b",
            "set terraform_data.b",
            "output o",
            "output s"),
        records);
  }

  @Test
  void aMovedObjectIsJournaledAsOneMoveAndKeepsItsObject() throws Exception {
    ApplyFixture fx =
        fixture()
            .config(
                "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n"
                    + "resource \"terraform_data\" \"b\" {\n  input = \"y\"\n}\n");
    fx.plan("terraform_data.a", Action.CREATE).plan("terraform_data.b", Action.CREATE);
    assertFalse(fx.apply(1).hasErrors());
    Value before = fx.current("terraform_data.a");
    fx.config(
        "resource \"terraform_data\" \"renamed\" {\n  input = \"x\"\n}\n"
            + "moved {\n  from = terraform_data.a\n  to   = terraform_data.renamed\n}\n"
            + "resource \"terraform_data\" \"b\" {\n  input = \"y\"\n}\n");
    Result<Plan> planned =
        dev.forma.engine.plan.Planner.plan(
            new dev.forma.engine.plan.PlanRequest(
                fx.module,
                fx.state(),
                Map.of(),
                fx.providers,
                dev.forma.engine.plan.PlanOptions.defaults(),
                Map.of(),
                new dev.forma.engine.config.ModuleEvaluator.Environment(
                    dir, dir, "default", java.time.Instant.EPOCH)));
    assertFalse(planned.hasErrors(), planned.diagnostics().toString());
    Result<ApplyOutcome> result = fx.apply(new Applier(), planned.value(), 1, h -> h, false);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    List<String> records = new ArrayList<>();
    for (String line : Files.readAllLines(fx.backend.journalPath())) {
      JournalRecord r =
          JournalCodec.decode(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), "j", 1);
      if (r instanceof JournalRecord.Change c) {
        records.add(describe(c.change()));
      }
    }
    fx.transaction.commit();
    assertEquals(List.of("move terraform_data.a terraform_data.renamed"), records);
    assertEquals(before, fx.current("terraform_data.renamed"));
    assertTrue(
        fx.state()
            .resource(StateAddresses.toState(ApplyFixture.addr("terraform_data.a").resource()))
            .isEmpty());
  }

  private static String describe(StateChange change) {
    return switch (change) {
      case StateChange.Intent i -> "intent " + i.address();
      case StateChange.ForgetIntent f -> "forget " + f.address();
      case StateChange.SetCurrent s -> "set " + s.address();
      case StateChange.RemoveCurrent r -> "remove " + r.address();
      case StateChange.Depose d -> "depose " + d.address();
      case StateChange.Undepose u -> "undepose " + u.address();
      case StateChange.SetDeposed s -> "set deposed " + s.address();
      case StateChange.RemoveDeposed r -> "remove deposed " + r.address();
      case StateChange.SetOutput o -> "output " + o.name();
      case StateChange.RemoveOutput o -> "remove output " + o.name();
      case StateChange.Move m -> "move " + m.from() + " " + m.to();
      case StateChange.SetCheckResults c -> "checks";
    };
  }

  @Test
  void theProviderGetsTheTokenJournaledBeforeTheCall() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE);
    List<String> pendingDuringCreate = Collections.synchronizedList(new ArrayList<>());
    mock.always(
        MockProvider.Method.CREATE,
        "mock_thing",
        req -> {
          Requests.Create create = (Requests.Create) req;
          pendingDuringCreate.add(
              fx.transaction.state().pendingIntents().get(stateAddr("mock_thing.m")));
          pendingDuringCreate.add(create.idempotencyToken());
          return new Requests.ApplyResult(withId(create.plannedState(), "m-1"), null, List.of());
        });
    Result<ApplyOutcome> result = fx.apply(1);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    assertNotNull(pendingDuringCreate.get(0));
    assertEquals(pendingDuringCreate.get(1), pendingDuringCreate.get(0));
    assertTrue(fx.backend.read().recovery().isEmpty(), "the intent was settled");
  }

  private static Value withId(Value planned, String id) {
    Map<String, Value> attrs = new LinkedHashMap<>(((ObjectValue) planned.unmark()).attributes());
    attrs.put("id", Value.of(id));
    return Value.object(attrs);
  }

  @Test
  void updatesInPlace() throws Exception {
    ApplyFixture fx = fixture().config(CHAIN);
    fx.plan("terraform_data.a", Action.CREATE).apply(1);
    String id = text(fx.current("terraform_data.a"), "id");
    fx.config(CHAIN.replace("\"one\"", "\"two\""));
    fx.plan("terraform_data.a", Action.UPDATE);
    fx.printed.reset();
    Result<ApplyOutcome> result = fx.apply(1);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    assertEquals("two", text(fx.current("terraform_data.a"), "output"));
    assertEquals(id, text(fx.current("terraform_data.a"), "id"));
    assertEquals(
        "terraform_data.a: Modifying... [id="
            + id
            + "]\n"
            + "terraform_data.a: Modifications complete after 0s [id="
            + id
            + "]\n"
            + "\nApply complete! Resources: 0 added, 1 changed, 0 destroyed.\n",
        fx.printed());
  }

  @Test
  void replacesByDeletingFirst() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE).apply(1);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n2\"\n}\n");
    fx.plan("mock_thing.m", Action.DELETE_THEN_CREATE);
    fx.printed.reset();
    Result<ApplyOutcome> result = fx.apply(4);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    assertEquals(
        List.of("DELETE mock_thing", "PLAN_CHANGE mock_thing", "CREATE mock_thing"),
        lastCalls(mock, 3));
    assertEquals("mock_thing-2", text(fx.current("mock_thing.m"), "id"));
    assertEquals(
        "mock_thing.m: Destroying... [id=mock_thing-1]\n"
            + "mock_thing.m: Destruction complete after 0s\n"
            + "mock_thing.m: Creating...\n"
            + "mock_thing.m: Creation complete after 0s [id=mock_thing-2]\n"
            + "\nApply complete! Resources: 1 added, 0 changed, 1 destroyed.\n",
        fx.printed());
  }

  private static List<String> lastCalls(MockProvider mock, int n) {
    List<String> all = mock.callSummary();
    return all.subList(all.size() - n, all.size());
  }

  @Test
  void replacesUnderCreateBeforeDestroyWithTheOldObjectDeposedUntilDependentsAreUpdated()
      throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    String config =
        """
        resource "mock_thing" "m" {
          name = "n"
        }
        resource "mock_thing" "user" {
          name = mock_thing.m.id
        }
        """;
    fx.config(config);
    fx.plan("mock_thing.m", Action.CREATE).plan("mock_thing.user", Action.CREATE, "mock_thing.m");
    fx.apply(1);
    fx.config(config.replace("\"n\"", "\"n2\""));
    fx.plan("mock_thing.m", Action.CREATE_THEN_DELETE);
    fx.plan("mock_thing.user", Action.UPDATE, "mock_thing.m");
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    mock.on(
        MockProvider.Method.CREATE,
        "mock_thing",
        3,
        req -> {
          ResourceInstance m =
              fx.transaction.state().snapshot().instance(stateAddr("mock_thing.m")).orElseThrow();
          seen.add(
              "during create: current=" + (m.current() != null) + " deposed=" + m.deposed().size());
          return new Requests.ApplyResult(
              withId(((Requests.Create) req).plannedState(), "m-new"), null, List.of());
        });
    mock.always(
        MockProvider.Method.DELETE,
        "mock_thing",
        req -> {
          Value user =
              fx.transaction
                  .state()
                  .snapshot()
                  .currentObject(stateAddr("mock_thing.user"))
                  .map(o -> Value.of(o.attributes().get("name").asText()))
                  .orElseThrow();
          seen.add("during delete: user.name=" + ((StringValue) user).value());
          return Requests.Diagnostics.NONE;
        });
    fx.printed.reset();
    Result<ApplyOutcome> result = fx.apply(4);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    assertEquals(
        List.of("during create: current=false deposed=1", "during delete: user.name=m-new"), seen);
    ResourceInstance m = fx.state().instance(stateAddr("mock_thing.m")).orElseThrow();
    assertTrue(m.deposed().isEmpty());
    assertEquals("m-new", m.current().attributes().get("id").asText());
    assertTrue(m.current().createBeforeDestroy());
    String out = fx.printed();
    assertTrue(
        out.matches(
            "(?s)mock_thing\\.m: Creating\\.\\.\\.\n"
                + "mock_thing\\.m: Creation complete after 0s \\[id=m-new\\]\n"
                + "mock_thing\\.user: Modifying\\.\\.\\. \\[id=mock_thing-2\\]\n"
                + "mock_thing\\.user: Modifications complete after 0s \\[id=mock_thing-2\\]\n"
                + "mock_thing\\.m \\(deposed object [0-9a-f]{8}\\): Destroying\\.\\.\\."
                + " \\[id=mock_thing-1\\]\n"
                + "mock_thing\\.m: Destruction complete after 0s\n"
                + "\nApply complete! Resources: 1 added, 1 changed, 1 destroyed\\.\n"),
        out);
  }

  @Test
  void aFailedCreateBeforeDestroyRestoresTheOldObjectAsCurrent() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE).apply(1);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n2\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE_THEN_DELETE);
    mock.fail(MockProvider.Method.CREATE, "mock_thing", 2, "Quota exceeded", "no more things");
    Result<ApplyOutcome> result = fx.apply(4);
    assertTrue(result.hasErrors());
    assertEquals("Quota exceeded", result.diagnostics().asList().get(0).summary());
    assertTrue(mock.calls(MockProvider.Method.DELETE).isEmpty());
    ResourceInstance m = fx.state().instance(stateAddr("mock_thing.m")).orElseThrow();
    assertEquals("mock_thing-1", m.current().attributes().get("id").asText());
    assertTrue(m.deposed().isEmpty(), "the old object is current again, not deposed");
    assertTrue(fx.backend.read().recovery().isEmpty(), "the failed create settled its intent");
  }

  @Test
  void aCreateBeforeDestroyThatCrashedKeepsTheOldObjectDeposedAndTheIntentPending()
      throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE).apply(1);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n2\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE_THEN_DELETE);
    mock.on(
        MockProvider.Method.CREATE,
        "mock_thing",
        2,
        req -> {
          throw new IllegalStateException("connection reset");
        });
    Result<ApplyOutcome> result = fx.apply(4);
    assertTrue(result.hasErrors());
    ResourceInstance m = fx.state().instance(stateAddr("mock_thing.m")).orElseThrow();
    // The new object may exist: the old one stays deposed, the create stays pending.
    assertNull(m.current());
    assertEquals(1, m.deposed().size());
  }

  @Test
  void aCreateWhoseOutcomeIsUnknownStaysPendingAndSaysSo() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE);
    mock.always(
        MockProvider.Method.CREATE,
        "mock_thing",
        req ->
            Requests.ApplyResult.unknownOutcome(
                List.of(
                    dev.forma.provider.api.ProviderDiagnostic.error(
                        "Create outcome unknown", "the answer was lost"))));
    Result<ApplyOutcome> result = fx.apply(1);
    assertTrue(result.hasErrors());
    assertTrue(
        result.diagnostics().toString().contains("The next plan asks the provider to look for it"),
        result.diagnostics().toString());
    assertFalse(fx.state().currentObject(stateAddr("mock_thing.m")).isPresent());
    assertEquals(
        1,
        fx.backend.read().recovery().orElseThrow().pendingIntents().size(),
        "the create stays pending for the next plan to look for");
  }

  @Test
  void deletesInReverseDependencyOrder() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    String config =
        """
        resource "mock_thing" "a" {
          name = "a"
        }
        resource "mock_thing" "b" {
          name = mock_thing.a.id
        }
        resource "mock_thing" "c" {
          name = mock_thing.b.id
        }
        """;
    fx.config(config);
    fx.plan("mock_thing.a", Action.CREATE)
        .plan("mock_thing.b", Action.CREATE, "mock_thing.a")
        .plan("mock_thing.c", Action.CREATE, "mock_thing.b")
        .apply(4);
    fx.config("");
    fx.planDelete("mock_thing.a").planDelete("mock_thing.b").planDelete("mock_thing.c");
    fx.printed.reset();
    Result<ApplyOutcome> result = fx.apply(new Applier(), Plan.Mode.DESTROY, 10, h -> h, true);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    List<String> deleted =
        mock.requests(MockProvider.Method.DELETE, Requests.Delete.class).stream()
            .map(d -> text(d.priorState(), "name"))
            .toList();
    assertEquals(List.of("mock_thing-2", "mock_thing-1", "a"), deleted);
    assertTrue(fx.state().resources().isEmpty());
    assertTrue(fx.printed().endsWith("\nDestroy complete! Resources: 3 destroyed.\n"));
  }

  @Test
  void aFailureSkipsOnlyItsDependentsAndEveryFailureIsReported() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config(
        """
        resource "mock_thing" "a" {
          name = "a"
        }
        resource "mock_thing" "bad" {
          name = mock_thing.a.id
        }
        resource "mock_thing" "after_bad" {
          name = mock_thing.bad.id
        }
        resource "mock_thing" "other_bad" {
          name = "other_bad"
        }
        resource "mock_thing" "fine" {
          name = "fine"
        }
        """);
    fx.plan("mock_thing.a", Action.CREATE)
        .plan("mock_thing.bad", Action.CREATE, "mock_thing.a")
        .plan("mock_thing.after_bad", Action.CREATE, "mock_thing.bad")
        .plan("mock_thing.other_bad", Action.CREATE)
        .plan("mock_thing.fine", Action.CREATE);
    mock.always(
        MockProvider.Method.CREATE,
        "mock_thing",
        req -> {
          Requests.Create c = (Requests.Create) req;
          String name = text(c.plannedState(), "name");
          if (name.equals("id-a") || name.equals("other_bad")) {
            return new Requests.ApplyResult(
                null, null, List.of(ProviderDiagnostic.error("Creation refused", name)));
          }
          return new Requests.ApplyResult(withId(c.plannedState(), "id-" + name), null, List.of());
        });
    Result<ApplyOutcome> result = fx.apply(3);
    ApplyOutcome outcome = result.value();
    assertEquals(
        List.of("mock_thing.bad", "mock_thing.other_bad"),
        outcome.failures().stream().map(f -> f.target().toString()).sorted().toList());
    assertEquals(
        List.of("mock_thing.after_bad"),
        outcome.skipped().stream().map(ObjectTarget::toString).toList());
    assertEquals(2, result.diagnostics().errorCount());
    for (Diagnostic d : result.diagnostics()) {
      assertEquals("Creation refused", d.summary());
      assertNotNull(d.subject(), "points at the resource block");
    }
    State state = fx.state();
    assertTrue(state.currentObject(stateAddr("mock_thing.a")).isPresent());
    assertTrue(state.currentObject(stateAddr("mock_thing.fine")).isPresent());
    assertTrue(state.currentObject(stateAddr("mock_thing.bad")).isEmpty());
    assertTrue(state.currentObject(stateAddr("mock_thing.after_bad")).isEmpty());
    assertFalse(fx.printed().contains("Apply complete!"));
    assertEquals(2, outcome.summary().added());
  }

  @Test
  void aCreateThatFailsAfterMakingTheObjectLeavesItTainted() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE);
    mock.always(
        MockProvider.Method.CREATE,
        "mock_thing",
        req ->
            new Requests.ApplyResult(
                withId(((Requests.Create) req).plannedState(), "half-made"),
                null,
                List.of(ProviderDiagnostic.error("Instance not healthy", "timed out waiting"))));
    Result<ApplyOutcome> result = fx.apply(1);
    assertTrue(result.hasErrors());
    var object = fx.state().currentObject(stateAddr("mock_thing.m")).orElseThrow();
    assertEquals(ObjectStatus.TAINTED, object.status());
    assertEquals("half-made", object.attributes().get("id").asText());
    assertEquals("mock_thing.m: Creating...\n", fx.printed());
  }

  @Test
  void anInconsistentCreateResultIsAnErrorButACreatedObjectIsNotTainted() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE);
    mock.always(
        MockProvider.Method.CREATE,
        "mock_thing",
        req -> {
          Map<String, Value> attrs =
              new LinkedHashMap<>(
                  ((ObjectValue) ((Requests.Create) req).plannedState()).attributes());
          attrs.put("id", Value.of("x"));
          attrs.put("name", Value.of("renamed"));
          return new Requests.ApplyResult(Value.object(attrs), null, List.of());
        });
    Result<ApplyOutcome> result = fx.apply(1);
    Diagnostic d = result.diagnostics().asList().get(0);
    assertEquals("Provider produced inconsistent result after apply", d.summary());
    assertEquals(
        "When applying changes to mock_thing.m, provider"
            + " \"provider[\\\"registry.terraform.io/hashicorp/mock\\\"]\" produced an unexpected"
            + " new value: .name: was cty.StringVal(\"n\"), but now cty.StringVal(\"renamed\")."
            + "\n\nThis is a bug in the provider, which should be reported in the provider's own"
            + " issue tracker.",
        d.detail());
    // The create succeeded: the object is kept, not tainted (no replacement of a healthy object),
    // and the step is not reported as complete.
    assertEquals(
        ObjectStatus.READY,
        fx.state().currentObject(stateAddr("mock_thing.m")).orElseThrow().status());
    assertFalse(fx.printed().contains("Creation complete"), fx.printed());
    assertEquals(0, result.value().summary().added());
  }

  @Test
  void anInconsistentUpdateResultIsAnErrorAndNotReportedComplete() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE).apply(1);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n2\"\n}\n");
    fx.plan("mock_thing.m", Action.UPDATE);
    mock.always(
        MockProvider.Method.UPDATE,
        "mock_thing",
        req -> {
          Map<String, Value> attrs =
              new LinkedHashMap<>(
                  ((ObjectValue) ((Requests.Update) req).plannedState()).attributes());
          attrs.put("name", Value.of("renamed"));
          return new Requests.ApplyResult(Value.object(attrs), null, List.of());
        });
    Result<ApplyOutcome> result = fx.apply(1);
    assertEquals(
        "Provider produced inconsistent result after apply",
        result.diagnostics().asList().get(0).summary());
    assertFalse(fx.printed().contains("Modifications complete"), fx.printed());
    assertEquals(0, result.value().summary().changed());
  }

  @Test
  void sensitiveValuesBecomeSensitiveAttributesInState() throws Exception {
    ApplyFixture fx =
        fixture()
            .config(
                """
                resource "terraform_data" "a" {
                  input = sensitive("secret")
                }
                """);
    fx.plan("terraform_data.a", Action.CREATE);
    Result<ApplyOutcome> result = fx.apply(1);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    var object = fx.state().currentObject(stateAddr("terraform_data.a")).orElseThrow();
    assertEquals("[input]", object.sensitiveAttributes().toString());
  }

  @Test
  void stillCreatingLinesFollowTheInjectedClock() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE);
    CountDownLatch reported = new CountDownLatch(1);
    mock.always(
        MockProvider.Method.CREATE,
        "mock_thing",
        req -> {
          fx.clock.advance(java.time.Duration.ofMillis(10_300));
          try {
            reported.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          fx.clock.advance(java.time.Duration.ofMillis(1_900));
          return new Requests.ApplyResult(
              withId(((Requests.Create) req).plannedState(), "slow-1"), null, List.of());
        });
    Result<ApplyOutcome> result =
        fx.apply(
            new Applier(),
            Plan.Mode.NORMAL,
            1,
            printer ->
                new ApplyHooks() {
                  @Override
                  public void preApply(ObjectTarget t, Operation o, String id) {
                    printer.preApply(t, o, id);
                  }

                  @Override
                  public void stillApplying(
                      ObjectTarget t, Operation o, java.time.Duration e, String s) {
                    printer.stillApplying(t, o, e, s);
                    reported.countDown();
                  }

                  @Override
                  public void postApply(
                      ObjectTarget t, Operation o, boolean ok, String id, java.time.Duration e) {
                    printer.postApply(t, o, ok, id, e);
                  }
                },
            true);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    assertEquals(
        "mock_thing.m: Creating...\n"
            + "mock_thing.m: Still creating... [10s elapsed]\n"
            + "mock_thing.m: Creation complete after 12s [id=slow-1]\n",
        fx.printed());
  }

  @Test
  void firstStopFinishesRunningStepsRecordsThemAndStartsNoOther() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config(
        """
        resource "mock_thing" "a" {
          name = "a"
        }
        resource "mock_thing" "b" {
          name = "b"
        }
        """);
    fx.plan("mock_thing.a", Action.CREATE).plan("mock_thing.b", Action.CREATE);
    Applier applier = new Applier();
    CountDownLatch inCreate = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    mock.on(
        MockProvider.Method.CREATE,
        "mock_thing",
        1,
        req -> {
          inCreate.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return new Requests.ApplyResult(
              withId(((Requests.Create) req).plannedState(), "a-1"), null, List.of());
        });
    CompletableFuture<Result<ApplyOutcome>> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return fx.apply(applier, Plan.Mode.NORMAL, 1, h -> h, true);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    inCreate.await();
    applier.requestStop();
    release.countDown();
    Result<ApplyOutcome> result = running.get();
    assertEquals(WalkResult.StopLevel.GRACEFUL, result.value().stop());
    assertEquals(
        List.of("mock_thing.b"),
        result.value().notStarted().stream().map(ObjectTarget::toString).toList());
    assertEquals("execution halted", result.diagnostics().asList().get(0).summary());
    assertEquals(1, mock.calls(MockProvider.Method.CREATE).size());
    State state = fx.state();
    assertTrue(state.currentObject(stateAddr("mock_thing.a")).isPresent());
    assertTrue(state.currentObject(stateAddr("mock_thing.b")).isEmpty());
  }

  @Test
  void secondStopReturnsAtOnceAndLeavesTheCreateInFlightForTheNextPlan() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE);
    Applier applier = new Applier();
    CountDownLatch inCreate = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    mock.always(
        MockProvider.Method.CREATE,
        "mock_thing",
        req -> {
          inCreate.countDown();
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("interrupted while waiting for the cloud");
        });
    CompletableFuture<Result<ApplyOutcome>> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return fx.apply(applier, Plan.Mode.NORMAL, 1, h -> h, false);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    inCreate.await();
    applier.requestStop();
    applier.requestStop();
    Result<ApplyOutcome> result = running.get();
    assertEquals(WalkResult.StopLevel.IMMEDIATE, result.value().stop());
    assertEquals(
        List.of("mock_thing.m"),
        result.value().notStarted().stream().map(ObjectTarget::toString).toList());
    String token =
        mock.requests(MockProvider.Method.CREATE, Requests.Create.class).get(0).idempotencyToken();
    // The process exits here: the next command finds the intent in the journal.
    var recovered =
        new dev.forma.state.backend.LocalStateStore(fx.backend.statePath(), "0.1.0")
            .read()
            .recovery()
            .orElseThrow();
    assertEquals(Map.of(stateAddr("mock_thing.m"), token), recovered.pendingIntents());
  }

  @Test
  void aCrashBetweenIntentAndResultLeavesAnIntentThePlannerCanLookUp() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    fx.plan("mock_thing.m", Action.CREATE);
    mock.always(
        MockProvider.Method.CREATE,
        "mock_thing",
        req -> {
          throw new IllegalStateException("connection reset after the object was made");
        });
    Result<ApplyOutcome> result = fx.apply(new Applier(), Plan.Mode.NORMAL, 1, h -> h, false);
    Diagnostic d = result.diagnostics().asList().get(0);
    assertEquals("Provider error", d.summary());
    assertTrue(d.detail().contains("connection reset after the object was made"), d.detail());
    // Abandon the transaction as a killed process would: no compaction.
    var recovered =
        new dev.forma.state.backend.LocalStateStore(fx.backend.statePath(), "0.1.0")
            .read()
            .recovery()
            .orElseThrow();
    String token =
        mock.requests(MockProvider.Method.CREATE, Requests.Create.class).get(0).idempotencyToken();
    assertEquals(Map.of(stateAddr("mock_thing.m"), token), recovered.pendingIntents());
    // What the planner then asks the provider: by this token, for the planned object.
    Requests.ReadResult found =
        mock.findInFlight(
            new Requests.FindInFlight(
                "mock_thing",
                fx.changes.get(0).after(),
                recovered.pendingIntents().values().iterator().next()));
    assertNull(found.newState());
  }

  @Test
  void recordsAPlannedImportThenUpdatesIt() throws Exception {
    MockProvider mock = MockProvider.simple();
    ApplyFixture fx = new ApplyFixture(dir, mock);
    fx.config("resource \"mock_thing\" \"m\" {\n  name = \"n\"\n}\n");
    Value imported =
        Value.object(
            Map.of(
                "id", Value.of("existing-7"),
                "name", Value.of("old"),
                "size", Value.nullOf(dev.forma.provider.api.value.Type.NUMBER)));
    Value after =
        Value.object(
            Map.of(
                "id", Value.of("existing-7"),
                "name", Value.of("n"),
                "size", Value.nullOf(dev.forma.provider.api.value.Type.NUMBER)));
    fx.plan(
        new dev.forma.engine.plan.ResourceChange(
            addr("mock_thing.m"),
            null,
            ApplyFixture.MOCK,
            Action.UPDATE,
            dev.forma.engine.plan.ActionReason.NONE,
            imported,
            after,
            List.of(),
            "existing-7",
            List.of(),
            false,
            null,
            null));
    Result<ApplyOutcome> result = fx.apply(1);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    assertEquals("n", text(fx.current("mock_thing.m"), "name"));
    assertEquals(
        "mock_thing.m: Importing... [id=existing-7]\n"
            + "mock_thing.m: Import complete [id=existing-7]\n"
            + "mock_thing.m: Modifying... [id=existing-7]\n"
            + "mock_thing.m: Modifications complete after 0s [id=existing-7]\n"
            + "\nApply complete! Resources: 1 imported, 0 added, 1 changed, 0 destroyed.\n",
        fx.printed());
  }

  @Test
  void bytesWrittenGrowLinearlyWithTheNumberOfResources() throws Exception {
    long hundred = applyMany(dir.resolve("a"), 60);
    long thousand = applyMany(dir.resolve("b"), 600);
    double ratio = (double) thousand / hundred;
    // Rewriting the state after each resource (Terraform) would make this near 100.
    assertTrue(ratio > 8 && ratio < 12, "ratio " + ratio + " (" + hundred + ", " + thousand + ")");
  }

  private long applyMany(Path directory, int n) throws Exception {
    Files.createDirectories(directory);
    StringBuilder config = new StringBuilder();
    for (int i = 0; i < n; i++) {
      config
          .append("resource \"terraform_data\" \"r")
          .append(i)
          .append("\" {\n  input = ")
          .append(i == 0 ? "\"start\"" : "terraform_data.r" + (i - 1) + ".output")
          .append("\n}\n");
    }
    ApplyFixture fx = new ApplyFixture(directory, MockProvider.simple());
    fx.config(config.toString());
    for (int i = 0; i < n; i++) {
      if (i == 0) {
        fx.plan("terraform_data.r0", Action.CREATE);
      } else {
        fx.plan("terraform_data.r" + i, Action.CREATE, "terraform_data.r" + (i - 1));
      }
    }
    Result<ApplyOutcome> result = fx.apply(10);
    assertFalse(result.hasErrors(), result.diagnostics().toString());
    assertEquals("start", text(fx.current("terraform_data.r" + (n - 1)), "output"));
    return fx.backend.bytesWritten();
  }
}
