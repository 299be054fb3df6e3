package dev.forma.cli;

import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.StringValue;
import java.util.List;
import java.util.Map;

/**
 * A test provider, {@code flaky}, found through ServiceLoader: its one resource type {@code
 * flaky_data} behaves as {@code terraform_data}, except that creating one whose {@code input} is
 * {@code "fail"} fails, so that CLI tests can see a partial failure.
 */
public final class FlakyProviderFactory implements ProviderFactory {
  @Override
  public String name() {
    return "flaky";
  }

  @Override
  public String source() {
    return "forma.test/flaky";
  }

  @Override
  public String version() {
    return "0.0.1";
  }

  @Override
  public int apiVersion() {
    return ProviderApi.VERSION;
  }

  @Override
  public Provider create() {
    return new Flaky();
  }

  private static final class Flaky implements Provider {
    private static final String TYPE = TerraformProvider.TERRAFORM_DATA;
    private final TerraformProvider inner = new TerraformProvider();

    @Override
    public ProviderSchema schema() {
      ResourceSchema s = TerraformProvider.TERRAFORM_DATA_SCHEMA;
      return new ProviderSchema(
          inner.schema().provider(),
          Map.of("flaky_data", new ResourceSchema("flaky_data", s.block(), s.version())),
          Map.of());
    }

    @Override
    public Requests.Diagnostics configure(Requests.Configure r) {
      return inner.configure(r);
    }

    @Override
    public Requests.Diagnostics validateResource(Requests.ValidateResource r) {
      return inner.validateResource(new Requests.ValidateResource(TYPE, r.config()));
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
      if (r.plannedState() instanceof ObjectValue o
          && o.attributes().get("input") instanceof StringValue s
          && s.value().equals("fail")) {
        return new Requests.ApplyResult(
            null,
            null,
            List.of(ProviderDiagnostic.error("Creation refused", "The input says to fail.")));
      }
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
}
