package dev.forma.engine.providers;

import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.state.InstanceObject;
import java.util.List;

/**
 * State objects recorded with another schema version than their provider's, brought to the
 * provider's (Terraform's UpgradeResourceState), before anything reads them with the current
 * schema. An object written by a newer provider (a higher {@code schema_version}) is refused: this
 * provider cannot know its shape.
 */
public final class StateUpgrades {
  private StateUpgrades() {}

  /** Whether {@code object} was written with another schema version than {@code schema}'s. */
  public static boolean needed(InstanceObject object, ResourceSchema schema) {
    return object.schemaVersion() != schema.version();
  }

  /**
   * {@code object} with its attributes upgraded by {@code provider} to {@code schema}'s version
   * (itself when the versions match); a null value with an error when the object is newer than the
   * provider or the provider cannot upgrade it. The recorded sensitive paths are dropped from an
   * upgraded object (they name paths of the old shape); the schema's sensitive attributes are
   * marked again when it is read.
   *
   * @param address the instance's address, for the messages
   * @param providerType the provider's type name ({@code alicloud}), for the messages
   */
  public static Result<InstanceObject> upgrade(
      InstanceObject object,
      ResourceSchema schema,
      Provider provider,
      String address,
      String providerType) {
    if (!needed(object, schema)) {
      return new Result<>(object, new Diagnostics());
    }
    if (object.schemaVersion() > schema.version()) {
      return new Result<>(
          null,
          Diagnostics.of(
              Diagnostic.error(
                  "Resource instance managed by newer provider version",
                  "The current state of "
                      + address
                      + " was created by a newer provider version than is currently selected."
                      + " Upgrade the "
                      + providerType
                      + " provider to work with this state. (The state records schema version "
                      + object.schemaVersion()
                      + " for "
                      + schema.typeName()
                      + "; this provider's schema is version "
                      + schema.version()
                      + ".)")));
    }
    Diagnostics diags = new Diagnostics();
    Requests.UpgradeStateResult r;
    try {
      r =
          provider.upgradeState(
              new Requests.UpgradeState(
                  schema.typeName(), object.schemaVersion(), object.attributes()));
    } catch (RuntimeException e) {
      r =
          new Requests.UpgradeStateResult(
              null,
              List.of(
                  ProviderDiagnostic.error(
                      "Provider failed to upgrade the state", String.valueOf(e.getMessage()))));
    }
    for (ProviderDiagnostic pd : r.diagnostics()) {
      diags.add(new Diagnostic(pd.severity(), pd.summary(), pd.detail(), null, null));
    }
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    if (r.upgradedState() == null || !r.upgradedState().isObject()) {
      diags.add(
          Diagnostic.error(
              "Provider produced invalid object",
              "Provider "
                  + providerType
                  + " returned no object when upgrading the state of "
                  + address
                  + " from schema version "
                  + object.schemaVersion()
                  + " to "
                  + schema.version()
                  + ". This is a bug in the provider, which should be reported in the provider's"
                  + " own issue tracker."));
      return new Result<>(null, diags);
    }
    return new Result<>(
        new InstanceObject(
            schema.version(),
            r.upgradedState(),
            List.of(),
            object.privateData(),
            object.dependencies(),
            object.createBeforeDestroy(),
            object.status()),
        diags);
  }
}
