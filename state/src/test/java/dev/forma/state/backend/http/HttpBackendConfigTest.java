package dev.forma.state.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.StateException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code backend "http"} settings as Terraform reads them: arguments over {@code TF_HTTP_*}
 * variables over defaults, and Terraform's messages for what is missing or wrong.
 */
class HttpBackendConfigTest {
  private static HttpBackendConfig read(Map<String, String> args, Map<String, String> env)
      throws StateException {
    return HttpBackendConfig.from(args, env);
  }

  private static String error(Map<String, String> args, Map<String, String> env) {
    StateException e = assertThrows(StateException.class, () -> read(args, env));
    return e.problems().getFirst().summary();
  }

  @Test
  void defaultsAreTerraforms() throws Exception {
    HttpBackendConfig c = read(Map.of("address", "https://gitlab.example/state/x"), Map.of());
    assertEquals("https://gitlab.example/state/x", c.address().toString());
    assertEquals("POST", c.updateMethod());
    assertNull(c.lockAddress());
    assertEquals("LOCK", c.lockMethod());
    assertNull(c.unlockAddress());
    assertEquals("UNLOCK", c.unlockMethod());
    assertEquals("", c.username());
    assertEquals(2, c.retryMax());
    assertEquals(Duration.ofSeconds(1), c.retryWaitMin());
    assertEquals(Duration.ofSeconds(30), c.retryWaitMax());
    assertFalse(c.skipCertVerification());
  }

  @Test
  void environmentVariablesFillWhatTheBlockDoesNotSet() throws Exception {
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("TF_HTTP_ADDRESS", "http://env.example/state"),
            Map.entry("TF_HTTP_UPDATE_METHOD", "PUT"),
            Map.entry("TF_HTTP_LOCK_ADDRESS", "http://env.example/state/lock"),
            Map.entry("TF_HTTP_LOCK_METHOD", "POST"),
            Map.entry("TF_HTTP_UNLOCK_ADDRESS", "http://env.example/state/lock"),
            Map.entry("TF_HTTP_UNLOCK_METHOD", "DELETE"),
            Map.entry("TF_HTTP_USERNAME", "gitlab-ci-token"),
            Map.entry("TF_HTTP_PASSWORD", "s3cret"),
            Map.entry("TF_HTTP_RETRY_MAX", "5"),
            Map.entry("TF_HTTP_RETRY_WAIT_MIN", "2"),
            Map.entry("TF_HTTP_RETRY_WAIT_MAX", "10"));
    HttpBackendConfig c = read(Map.of(), env);
    assertEquals("http://env.example/state", c.address().toString());
    assertEquals("PUT", c.updateMethod());
    assertEquals("http://env.example/state/lock", c.lockAddress().toString());
    assertEquals("POST", c.lockMethod());
    assertEquals("http://env.example/state/lock", c.unlockAddress().toString());
    assertEquals("DELETE", c.unlockMethod());
    assertEquals("gitlab-ci-token", c.username());
    assertEquals("s3cret", c.password());
    assertEquals(5, c.retryMax());
    assertEquals(Duration.ofSeconds(2), c.retryWaitMin());
    assertEquals(Duration.ofSeconds(10), c.retryWaitMax());

    // an argument wins over its variable; an empty variable is as good as unset
    HttpBackendConfig mixed =
        read(
            Map.of("address", "http://block.example/s", "username", "me"),
            Map.of(
                "TF_HTTP_ADDRESS", "http://env.example/s",
                "TF_HTTP_USERNAME", "env-user",
                "TF_HTTP_UPDATE_METHOD", ""));
    assertEquals("http://block.example/s", mixed.address().toString());
    assertEquals("me", mixed.username());
    assertEquals("POST", mixed.updateMethod());
  }

  @Test
  void terraformsMessagesForWhatIsMissingOrWrong() {
    assertEquals("address argument is required", error(Map.of(), Map.of()));
    assertEquals("address argument is required", error(Map.of(), Map.of("TF_HTTP_ADDRESS", "")));
    assertEquals("address must be HTTP or HTTPS", error(Map.of("address", "ftp://x/y"), Map.of()));
    assertEquals("address must be HTTP or HTTPS", error(Map.of("address", "x/y"), Map.of()));
    assertTrue(
        error(Map.of("address", "http://x y/z"), Map.of())
            .startsWith("failed to parse address URL: parse \"http://x y/z\": "));
    assertEquals(
        "lock_address must be HTTP or HTTPS",
        error(Map.of("address", "http://x/y", "lock_address", "x/y"), Map.of()));
    assertEquals(
        "unlock_address must be HTTP or HTTPS",
        error(Map.of("address", "http://x/y", "unlock_address", "file:///y"), Map.of()));
    assertEquals(
        "invalid retry_max: a number is required",
        error(Map.of("address", "http://x/y"), Map.of("TF_HTTP_RETRY_MAX", "abc")));
    assertEquals(
        "invalid retry_wait_min: must be a whole number",
        error(Map.of("address", "http://x/y", "retry_wait_min", "1.5"), Map.of()));
    assertEquals(
        "invalid skip_cert_verification: a bool is required",
        error(Map.of("address", "http://x/y", "skip_cert_verification", "yes"), Map.of()));
    assertEquals(
        "client_certificate_pem is set but client_private_key_pem is not",
        error(Map.of("address", "http://x/y", "client_certificate_pem", "abc"), Map.of()));
    assertEquals(
        "client_private_key_pem is set but client_certificate_pem is not",
        error(Map.of("address", "http://x/y"), Map.of("TF_HTTP_CLIENT_PRIVATE_KEY_PEM", "k")));
    assertEquals(
        "invalid update_method: \"PO ST\" is not an HTTP method",
        error(Map.of("address", "http://x/y", "update_method", "PO ST"), Map.of()));
  }

  @Test
  void skipCertVerificationHasNoEnvironmentVariableAsInTerraform() throws Exception {
    HttpBackendConfig c =
        read(Map.of("address", "https://x/y"), Map.of("TF_HTTP_SKIP_CERT_VERIFICATION", "true"));
    assertFalse(c.skipCertVerification());
    assertTrue(
        read(Map.of("address", "https://x/y", "skip_cert_verification", "true"), Map.of())
            .skipCertVerification());
  }

  @Test
  void printingTheSettingsShowsNoSecret() throws Exception {
    HttpBackendConfig c =
        read(
            Map.of(
                "address", "https://user:urlpass@x/y",
                "password", "s3cret",
                "client_certificate_pem", "CERT",
                "client_private_key_pem", "PRIVATE"),
            Map.of());
    String text = c.toString();
    assertFalse(text.contains("s3cret"), text);
    assertFalse(text.contains("urlpass"), text);
    assertFalse(text.contains("PRIVATE"), text);
    assertEquals("https://user:xxxxx@x/y", c.displayName());
  }
}
