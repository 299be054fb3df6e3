package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AiContent ModelRouter models: the camelCase envelope, the masked key, errors. */
class ModelRouterTest extends CloudTestBase {
  private static final String BASE = "/api/v1/modelRouter/open/models";
  private static final String KEY = "sk-local-demo-1234567890";

  private static Map<String, Object> model(String name) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("name", name);
    b.put("description", "a model");
    b.put("symbol", "alibaba");
    b.put("tags", "TXT_GEN,DEEP_THINK");
    b.put("modelId", "qwen-turbo");
    b.put("modelType", "Chat");
    b.put("apiKey", KEY);
    b.put("baseUrl", "https://dashscope.aliyuncs.com");
    b.put("maxInputLength", "32K");
    b.put("maxOutputLength", "8K");
    b.put("inOut", "text");
    b.put("extensions", "{}");
    return b;
  }

  private CloudClient.Resp create(Map<String, Object> b) throws Exception {
    return client.models("ModelRouterCreateModel", "POST", BASE, Map.of(), b);
  }

  private static void assertEnvelopeError(CloudClient.Resp r, int status, String code) {
    assertEquals(status, r.status(), r.raw());
    assertFalse(r.json().path("success").asBoolean(true), r.raw());
    assertEquals(code, r.field("errCode"), r.raw());
    assertEquals(status, r.json().path("httpStatusCode").asInt());
    assertFalse(r.field("requestId").isEmpty());
  }

  @Test
  void createReturnsTheModelWithOnlyAKeyPreview() throws Exception {
    CloudClient.Resp c = create(model("qwen"));
    assertEquals(200, c.status(), c.raw());
    assertTrue(c.json().path("success").asBoolean());
    assertEquals(200, c.json().path("httpStatusCode").asInt());
    JsonNode d = c.json().path("data");
    assertTrue(d.path("id").isIntegralNumber());
    assertEquals("qwen-turbo", d.path("modelCode").asText());
    assertEquals("Chat", d.path("modelType").asText());
    assertEquals("sk-loc****890", d.path("apiKeyPreview").asText());
    assertFalse(c.raw().contains(KEY));
    assertFalse(d.has("apiKey"));
    String id = d.path("id").asText();
    CloudClient.Resp q =
        client.models("ModelRouterQueryModel", "GET", BASE + "/" + id, Map.of(), null);
    assertEquals(200, q.status());
    assertFalse(q.raw().contains(KEY));
    assertEquals("text", q.json().path("data").path("inOut").asText());
    assertEquals("{}", q.json().path("data").path("extensions").asText());
    assertFalse(q.json().path("data").path("gmtCreate").asText().isEmpty());
  }

  @Test
  void updateChangesFieldsButNotExtensions() throws Exception {
    String id = create(model("upd")).json().path("data").path("id").asText();
    CloudClient.Resp u =
        client.models(
            "ModelRouterUpdateModel",
            "PUT",
            BASE + "/" + id,
            Map.of(),
            Map.of(
                "description",
                "new",
                "apiKey",
                "sk-rotated-key-abcdef",
                "status",
                "DISABLED",
                "extensions",
                "{\"x\":1}"));
    assertEquals(200, u.status(), u.raw());
    JsonNode d =
        client
            .models("ModelRouterQueryModel", "GET", BASE + "/" + id, Map.of(), null)
            .json()
            .path("data");
    assertEquals("new", d.path("description").asText());
    assertEquals("sk-rot****def", d.path("apiKeyPreview").asText());
    assertEquals("DISABLED", d.path("status").asText());
    assertEquals("{}", d.path("extensions").asText());
    assertEquals(1, d.path("version").asInt());
  }

  @Test
  void errorsUseTheEnvelope() throws Exception {
    assertEnvelopeError(
        client.models("ModelRouterQueryModel", "GET", BASE + "/999", Map.of(), null),
        404,
        "ModelNotFound");
    assertEnvelopeError(
        client.models("ModelRouterDeleteModel", "DELETE", BASE + "/999", Map.of(), null),
        404,
        "ModelNotFound");
    Map<String, Object> bad = model("bad");
    bad.put("modelType", "Teleport");
    assertEnvelopeError(create(bad), 400, "InvalidParameter");
    Map<String, Object> noName = model("x");
    noName.remove("name");
    assertEnvelopeError(create(noName), 400, "MissingParameter");
    Map<String, Object> ext = model("ext");
    ext.put("extensions", "{not json");
    assertEnvelopeError(create(ext), 400, "InvalidParameter");
    assertEquals(200, create(model("dup")).status());
    assertEnvelopeError(create(model("dup")), 409, "ModelAlreadyExists");
  }

  @Test
  void deleteAndList() throws Exception {
    for (int i = 0; i < 5; i++) {
      create(model("m" + i));
    }
    JsonNode page =
        client
            .models(
                "ModelRouterQueryModelList",
                "GET",
                BASE,
                Map.of("pageIndex", "2", "pageSize", "2"),
                null)
            .json();
    assertEquals(5, page.path("totalCount").asInt());
    assertEquals(2, page.path("data").size());
    assertEquals("m2", page.path("data").get(0).path("name").asText());
    JsonNode kw =
        client
            .models("ModelRouterQueryModelList", "GET", BASE, Map.of("keyword", "m4"), null)
            .json();
    assertEquals(1, kw.path("totalCount").asInt());
    String id = kw.path("data").get(0).path("id").asText();
    CloudClient.Resp del =
        client.models("ModelRouterDeleteModel", "DELETE", BASE + "/" + id, Map.of(), null);
    assertEquals(200, del.status());
    assertTrue(del.json().path("data").asBoolean());
    assertEnvelopeError(
        client.models("ModelRouterQueryModel", "GET", BASE + "/" + id, Map.of(), null),
        404,
        "ModelNotFound");
  }
}
