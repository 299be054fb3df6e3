package dev.forma.provider.sdk.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.forma.provider.sdk.testing.WireMockCloud;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's HTTP building blocks over a WireMock cloud whose API throttles with the code {@code
 * SlowDown}: retries outside signing, so that every try carries a fresh signature; throttled calls
 * retried whatever they are, failures only when idempotent; a log with secrets redacted.
 */
class RetryInterceptorTest {
  private static final ErrorRules RULES =
      new ErrorRules() {
        @Override
        public String codeIn(JsonNode body) {
          return body != null && body.has("Code") ? body.get("Code").asText() : null;
        }

        @Override
        public boolean isThrottling(String code) {
          return "SlowDown".equals(code);
        }
      };

  private final WireMockCloud cloud = new WireMockCloud();
  private final AtomicInteger nonce = new AtomicInteger();

  @AfterEach
  void stop() {
    cloud.close();
  }

  private OkHttpClient client(int maxRetries) {
    return new OkHttpClient.Builder()
        .addInterceptor(
            new RetryInterceptor(
                RetryPolicy.withRetries(maxRetries),
                RULES,
                cloud.sleeper(),
                () -> 0.5,
                cloud.nanoTime(),
                null))
        // a stand-in for a cloud's signer: a new nonce and token on every request it sees
        .addInterceptor(
            chain ->
                chain.proceed(
                    chain
                        .request()
                        .newBuilder()
                        .header("x-signature-nonce", "n" + nonce.incrementAndGet())
                        .header("x-security-token", "sts-secret-token")
                        .build()))
        .addNetworkInterceptor(cloud.logger())
        .retryOnConnectionFailure(false)
        .build();
  }

  private static Request call(String method, String path, boolean idempotent) {
    return new Request.Builder()
        .url("http://placeholder" + path)
        .method(method, method.equals("GET") ? null : RequestBody.create(new byte[0], null))
        .tag(CallTag.class, new CallTag("Do" + path.substring(1), idempotent))
        .build();
  }

  private Response send(OkHttpClient http, Request r) throws Exception {
    Request to = r.newBuilder().url(cloud.url() + r.url().encodedPath()).build();
    return http.newCall(to).execute();
  }

  @Test
  void aThrottledCallIsRetriedWithAFreshSignatureEachTry() throws Exception {
    cloud.wm.stubFor(
        post(urlEqualTo("/create"))
            .inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"Code\":\"SlowDown\"}"))
            .willSetStateTo("open"));
    cloud.wm.stubFor(
        post(urlEqualTo("/create"))
            .inScenario("throttle")
            .whenScenarioStateIs("open")
            .willReturn(aResponse().withStatus(200).withBody("{}")));
    try (Response r = send(client(0), call("POST", "/create", false))) {
      assertEquals(200, r.code(), "a create is retried when throttled, even with no retries left");
    }
    List<LoggedRequest> tries = cloud.requests("/create");
    assertEquals(2, tries.size());
    assertNotEquals(
        tries.get(0).getHeader("x-signature-nonce"), tries.get(1).getHeader("x-signature-nonce"));
    assertEquals(1, cloud.sleeps.size());
    String log = String.join("\n", cloud.logLines);
    assertTrue(log.contains("x-security-token: (redacted)"), log);
    assertFalse(log.contains("sts-secret-token"), log);
    assertTrue(log.contains("x-signature-nonce: n1"), "a nonce is no secret: " + log);
  }

  @Test
  void aFailureIsRetriedOnlyWhenTheCallIsIdempotent() throws Exception {
    cloud.wm.stubFor(
        get(urlEqualTo("/read"))
            .willReturn(aResponse().withStatus(503).withBody("{\"Code\":\"Unavailable\"}")));
    cloud.wm.stubFor(
        post(urlEqualTo("/make"))
            .willReturn(aResponse().withStatus(503).withBody("{\"Code\":\"Unavailable\"}")));
    OkHttpClient http = client(2);
    try (Response r = send(http, call("GET", "/read", true))) {
      assertEquals(503, r.code());
    }
    assertEquals(3, cloud.requests("/read").size(), "the first try and max_retries 2");
    try (Response r = send(http, call("POST", "/make", false))) {
      assertEquals(503, r.code());
    }
    assertEquals(1, cloud.requests("/make").size(), "a create may have been done: never resent");
  }

  @Test
  void theServersRetryAfterIsTheLeastWait() throws Exception {
    cloud.wm.stubFor(
        get(urlEqualTo("/read"))
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("ok"));
    cloud.wm.stubFor(
        get(urlEqualTo("/read"))
            .inScenario("busy")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("{}")));
    try (Response r = send(client(5), call("GET", "/read", true))) {
      assertEquals(200, r.code());
    }
    assertEquals(List.of(Duration.ofSeconds(7)), cloud.sleeps);
  }
}
