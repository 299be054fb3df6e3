package dev.forma.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.Requests;
import java.util.List;
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

  private static final class Renamer extends TerraformDataAs {
    Renamer() {
      super("renamer_data", 1);
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
  }
}
