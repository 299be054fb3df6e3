package dev.forma.provider.sdk.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.provider.api.Progress;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.http.ApiError;
import dev.forma.provider.sdk.http.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The lifecycle every remote object shares, written once: get with not-found mapping, read, import
 * by ID, find by name after a lost or interrupted create, create (sent once, looked up by name when
 * its answer is lost) then read back or wait until ready, update, delete then wait until gone, each
 * wait bounded by the resource's {@code timeouts} block and reported as progress. What differs per
 * type is a {@link RemoteObject}.
 *
 * <p>The outcomes follow the provider SPI's rules: a read of a gone object is a null state, never
 * an error; a create the cloud carried out is always reported as created (with a warning when it
 * could not be read back); a delete of a gone object succeeds; a failed lookup of an interrupted
 * create is an error that says the three ways on.
 */
public final class Lifecycle<C extends LifecycleContext> {
  private final RemoteObject<C> type;

  public Lifecycle(RemoteObject<C> type) {
    this.type = type;
  }

  /** The result of {@code call}, or null when it failed with an error {@code notFound} accepts. */
  public static JsonNode orNull(ApiCall<JsonNode> call, Predicate<ApiError> notFound)
      throws ApiException {
    try {
      return call.call();
    } catch (ApiException e) {
      if (notFound.test(e.error())) {
        return null;
      }
      throw e;
    }
  }

  /** The object with this id, or null when it does not exist. */
  public JsonNode get(C c, String id) throws ApiException {
    return orNull(() -> type.fetch(c, id), type::isNotFound);
  }

  /** The object a create from {@code planned} would make, found by its name; null when none. */
  public JsonNode find(C c, Value planned) throws ApiException {
    RemoteObject.Found found = type.findByName(c, planned);
    if (found == null) {
      return null;
    }
    return found.object() != null ? found.object() : get(c, found.id());
  }

  /** The SPI's read: the object as it is now; a null new state when it is gone. */
  public Requests.ReadResult read(C c, Requests.Read r) {
    String id = type.idIn(r.priorState());
    try {
      JsonNode o = get(c, id);
      return new Requests.ReadResult(
          o == null ? null : type.state(o, r.priorState()), r.privateData(), List.of());
    } catch (ApiException e) {
      return Results.readFailed(e, type.subject(id));
    }
  }

  /** The SPI's import by ID. */
  public Requests.ImportResult importById(C c, String id) {
    ProviderDiagnostic invalid = type.checkImportId(id);
    if (invalid != null) {
      return new Requests.ImportResult(null, null, List.of(invalid));
    }
    try {
      JsonNode o = get(c, id);
      if (o == null) {
        return new Requests.ImportResult(
            null,
            null,
            List.of(
                ProviderDiagnostic.error(
                    "Cannot import non-existent remote object", type.missingOnImport(c, id))));
      }
      return new Requests.ImportResult(type.state(o, null), null, List.of());
    } catch (ApiException e) {
      return new Requests.ImportResult(
          null, null, List.of(e.error().toDiagnostic(type.subject(id))));
    }
  }

  /** The SPI's findInFlight: the object a pending create may have made, found by its name. */
  public Requests.ReadResult findInFlight(C c, Requests.FindInFlight r) {
    Value planned = r.plannedState();
    try {
      JsonNode o = find(c, planned);
      return new Requests.ReadResult(o == null ? null : type.state(o, planned), null, List.of());
    } catch (ApiException e) {
      return Results.inFlightLookupFailed(
          e, type.named(type.nameIn(planned)), type.noun(), type.importIdName());
    }
  }

  /**
   * Sends a create (see {@link Creates#send}): when its answer is lost the object is looked up by
   * name before sending again. {@code idOf} reads the new id from the create's answer.
   *
   * @throws ApiException when the cloud refused the create (nothing was made): answer {@link
   *     #createRefused}
   * @throws Creates.OutcomeUnknown when whether it was made cannot be learned; the provider answers
   *     {@link Requests.ApplyResult#unknownOutcome}
   */
  public Creates.Created send(
      C c, Value planned, ApiCall<JsonNode> create, Function<JsonNode, String> idOf)
      throws ApiException {
    return Creates.send(
        c,
        create,
        idOf,
        () -> {
          RemoteObject.Found f = type.findByName(c, planned);
          return f == null ? null : f.id();
        },
        type.named(type.nameIn(planned)));
  }

  /** The answer to a create the cloud refused. */
  public Requests.ApplyResult createRefused(ApiException e, Value planned) {
    return Results.applyFailed(e, type.named(type.nameIn(planned)), null);
  }

  /** Names a created object in messages: {@code workspace ws-1 ("name")}. */
  public String createdSubject(String id, Value planned) {
    return type.subject(id) + " (\"" + type.nameIn(planned) + "\")";
  }

  /**
   * After a create the cloud carried out: the object read back (a few reads while the cloud does
   * not show it yet), as state; when it cannot be read, {@code known} with a warning. {@code
   * readAction} names the read in that warning.
   */
  public Requests.ApplyResult readBack(
      C c, String id, Value planned, Value known, String privateData, String readAction) {
    String subject = createdSubject(id, planned);
    try {
      JsonNode o = Creates.readBack(c, () -> get(c, id));
      if (o == null) {
        return Results.createdUnread(
            known, privateData, subject, readAction + " does not find it yet");
      }
      return new Requests.ApplyResult(type.state(o, planned), privateData, List.of());
    } catch (ApiException e) {
      return Results.createdUnread(known, privateData, subject, e.getMessage());
    }
  }

  /** How to wait for an object after a create or an update. */
  public record Wait(
      Duration timeout,
      Progress progress,
      String subject,
      String goal,
      Function<JsonNode, Waiter.Step<JsonNode>> readiness) {}

  /**
   * After a create ({@code creating}) or update the cloud accepted: waits until {@code readiness}
   * says the object is ready (a poll that does not find it waits for it to appear), and returns its
   * state. When the wait fails or times out, the object as it is now (else {@code known} without
   * unknowns) with the error, so that it is recorded and not orphaned; when it cannot be read,
   * {@code known} with a warning.
   */
  public Requests.ApplyResult awaitReady(
      C c, String id, Value planned, Value known, String privateData, boolean creating, Wait wait) {
    Waiter.Outcome<JsonNode> o;
    try {
      o =
          c.waiter()
              .until(
                  wait.timeout(),
                  wait.progress(),
                  () -> {
                    JsonNode now = get(c, id);
                    return now == null
                        ? new Waiter.Step.Pending<>("waiting for the " + type.noun() + " to appear")
                        : wait.readiness().apply(now);
                  });
    } catch (ApiException e) {
      return creating
          ? Results.createdUnread(known, privateData, wait.subject(), e.getMessage())
          : Results.updatedUnread(known, privateData, wait.subject(), e.getMessage());
    }
    ProviderDiagnostic problem = Results.waitProblem(o, wait.subject(), wait.goal());
    if (problem != null) {
      JsonNode now;
      try {
        now = get(c, id);
      } catch (ApiException e) {
        now = null;
      }
      return new Requests.ApplyResult(
          now == null ? known.unknownsToNull() : type.state(now, planned),
          privateData,
          List.of(problem));
    }
    return new Requests.ApplyResult(
        type.state(((Waiter.Outcome.Reached<JsonNode>) o).value(), planned),
        privateData,
        List.of());
  }

  /**
   * The SPI's update for an API whose update is done when it answers: sends {@code update}, then
   * reads the object back (the planned state when the read finds nothing).
   */
  public Requests.ApplyResult update(
      C c, Requests.Update r, ApiCall<?> update, String privateData) {
    String id = type.idIn(r.priorState());
    Value planned = r.plannedState();
    try {
      update.call();
      JsonNode o = get(c, id);
      return new Requests.ApplyResult(
          o == null ? planned : type.state(o, planned), privateData, List.of());
    } catch (ApiException e) {
      return Results.applyFailed(e, type.subject(id), r.priorState());
    }
  }

  /**
   * The SPI's delete: sends {@code delete} (an error the type calls not-found means already gone; a
   * diagnostic it returns is the delete's error), then, unless {@code stillThere} is null, polls
   * until the object is gone, within the {@code delete} timeout ({@code fallback} by default).
   * {@code stillThere} says what an object that is still there means: pending (with a status for
   * the user) or failed.
   */
  public Requests.Diagnostics delete(
      C c,
      Requests.Delete r,
      ApiCall<ProviderDiagnostic> delete,
      Duration fallback,
      Function<JsonNode, Waiter.Step<Boolean>> stillThere) {
    String id = type.idIn(r.priorState());
    String subject = type.subject(id);
    try {
      ProviderDiagnostic refused = delete.call();
      if (refused != null) {
        return new Requests.Diagnostics(List.of(refused));
      }
    } catch (ApiException e) {
      return type.isNotFound(e.error()) ? Requests.Diagnostics.NONE : Results.failed(e, subject);
    }
    if (stillThere == null) {
      return Requests.Diagnostics.NONE;
    }
    Duration timeout = Timeouts.resolve(r.timeout(), r.priorState(), "delete", fallback);
    try {
      Waiter.Outcome<Boolean> o =
          c.waiter()
              .until(
                  timeout,
                  r.progress(),
                  () -> {
                    JsonNode now = get(c, id);
                    return now == null ? new Waiter.Step.Done<>(true) : stillThere.apply(now);
                  });
      ProviderDiagnostic problem = Results.waitProblem(o, subject, "gone");
      return problem == null
          ? Requests.Diagnostics.NONE
          : new Requests.Diagnostics(List.of(problem));
    } catch (ApiException e) {
      return Results.failed(e, subject);
    }
  }
}
