package dev.forma.cli;

import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.StringValue;
import java.util.List;

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

  private static final class Flaky extends TerraformDataAs {
    Flaky() {
      super("flaky_data", TerraformProvider.TERRAFORM_DATA_SCHEMA.version());
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
      return super.create(r);
    }
  }
}
