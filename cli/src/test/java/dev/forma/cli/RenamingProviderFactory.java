package dev.forma.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test provider, {@code renamer}, whose one resource type {@code renamer_data} behaves as {@code
 * terraform_data} at schema version 1; its version 0 called {@code input} and {@code output} {@code
 * in} and {@code out}, which {@link Provider#upgradeState} renames. {@link #UPGRADES} counts the
 * upgrades asked for.
 */
public final class RenamingProviderFactory implements ProviderFactory {
  static final AtomicInteger UPGRADES = new AtomicInteger();

  @Override
  public String name() {
    return "renamer";
  }

  @Override
  public String source() {
    return "forma.test/renamer";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public int apiVersion() {
    return ProviderApi.VERSION;
  }

  @Override
  public Provider create() {
    return new Renamer();
  }

  private static final class Renamer implements Provider {
    private static final String TYPE = TerraformProvider.TERRAFORM_DATA;
    private final TerraformProvider inner = new TerraformProvider();

    @Override
    public ProviderSchema schema() {
      ResourceSchema s = TerraformProvider.TERRAFORM_DATA_SCHEMA;
      return new ProviderSchema(
          inner.schema().provider(),
          Map.of("renamer_data", new ResourceSchema("renamer_data", s.block(), 1)),
          Map.of());
    }

    @Override
    public Requests.UpgradeStateResult upgradeState(Requests.UpgradeState r) {
      UPGRADES.incrementAndGet();
      if (r.version() != 0) {
        return new Requests.UpgradeStateResult(
            null,
            List.of(
                ProviderDiagnostic.error(
                    "Unknown schema version", "renamer_data has no version " + r.version() + ".")));
      }
      ObjectNode o = ((ObjectNode) r.rawState()).deepCopy();
      o.set("input", o.remove("in"));
      o.set("output", o.remove("out"));
      return Requests.UpgradeStateResult.of(o);
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
}
