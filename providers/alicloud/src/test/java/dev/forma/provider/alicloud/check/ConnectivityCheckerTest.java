package dev.forma.provider.alicloud.check;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.forma.provider.alicloud.AlicloudProvider;
import dev.forma.provider.alicloud.resource.ConnectionResource;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectivityCheckerTest {
  private WireMockServer wm;
  private ConnectivityChecker checker;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    checker = new ConnectivityChecker(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private CheckTarget target() {
    return new CheckTarget(
        "alicloud_model_router_model.qwen",
        "http://127.0.0.1:" + wm.port() + "/v1",
        "sk-test-key",
        "qwen-turbo");
  }

  private static final String STREAM =
      "data:"
          + " {\"id\":\"1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"O\"}}]}\n\n"
          + "data:"
          + " {\"id\":\"1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
          + "data: [DONE]\n\n";

  @Test
  void anEndpointThatStreamsAChoiceAndDoneIsAnswering() {
    wm.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
    CheckResult r = checker.check(target());
    assertTrue(r.answering(), r.toString());
    assertEquals("Answering.", r.message());
    wm.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer sk-test-key"))
            .withHeader("Accept", equalTo("text/event-stream"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"qwen-turbo\",\"messages\":[{\"role\":\"user\",\"content\":\"Reply"
                        + " with OK.\"}],\"stream\":true,\"max_tokens\":1}")));
    assertFalse(r.toJson().toString().contains("sk-test-key"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AI_MODEL_CONFIG_MISSING",
        "AI_MODEL_PARAM_INVALID",
        "AI_MODEL_DISABLED",
        "AI_MODEL_NOT_SUPPORTED",
        "AI_MODEL_PARAM_REQUIRED",
        "AI_MODEL_NOT_FOUND",
        "EXCEED_CONCURRENT_REQUEST_LIMIT",
        "EXCEED_TOKEN_QUOTA_LIMIT"
      })
  void eachSeedErrorCodeBecomesASentenceThatSaysWhatToFix(String code) {
    wm.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"" + code + "\",\"message\":\"from the service\"}")));
    CheckResult r = checker.check(target());
    assertFalse(r.answering());
    assertEquals(code, r.code());
    String sentence = ConnectivityChecker.CODE_SENTENCES.get(code);
    assertEquals(
        Character.toUpperCase(sentence.charAt(0))
            + sentence.substring(1)
            + " (the endpoint answered HTTP 400, "
            + code
            + ": from the service).",
        r.message());
  }

  @Test
  void anErrorInsideAnHttp200BodyIsAFailure() {
    wm.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"code\":\"AI_MODEL_NOT_SUPPORTED\",\"message\":\"model"
                            + " qwen-turbo\"}}")));
    CheckResult r = checker.check(target());
    assertEquals("AI_MODEL_NOT_SUPPORTED", r.code());
    assertTrue(
        r.message().contains("the endpoint answered HTTP 200 with an error in the body"),
        r.message());
  }

  @Test
  void anErrorInsideTheStreamIsAFailure() {
    wm.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        "data:"
                            + " {\"code\":\"EXCEED_TOKEN_QUOTA_LIMIT\",\"message\":\"quota\"}\n\n")));
    CheckResult r = checker.check(target());
    assertEquals("EXCEED_TOKEN_QUOTA_LIMIT", r.code());
  }

  @Test
  void aRefusedKeySaysCheckApiKey() {
    wm.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(aResponse().withStatus(401).withBody("")));
    CheckResult r = checker.check(target());
    assertEquals("HTTP_401", r.code());
    assertEquals("The endpoint refused the key (HTTP 401): check api_key.", r.message());
  }

  @Test
  void aStreamThatBreaksOffIsAFailure() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  s.getInputStream().read(new byte[8192]);
                  OutputStream out = s.getOutputStream();
                  String chunk = "data: {\"choices\":[{\"delta\":{\"content\":\"O\"}}]}\n\n";
                  out.write(
                      ("HTTP/1.1 200 OK\r\n"
                              + "Content-Type: text/event-stream\r\n"
                              + "Transfer-Encoding: chunked\r\n\r\n"
                              + Integer.toHexString(chunk.length())
                              + "\r\n"
                              + chunk
                              + "\r\n")
                          .getBytes(StandardCharsets.UTF_8));
                  out.flush();
                } catch (IOException e) {
                  // the test fails on the client side if the server could not answer
                }
              });
      t.start();
      CheckResult r =
          checker.check(
              new CheckTarget("c", "http://127.0.0.1:" + server.getLocalPort() + "/v1", "k", "m"));
      t.join();
      assertEquals("STREAM_BROKEN", r.code(), r.toString());
      assertTrue(r.message().startsWith("The answer stream broke off after 1 event"), r.message());
    }
  }

  @Test
  void noAnswerWithinTheTimeoutIsAFailure() {
    wm.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withFixedDelay(4000)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(STREAM)));
    CheckResult r = new ConnectivityChecker(Duration.ofSeconds(1)).check(target());
    assertEquals("TIMEOUT", r.code());
    assertEquals(
        "No answer within 1s: check that 127.0.0.1 is reachable from here (network, proxy,"
            + " firewall) and that the model is not overloaded.",
        r.message());
  }

  @Test
  void anEndpointWhereNothingListensSaysCannotConnect() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    CheckResult r = checker.check(new CheckTarget("c", "http://127.0.0.1:" + port, "k", "m"));
    assertEquals("CONNECT_FAILED", r.code());
  }

  @Test
  void targetsComeFromModelServiceConnectionsOnly() {
    var schema = new AlicloudProvider().schema().resources().get(ConnectionResource.TYPE).block();
    var models = schema.blocks().get("models").block();
    Value cfg =
        Values.complete(
            schema,
            Map.of(
                "connection_type", Value.of("OpenLLMConnection"),
                "configs", Values.strMap(Map.of("base_url", "https://llm.example/v1")),
                "secrets", Values.strMap(Map.of("api_key", "sk-1")).markSensitive(),
                "models",
                    Values.blockList(
                        models,
                        List.of(Values.block(models, Map.of("model", Value.of("qwen-plus")))))));
    CheckTarget t = CheckTarget.fromConnection("alicloud_pai_workspace_connection.c", cfg);
    assertEquals(
        new CheckTarget(
            "alicloud_pai_workspace_connection.c", "https://llm.example/v1", "sk-1", "qwen-plus"),
        t);
    assertNull(
        CheckTarget.fromConnection(
            "x", Values.with(cfg, "connection_type", Value.of("MilvusConnection"))));
    CheckResult noKey = checker.check(new CheckTarget("x", "https://llm.example/v1", null, "m"));
    assertEquals("NOT_CONFIGURED", noKey.code());
    assertEquals(
        "https://llm.example/v1/chat/completions",
        ConnectivityChecker.chatUrl("llm.example/v1/").toString());
  }
}
