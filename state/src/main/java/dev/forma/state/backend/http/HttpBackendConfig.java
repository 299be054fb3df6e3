package dev.forma.state.backend.http;

import dev.forma.state.StateException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The settings of a {@code backend "http"} block, as Terraform's http backend reads them: each
 * argument, or when the block does not set it its {@code TF_HTTP_*} environment variable, or the
 * default. {@link #toString()} names no secret.
 *
 * @param address where the state is read ({@code GET}), written and deleted
 * @param updateMethod the method that writes the state ({@code POST} by default)
 * @param lockAddress where locks are taken; null: the state is never locked
 * @param lockMethod the method that takes a lock ({@code LOCK} by default)
 * @param unlockAddress where locks are released; null: they are never released
 * @param unlockMethod the method that releases a lock ({@code UNLOCK} by default)
 * @param username the user for HTTP basic authentication; empty: none (unless the address has one)
 * @param password the password for HTTP basic authentication
 * @param retryMax how many times a failed request is retried (2 by default)
 * @param retryWaitMin the wait before the first retry, doubled for each next one (1 s by default)
 * @param retryWaitMax the longest wait between two tries (30 s by default)
 * @param skipCertVerification whether the server's certificate is accepted unchecked
 * @param clientCaCertificatePem the CA certificates (PEM) that server certificates must chain to,
 *     instead of the system's; empty: the system's
 * @param clientCertificatePem the client certificate (PEM) for mutual TLS; empty: none
 * @param clientPrivateKeyPem the client certificate's private key (PEM)
 */
public record HttpBackendConfig(
    HttpUrl address,
    String updateMethod,
    HttpUrl lockAddress,
    String lockMethod,
    HttpUrl unlockAddress,
    String unlockMethod,
    String username,
    String password,
    int retryMax,
    Duration retryWaitMin,
    Duration retryWaitMax,
    boolean skipCertVerification,
    String clientCaCertificatePem,
    String clientCertificatePem,
    String clientPrivateKeyPem) {

  /** The block's arguments, Terraform's names. */
  public static final List<String> ARGUMENTS =
      List.of(
          "address",
          "update_method",
          "lock_address",
          "unlock_address",
          "lock_method",
          "unlock_method",
          "username",
          "password",
          "skip_cert_verification",
          "retry_max",
          "retry_wait_min",
          "retry_wait_max",
          "client_ca_certificate_pem",
          "client_certificate_pem",
          "client_private_key_pem");

  /** An HTTP method: a token of RFC 9110. */
  private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public HttpBackendConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(updateMethod, "updateMethod");
    Objects.requireNonNull(lockMethod, "lockMethod");
    Objects.requireNonNull(unlockMethod, "unlockMethod");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(retryWaitMin, "retryWaitMin");
    Objects.requireNonNull(retryWaitMax, "retryWaitMax");
    Objects.requireNonNull(clientCaCertificatePem, "clientCaCertificatePem");
    Objects.requireNonNull(clientCertificatePem, "clientCertificatePem");
    Objects.requireNonNull(clientPrivateKeyPem, "clientPrivateKeyPem");
  }

  /** The defaults for a state at {@code address}, with no lock and no credentials. */
  public static HttpBackendConfig of(HttpUrl address) {
    return new HttpBackendConfig(
        address,
        "POST",
        null,
        "LOCK",
        null,
        "UNLOCK",
        "",
        "",
        2,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        false,
        "",
        "",
        "");
  }

  /**
   * Reads the block's {@code arguments} (names as {@link #ARGUMENTS}, values as given), with the
   * {@code TF_HTTP_*} variables of {@code env} for those not set, as Terraform does.
   *
   * @throws StateException with Terraform's message when a setting is missing or invalid
   */
  public static HttpBackendConfig from(Map<String, String> arguments, Map<String, String> env)
      throws StateException {
    Settings s = new Settings(arguments, env);
    String address = s.get("address", "TF_HTTP_ADDRESS", "");
    if (address.isEmpty()) {
      throw problem("address argument is required");
    }
    HttpUrl url = url("address", address);
    String lock = s.get("lock_address", "TF_HTTP_LOCK_ADDRESS", null);
    String unlock = s.get("unlock_address", "TF_HTTP_UNLOCK_ADDRESS", null);
    String certificate = s.get("client_certificate_pem", "TF_HTTP_CLIENT_CERTIFICATE_PEM", "");
    String key = s.get("client_private_key_pem", "TF_HTTP_CLIENT_PRIVATE_KEY_PEM", "");
    if (!certificate.isEmpty() && key.isEmpty()) {
      throw problem("client_certificate_pem is set but client_private_key_pem is not");
    }
    if (!key.isEmpty() && certificate.isEmpty()) {
      throw problem("client_private_key_pem is set but client_certificate_pem is not");
    }
    return new HttpBackendConfig(
        url,
        method("update_method", s.get("update_method", "TF_HTTP_UPDATE_METHOD", "POST"), "POST"),
        lock == null ? null : url("lock_address", lock),
        method("lock_method", s.get("lock_method", "TF_HTTP_LOCK_METHOD", "LOCK"), "LOCK"),
        unlock == null ? null : url("unlock_address", unlock),
        method(
            "unlock_method", s.get("unlock_method", "TF_HTTP_UNLOCK_METHOD", "UNLOCK"), "UNLOCK"),
        s.get("username", "TF_HTTP_USERNAME", ""),
        s.get("password", "TF_HTTP_PASSWORD", ""),
        Math.max(0, whole("retry_max", s.get("retry_max", "TF_HTTP_RETRY_MAX", "2"))),
        Duration.ofSeconds(
            Math.max(
                0,
                whole("retry_wait_min", s.get("retry_wait_min", "TF_HTTP_RETRY_WAIT_MIN", "1")))),
        Duration.ofSeconds(
            Math.max(
                0,
                whole("retry_wait_max", s.get("retry_wait_max", "TF_HTTP_RETRY_WAIT_MAX", "30")))),
        bool("skip_cert_verification", s.get("skip_cert_verification", null, "false")),
        s.get("client_ca_certificate_pem", "TF_HTTP_CLIENT_CA_CERTIFICATE_PEM", ""),
        certificate,
        key);
  }

  /** This configuration with other retry settings (tests use waits shorter than a second). */
  public HttpBackendConfig withRetries(int max, Duration waitMin, Duration waitMax) {
    return new HttpBackendConfig(
        address,
        updateMethod,
        lockAddress,
        lockMethod,
        unlockAddress,
        unlockMethod,
        username,
        password,
        max,
        waitMin,
        waitMax,
        skipCertVerification,
        clientCaCertificatePem,
        clientCertificatePem,
        clientPrivateKeyPem);
  }

  /**
   * This configuration with GitLab's way of locking: {@code POST}/{@code DELETE} on {@code lock}.
   */
  public HttpBackendConfig withLock(HttpUrl lock, String lockMethod, String unlockMethod) {
    return new HttpBackendConfig(
        address,
        updateMethod,
        lock,
        lockMethod,
        lock,
        unlockMethod,
        username,
        password,
        retryMax,
        retryWaitMin,
        retryWaitMax,
        skipCertVerification,
        clientCaCertificatePem,
        clientCertificatePem,
        clientPrivateKeyPem);
  }

  /** How the state is named to the user: its address without credentials. */
  public String displayName() {
    return redact(address);
  }

  /** {@code url} as it may be shown: without its password. */
  static String redact(HttpUrl url) {
    if (url.password().isEmpty()) {
      return url.toString();
    }
    return url.newBuilder().password("xxxxx").build().toString();
  }

  @Override
  public String toString() {
    return "HttpBackendConfig[address="
        + redact(address)
        + ", updateMethod="
        + updateMethod
        + ", lockAddress="
        + (lockAddress == null ? null : redact(lockAddress))
        + ", lockMethod="
        + lockMethod
        + ", unlockAddress="
        + (unlockAddress == null ? null : redact(unlockAddress))
        + ", unlockMethod="
        + unlockMethod
        + ", username="
        + username
        + ", password="
        + (password.isEmpty() ? "" : "(sensitive)")
        + ", retryMax="
        + retryMax
        + ", retryWaitMin="
        + retryWaitMin
        + ", retryWaitMax="
        + retryWaitMax
        + ", skipCertVerification="
        + skipCertVerification
        + ", clientCaCertificatePem="
        + (clientCaCertificatePem.isEmpty() ? "" : "(set)")
        + ", clientCertificatePem="
        + (clientCertificatePem.isEmpty() ? "" : "(set)")
        + ", clientPrivateKeyPem="
        + (clientPrivateKeyPem.isEmpty() ? "" : "(sensitive)")
        + "]";
  }

  /** The block's arguments over the environment's variables. */
  private record Settings(Map<String, String> arguments, Map<String, String> env) {
    /**
     * The argument {@code name}; when the block does not set it, the variable {@code variable} if
     * it is set and not empty; else {@code fallback}.
     */
    String get(String name, String variable, String fallback) {
      String v = arguments.get(name);
      if (v != null) {
        return v;
      }
      if (variable != null) {
        String e = env.get(variable);
        if (e != null && !e.isEmpty()) {
          return e;
        }
      }
      return fallback;
    }
  }

  private static HttpUrl url(String name, String text) throws StateException {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw problem("failed to parse " + name + " URL: parse \"" + text + "\": " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw problem(name + " must be HTTP or HTTPS");
    }
    HttpUrl url = HttpUrl.parse(text);
    if (url == null || uri.getHost() == null) {
      throw problem("failed to parse " + name + " URL: parse \"" + text + "\": no host name");
    }
    return url;
  }

  private static String method(String name, String value, String fallback) throws StateException {
    if (value.isEmpty()) {
      return fallback;
    }
    if (!METHOD.matcher(value).matches()) {
      throw problem("invalid " + name + ": \"" + value + "\" is not an HTTP method");
    }
    return value;
  }

  private static int whole(String name, String value) throws StateException {
    BigDecimal number;
    try {
      number = new BigDecimal(value.strip());
    } catch (NumberFormatException e) {
      throw problem("invalid " + name + ": a number is required");
    }
    try {
      return number.intValueExact();
    } catch (ArithmeticException e) {
      throw problem("invalid " + name + ": must be a whole number");
    }
  }

  private static boolean bool(String name, String value) throws StateException {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw problem("invalid " + name + ": a bool is required");
    };
  }

  private static StateException problem(String summary) {
    return new StateException(summary, "");
  }
}
