package dev.forma.provider.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rule for which provider API versions a build loads, and the message for one it refuses. */
class ProviderApiTest {
  private static ProviderFactory builtAgainst(int version) {
    return new ProviderFactory() {
      @Override
      public String name() {
        return "example";
      }

      @Override
      public String source() {
        return "acme/example";
      }

      @Override
      public String version() {
        return "2.0.0";
      }

      @Override
      public int apiVersion() {
        return version;
      }

      @Override
      public Provider create() {
        throw new AssertionError("a refused provider is never created");
      }
    };
  }

  @Test
  void theCurrentVersionIsSupportedAndNeitherOlderNorNewerOnesAre() {
    assertTrue(ProviderApi.isSupported(ProviderApi.VERSION));
    assertTrue(ProviderApi.isSupported(ProviderApi.OLDEST_SUPPORTED));
    assertFalse(ProviderApi.isSupported(ProviderApi.VERSION + 1));
    assertFalse(ProviderApi.isSupported(ProviderApi.OLDEST_SUPPORTED - 1));
    assertNull(ProviderApi.refusal(builtAgainst(ProviderApi.VERSION), "the class path"));
  }

  @Test
  void aProviderBuiltForANewerApiIsRefusedSayingWhatToDo() {
    assertEquals(
        "The provider \"example\" (acme/example v2.0.0, from plugins/example.jar) cannot be used:"
            + " it was built against provider API version "
            + (ProviderApi.VERSION + 1)
            + ", newer than this Forma's ("
            + ProviderApi.VERSION
            + "): upgrade Forma or use an older release of the provider.",
        ProviderApi.refusal(builtAgainst(ProviderApi.VERSION + 1), "plugins/example.jar"));
  }

  @Test
  void aProviderBuiltForAnApiThisBuildNoLongerLoadsIsRefused() {
    String message = ProviderApi.refusal(builtAgainst(0), "the class path");
    assertTrue(
        message.endsWith(
            "it was built against provider API version 0, older than this Forma supports ("
                + ProviderApi.OLDEST_SUPPORTED
                + " to "
                + ProviderApi.VERSION
                + "): use a release of the provider built for this Forma."),
        message);
  }
}
