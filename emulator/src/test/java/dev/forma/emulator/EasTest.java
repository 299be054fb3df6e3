package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PAI-EAS app services: Creating to Running (or Failed), updates, errors. */
class EasTest extends CloudTestBase {
  private static Map<String, Object> service(String name, String spec, int replicas) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("ServiceName", name);
    b.put("AppType", "LLM");
    b.put("AppVersion", "v1");
    b.put("ServiceSpec", spec);
    b.put("Replicas", replicas);
    b.put("Config", Map.of("ModelStorage", "oss", "OssPath", "oss://bucket/models/"));
    return b;
  }

  private CloudClient.Resp create(Map<String, Object> body) throws Exception {
    return client.eas("CreateAppService", "POST", "/api/v2/app_services", Map.of(), body);
  }

  private JsonNode describe(String name) throws Exception {
    CloudClient.Resp r =
        client.eas(
            "DescribeService", "GET", "/api/v2/services/cn-hangzhou/" + name, Map.of(), null);
    assertEquals(200, r.status(), r.raw());
    return r.json();
  }

  private void assertError(CloudClient.Resp r, int status, String code) {
    assertEquals(status, r.status(), r.raw());
    assertEquals(code, r.field("Code"), r.raw());
  }

  /** A chat call to the service's OpenAI-compatible endpoint: status and error code. */
  private String[] predict(String name, String authorization) throws Exception {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(cloud.url() + "/api/predict/" + name + "/v1/chat/completions"))
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    JsonNode body = CloudClient.JSON.readTree(r.body());
    return new String[] {
      Integer.toString(r.statusCode()), body.path("code").asText(), body.path("message").asText()
    };
  }

  @Test
  void theEndpointAnswersForItsServiceWithItsTokenOnlyWhenRunning() throws Exception {
    assertEquals(
        "404 SERVICE_NOT_FOUND", String.join(" ", predict("nothing", "t")).substring(0, 21));
    assertEquals(200, create(service("llm_one", "llama_7b_fp16", 1)).status());
    assertEquals(200, create(service("llm_fail", "baichuan_13b_fp16", 1)).status());
    String token = describe("llm_one").path("AccessToken").asText();
    assertTrue(token.length() >= 20, token);
    assertFalse(token.equals(describe("llm_fail").path("AccessToken").asText()));
    assertEquals("401", predict("llm_one", null)[0]);
    assertEquals("UNAUTHORIZED", predict("llm_one", "Bearer wrong")[1]);
    String[] creating = predict("llm_one", token);
    assertEquals("503", creating[0]);
    assertEquals("SERVICE_NOT_RUNNING", creating[1]);
    assertTrue(creating[2].startsWith("The service llm_one is Creating: "), creating[2]);
    cloud.advanceClock(Duration.ofMillis(HOUR));
    assertEquals("200", predict("llm_one", token)[0]);
    assertEquals("200", predict("llm_one", "Bearer " + token)[0]);
    String[] failed = predict("llm_fail", describe("llm_fail").path("AccessToken").asText());
    assertEquals("503", failed[0]);
    assertTrue(
        failed[2].startsWith("The service llm_fail is Failed: The instances of service llm_fail"),
        failed[2]);
  }

  @Test
  void serviceIsCreatingThenRunning() throws Exception {
    CloudClient.Resp c = create(service("llm_one", "llama_7b_fp16", 2));
    assertEquals(200, c.status(), c.raw());
    assertTrue(c.field("ServiceId").startsWith("eas-m-"));
    assertEquals("llm_one", c.field("ServiceName"));
    assertEquals("Creating", c.field("Status"));
    assertEquals("cn-hangzhou", c.field("Region"));
    assertEquals(cloud.url() + "/api/predict/llm_one", c.field("InternetEndpoint"));
    assertFalse(c.field("IntranetEndpoint").isEmpty());
    JsonNode d = describe("llm_one");
    assertEquals("Creating", d.path("Status").asText());
    assertEquals(0, d.path("RunningInstance").asInt());
    assertEquals(2, d.path("TotalInstance").asInt());
    assertEquals("llama_7b_fp16", d.path("AppSpecName").asText());
    assertEquals(
        CloudClient.JSON.readTree(
            "{\"ModelStorage\":\"oss\",\"OssPath\":\"oss://bucket/models/\"}"),
        CloudClient.JSON.readTree(d.path("AppConfig").asText()));
    cloud.advanceClock(Duration.ofMillis(HOUR));
    d = describe("llm_one");
    assertEquals("Running", d.path("Status").asText());
    assertEquals(2, d.path("RunningInstance").asInt());
  }

  @Test
  void aSpecToldToFailEndsFailedWithReasonAndMessage() throws Exception {
    assertEquals(200, create(service("llm_fail", "baichuan_13b_fp16", 1)).status());
    cloud.advanceClock(Duration.ofMillis(HOUR));
    JsonNode d = describe("llm_fail");
    assertEquals("Failed", d.path("Status").asText());
    assertFalse(d.path("Reason").asText().isEmpty());
    assertTrue(d.path("Message").asText().contains("baichuan_13b_fp16"));
  }

  @Test
  void updateScalesOrUpdatesThenRuns() throws Exception {
    create(service("llm_upd", "llama_7b_fp16", 1));
    cloud.advanceClock(Duration.ofMillis(HOUR));
    String path = "/api/v2/app_services/cn-hangzhou/llm_upd";
    CloudClient.Resp u =
        client.eas("UpdateAppService", "PUT", path, Map.of(), Map.of("Replicas", 3));
    assertEquals(200, u.status(), u.raw());
    JsonNode d = describe("llm_upd");
    assertEquals("Scaling", d.path("Status").asText());
    assertEquals(3, d.path("TotalInstance").asInt());
    cloud.advanceClock(Duration.ofMillis(HOUR));
    assertEquals("Running", describe("llm_upd").path("Status").asText());
    client.eas(
        "UpdateAppService", "PUT", path, Map.of(), Map.of("ServiceSpec", "chatglm2_6b_fp16"));
    assertEquals("Updating", describe("llm_upd").path("Status").asText());
    cloud.advanceClock(Duration.ofMillis(HOUR));
    d = describe("llm_upd");
    assertEquals("Running", d.path("Status").asText());
    assertEquals("chatglm2_6b_fp16", d.path("AppSpecName").asText());
    assertError(
        client.eas("UpdateAppService", "PUT", path, Map.of(), Map.of("ServiceSpec", "gpt_5")),
        400,
        "InvalidParameter");
  }

  @Test
  void createRulesAreEnforced() throws Exception {
    assertError(create(service("llm_bad", "llama_70b", 1)), 400, "InvalidParameter");
    Map<String, Object> noReplicas = service("llm_norep", "llama_7b_fp16", 1);
    noReplicas.remove("Replicas");
    assertError(create(noReplicas), 400, "MissingParameter");
    Map<String, Object> app = service("llm_app", "llama_7b_fp16", 1);
    app.put("AppType", "SD");
    assertError(create(app), 400, "InvalidParameter");
    assertError(create(service("Bad-Name", "llama_7b_fp16", 1)), 400, "InvalidParameter");
    Map<String, Object> nas = service("llm_nas", "llama_7b_fp16", 1);
    nas.put("Config", Map.of("ModelStorage", "nas", "NasPath", "/"));
    assertError(create(nas), 400, "MissingParameter");
    assertEquals(200, create(service("llm_dup", "llama_7b_fp16", 1)).status());
    assertError(create(service("llm_dup", "llama_7b_fp16", 1)), 409, "ResourceAlreadyExists");
    assertError(
        client.eas(
            "CreateAppService",
            "POST",
            "/api/v2/app_services",
            Map.of("WorkspaceId", "424242"),
            service("llm_ws", "llama_7b_fp16", 1)),
        400,
        "InvalidParameter");
  }

  @Test
  void notFoundDeleteAndList() throws Exception {
    assertError(
        client.eas(
            "DescribeService", "GET", "/api/v2/services/cn-hangzhou/nothing", Map.of(), null),
        404,
        "InvalidService.NotFound");
    create(service("llm_a", "llama_7b_fp16", 1));
    create(service("llm_b", "llama_7b_int8", 1));
    assertError(
        client.eas("DescribeService", "GET", "/api/v2/services/cn-shanghai/llm_a", Map.of(), null),
        404,
        "InvalidService.NotFound");
    JsonNode list =
        client.eas("ListServices", "GET", "/api/v2/services", Map.of("PageSize", "1"), null).json();
    assertEquals(2, list.path("TotalCount").asInt());
    assertEquals(1, list.path("Services").size());
    JsonNode byName =
        client
            .eas("ListServices", "GET", "/api/v2/services", Map.of("ServiceName", "llm_b"), null)
            .json();
    assertEquals("llm_b", byName.path("Services").get(0).path("ServiceName").asText());
    CloudClient.Resp del =
        client.eas("DeleteService", "DELETE", "/api/v2/services/cn-hangzhou/llm_a", Map.of(), null);
    assertEquals(200, del.status(), del.raw());
    assertError(
        client.eas("DeleteService", "DELETE", "/api/v2/services/cn-hangzhou/llm_a", Map.of(), null),
        404,
        "InvalidService.NotFound");
    assertError(
        client.eas(
            "UpdateAppService",
            "PUT",
            "/api/v2/app_services/cn-hangzhou/llm_a",
            Map.of(),
            Map.of("Replicas", 1)),
        404,
        "InvalidService.NotFound");
  }
}
