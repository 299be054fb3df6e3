package dev.forma.state.backend.http;

import dev.forma.state.StateException;
import dev.forma.state.backend.LockInfo;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The calls of Terraform's http backend protocol: get, update and lock the state at the configured
 * addresses, with Terraform's answers to each status. Interceptors, in this order: {@link
 * ContentMd5Interceptor}, {@link BasicAuthInterceptor}, {@link RetryInterceptor}.
 */
final class HttpStateClient {
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpBackendConfig config;
  private final OkHttpClient http;

  /** A failed call, with Terraform's message for it. */
  static final class Failure extends Exception {
    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** How a lock or unlock request was answered. */
  sealed interface LockAnswer {
    /** Done. */
    record Done() implements LockAnswer {}

    /**
     * The lock is held by another: {@code holder} is the holder's lock info when the server sent a
     * readable one, else null, and {@code reason} says what was answered.
     */
    record Held(LockInfo holder, String reason) implements LockAnswer {}
  }

  HttpStateClient(HttpBackendConfig config) throws StateException {
    this.config = config;
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .connectTimeout(Duration.ofSeconds(30))
            .readTimeout(Duration.ofSeconds(60))
            .writeTimeout(Duration.ofSeconds(60))
            .addInterceptor(new ContentMd5Interceptor())
            .addInterceptor(new BasicAuthInterceptor(config.username(), config.password()))
            .addInterceptor(
                new RetryInterceptor(
                    config.retryMax(), config.retryWaitMin(), config.retryWaitMax()));
    HttpTls.configure(builder, config);
    this.http = builder.build();
  }

  /**
   * The stored state's bytes, or null when there is none (404, 204 or an empty body).
   *
   * @throws Failure when it cannot be read
   */
  byte[] get() throws Failure {
    Request request = new Request.Builder().url(config.address()).get().build();
    try (Response response = call(request, "get state")) {
      switch (response.code()) {
        case 200 -> {}
        case 204, 404 -> {
          return null;
        }
        case 401 -> throw new Failure("HTTP remote state endpoint requires auth", null);
        case 403 -> throw new Failure("HTTP remote state endpoint invalid auth", null);
        default -> throw unexpected(response);
      }
      byte[] bytes;
      try {
        bytes = response.body().bytes();
      } catch (IOException e) {
        throw new Failure("Failed to read remote state: " + e.getMessage(), e);
      }
      return bytes.length == 0 ? null : bytes;
    }
  }

  /**
   * Replaces the stored state with {@code data}, with {@code ?ID=lockId} when a lock is held.
   *
   * @throws Failure when the server does not take it
   */
  void put(byte[] data, String lockId) throws Failure {
    HttpUrl url = config.address();
    if (lockId != null) {
      url = url.newBuilder().setQueryParameter("ID", lockId).build();
    }
    Request request =
        new Request.Builder()
            .url(url)
            .method(config.updateMethod(), RequestBody.create(data, JSON))
            .build();
    try (Response response = call(request, "upload state")) {
      switch (response.code()) {
        case 200, 201, 204 -> {}
        default -> throw new Failure("HTTP error: " + response.code() + said(response), null);
      }
    }
  }

  /**
   * Asks for the lock described by {@code lockInfo} at {@code lock_address}.
   *
   * @throws Failure when the server neither grants it nor names a holder
   */
  LockAnswer lock(byte[] lockInfo) throws Failure {
    Request request =
        new Request.Builder()
            .url(config.lockAddress())
            .method(config.lockMethod(), RequestBody.create(lockInfo, JSON))
            .build();
    try (Response response = call(request, "lock")) {
      return switch (response.code()) {
        case 200 -> new LockAnswer.Done();
        case 401 -> throw new Failure("HTTP remote state endpoint requires auth", null);
        case 403 -> throw new Failure("HTTP remote state endpoint invalid auth", null);
        case 409, 423 -> held(response);
        default -> throw unexpected(response);
      };
    }
  }

  /**
   * Asks {@code unlock_address} to release the lock whose info is {@code lockInfo}.
   *
   * @throws Failure when the server does not release it and names no holder
   */
  LockAnswer unlock(byte[] lockInfo) throws Failure {
    Request request =
        new Request.Builder()
            .url(config.unlockAddress())
            .method(config.unlockMethod(), RequestBody.create(lockInfo, JSON))
            .build();
    try (Response response = call(request, "unlock")) {
      return switch (response.code()) {
        case 200 -> new LockAnswer.Done();
        case 401 -> throw new Failure("HTTP remote state endpoint requires auth", null);
        case 403 -> throw new Failure("HTTP remote state endpoint invalid auth", null);
        case 409, 423 -> {
          LockAnswer.Held held = held(response);
          if (held.holder() == null) {
            throw unexpected(response);
          }
          yield held;
        }
        default -> throw unexpected(response);
      };
    }
  }

  private Response call(Request request, String what) throws Failure {
    try {
      return http.newCall(request).execute();
    } catch (IOException e) {
      String hint = "";
      Throwable root = rootCause(e);
      boolean serverRefused =
          root instanceof java.net.SocketException
              || root instanceof javax.net.ssl.SSLException
                  && !(root instanceof javax.net.ssl.SSLPeerUnverifiedException)
                  && !String.valueOf(root.getMessage()).contains("PKIX")
                  && !String.valueOf(root.getMessage()).contains("certification path");
      if (request.isHttps() && config.clientCertificatePem().isEmpty() && serverRefused) {
        hint =
            " (if the server asks for a client certificate, set client_certificate_pem and"
                + " client_private_key_pem)";
      }
      throw new Failure("Failed to " + what + ": " + message(request, e) + hint, e);
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String message(Request request, IOException e) {
    if (e instanceof RetryInterceptor.GaveUpException) {
      return e.getMessage();
    }
    return request.method()
        + " "
        + HttpBackendConfig.redact(request.url())
        + ": "
        + RetryInterceptor.describe(e);
  }

  private static LockAnswer.Held held(Response response) {
    byte[] body;
    try {
      body = response.body().bytes();
    } catch (IOException e) {
      return new LockAnswer.Held(null, "HTTP remote state already locked, failed to read body");
    }
    LockInfo holder = LockInfo.fromJson(body);
    if (holder == null || holder.id().isEmpty()) {
      return new LockAnswer.Held(
          null, "HTTP remote state already locked, failed to unmarshal body");
    }
    return new LockAnswer.Held(holder, "HTTP remote state already locked: ID=" + holder.id());
  }

  private static Failure unexpected(Response response) {
    return new Failure("Unexpected HTTP response code " + response.code() + said(response), null);
  }

  /** What the server said in a short text answer, for the error message; empty if nothing. */
  private static String said(Response response) {
    try {
      String text = response.peekBody(301).string().strip();
      if (text.isEmpty()
          || text.length() > 300
          || text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        return "";
      }
      return " (the server said: " + text.replaceAll("\\s+", " ") + ")";
    } catch (IOException e) {
      return "";
    }
  }
}
