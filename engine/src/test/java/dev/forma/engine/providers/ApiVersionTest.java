package dev.forma.engine.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider built against a provider API version this build does not load is never used: the
 * registry refuses it, and a configuration that uses it gets the refusal instead of "Unknown
 * provider".
 */
class ApiVersionTest {
  @TempDir Path dir;

  private static ProviderFactory future() {
    return new ProviderFactory() {
      @Override
      public String name() {
        return "future";
      }

      @Override
      public String source() {
        return "acme/future";
      }

      @Override
      public String version() {
        return "9.0.0";
      }

      @Override
      public int apiVersion() {
        return ProviderApi.VERSION + 1;
      }

      @Override
      public Provider create() {
        throw new AssertionError("a refused provider is never created");
      }
    };
  }

  @Test
  void aProviderOfANewerApiIsRefusedAndAConfigurationUsingItSaysWhy() {
    Providers registry = Providers.of(future());
    assertNull(registry.factory("future"));
    assertFalse(registry.names().contains("future"));

    Result<Module> m =
        ConfigLoader.loadSources(dir, Map.of("main.tf", "resource \"future_thing\" \"a\" {}\n"));
    assertFalse(m.hasErrors(), m.diagnostics().toString());
    List<Diagnostic> errors =
        ModuleEvaluator.validate(
                m.value(),
                new ModuleEvaluator.Environment(dir, dir, "default", Instant.EPOCH),
                registry)
            .asList()
            .stream()
            .filter(Diagnostic::isError)
            .toList();
    assertEquals(1, errors.size(), errors.toString());
    assertEquals("Incompatible provider", errors.get(0).summary());
    assertEquals(
        "The provider \"future\" (acme/future v9.0.0, from the class path) cannot be used: it was"
            + " built against provider API version "
            + (ProviderApi.VERSION + 1)
            + ", newer than this Forma's ("
            + ProviderApi.VERSION
            + "): upgrade Forma or use an older release of the provider.",
        errors.get(0).detail());
    assertEquals(1, errors.get(0).subject().start().line());
  }
}
