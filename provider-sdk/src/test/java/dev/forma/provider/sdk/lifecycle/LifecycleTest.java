package dev.forma.provider.sdk.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import dev.forma.provider.sdk.http.ApiError;
import dev.forma.provider.sdk.http.ApiException;
import dev.forma.provider.sdk.http.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle against an in-memory cloud of "things": what a user sees of each step (states,
 * errors, warnings, progress) for any provider on the SDK, whatever its API.
 */
class LifecycleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BlockSchema BLOCK =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("id", Type.STRING).computed().build(),
              AttributeSchema.builder("name", Type.STRING).required().build(),
              AttributeSchema.builder("status", Type.STRING).computed().build()),
          List.of(Timeouts.block()));

  /** The cloud: objects by id, and what the next calls answer instead. */
  static final class Cloud implements LifecycleContext {
    final Map<String, ObjectNode> things = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<Duration> sleeps = new ArrayList<>();
    final AtomicLong clock = new AtomicLong();
    final Map<String, ApiError> failNext = new HashMap<>();
    int deletingPolls;

    final Sleeper sleeper =
        d -> {
          sleeps.add(d);
          clock.addAndGet(d.toNanos());
        };

    @Override
    public Waiter waiter() {
      return new Waiter(sleeper, Duration.ofSeconds(5), clock::get);
    }

    @Override
    public Sleeper sleeper() {
      return sleeper;
    }

    @Override
    public Duration createRetryPause() {
      return Duration.ofSeconds(2);
    }

    void call(String action) throws ApiException {
      calls.add(action);
      ApiError e = failNext.remove(action);
      if (e != null) {
        throw new ApiException(e, e.isTransport() ? new IOException("reset") : null);
      }
    }

    ObjectNode put(String id, String name, String status) {
      ObjectNode o = JSON.createObjectNode().put("Id", id).put("Name", name).put("Status", status);
      things.put(id, o);
      return o;
    }
  }

  static ApiError error(String action, int status, String code) {
    return new ApiError("Things", action, status, code, "it went wrong", "req-1", null, false);
  }

  static final class Thing implements RemoteObject<Cloud> {
    @Override
    public Kind kind() {
      return new Kind("thing", "name", "THING_ID", java.util.Set.of("Thing.NotFound"));
    }

    @Override
    public JsonNode fetch(Cloud c, String id) throws ApiException {
      c.call("GetThing");
      ObjectNode o = c.things.get(id);
      if (o != null && "Deleting".equals(o.path("Status").asText()) && c.deletingPolls-- <= 0) {
        c.things.remove(id);
        o = null;
      }
      if (o == null) {
        throw new ApiException(error("GetThing", 404, "Thing.NotFound"), null);
      }
      return o;
    }

    @Override
    public Value state(JsonNode remote, Value prior) {
      Map<String, Value> m = new HashMap<>();
      m.put("id", Values.str(remote.path("Id").asText()));
      m.put("name", Values.str(remote.path("Name").asText()));
      m.put("status", Values.str(remote.path("Status").asText()));
      Value timeouts = Values.raw(prior, Timeouts.BLOCK);
      if (timeouts != null) {
        m.put(Timeouts.BLOCK, timeouts);
      }
      return Values.complete(BLOCK, m);
    }

    @Override
    public Found findByName(Cloud c, Value planned) throws ApiException {
      c.call("ListThings");
      for (ObjectNode o : c.things.values()) {
        if (o.path("Name").asText().equals(nameIn(planned))) {
          return Found.id(o.path("Id").asText());
        }
      }
      return null;
    }

    @Override
    public String missingOnImport(Cloud c, String id) {
      return "No thing with id \"" + id + "\" exists.";
    }
  }

  private final Cloud cloud = new Cloud();
  private final Lifecycle<Cloud> lifecycle = new Lifecycle<>(new Thing());
  private final List<String> statuses = new ArrayList<>();

  private static Value planned(String name, Map<String, Value> timeouts) {
    Map<String, Value> m = new HashMap<>();
    m.put("name", Value.of(name));
    m.put("id", Value.unknown(Type.STRING));
    m.put("status", Value.unknown(Type.STRING));
    if (timeouts != null) {
      m.put(Timeouts.BLOCK, Values.complete(Timeouts.block().block(), timeouts));
    }
    return Values.complete(BLOCK, m);
  }

  private ApiCall<JsonNode> create(String id, String name, String status) {
    return () -> {
      cloud.call("CreateThing");
      cloud.put(id, name, status);
      return JSON.createObjectNode().put("Id", id);
    };
  }

  @Test
  void aCreateWhoseAnswerIsLostAdoptsTheObjectItMadeInsteadOfSendingItAgain() throws Exception {
    ApiCall<JsonNode> lost =
        () -> {
          create("t-1", "a", "Ready").call();
          throw new ApiException(ApiError.transport("Things", "CreateThing", "reset"), null);
        };
    Creates.Created c = lifecycle.send(cloud, planned("a", null), lost, j -> j.path("Id").asText());
    assertEquals("t-1", c.id());
    assertNull(c.answer(), "the answer was lost");
    assertEquals(List.of("CreateThing", "ListThings"), cloud.calls);
  }

  @Test
  void aLostCreateWhoseLookupFailsTooHasAnUnknownOutcome() {
    ApiCall<JsonNode> lost =
        () -> {
          cloud.failNext.put("ListThings", error("ListThings", 503, "ServiceUnavailable"));
          throw new ApiException(error("CreateThing", 500, "InternalError"), null);
        };
    Creates.OutcomeUnknown e =
        assertThrows(
            Creates.OutcomeUnknown.class,
            () -> lifecycle.send(cloud, planned("a", null), lost, j -> null));
    assertEquals(
        "CreateThing may or may not have been carried out (HTTP 500 InternalError), and looking"
            + " for thing \"a\" by its name failed too (Things ListThings: HTTP 503"
            + " ServiceUnavailable it went wrong)",
        e.getMessage());
  }

  @Test
  void aCreateNotFoundAfterItsAnswerWasLostIsSentAgainAfterAPause() throws Exception {
    int[] sends = {0};
    ApiCall<JsonNode> flaky =
        () -> {
          if (sends[0]++ == 0) {
            cloud.call("CreateThing");
            throw new ApiException(ApiError.transport("Things", "CreateThing", "reset"), null);
          }
          return create("t-2", "b", "Ready").call();
        };
    Creates.Created c =
        lifecycle.send(cloud, planned("b", null), flaky, j -> j.path("Id").asText());
    assertEquals("t-2", c.id());
    assertEquals(List.of("CreateThing", "ListThings", "CreateThing"), cloud.calls);
    assertEquals(List.of(Duration.ofSeconds(2)), cloud.sleeps);
  }

  @Test
  void aReadOfAGoneObjectIsANullStateNotAnError() {
    Requests.ReadResult r =
        lifecycle.read(cloud, new Requests.Read("thing", thingState("t-9", "z"), "priv"));
    assertNull(r.newState());
    assertEquals(List.of(), r.diagnostics());
  }

  @Test
  void aReadThatFailsNamesTheObjectAndTheApiError() {
    cloud.put("t-1", "a", "Ready");
    cloud.failNext.put("GetThing", error("GetThing", 500, "InternalError"));
    Requests.ReadResult r =
        lifecycle.read(cloud, new Requests.Read("thing", thingState("t-1", "a"), null));
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertEquals("Things GetThing failed: InternalError", d.summary());
    assertEquals(
        "thing t-1: HTTP 500, code InternalError: it went wrong\nRequestId: req-1", d.detail());
  }

  @Test
  void createThenWaitReportsEachNewStatusOnceAndReturnsTheReadyObject() throws Exception {
    Value planned = planned("a", null);
    String id = lifecycle.send(cloud, planned, create("t-1", "a", "Creating"), j -> "t-1").id();
    int[] polls = {0};
    Requests.ApplyResult r =
        lifecycle.awaitReady(
            cloud,
            id,
            planned,
            Values.with(planned, "id", Value.of(id)),
            null,
            true,
            new Lifecycle.Wait(
                Duration.ofMinutes(5),
                statuses::add,
                lifecycle.createdSubject(id, planned),
                "Ready",
                o ->
                    ++polls[0] < 3
                        ? new Waiter.Step.Pending<>("status Creating, waiting for Ready")
                        : new Waiter.Step.Done<>(o)));
    assertEquals(List.of(), r.diagnostics());
    assertEquals("t-1", Values.string(r.newState(), "id"));
    assertEquals(List.of("status Creating, waiting for Ready"), statuses);
    assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), cloud.sleeps);
  }

  @Test
  void aWaitPastTheTimeoutsBlockSaysHowToGiveItLongerAndKeepsTheObject() {
    cloud.put("t-1", "a", "Creating");
    Value planned = planned("a", Map.of("create", Value.of("12s")));
    Duration timeout = Timeouts.resolve(null, planned, "create", Duration.ofMinutes(5));
    Requests.ApplyResult r =
        lifecycle.awaitReady(
            cloud,
            "t-1",
            planned,
            Values.with(planned, "id", Value.of("t-1")),
            null,
            true,
            new Lifecycle.Wait(
                timeout,
                statuses::add,
                lifecycle.createdSubject("t-1", planned),
                "Ready",
                o -> new Waiter.Step.Pending<>("status Creating, waiting for Ready")));
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertEquals("Timed out waiting for thing t-1 (\"a\")", d.summary());
    assertEquals(
        "thing t-1 (\"a\") did not become Ready within 12s (last seen: status Creating, waiting"
            + " for Ready). Raise the timeout in the resource's timeouts block if it needs"
            + " longer.",
        d.detail());
    assertEquals("Creating", Values.string(r.newState(), "status"), "recorded, not orphaned");
    assertEquals(
        List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2)), cloud.sleeps);
  }

  @Test
  void aCreatedObjectThatCannotBeReadBackIsStillReportedAsCreated() {
    Value planned = planned("a", null);
    Requests.ApplyResult r =
        lifecycle.readBack(
            cloud, "t-1", planned, Values.with(planned, "id", Value.of("t-1")), null, "GetThing");
    assertEquals("t-1", Values.string(r.newState(), "id"));
    assertTrue(r.newState().isWhollyKnown(), "unknowns set to null: " + r.newState());
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertFalse(d.isError());
    assertEquals("Could not read thing t-1 (\"a\") after creating it", d.summary());
    assertTrue(d.detail().contains("GetThing does not find it yet"), d.detail());
    assertEquals(Creates.READ_BACK_TRIES, cloud.calls.size());
  }

  @Test
  void deleteWaitsUntilTheObjectIsGone() {
    cloud.put("t-1", "a", "Deleting");
    cloud.deletingPolls = 2;
    Requests.Diagnostics d =
        lifecycle.delete(
            cloud,
            new Requests.Delete("thing", thingState("t-1", "a"), null, null, statuses::add),
            () -> {
              cloud.call("DeleteThing");
              return null;
            },
            Duration.ofMinutes(1),
            o -> new Waiter.Step.Pending<>("status Deleting, waiting until gone"));
    assertEquals(List.of(), d.diagnostics());
    assertEquals(List.of("status Deleting, waiting until gone"), statuses);
    assertEquals(List.of("DeleteThing", "GetThing", "GetThing", "GetThing"), cloud.calls);
  }

  @Test
  void deletingAnObjectThatIsAlreadyGoneSucceedsWithoutWaiting() {
    cloud.failNext.put("DeleteThing", error("DeleteThing", 404, null));
    Requests.Diagnostics d =
        lifecycle.delete(
            cloud,
            new Requests.Delete("thing", thingState("t-1", "a"), null, null, statuses::add),
            () -> {
              cloud.call("DeleteThing");
              return null;
            },
            Duration.ofMinutes(1),
            o -> new Waiter.Step.Pending<>("waiting"));
    assertEquals(List.of(), d.diagnostics());
    assertEquals(List.of("DeleteThing"), cloud.calls);
  }

  @Test
  void importOfAnIdThatDoesNotExistSaysSo() {
    Requests.ImportResult r = lifecycle.importById(cloud, "t-404");
    assertNull(r.state());
    assertEquals("Cannot import non-existent remote object", r.diagnostics().get(0).summary());
    assertEquals("No thing with id \"t-404\" exists.", r.diagnostics().get(0).detail());
  }

  @Test
  void anInterruptedCreateIsFoundByNameAndAFailedLookupSaysTheWaysOn() {
    cloud.put("t-1", "a", "Ready");
    Requests.ReadResult found =
        lifecycle.findInFlight(cloud, new Requests.FindInFlight("thing", planned("a", null), "x"));
    assertEquals("t-1", Values.string(found.newState(), "id"));

    cloud.failNext.put("ListThings", error("ListThings", 503, "ServiceUnavailable"));
    Requests.ReadResult failed =
        lifecycle.findInFlight(cloud, new Requests.FindInFlight("thing", planned("a", null), "x"));
    ProviderDiagnostic d = failed.diagnostics().get(0);
    assertEquals("Cannot tell whether an interrupted create made thing \"a\"", d.summary());
    assertTrue(d.detail().contains("so the thing may exist"), d.detail());
    assertTrue(d.detail().contains("forma import ADDRESS THING_ID"), d.detail());
    assertTrue(d.detail().contains("forma state rm ADDRESS"), d.detail());
  }

  private Value thingState(String id, String name) {
    Map<String, Value> m = new HashMap<>();
    m.put("id", Value.of(id));
    m.put("name", Value.of(name));
    m.put("status", Value.of("Ready"));
    return Values.complete(BLOCK, m);
  }
}
