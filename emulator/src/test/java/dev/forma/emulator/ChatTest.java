package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.emulator.chat.ChatApi;
import dev.forma.emulator.chat.ChatConfig;
import dev.forma.emulator.chat.ChatMode;
import dev.forma.emulator.chat.ChatRule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenAI-compatible chat endpoint: SSE answers and each way it can be told to fail. */
class ChatTest extends CloudTestBase {
  private record Chat(int status, String contentType, List<String> events, String body) {}

  private HttpResponse<InputStream> post(
      String url, String key, String model, boolean stream, Duration timeout) throws Exception {
    String body =
        CloudClient.JSON.writeValueAsString(
            Map.of(
                "model",
                model,
                "stream",
                stream,
                "messages",
                List.of(Map.of("role", "user", "content", "say hello"))));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return client.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private Chat chat(String key, String model, boolean stream) throws Exception {
    HttpResponse<InputStream> r = post(cloud.chatUrl(), key, model, stream, Duration.ofSeconds(30));
    String ct = r.headers().firstValue("Content-Type").orElse("");
    List<String> events = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        all.append(line).append('\n');
        if (line.startsWith("data: ")) {
          events.add(line.substring(6));
        }
      }
    }
    return new Chat(r.statusCode(), ct, events, all.toString());
  }

  private static String content(List<String> events) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String e : events) {
      if (!e.equals("[DONE]")) {
        b.append(
            CloudClient.JSON
                .readTree(e)
                .path("choices")
                .get(0)
                .path("delta")
                .path("content")
                .asText());
      }
    }
    return b.toString();
  }

  @Test
  void streamsServerSentEventsEndingWithDone() throws Exception {
    Chat c = chat("sk-any", "qwen-turbo", true);
    assertEquals(200, c.status());
    assertTrue(c.contentType().startsWith("text/event-stream"), c.contentType());
    assertEquals("[DONE]", c.events().get(c.events().size() - 1));
    assertEquals(ChatApi.REPLY, content(c.events()));
    JsonNode first = CloudClient.JSON.readTree(c.events().get(0));
    assertEquals("chat.completion.chunk", first.path("object").asText());
    assertEquals("qwen-turbo", first.path("model").asText());
    JsonNode last = CloudClient.JSON.readTree(c.events().get(c.events().size() - 2));
    assertEquals("stop", last.path("choices").get(0).path("finish_reason").asText());
  }

  @Test
  void answersWithoutStreamingAsOneJsonObject() throws Exception {
    Chat c = chat("sk-any", "qwen-turbo", false);
    assertEquals(200, c.status());
    JsonNode b = CloudClient.JSON.readTree(c.body());
    assertEquals("chat.completion", b.path("object").asText());
    assertEquals(ChatApi.REPLY, b.path("choices").get(0).path("message").path("content").asText());
  }

  @Test
  void answersAtDashScopesPathAsDashScopesHostWould() throws Exception {
    HttpResponse<InputStream> r =
        post(
            cloud.url() + "/compatible-mode/v1/chat/completions",
            "k",
            "qwen-plus",
            false,
            Duration.ofSeconds(30));
    assertEquals(200, r.statusCode());
    r.body().close();
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
  void answersEachSeedErrorCode(String code) throws Exception {
    Chat byName = chat("sk-any", "local:error:" + code, true);
    assertEquals((int) ChatApi.ERROR_STATUS.get(code), byName.status());
    JsonNode b = CloudClient.JSON.readTree(byName.body());
    assertEquals(code, b.path("code").asText());
    assertEquals(code, b.path("error").path("code").asText());
    assertFalse(b.path("requestId").asText().isEmpty());
    Chat in200 = chat("sk-any", "local:error-in-200:" + code, false);
    assertEquals(200, in200.status());
    assertEquals(code, CloudClient.JSON.readTree(in200.body()).path("code").asText());
  }

  @Test
  void anErrorInsideA200StreamIsOneEvent() throws Exception {
    Chat c = chat("sk-any", "local:error-in-200:EXCEED_TOKEN_QUOTA_LIMIT", true);
    assertEquals(200, c.status());
    assertEquals(
        "EXCEED_TOKEN_QUOTA_LIMIT",
        CloudClient.JSON.readTree(c.events().get(0)).path("code").asText());
  }

  @Test
  void rulesPerKeyAndModelSetThroughTheAdminEndpoint() throws Exception {
    CloudClient.Resp set =
        client.admin(
            "POST",
            "chat",
            Map.of(
                "models", Map.of("qwen-max", Map.of("mode", "error", "code", "AI_MODEL_DISABLED")),
                "keys",
                    Map.of(
                        "sk-over-quota",
                        Map.of("mode", "ERROR", "code", "EXCEED_TOKEN_QUOTA_LIMIT"))));
    assertEquals(200, set.status(), set.raw());
    assertEquals(403, chat("sk-any", "qwen-max", true).status());
    Chat quota = chat("sk-over-quota", "qwen-max", true);
    assertEquals(429, quota.status());
    assertTrue(quota.body().contains("EXCEED_TOKEN_QUOTA_LIMIT"));
    assertEquals(200, chat("sk-any", "qwen-turbo", true).status());
    cloud.setChat(
        new ChatConfig(ChatRule.error("AI_MODEL_NOT_FOUND"), Map.of(), Map.of(), Set.of()));
    assertEquals(404, chat("sk-any", "qwen-turbo", false).status());
  }

  @Test
  void aBrokenStreamEndsWithoutDone() throws Exception {
    HttpResponse<InputStream> r =
        post(cloud.chatUrl(), "k", "local:broken-stream", true, Duration.ofSeconds(30));
    assertEquals(200, r.statusCode());
    List<String> events = new ArrayList<>();
    IOException e =
        assertThrows(
            IOException.class,
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                  }
                }
              }
            });
    assertFalse(events.contains("[DONE]"), e.toString());
    assertFalse(events.isEmpty());
  }

  @Test
  void aSlowAnswerOutlastsTheCallersTimeout() throws Exception {
    cloud.setChat(
        new ChatConfig(new ChatRule(ChatMode.SLOW, null, 600_000L), Map.of(), Map.of(), Set.of()));
    assertThrows(
        HttpTimeoutException.class,
        () -> {
          HttpResponse<String> r =
              client.http.send(
                  HttpRequest.newBuilder(URI.create(cloud.chatUrl()))
                      .timeout(Duration.ofMillis(300))
                      .header("Authorization", "Bearer k")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"model\":\"m\",\"messages\":"
                                  + "[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          throw new AssertionError("answered: " + r.statusCode());
        });
  }

  @Test
  void refusesMissingKeyModelOrMessages() throws Exception {
    HttpResponse<InputStream> noKey =
        post(cloud.chatUrl(), null, "m", true, Duration.ofSeconds(30));
    assertEquals(401, noKey.statusCode());
    noKey.body().close();
    Chat noModel = chat("k", "", true);
    assertEquals(400, noModel.status());
    assertTrue(noModel.body().contains("AI_MODEL_PARAM_REQUIRED"));
    cloud.setChat(new ChatConfig(null, null, null, Set.of("sk-only")));
    assertEquals(401, chat("sk-other", "m", true).status());
    assertEquals(200, chat("sk-only", "m", true).status());
  }
}
