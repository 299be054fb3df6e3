package dev.forma.provider.alicloud.resource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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

class ConnectionResourceTest {
  private final Harness h = new Harness();
  private static final String T = ConnectionResource.TYPE;

  @AfterEach
  void stop() {
    h.close();
  }

  private static Value strMap(Map<String, String> m) {
    return Values.strMap(m);
  }

  private Value config(String type, Map<String, String> configs, Map<String, String> secrets) {
    Map<String, Value> a = new HashMap<>();
    a.put("connection_name", Value.of("llm-connection"));
    a.put("connection_type", Value.of(type));
    a.put("workspace_id", Value.of("12345"));
    a.put("accessibility", Value.of("PRIVATE"));
    a.put("description", Value.of("model service"));
    a.put("configs", strMap(configs));
    if (secrets != null) {
      a.put("secrets", strMap(secrets).markSensitive());
    }
    a.put(
        "models",
        Values.blockList(
            h.block(T, "models"),
            List.of(
                Values.block(
                    h.block(T, "models"),
                    Map.of(
                        "model",
                        Value.of("qwen-plus"),
                        "display_name",
                        Value.of("Qwen Plus"),
                        "model_type",
                        Value.of("LLM"),
                        "tool_call",
                        Value.TRUE)))));
    return h.object(T, a);
  }

  private Value dashscope() {
    return config(
        "DashScopeConnection",
        Map.of("base_url", "https://dashscope.aliyuncs.com/compatible-mode/v1"),
        Map.of("api_key", "sk-abcdef123456"));
  }

  private static final String GET_BODY =
      "{\"RequestId\":\"r\",\"ConnectionId\":\"conn-1\",\"ConnectionName\":\"llm-connection\",\"ConnectionType\":\"DashScopeConnection\",\"Accessibility\":\"PRIVATE\",\"Description\":\"model"
          + " service\",\"WorkspaceId\":\"12345\","
          + "\"Configs\":{\"base_url\":\"https://dashscope.aliyuncs.com/compatible-mode/v1\"},\"Secrets\":{\"api_key\":\"sk-a****3456\"},\"Models\":[{\"Model\":\"qwen-plus\",\"DisplayName\":\"Qwen"
          + " Plus\",\"ModelType\":\"LLM\",\"ToolCall\":true}]}";

  private static final String CREATE_BODY =
      "{\"WorkspaceId\":\"12345\",\"ConnectionName\":\"llm-connection\",\"ConnectionType\":\"DashScopeConnection\",\"Accessibility\":\"PRIVATE\",\"Description\":\"model"
          + " service\","
          + "\"Configs\":{\"base_url\":\"https://dashscope.aliyuncs.com/compatible-mode/v1\"},\"Secrets\":{\"api_key\":\"sk-abcdef123456\"},\"Models\":[{\"Model\":\"qwen-plus\",\"DisplayName\":\"Qwen"
          + " Plus\",\"ModelType\":\"LLM\",\"ToolCall\":true}]}";

  @Test
  void createSendsSeedFieldsAndReadsBackWithEncryptOptionSecretKeepingTheConfiguredSecrets() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .willReturn(aResponse().withBody("{\"RequestId\":\"r\",\"ConnectionId\":\"conn-1\"}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/connections/conn-1?EncryptOption=Secret"))
            .willReturn(aResponse().withBody(GET_BODY)));
    Value cfg = dashscope();
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    assertEquals("conn-1", Values.string(r.newState(), "id"));
    assertEquals("conn-1", Values.string(r.newState(), "connection_id"));
    assertEquals(Values.raw(cfg, "secrets"), Values.raw(r.newState(), "secrets"));
    h.wm.verify(
        postRequestedFor(urlEqualTo("/api/v1/connections"))
            .withHeader("x-acs-action", equalTo("CreateConnection"))
            .withHeader("x-acs-version", equalTo("2021-02-04"))
            .withRequestBody(equalToJson(CREATE_BODY)));
    h.wm.verify(
        getRequestedFor(urlEqualTo("/api/v1/connections/conn-1?EncryptOption=Secret"))
            .withHeader("x-acs-action", equalTo("GetConnection")));
    h.assertAllSigned();
  }

  @Test
  void validateTypeConnectivityCallsValidateConnectionBeforeCreating() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/connections/validate"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"RequestId\":\"v-1\",\"Code\":\"ConnectionValidateFailed\",\"Message\":\"cannot"
                            + " reach base_url\"}")));
    Value cfg = Values.with(dashscope(), "validate_type", Value.of("Connectivity"));
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertEquals("AIWorkSpace ValidateConnection failed: ConnectionValidateFailed", d.summary());
    assertEquals(
        "connection \"llm-connection\" (validate_type = \"Connectivity\"): HTTP 400, code"
            + " ConnectionValidateFailed: cannot reach base_url\n"
            + "RequestId: v-1",
        d.detail());
    h.wm.verify(
        postRequestedFor(urlEqualTo("/api/v1/connections/validate"))
            .withRequestBody(
                equalToJson(
                    "{\"WorkspaceId\":\"12345\",\"ConnectionType\":\"DashScopeConnection\",\"Configs\":{\"base_url\":\"https://dashscope.aliyuncs.com/compatible-mode/v1\"},"
                        + "\"Secrets\":{\"api_key\":\"sk-abcdef123456\"},\"ValidateType\":\"Connectivity\"}")));
    h.wm.verify(0, postRequestedFor(urlEqualTo("/api/v1/connections")));
  }

  @Test
  void aCreateWhoseAnswerIsLostAndNotFoundIsSentAgainOnceAndNotDuplicated() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .inScenario("c")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("again"));
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .inScenario("c")
            .whenScenarioStateIs("again")
            .willReturn(aResponse().withBody("{\"ConnectionId\":\"conn-1\"}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/connections?WorkspaceId=12345&ConnectionName=llm-connection"))
            .willReturn(aResponse().withBody("{\"Connections\":[],\"TotalCount\":0}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/connections/conn-1?EncryptOption=Secret"))
            .willReturn(aResponse().withBody(GET_BODY)));
    Value cfg = dashscope();
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    h.wm.verify(2, postRequestedFor(urlEqualTo("/api/v1/connections")));
    h.wm.verify(
        1,
        getRequestedFor(
            urlEqualTo("/api/v1/connections?WorkspaceId=12345&ConnectionName=llm-connection")));
  }

  @Test
  void aCreateWhoseAnswerIsLostButWhichWentThroughIsAdopted() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/connections"))
            .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/connections?WorkspaceId=12345&ConnectionName=llm-connection"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"Connections\":[{\"ConnectionId\":\"conn-1\",\"ConnectionName\":\"llm-connection\",\"WorkspaceId\":\"12345\"}]}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/connections/conn-1?EncryptOption=Secret"))
            .willReturn(aResponse().withBody(GET_BODY)));
    Value cfg = dashscope();
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    assertEquals("conn-1", Values.string(r.newState(), "id"));
    h.wm.verify(1, postRequestedFor(urlEqualTo("/api/v1/connections")));
  }

  @Test
  void readKeepsPriorSecretsAndShowsDriftInConfigs() {
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/connections/conn-1?EncryptOption=Secret"))
            .willReturn(
                aResponse()
                    .withBody(GET_BODY.replace("compatible-mode/v1\"}", "compatible-mode/v2\"}"))));
    Value prior =
        Values.with(
            Values.with(dashscope(), "id", Value.of("conn-1")),
            "secrets",
            Value.of("fingerprint-kept-as-is").markSensitive());
    Requests.ReadResult r = h.provider.read(new Requests.Read(T, prior, "p"));
    assertEquals(
        "https://dashscope.aliyuncs.com/compatible-mode/v2",
        Values.stringMap(r.newState(), "configs").get("base_url"));
    assertEquals(Values.raw(prior, "secrets"), Values.raw(r.newState(), "secrets"));
    assertEquals("p", r.privateData());
  }

  @Test
  void readOfAConnectionGoneOutsideFormaIsANullState() {
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/connections/conn-1?EncryptOption=Secret"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"Code\":\"RequestFailedErrorProblem\",\"Message\":\"connection not"
                            + " found\"}")));
    Requests.ReadResult r =
        h.provider.read(new Requests.Read(T, h.object(T, Map.of("id", Value.of("conn-1"))), null));
    assertNull(r.newState());
    assertEquals(List.of(), r.diagnostics());
  }

  @Test
  void updateSendsConfigsDescriptionModelsAndSecretsFromConfiguration() {
    h.wm.stubFor(
        put(urlEqualTo("/api/v1/connections/conn-1"))
            .willReturn(aResponse().withBody("{\"RequestId\":\"r\"}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/connections/conn-1?EncryptOption=Secret"))
            .willReturn(aResponse().withBody(GET_BODY)));
    Value prior = Values.with(dashscope(), "id", Value.of("conn-1"));
    Value planned = Values.with(prior, "secrets", Value.of("engine-fingerprint").markSensitive());
    Requests.ApplyResult r =
        h.provider.update(
            new Requests.Update(T, prior, planned, dashscope(), null, null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    h.wm.verify(
        putRequestedFor(urlEqualTo("/api/v1/connections/conn-1"))
            .withHeader("x-acs-action", equalTo("UpdateConnection"))
            .withRequestBody(
                equalToJson(
                    "{\"Configs\":{\"base_url\":\"https://dashscope.aliyuncs.com/compatible-mode/v1\"},\"Description\":\"model"
                        + " service\",\"Models\":[{\"Model\":\"qwen-plus\",\"DisplayName\":\"Qwen"
                        + " Plus\",\"ModelType\":\"LLM\",\"ToolCall\":true}],"
                        + "\"Secrets\":{\"api_key\":\"sk-abcdef123456\"}}")));
  }

  @Test
  void deleteOfAnAlreadyGoneConnectionSucceeds() {
    h.wm.stubFor(
        delete(urlEqualTo("/api/v1/connections/conn-1"))
            .willReturn(
                aResponse().withStatus(404).withBody("{\"Code\":\"RequestFailedErrorProblem\"}")));
    assertEquals(
        List.of(),
        h.provider
            .delete(
                new Requests.Delete(
                    T, h.object(T, Map.of("id", Value.of("conn-1"))), null, null, h.progress))
            .diagnostics());
  }

  @Test
  void importsByConnectionIdWithoutSecrets() {
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/connections/conn-1?EncryptOption=Secret"))
            .willReturn(aResponse().withBody(GET_BODY)));
    Requests.ImportResult r = h.provider.importResource(new Requests.Import(T, "conn-1"));
    assertEquals("DashScopeConnection", Values.string(r.state(), "connection_type"));
    assertTrue(Values.attr(r.state(), "secrets").isNull());
    assertEquals(1, Values.elements(r.state(), "models").size());
  }

  private List<ProviderDiagnostic> validate(Value cfg) {
    return h.provider.validateResource(new Requests.ValidateResource(T, cfg)).diagnostics();
  }

  @Test
  void aMisspeltConfigsKeyGetsDidYouMeanAtTheKey() {
    List<ProviderDiagnostic> ds =
        validate(
            config("DashScopeConnection", Map.of("base_ur", "https://x"), Map.of("api_key", "k")));
    assertEquals(2, ds.size(), Harness.errors(ds));
    assertEquals("Unsupported configs key", ds.get(0).summary());
    assertEquals(
        "A DashScopeConnection takes the configs keys \"base_url\"; \"base_ur\" is not one of them."
            + " Did you mean \"base_url\"?",
        ds.get(0).detail());
    assertEquals(
        List.of(PathStep.attr("configs"), PathStep.key("base_ur")), ds.get(0).attributePath());
    assertEquals("Missing configs key", ds.get(1).summary());
    assertEquals("A DashScopeConnection needs the configs key \"base_url\".", ds.get(1).detail());
  }

  @Test
  void configsWrittenAsABlockLackingKeysIsAWarningButAMisspeltKeyStaysAnError() {
    Value empty = config("MilvusConnection", Map.of(), Map.of());
    List<ProviderDiagnostic> asBlock =
        h.provider
            .validateResource(
                new Requests.ValidateResource(T, empty, java.util.Set.of("configs", "secrets")))
            .diagnostics();
    assertEquals(2, asBlock.size(), Harness.errors(asBlock));
    assertEquals("Missing configs key", asBlock.get(0).summary());
    assertEquals(Severity.WARNING, asBlock.get(0).severity());
    assertEquals(Severity.WARNING, asBlock.get(1).severity());
    assertEquals(Severity.ERROR, validate(empty).get(0).severity());
    List<ProviderDiagnostic> misspelt =
        h.provider
            .validateResource(
                new Requests.ValidateResource(
                    T,
                    config("MilvusConnection", Map.of("ur", "http://m:19530"), Map.of()),
                    java.util.Set.of("configs")))
            .diagnostics();
    assertEquals("Unsupported configs key", misspelt.get(0).summary());
    assertEquals(Severity.ERROR, misspelt.get(0).severity());
  }

  @Test
  void aSecretPutInConfigsIsAnError() {
    List<ProviderDiagnostic> ds =
        validate(
            config(
                "MilvusConnection",
                Map.of("uri", "http://m:19530", "username", "root", "password", "pw"),
                Map.of()));
    assertEquals("Secret in configs", ds.get(0).summary());
    assertEquals(
        List.of(PathStep.attr("configs"), PathStep.key("password")), ds.get(0).attributePath());
    assertEquals(Severity.WARNING, ds.get(1).severity());
    assertEquals("Missing secrets key", ds.get(1).summary());
  }

  @Test
  void nullSecretsLeaveTheSecretsToTheCloudWithoutAWarning() {
    assertEquals(
        List.of(),
        validate(
            config("MilvusConnection", Map.of("uri", "http://m:19530", "username", "root"), null)));
  }

  @Test
  void theRightKeysPerTypeValidateCleanly() {
    assertEquals(
        List.of(),
        validate(
            config(
                "HologresConnection",
                Map.of("database", "d", "port", "80", "host", "h", "user", "u"),
                Map.of("password", "p"))));
    assertEquals(
        List.of(),
        validate(
            config(
                "RDSConnection",
                Map.of(
                    "database", "d", "port", "3306", "host", "h", "type", "mysql", "username", "u"),
                Map.of("password", "p"))));
    assertEquals(
        List.of(),
        validate(config("CustomConnection", Map.of("anything", "x"), Map.of("whatever", "y"))));
  }

  @Test
  void anUnknownConnectionTypeGetsDidYouMean() {
    List<ProviderDiagnostic> ds = validate(config("MilvusConection", Map.of(), null));
    assertEquals("Invalid connection_type", ds.get(0).summary());
    assertTrue(
        ds.get(0).detail().endsWith("Did you mean \"MilvusConnection\"?"), ds.get(0).detail());
  }

  @Test
  void unknownValuesAreNotChecked() {
    Value cfg =
        Values.with(
            config("DashScopeConnection", Map.of(), Map.of("api_key", "k")),
            "configs",
            Value.unknown(Type.map(Type.STRING)));
    assertEquals(List.of(), validate(cfg));
  }
}
