package dev.forma.provider.alicloud.resource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.alicloud.Harness;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Severity;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelRouterModelResourceTest {
  private final Harness h = new Harness();
  private static final String T = ModelRouterModelResource.TYPE;
  private static final String KEY = "sk-abc123456789xyz";

  @AfterEach
  void stop() {
    h.close();
  }

  private Value config(String key) {
    Map<String, Value> a = new HashMap<>();
    a.put("name", Value.of("通义千问"));
    a.put("description", Value.of("Qwen"));
    a.put("symbol", Value.of("alibaba"));
    a.put("tags", Value.list(Type.STRING, List.of(Value.of("TXT_GEN"), Value.of("DEEP_THINK"))));
    a.put("model_id", Value.of("qwen-turbo"));
    a.put("model_type", Value.of("Chat"));
    a.put("api_key", Value.of(key).markSensitive());
    a.put("base_url", Value.of("https://dashscope.aliyuncs.com/compatible-mode/v1"));
    a.put("max_input_length", Value.of("32K"));
    a.put("max_output_length", Value.of("8K"));
    a.put("in_out", Value.of("text"));
    a.put("extensions", Value.of("{}"));
    return h.object(T, a);
  }

  private static String dto(String preview) {
    return "{\"requestId\":\"q\",\"success\":true,\"httpStatusCode\":200,\"data\":{\"id\":42,\"name\":\"通义千问\",\"description\":\"Qwen\","
        + "\"symbol\":\"alibaba\",\"tags\":\"TXT_GEN,DEEP_THINK\",\"modelCode\":\"qwen-turbo\",\"modelType\":\"Chat\","
        + "\"apiKeyPreview\":\""
        + preview
        + "\",\"baseUrl\":\"https://dashscope.aliyuncs.com/compatible-mode/v1\",\"maxInputLength\":\"32K\",\"maxOutputLength\":\"8K\",\"inOut\":\"text\",\"extensions\":\"{"
        + " }\",\"isCustom\":true,"
        + "\"deleteTag\":0,\"gmtCreate\":\"2024-01-01T00:00:00Z\",\"gmtModified\":\"2024-01-01T00:00:00Z\",\"version\":0}}";
  }

  @Test
  void createSendsCamelCaseFieldsWithCommaSeparatedTagsAndReadsTheModelBack() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/modelRouter/open/models"))
            .willReturn(
                aResponse()
                    .withBody("{\"requestId\":\"c\",\"success\":true,\"data\":{\"id\":42}}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/modelRouter/open/models/42"))
            .willReturn(aResponse().withBody(dto("sk-abc****xyz"))));
    Value cfg = config(KEY);
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    assertEquals("42", Values.string(r.newState(), "id"));
    assertEquals("sk-abc****xyz", Values.string(r.newState(), "api_key_preview"));
    assertEquals("qwen-turbo", Values.string(r.newState(), "model_code"));
    assertEquals(List.of("TXT_GEN", "DEEP_THINK"), Values.strings(r.newState(), "tags"));
    assertEquals(
        "{}", Values.string(r.newState(), "extensions"), "same JSON keeps the configured text");
    h.wm.verify(
        postRequestedFor(urlEqualTo("/api/v1/modelRouter/open/models"))
            .withHeader("x-acs-action", equalTo("ModelRouterCreateModel"))
            .withHeader("x-acs-version", equalTo("20240611"))
            .withRequestBody(
                equalToJson(
                    "{\"name\":\"通义千问\",\"description\":\"Qwen\",\"symbol\":\"alibaba\",\"tags\":\"TXT_GEN,DEEP_THINK\","
                        + "\"modelId\":\"qwen-turbo\",\"modelType\":\"Chat\",\"apiKey\":\""
                        + KEY
                        + "\",\"baseUrl\":\"https://dashscope.aliyuncs.com/compatible-mode/v1\","
                        + "\"maxInputLength\":\"32K\",\"maxOutputLength\":\"8K\",\"inOut\":\"text\",\"extensions\":\"{}\"}")));
    assertTrue(r.privateData().contains("api_key_fingerprint"));
    assertFalse(r.privateData().contains(KEY));
    h.assertAllSigned();
  }

  @Test
  void aKeyChangedOutsideFormaIsPlannedAsAnUpdateWithAWarning() {
    Value prior =
        Values.with(
            Values.with(config(KEY), "id", Value.of("42")),
            "api_key_preview",
            Value.of("sk-zzz****999"));
    String priv = ModelRouterModelResource.privateFor(KEY);
    Requests.PlanResult p =
        h.provider.planChange(new Requests.PlanChange(T, prior, prior, config(KEY), priv));
    assertEquals(1, p.diagnostics().size());
    ProviderDiagnostic d = p.diagnostics().get(0);
    assertEquals(Severity.WARNING, d.severity());
    assertEquals("api_key was changed outside Forma", d.summary());
    assertEquals(List.of(PathStep.attr("api_key")), d.attributePath());
    assertFalse(Values.attr(p.plannedState(), "api_key_preview").isKnown());
    assertFalse(Values.attr(p.plannedState(), "gmt_modified").isKnown());
  }

  @Test
  void aMatchingPreviewPlansNoChange() {
    Value prior =
        Values.with(
            Values.with(config(KEY), "id", Value.of("42")),
            "api_key_preview",
            Value.of("sk-abc****xyz"));
    Requests.PlanResult p =
        h.provider.planChange(
            new Requests.PlanChange(
                T, prior, prior, config(KEY), ModelRouterModelResource.privateFor(KEY)));
    assertEquals(List.of(), p.diagnostics());
    assertEquals(prior, p.plannedState());
  }

  @Test
  void aKeyChangedInConfigurationIsNotCalledDrift() {
    Value prior =
        Values.with(
            Values.with(config(KEY), "id", Value.of("42")),
            "api_key_preview",
            Value.of("sk-abc****xyz"));
    Requests.PlanResult p =
        h.provider.planChange(
            new Requests.PlanChange(
                T,
                prior,
                config("sk-new-key-000"),
                config("sk-new-key-000"),
                ModelRouterModelResource.privateFor(KEY)));
    assertEquals(List.of(), p.diagnostics());
    assertFalse(Values.attr(p.plannedState(), "api_key_preview").isKnown());
  }

  @Test
  void updateSendsNeitherExtensionsNorInOut() {
    h.wm.stubFor(
        put(urlEqualTo("/api/v1/modelRouter/open/models/42"))
            .willReturn(aResponse().withBody("{\"success\":true,\"data\":true}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/modelRouter/open/models/42"))
            .willReturn(aResponse().withBody(dto("sk-abc****xyz"))));
    Value prior = Values.with(config(KEY), "id", Value.of("42"));
    Value planned = Values.with(prior, "description", Value.of("Qwen turbo"));
    Requests.ApplyResult r =
        h.provider.update(
            new Requests.Update(
                T,
                prior,
                planned,
                Values.with(config(KEY), "description", Value.of("Qwen turbo")),
                null,
                null,
                h.progress));
    assertEquals(List.of(), r.diagnostics());
    h.wm.verify(
        putRequestedFor(urlEqualTo("/api/v1/modelRouter/open/models/42"))
            .withHeader("x-acs-action", equalTo("ModelRouterUpdateModel"))
            .withRequestBody(
                equalToJson(
                    "{\"name\":\"通义千问\",\"description\":\"Qwen"
                        + " turbo\",\"symbol\":\"alibaba\",\"tags\":\"TXT_GEN,DEEP_THINK\","
                        + "\"modelId\":\"qwen-turbo\",\"modelType\":\"Chat\",\"apiKey\":\""
                        + KEY
                        + "\",\"baseUrl\":\"https://dashscope.aliyuncs.com/compatible-mode/v1\","
                        + "\"maxInputLength\":\"32K\",\"maxOutputLength\":\"8K\"}")));
  }

  @Test
  void successFalseOnCreateIsAnErrorNamingActionCodeMessageAndRequestId() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/modelRouter/open/models"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"requestId\":\"592A27EF\",\"success\":false,\"errCode\":\"B.Permission.DeniedException\",\"errMessage\":\"permission"
                            + " denied\",\"httpStatusCode\":403}")));
    Value cfg = config(KEY);
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    assertNull(r.newState());
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertEquals(
        "AiContent ModelRouterCreateModel failed: B.Permission.DeniedException", d.summary());
    assertEquals(
        "model \"通义千问\": HTTP 403, code B.Permission.DeniedException: permission denied\n"
            + "RequestId: 592A27EF",
        d.detail());
    h.wm.verify(1, postRequestedFor(urlEqualTo("/api/v1/modelRouter/open/models")));
  }

  @Test
  void readOfADeletedModelIsANullState() {
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/modelRouter/open/models/42"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody(
                        "{\"success\":false,\"errCode\":\"MODEL_NOT_FOUND\",\"errMessage\":\"no"
                            + " model\"}")));
    Requests.ReadResult r =
        h.provider.read(new Requests.Read(T, h.object(T, Map.of("id", Value.of("42"))), null));
    assertNull(r.newState());
    assertEquals(List.of(), r.diagnostics());
  }

  @Test
  void deleteAndImport() {
    h.wm.stubFor(
        delete(urlEqualTo("/api/v1/modelRouter/open/models/42"))
            .willReturn(aResponse().withBody("{\"success\":true,\"data\":true}")));
    assertEquals(
        List.of(),
        h.provider
            .delete(
                new Requests.Delete(
                    T, h.object(T, Map.of("id", Value.of("42"))), null, null, h.progress))
            .diagnostics());
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/modelRouter/open/models/42"))
            .willReturn(aResponse().withBody(dto("sk-abc****xyz"))));
    Requests.ImportResult i = h.provider.importResource(new Requests.Import(T, "42"));
    assertEquals("qwen-turbo", Values.string(i.state(), "model_id"));
    assertEquals("{ }", Values.string(i.state(), "extensions"));
  }

  @Test
  void previewMatchingFollowsTheMask() {
    assertTrue(ModelRouterModelResource.previewMatches("sk-abc****xyz", KEY));
    assertFalse(ModelRouterModelResource.previewMatches("sk-abd****xyz", KEY));
    assertFalse(ModelRouterModelResource.previewMatches("sk-abc****xyy", KEY));
  }

  @Test
  void validatesExtensionsBaseUrlAndTags() {
    Value bad =
        Values.with(
            Values.with(
                Values.with(config(KEY), "extensions", Value.of("{not json")),
                "base_url",
                Value.of("dashscope.aliyuncs.com")),
            "tags",
            Value.list(Type.STRING, List.of(Value.of("a,b"))));
    List<ProviderDiagnostic> ds =
        h.provider.validateResource(new Requests.ValidateResource(T, bad)).diagnostics();
    assertEquals(
        List.of("Invalid extensions", "Invalid base_url", "Invalid tag"),
        ds.stream().map(ProviderDiagnostic::summary).toList());
  }
}
