package dev.forma.provider.alicloud.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.forma.provider.alicloud.SignatureVerifier;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.sdk.http.ApiException;
import dev.forma.provider.sdk.http.RedactingLogInterceptor;
import dev.forma.provider.sdk.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcsClientTest {
  private static final String KEY = "LTAI-key";
  private static final String SECRET = "s3cr3t-value";
  private static final String TOKEN = "STS.security-token-value";

  private WireMockServer wm;
  private AcsClient client;
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  /** A clock that advances by what was "slept". */
  private final AtomicLong clock = new AtomicLong();

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    client = clientWith(3);
  }

  private AcsClient clientWith(int maxRetries) {
    HttpUrl base = HttpUrl.get("http://127.0.0.1:" + wm.port());
    return AcsClient.create(
        new Credentials(KEY, SECRET, TOKEN, "test"),
        Map.of(Product.AIWORKSPACE, base, Product.EAS, base, Product.AICONTENT, base),
        RetryPolicy.withRetries(maxRetries),
        d -> {
          sleeps.add(d);
          clock.addAndGet(d.toNanos());
        },
        clock::get,
        new RedactingLogInterceptor(log::add, true));
  }

  @AfterEach
  void stop() {
    client.close();
    wm.stop();
  }

  private List<LoggedRequest> recorded() {
    List<LoggedRequest> all = new ArrayList<>();
    wm.getAllServeEvents().forEach(e -> all.add(e.getRequest()));
    Collections.reverse(all);
    return all;
  }

  private static ApiRequest getConnection() {
    return ApiRequest.of(
            Product.AIWORKSPACE, "GetConnection", "GET", "api", "v1", "connections", "conn a*b")
        .query("EncryptOption", "Secret")
        .build();
  }

  @Test
  void sendsTheSignedHeadersApiMdNamesAndAValidSignature() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ConnectionId\":\"conn a*b\"}")));
    JsonNode answer = client.call(getConnection());
    assertEquals("conn a*b", answer.get("ConnectionId").asText());
    LoggedRequest r = recorded().get(0);
    assertEquals("/api/v1/connections/conn%20a%2Ab?EncryptOption=Secret", r.getUrl());
    assertEquals("GetConnection", r.getHeader("x-acs-action"));
    assertEquals("2021-02-04", r.getHeader("x-acs-version"));
    assertEquals(TOKEN, r.getHeader("x-acs-security-token"));
    assertEquals(AcsSigner.EMPTY_SHA256, r.getHeader("x-acs-content-sha256"));
    assertEquals("127.0.0.1:" + wm.port(), r.getHeader("Host"));
    SignatureVerifier.assertValid(r, KEY, SECRET);
  }

  @Test
  void signsAJsonBodyWithItsContentType() throws Exception {
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .willReturn(aResponse().withStatus(200).withBody("{\"ConnectionId\":\"conn-1\"}")));
    var body = new ObjectMapper().createObjectNode().put("ConnectionName", "名前 x");
    client.call(
        ApiRequest.of(Product.AIWORKSPACE, "CreateConnection", "POST", "api", "v1", "connections")
            .body(body)
            .build());
    wm.verify(
        postRequestedFor(urlEqualTo("/api/v1/connections"))
            .withHeader("content-type", equalToIgnoreCase("application/json; charset=utf-8"))
            .withRequestBody(equalToJson("{\"ConnectionName\":\"名前 x\"}")));
    SignatureVerifier.assertValid(recorded().get(0), KEY, SECRET);
  }

  @Test
  void retriesAThrottlingAnswerWithHttp400TwiceThenSucceedsEachAttemptSignedAnew()
      throws Exception {
    String throttled =
        "{\"RequestId\":\"r-1\",\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due"
            + " to user flow control.\"}";
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .inScenario("t")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(throttled))
            .willSetStateTo("2"));
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .inScenario("t")
            .whenScenarioStateIs("2")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(throttled))
            .willSetStateTo("3"));
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .inScenario("t")
            .whenScenarioStateIs("3")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ConnectionId\":\"conn-1\"}")));
    // a create: throttling means the server did not act, so even a create is retried
    JsonNode answer =
        client.call(
            ApiRequest.of(
                    Product.AIWORKSPACE, "CreateConnection", "POST", "api", "v1", "connections")
                .body(new ObjectMapper().createObjectNode().put("ConnectionName", "c"))
                .build());
    assertEquals("conn-1", answer.get("ConnectionId").asText());
    List<LoggedRequest> rs = recorded();
    assertEquals(3, rs.size());
    assertEquals(2, sleeps.size());
    assertNotEquals(
        rs.get(0).getHeader("x-acs-signature-nonce"), rs.get(1).getHeader("x-acs-signature-nonce"));
    assertNotEquals(
        rs.get(1).getHeader("x-acs-signature-nonce"), rs.get(2).getHeader("x-acs-signature-nonce"));
    for (LoggedRequest r : rs) {
      SignatureVerifier.assertValid(r, KEY, SECRET);
    }
    // full jitter: each wait below the exponential cap (0.5s, then 1s)
    assertTrue(sleeps.get(0).toMillis() <= 500, sleeps.toString());
    assertTrue(sleeps.get(1).toMillis() <= 1000, sleeps.toString());
  }

  @Test
  void retriesA503ForAReadAndHonoursRetryAfter() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Retry-After", "3")
                    .withBody("Service Unavailable"))
            .willSetStateTo("ok"));
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .inScenario("s")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("{}")));
    client.call(getConnection());
    assertEquals(2, recorded().size());
    assertEquals(List.of(Duration.ofSeconds(3)), sleeps);
  }

  @Test
  void honoursXRateLimitResetAfter() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse().withStatus(429).withHeader("x-ratelimit-reset-after", "7").withBody(""))
            .willSetStateTo("ok"));
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .inScenario("s")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("{}")));
    client.call(getConnection());
    assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
  }

  @Test
  void neverRepeatsACreateAfterA500OrALostAnswer() {
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"RequestId\":\"r-500\",\"Code\":\"InternalError\",\"Message\":\"boom\"}")));
    ApiRequest create =
        ApiRequest.of(Product.AIWORKSPACE, "CreateConnection", "POST", "api", "v1", "connections")
            .body(new ObjectMapper().createObjectNode())
            .build();
    ApiException e = assertThrows(ApiException.class, () -> client.call(create));
    assertEquals(500, e.error().httpStatus());
    assertEquals(1, recorded().size());
    wm.resetAll();
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    ApiException lost = assertThrows(ApiException.class, () -> client.call(create));
    assertTrue(lost.error().isTransport());
    assertEquals(1, recorded().size());
  }

  @Test
  void retriesAnIoErrorForAnIdempotentCall() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("ok"));
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .inScenario("s")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("{\"ok\":1}")));
    assertEquals(1, client.call(getConnection()).get("ok").asInt());
    assertEquals(2, recorded().size());
  }

  @Test
  void stopsAfterTheBoundOnAttemptsAndReportsTheLastError() {
    client.close();
    client = clientWith(2);
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"RequestId\":\"req-9\",\"Code\":\"ServiceUnavailable\",\"Message\":\"try"
                            + " later\"}")));
    ApiException e = assertThrows(ApiException.class, () -> client.call(getConnection()));
    assertEquals(3, recorded().size());
    ProviderDiagnostic d = e.error().toDiagnostic("connection conn a*b");
    assertEquals("AIWorkSpace GetConnection failed: ServiceUnavailable", d.summary());
    assertEquals(
        "connection conn a*b: HTTP 503, code ServiceUnavailable: try later\nRequestId: req-9",
        d.detail());
  }

  private static final String THROTTLED =
      "{\"RequestId\":\"req-t\",\"Code\":\"Throttling.User\",\"Message\":\"Request was denied"
          + " due to user flow control.\"}";

  @Test
  void throttlingIsRetriedForTwoMinutesWithGrowingJitteredWaitsNotJustMaxRetriesTimes() {
    client.close();
    client = clientWith(2);
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(THROTTLED)));
    ApiException e = assertThrows(ApiException.class, () -> client.call(getConnection()));
    assertEquals("Throttling.User", e.error().code());
    // max_retries = 2 bounds failures, not throttling: throttled calls go on for 2 minutes
    int tries = recorded().size();
    assertEquals(sleeps.size() + 1, tries);
    assertTrue(tries > 3 && tries <= RetryPolicy.MAX_THROTTLED_ATTEMPTS, "tries " + tries);
    Duration total = sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertTrue(total.compareTo(Duration.ofMinutes(2)) <= 0, total.toString());
    assertTrue(total.compareTo(Duration.ofSeconds(30)) > 0, "gave up early: " + sleeps);
    for (int i = 0; i < sleeps.size(); i++) {
      long cap = Math.min(20_000, 500L << Math.min(i, 20));
      assertTrue(sleeps.get(i).toMillis() <= cap, i + ": " + sleeps);
    }
    // full jitter: not every wait is the cap
    assertTrue(
        sleeps.stream().anyMatch(d -> d.toMillis() < 20_000 && d.toMillis() > 0),
        sleeps.toString());
  }

  @Test
  void aThrottledCreateIsSentAgainAfterTheRetryAfterTheCloudAsks() throws Exception {
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .inScenario("t")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", "4")
                    .withBody(THROTTLED))
            .willSetStateTo("ok"));
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .inScenario("t")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("{\"ConnectionId\":\"conn-1\"}")));
    JsonNode answer = client.call(createConnection());
    assertEquals("conn-1", answer.get("ConnectionId").asText());
    assertEquals(2, recorded().size());
    assertEquals(List.of(Duration.ofSeconds(4)), sleeps);
  }

  @Test
  void aCreateAnswered503IsNotSentAgainByTheClient() {
    // a 503 may come from a gateway after the service acted: the resource looks before resending
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", "1")
                    .withBody(
                        "{\"RequestId\":\"r-503\",\"Code\":\"ServiceUnavailable\",\"Message\":\"The"
                            + " request has failed due to a temporary failure of the server.\"}")));
    ApiException e = assertThrows(ApiException.class, () -> client.call(createConnection()));
    assertEquals(503, e.error().httpStatus());
    assertEquals("ServiceUnavailable", e.error().code());
    assertFalse(e.error().isThrottling());
    assertEquals(1, recorded().size());
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aCreateWhoseConnectionIsRefusedIsTriedAgainNothingWasSent() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    HttpUrl nowhere = HttpUrl.get("http://127.0.0.1:" + closedPort);
    try (AcsClient refused =
        AcsClient.create(
            new Credentials(KEY, SECRET, TOKEN, "test"),
            Map.of(Product.AIWORKSPACE, nowhere),
            RetryPolicy.withRetries(3),
            sleeps::add,
            clock::get,
            new RedactingLogInterceptor(log::add, true))) {
      ApiException e = assertThrows(ApiException.class, () -> refused.call(createConnection()));
      assertTrue(e.error().isTransport());
      assertTrue(e.getCause() instanceof java.net.ConnectException, e.getCause().toString());
      assertEquals(3, sleeps.size(), "tried 4 times in all");
    }
  }

  private static ApiRequest createConnection() {
    return ApiRequest.of(
            Product.AIWORKSPACE, "CreateConnection", "POST", "api", "v1", "connections")
        .body(new ObjectMapper().createObjectNode().put("ConnectionName", "c"))
        .build();
  }

  @Test
  void aTwoHundredBodyWithAnErrorCodeIsAnError() {
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn%20a%2Ab"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"RequestId\":\"r-2\",\"Code\":\"InvalidParameter\",\"Message\":\"bad"
                            + " id\"}")));
    ApiException e = assertThrows(ApiException.class, () -> client.call(getConnection()));
    assertEquals("InvalidParameter", e.error().code());
    assertEquals("r-2", e.error().requestId());
    assertEquals(1, recorded().size());
  }

  @Test
  void aModelRouterEnvelopeWithSuccessFalseIsAnError() {
    wm.stubFor(
        get(urlEqualTo("/api/v1/modelRouter/open/models/7"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"requestId\":\"mr-1\",\"success\":false,\"errCode\":\"B.Permission.DeniedException\",\"errMessage\":\"no"
                            + " permission\",\"httpStatusCode\":403,\"data\":null}")));
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                client.call(
                    ApiRequest.of(
                            Product.AICONTENT,
                            "ModelRouterQueryModel",
                            "GET",
                            "api",
                            "v1",
                            "modelRouter",
                            "open",
                            "models",
                            "7")
                        .build()));
    assertEquals("B.Permission.DeniedException", e.error().code());
    assertEquals("no permission", e.error().message());
    assertEquals("mr-1", e.error().requestId());
    assertEquals("20240611", recorded().get(0).getHeader("x-acs-version"));
  }

  @Test
  void theLogNeverShowsASecretSignatureOrAuthorizationHeader() throws Exception {
    wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"ConnectionId\":\"conn-1\",\"Secrets\":{\"api_key\":\"sk-live-123456\"}}")));
    var body = new ObjectMapper().createObjectNode();
    body.put("ConnectionName", "c");
    body.putObject("Secrets").put("api_key", "sk-live-123456");
    body.putObject("Configs").put("base_url", "https://example.test/v1");
    client.call(
        ApiRequest.of(Product.AIWORKSPACE, "CreateConnection", "POST", "api", "v1", "connections")
            .body(body)
            .build());
    String all = String.join("\n", log);
    String auth = recorded().get(0).getHeader("Authorization");
    String signature = auth.substring(auth.indexOf("Signature=") + 10);
    assertFalse(all.contains("sk-live-123456"), all);
    assertFalse(all.contains(SECRET), all);
    assertFalse(all.contains(TOKEN), all);
    assertFalse(all.contains(signature), all);
    assertTrue(all.contains("Authorization: (redacted)"), all);
    assertTrue(all.contains("\"base_url\":\"https://example.test/v1\""), all);
    assertTrue(all.contains("\"api_key\":\"(redacted)\""), all);
  }
}
