package dev.forma.engine.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.forma.engine.providers.MockProvider.Method;
import dev.forma.provider.api.Progress;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The mock provider engine tests script: defaults, scripted failures, the call log. */
class MockProviderTest {
  static Value thing(Value id, String name) {
    return Value.object(
        Map.of("id", id, "name", Value.of(name), "size", Value.nullOf(Type.NUMBER)));
  }

  static Requests.Create create(Value planned) {
    return new Requests.Create("mock_thing", planned, planned, "tok", Duration.ZERO, Progress.NONE);
  }

  @Test
  void plansUnknownComputedAndCreatesWithCounterIds() {
    MockProvider m = MockProvider.simple();
    Value config = thing(Value.nullOf(Type.STRING), "a");
    Requests.PlanResult plan =
        m.planChange(new Requests.PlanChange("mock_thing", null, config, config, null));
    assertFalse(((ObjectValue) plan.plannedState()).get("id").isKnown());
    Value first = m.create(create(plan.plannedState())).newState();
    Value second = m.create(create(plan.plannedState())).newState();
    assertEquals(thing(Value.of("mock_thing-1"), "a"), first);
    assertEquals(thing(Value.of("mock_thing-2"), "a"), second);
    assertEquals(
        List.of("PLAN_CHANGE mock_thing", "CREATE mock_thing", "CREATE mock_thing"),
        m.callSummary());
  }

  @Test
  void failsTheScriptedCallOnly() {
    MockProvider m =
        MockProvider.simple().fail(Method.CREATE, "mock_thing", 2, "Boom", "the second create");
    Value planned = thing(Value.unknown(Type.STRING), "a");
    assertEquals(List.of(), m.create(create(planned)).diagnostics());
    Requests.ApplyResult second = m.create(create(planned));
    assertNull(second.newState());
    assertEquals("Boom", second.diagnostics().getFirst().summary());
    assertEquals(List.of(), m.create(create(planned)).diagnostics());
    assertEquals(List.of(1, 2, 3), m.calls(Method.CREATE).stream().map(c -> c.ordinal()).toList());
  }

  @Test
  void readSaysGoneForScriptedIds() {
    MockProvider m = MockProvider.simple().readGone("x-2");
    Value one = thing(Value.of("x-1"), "a");
    Value two = thing(Value.of("x-2"), "b");
    assertEquals(one, m.read(new Requests.Read("mock_thing", one, null)).newState());
    assertNull(m.read(new Requests.Read("mock_thing", two, null)).newState());
    assertEquals(
        List.of(one, two),
        m.requests(Method.READ, Requests.Read.class).stream().map(r -> r.priorState()).toList());
  }

  @Test
  void scriptedResponsesAndImport() {
    MockProvider m =
        MockProvider.simple()
            .always(
                Method.UPDATE,
                "mock_thing",
                req ->
                    new Requests.ApplyResult(thing(Value.of("changed"), "z"), "priv", List.of()));
    Value s = thing(Value.of("x"), "a");
    Requests.ApplyResult r =
        m.update(new Requests.Update("mock_thing", s, s, s, null, Duration.ZERO, Progress.NONE));
    assertEquals("priv", r.privateData());
    Value imported = m.importResource(new Requests.Import("mock_thing", "imp")).state();
    assertEquals(
        Value.object(
            Map.of(
                "id", Value.of("imp"),
                "name", Value.nullOf(Type.STRING),
                "size", Value.nullOf(Type.NUMBER))),
        imported);
  }

  @Test
  void recordsCallsFromManyThreads() throws Exception {
    MockProvider m = MockProvider.simple();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      fs.add(pool.submit(() -> m.create(create(thing(Value.unknown(Type.STRING), "a")))));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    List<MockProvider.Call> calls = m.calls(Method.CREATE);
    assertEquals(200, calls.size());
    assertEquals(
        java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList(),
        calls.stream().map(MockProvider.Call::ordinal).sorted().toList());
  }
}
