package dev.forma.cli;

import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import java.util.Map;

/**
 * A test provider whose one resource type behaves as {@code terraform_data} under another name (and
 * schema version): the base of the CLI tests' providers, which override the one step they change.
 */
abstract class TerraformDataAs implements Provider {
  private static final String TYPE = TerraformProvider.TERRAFORM_DATA;
  private final TerraformProvider inner = new TerraformProvider();
  private final String typeName;
  private final long schemaVersion;

  TerraformDataAs(String typeName, long schemaVersion) {
    this.typeName = typeName;
    this.schemaVersion = schemaVersion;
  }

  @Override
  public ProviderSchema schema() {
    ResourceSchema s = TerraformProvider.TERRAFORM_DATA_SCHEMA;
    return new ProviderSchema(
        inner.schema().provider(),
        Map.of(typeName, new ResourceSchema(typeName, s.block(), schemaVersion)),
        Map.of());
  }

  @Override
  public Requests.Diagnostics configure(Requests.Configure r) {
    return inner.configure(r);
  }

  @Override
  public Requests.Diagnostics validateResource(Requests.ValidateResource r) {
    return inner.validateResource(
        new Requests.ValidateResource(TYPE, r.config(), r.blockFormAttributes()));
  }

  @Override
  public Requests.ReadResult read(Requests.Read r) {
    return inner.read(r);
  }

  @Override
  public Requests.PlanResult planChange(Requests.PlanChange r) {
    return inner.planChange(
        new Requests.PlanChange(
            TYPE, r.priorState(), r.proposedNewState(), r.config(), r.priorPrivate()));
  }

  @Override
  public Requests.ApplyResult create(Requests.Create r) {
    return inner.create(r);
  }

  @Override
  public Requests.ApplyResult update(Requests.Update r) {
    return inner.update(r);
  }

  @Override
  public Requests.Diagnostics delete(Requests.Delete r) {
    return inner.delete(r);
  }

  @Override
  public Requests.ReadResult findInFlight(Requests.FindInFlight r) {
    return inner.findInFlight(r);
  }

  @Override
  public Requests.ImportResult importResource(Requests.Import r) {
    return inner.importResource(r);
  }

  @Override
  public Requests.ReadResult readData(Requests.ReadData r) {
    return inner.readData(r);
  }
}
