package dev.forma.provider.alicloud.resource;

import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.lifecycle.Lifecycle;
import dev.forma.provider.sdk.lifecycle.RemoteObject;
import java.util.List;
import java.util.Set;

/**
 * One managed resource type of the provider: its schema and its lifecycle steps, which mirror the
 * provider SPI ({@link dev.forma.provider.api.Provider}) for that type. Each is a {@link
 * RemoteObject} of the provider SDK: read, import and find-in-flight are the SDK's {@link
 * Lifecycle} over it.
 */
public interface ResourceType extends RemoteObject<Session> {
  String typeName();

  ResourceSchema schema();

  /** Plan-time checks beyond the schema; unknown values are skipped. */
  List<ProviderDiagnostic> validate(Value config);

  /**
   * {@link #validate(Value)} for a configuration that wrote the map attributes {@code blockForm} as
   * blocks ({@code configs { ... }}); by default the same checks.
   */
  default List<ProviderDiagnostic> validate(Value config, Set<String> blockForm) {
    return validate(config);
  }

  /** Adjusts a proposed plan; by default the proposal as it is. */
  default Requests.PlanResult plan(Requests.PlanChange request) {
    return new Requests.PlanResult(
        request.proposedNewState(), List.of(), request.priorPrivate(), List.of());
  }

  Requests.ApplyResult create(Session s, Requests.Create request);

  /** The object as it is now; a null new state when it is gone (never an error). */
  default Requests.ReadResult read(Session s, Requests.Read request) {
    return new Lifecycle<>(this).read(s, request);
  }

  /**
   * Refresh by listing ({@link dev.forma.provider.api.Provider#readMany}): one result per read,
   * each exactly what {@link #read} would give; null for an object not read. By default null: every
   * object is read alone.
   */
  default List<Requests.ReadResult> readMany(Session s, List<Requests.Read> reads) {
    return null;
  }

  Requests.ApplyResult update(Session s, Requests.Update request);

  Requests.Diagnostics delete(Session s, Requests.Delete request);

  default Requests.ImportResult importById(Session s, String id) {
    return new Lifecycle<>(this).importById(s, id);
  }

  /** Finds an object a create may have made, by its natural name. */
  default Requests.ReadResult findInFlight(Session s, Requests.FindInFlight request) {
    return new Lifecycle<>(this).findInFlight(s, request);
  }

  /**
   * One page of the objects of this type (the provider SPI's {@link
   * dev.forma.provider.api.Provider#list}): each whole, as {@link #read} returns it.
   */
  Requests.ListResult list(Session s, Requests.ListObjects request);
}
