package dev.forma.provider.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request and response records of the provider SPI. Values are objects of the resource schema's
 * implied type; {@code null} (Java null) for "no object". {@code privateData} is opaque provider
 * data kept in state beside the object. A {@code timeout} of null leaves the limit to the provider:
 * the resource's {@code timeouts} block, else its own default. Every response carries diagnostics;
 * a response with an error diagnostic means the step failed (a partial new state may still be
 * given, e.g. an object created but not yet healthy).
 */
public final class Requests {
  private Requests() {}

  /** The {@code provider} block's value, evaluated. */
  public record Configure(Value config) {}

  /**
   * Plan-time checks of a resource's configuration beyond the schema (unknowns possible). {@code
   * blockFormAttributes}: the map attributes the configuration wrote as blocks ({@code configs {
   * ... }}, for attributes whose schema accepts that form).
   */
  public record ValidateResource(String typeName, Value config, Set<String> blockFormAttributes) {
    public ValidateResource {
      blockFormAttributes = Set.copyOf(blockFormAttributes);
    }

    /** A request for a configuration that wrote every attribute with {@code =}. */
    public ValidateResource(String typeName, Value config) {
      this(typeName, config, Set.of());
    }
  }

  /** Refresh: what the object looks like now. */
  public record Read(String typeName, Value priorState, String privateData) {}

  /** Response to {@link Read}: {@code newState} null when the object is gone. */
  public record ReadResult(
      Value newState, String privateData, List<ProviderDiagnostic> diagnostics) {
    public ReadResult {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * Refresh of many objects of one type at once (see {@link Provider#readMany}): {@code reads} as
   * {@link Read} would get them one by one.
   */
  public record ReadMany(String typeName, List<Read> reads) {
    public ReadMany {
      reads = List.copyOf(reads);
    }
  }

  /**
   * Response to {@link ReadMany}: one entry per read, in the same order; an entry is null when the
   * provider did not read that object (its list did not show it, or could not be made), and the
   * engine reads it alone.
   */
  public record ReadManyResult(List<ReadResult> results) {
    public ReadManyResult {
      results = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(results));
    }
  }

  /**
   * Plan-modify: the engine proposes a new state (configuration merged with prior computed values,
   * unknown where the provider will compute); the provider may adjust it (normalise, fill defaults,
   * mark computed values unknown) and name attribute paths that require replacement beyond the
   * schema's ForceNew ones. {@code priorState} null: a create.
   */
  public record PlanChange(
      String typeName,
      Value priorState,
      Value proposedNewState,
      Value config,
      String priorPrivate) {}

  /**
   * Response to {@link PlanChange}. {@code repair}, when not null, says why the provider plans a
   * change to an object whose configuration did not change: the object is not in the state its
   * configuration asks for (a service that failed to deploy, say), and the planned change puts it
   * right. The provider makes the planned object differ from the prior one (e.g. a status known
   * only after apply); the engine shows the sentence with the change.
   */
  public record PlanResult(
      Value plannedState,
      List<List<PathStep>> requiresReplace,
      String plannedPrivate,
      List<ProviderDiagnostic> diagnostics,
      String repair) {
    public PlanResult {
      requiresReplace = List.copyOf(requiresReplace);
      diagnostics = List.copyOf(diagnostics);
    }

    /** A plan with no repair to explain. */
    public PlanResult(
        Value plannedState,
        List<List<PathStep>> requiresReplace,
        String plannedPrivate,
        List<ProviderDiagnostic> diagnostics) {
      this(plannedState, requiresReplace, plannedPrivate, diagnostics, null);
    }
  }

  /**
   * Create an object. {@code idempotencyToken} is unique per planned create and journaled before
   * the call: a provider sends it where the API takes one, so a retried or recovered create never
   * duplicates the object.
   */
  public record Create(
      String typeName,
      Value plannedState,
      Value config,
      String idempotencyToken,
      Duration timeout,
      Progress progress) {}

  public record Update(
      String typeName,
      Value priorState,
      Value plannedState,
      Value config,
      String priorPrivate,
      Duration timeout,
      Progress progress) {}

  public record Delete(
      String typeName, Value priorState, String privateData, Duration timeout, Progress progress) {}

  /**
   * Response to create and update: the new state (null when nothing was made). {@code
   * outcomeUnknown} (creates only): the provider cannot tell whether the object was made (its
   * answer was lost and looking for it failed too); the engine then keeps the create pending, so
   * that the next plan looks for the object before creating anything, and says so.
   */
  public record ApplyResult(
      Value newState,
      String privateData,
      List<ProviderDiagnostic> diagnostics,
      boolean outcomeUnknown) {
    public ApplyResult {
      diagnostics = List.copyOf(diagnostics);
    }

    /** A result whose outcome is known. */
    public ApplyResult(Value newState, String privateData, List<ProviderDiagnostic> diagnostics) {
      this(newState, privateData, diagnostics, false);
    }

    /** A create that may or may not have made its object; {@code diagnostics} say why. */
    public static ApplyResult unknownOutcome(List<ProviderDiagnostic> diagnostics) {
      return new ApplyResult(null, null, diagnostics, true);
    }
  }

  /**
   * After a crash between the journaled intent and the recorded result of a create: find the object
   * the create may have made, by its token or its name. Null state: there is none.
   */
  public record FindInFlight(String typeName, Value plannedState, String idempotencyToken) {}

  /** Import an existing object by its ID. */
  public record Import(String typeName, String id) {}

  public record ImportResult(
      Value state, String privateData, List<ProviderDiagnostic> diagnostics) {
    public ImportResult {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * List the objects of one resource type, one page per call (a provider's list capability: see
   * {@link Provider#list}). {@code filter}: attribute values of the resource type that the objects
   * must have, by top-level attribute name; it carries the scope too ({@code workspace_id} for the
   * connections of one workspace). The provider narrows its API calls with what it can and may
   * return objects that do not match the rest: the caller checks every listed object against the
   * whole filter. {@code pageToken}: null for the first page, else the {@link
   * ListResult#nextPageToken()} of the page before.
   */
  public record ListObjects(String typeName, Map<String, Value> filter, String pageToken) {
    public ListObjects {
      filter = Map.copyOf(filter);
    }
  }

  /**
   * One listed object: the ID that imports it, its own name (the natural name the cloud shows, for
   * naming its resource block; null when it has none) and its whole state, as {@link Read} would
   * return it (write-only attributes null), so that a list can stand in for a read of each object.
   */
  public record Listed(String importId, String name, Value state) {}

  /**
   * Response to {@link ListObjects}: one page of objects; {@code nextPageToken} null after the last
   * page.
   */
  public record ListResult(
      List<Listed> objects, String nextPageToken, List<ProviderDiagnostic> diagnostics) {
    public ListResult {
      objects = List.copyOf(objects);
      diagnostics = List.copyOf(diagnostics);
    }

    /** A failed list: no objects, no next page. */
    public static ListResult failed(ProviderDiagnostic problem) {
      return new ListResult(List.of(), null, List.of(problem));
    }
  }

  /**
   * Upgrade the state of one object that was written with an older schema version of its resource
   * type (Terraform's UpgradeResourceState). {@code rawState} is the object's attributes exactly as
   * the state file keeps them (a JSON object in the shape of schema version {@code version}); the
   * provider's current schema version is in its {@link Provider#schema()}.
   */
  public record UpgradeState(String typeName, long version, JsonNode rawState) {}

  /**
   * Response to {@link UpgradeState}: the attributes in the shape of the current schema version (a
   * JSON object as state keeps it: the engine reads it with the current schema); null with an error
   * diagnostic when the state cannot be upgraded.
   */
  public record UpgradeStateResult(JsonNode upgradedState, List<ProviderDiagnostic> diagnostics) {
    public UpgradeStateResult {
      diagnostics = List.copyOf(diagnostics);
    }

    /** The state upgraded, no diagnostics. */
    public static UpgradeStateResult of(JsonNode upgradedState) {
      return new UpgradeStateResult(upgradedState, List.of());
    }
  }

  /** Read a data source. */
  public record ReadData(String typeName, Value config) {}

  public record Diagnostics(List<ProviderDiagnostic> diagnostics) {
    public static final Diagnostics NONE = new Diagnostics(List.of());

    public Diagnostics {
      diagnostics = List.copyOf(diagnostics);
    }
  }
}
