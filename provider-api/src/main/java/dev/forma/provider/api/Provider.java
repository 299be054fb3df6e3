package dev.forma.provider.api;

import dev.forma.provider.api.schema.ProviderSchema;

/**
 * A configured provider instance: one per {@code provider} block (and alias). Methods may be called
 * from several threads at once after {@link #configure}.
 */
public interface Provider {
  /** The schemas of the provider block and of every resource and data source type. */
  ProviderSchema schema();

  /** Configures the instance from its {@code provider} block; called once, before anything else. */
  Requests.Diagnostics configure(Requests.Configure request);

  /** Checks a resource configuration beyond its schema; unknown values may appear. */
  Requests.Diagnostics validateResource(Requests.ValidateResource request);

  Requests.ReadResult read(Requests.Read request);

  /**
   * Refresh by listing (an optional capability): reads many objects of one type with a few list
   * calls instead of one read each. Each object the provider answers for must be exactly what
   * {@link #read} would return for it; an object it leaves out (null entry), the engine reads
   * alone, so an object missing from a list is only ever found gone by a read. By default the
   * provider lists nothing: null, and every object is read alone.
   */
  default Requests.ReadManyResult readMany(Requests.ReadMany request) {
    return null;
  }

  /**
   * Migrates the state of an object written with an older schema version of its type to the current
   * one (Terraform's UpgradeResourceState): renamed or restructured attributes. The engine calls
   * it, before refresh and plan, for every object in state whose {@code schema_version} is below
   * the version of the type's {@link dev.forma.provider.api.schema.ResourceSchema}, and records the
   * result with the current version. An object with a <em>newer</em> version than the provider's is
   * refused by the engine ("Resource instance managed by newer provider version") and never reaches
   * this method. By default the state is taken as it is: enough when a version grew without
   * changing the shape of the attributes.
   */
  default Requests.UpgradeStateResult upgradeState(Requests.UpgradeState request) {
    return Requests.UpgradeStateResult.of(request.rawState());
  }

  Requests.PlanResult planChange(Requests.PlanChange request);

  Requests.ApplyResult create(Requests.Create request);

  Requests.ApplyResult update(Requests.Update request);

  Requests.Diagnostics delete(Requests.Delete request);

  /**
   * Finds the object of an interrupted create, if it was made (see {@link Requests.FindInFlight}).
   */
  Requests.ReadResult findInFlight(Requests.FindInFlight request);

  Requests.ImportResult importResource(Requests.Import request);

  Requests.ReadResult readData(Requests.ReadData request);

  /**
   * Lists existing objects of a resource type, one page per call (an optional capability: by
   * default every type answers that it cannot be listed). {@code forma query} adopts objects with
   * it; because each listed object is whole, a list can also refresh many objects in a few calls.
   */
  default Requests.ListResult list(Requests.ListObjects request) {
    return Requests.ListResult.failed(
        ProviderDiagnostic.error(
            "Listing not supported",
            "The provider cannot list objects of resource type \"" + request.typeName() + "\"."));
  }
}
