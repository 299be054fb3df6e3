package dev.forma.provider.alicloud.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.provider.sdk.http.ApiError;
import dev.forma.provider.sdk.http.ApiException;
import dev.forma.provider.sdk.http.CallTag;
import dev.forma.provider.sdk.http.RateLimiter;
import dev.forma.provider.sdk.http.RedactingLogInterceptor;
import dev.forma.provider.sdk.http.RetryInterceptor;
import dev.forma.provider.sdk.http.RetryPolicy;
import dev.forma.provider.sdk.http.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP client of one configured provider: one {@link OkHttpClient} (one connection pool) whose
 * interceptors run in this order, outermost first (STYLE 12):
 *
 * <ol>
 *   <li>{@link RetryInterceptor} (the provider SDK's, with {@link AcsErrors#RULES}): backoff and
 *       retry; outside signing so that every attempt is signed anew with its own date and nonce
 *       (the API refuses a repeated nonce);
 *   <li>{@link SigningInterceptor}: ACS3-HMAC-SHA256;
 *   <li>{@link RedactingLogInterceptor}: a network interceptor, logs what goes on the wire with
 *       secrets redacted.
 * </ol>
 *
 * {@link #call} turns each answer into JSON or an {@link ApiException}.
 */
public final class AcsClient implements AutoCloseable {
  /** The content type of every JSON body the provider sends. */
  public static final MediaType JSON_UTF8 = MediaType.get("application/json; charset=utf-8");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final Map<Product, HttpUrl> endpoints;

  private AcsClient(OkHttpClient http, Map<Product, HttpUrl> endpoints) {
    this.http = http;
    this.endpoints = new EnumMap<>(endpoints);
  }

  /** A client for {@code endpoints} (base URL per product) signing with {@code credentials}. */
  public static AcsClient create(
      Credentials credentials,
      Map<Product, HttpUrl> endpoints,
      RetryPolicy retry,
      Sleeper sleeper,
      RedactingLogInterceptor logger) {
    return create(credentials, endpoints, retry, sleeper, System::nanoTime, logger);
  }

  /** As above, with the clock that bounds retries ({@code nanoTime}), for tests. */
  public static AcsClient create(
      Credentials credentials,
      Map<Product, HttpUrl> endpoints,
      RetryPolicy retry,
      Sleeper sleeper,
      LongSupplier nanoTime,
      RedactingLogInterceptor logger) {
    return create(credentials, endpoints, retry, sleeper, nanoTime, logger, null);
  }

  /** As above, every try of every call taking a token from {@code limiter} (null: none). */
  public static AcsClient create(
      Credentials credentials,
      Map<Product, HttpUrl> endpoints,
      RetryPolicy retry,
      Sleeper sleeper,
      LongSupplier nanoTime,
      RedactingLogInterceptor logger,
      RateLimiter limiter) {
    Random random = new Random();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                new RetryInterceptor(
                    retry, AcsErrors.RULES, sleeper, random::nextDouble, nanoTime, limiter))
            .addInterceptor(new SigningInterceptor(credentials))
            .addNetworkInterceptor(logger)
            // RetryInterceptor decides what is repeated; OkHttp must not repeat a create itself
            .retryOnConnectionFailure(false)
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(60))
            .callTimeout(Duration.ZERO)
            .build();
    return new AcsClient(http, endpoints);
  }

  /** The base URL calls to {@code product} go to. */
  public HttpUrl endpoint(Product product) {
    return endpoints.get(product);
  }

  /**
   * Sends the request and returns the response body as JSON (an empty object for an empty body).
   *
   * @throws ApiException when the API answered with an error (HTTP 4xx/5xx, or a 2xx body that
   *     carries one) or did not answer
   */
  public JsonNode call(ApiRequest api) throws ApiException {
    HttpUrl base = endpoints.get(api.product());
    if (base == null) {
      throw new IllegalStateException("no endpoint for " + api.product());
    }
    String query = queryString(api);
    HttpUrl url =
        base.newBuilder()
            .encodedPath(AcsSigner.canonicalUri(api.pathSegments()))
            .encodedQuery(query.isEmpty() ? null : query)
            .build();
    RequestBody body = null;
    if (api.body() != null) {
      try {
        body = RequestBody.create(JSON.writeValueAsBytes(api.body()), JSON_UTF8);
      } catch (IOException e) {
        throw new IllegalStateException("cannot serialise a JSON tree", e);
      }
    } else if (api.method().equals("POST") || api.method().equals("PUT")) {
      body = RequestBody.create(new byte[0], null);
    }
    Request request =
        new Request.Builder()
            .url(url)
            .method(api.method(), body)
            .header("Accept", "application/json")
            .tag(ApiRequest.class, api)
            .tag(CallTag.class, new CallTag(api.action(), api.idempotent()))
            .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody rb = response.body();
      byte[] bytes = rb == null ? new byte[0] : rb.bytes();
      JsonNode json;
      try {
        json = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
      } catch (IOException e) {
        if (response.isSuccessful()) {
          throw new ApiException(
              AcsErrors.error(
                  api.product(),
                  api.action(),
                  response.code(),
                  null,
                  "the answer is not JSON: " + e.getMessage(),
                  response.header("x-acs-request-id"),
                  null),
              e);
        }
        json = JSON.createObjectNode();
      }
      ApiError error = AcsErrors.fromBody(api.product(), api.action(), response.code(), json);
      if (error != null) {
        if (error.message() == null && !response.isSuccessful()) {
          error =
              error.withMessage(
                  response.message(),
                  error.requestId() != null
                      ? error.requestId()
                      : response.header("x-acs-request-id"));
        }
        throw new ApiException(error, null);
      }
      return json;
    } catch (IOException e) {
      throw new ApiException(
          ApiError.transport(api.product().displayName(), api.action(), e.toString()), e);
    }
  }

  private static String queryString(ApiRequest api) {
    StringBuilder q = new StringBuilder();
    for (Map.Entry<String, String> e : api.query()) {
      if (q.length() > 0) {
        q.append('&');
      }
      q.append(AcsSigner.percentEncode(e.getKey()))
          .append('=')
          .append(AcsSigner.percentEncode(e.getValue()));
    }
    return q.toString();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
