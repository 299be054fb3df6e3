package dev.forma.provider.alicloud.resource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.forma.provider.alicloud.Harness;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkspaceResourceTest {
  private final Harness h = new Harness();
  private static final String T = WorkspaceResource.TYPE;

  @AfterEach
  void stop() {
    h.close();
  }

  private Value config(String name) {
    return h.object(
        T,
        Map.of(
            "workspace_name", Value.of(name),
            "description", Value.of("example"),
            "env_types", Value.set(Type.STRING, List.of(Value.of("prod")))));
  }

  private static String ws(String status) {
    return "{\"RequestId\":\"r\",\"WorkspaceId\":\"12345\",\"WorkspaceName\":\"connection_1\",\"Description\":\"example\","
        + "\"DisplayName\":\"connection_1\",\"EnvTypes\":[\"prod\"],\"Status\":\""
        + status
        + "\",\"GmtCreateTime\":\"2025-01-01T00:00:00Z\"}";
  }

  @Test
  void createSendsTheDocumentedBodyAndWaitsForEnabled() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/workspaces"))
            .willReturn(aResponse().withBody("{\"RequestId\":\"r\",\"WorkspaceId\":\"12345\"}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces/12345"))
            .inScenario("w")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withBody(ws("INITIALIZING")))
            .willSetStateTo("on"));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces/12345"))
            .inScenario("w")
            .whenScenarioStateIs("on")
            .willReturn(aResponse().withBody(ws("ENABLED"))));
    Value cfg = config("connection_1");
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok-1", null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    assertEquals("12345", Values.string(r.newState(), "id"));
    assertEquals("ENABLED", Values.string(r.newState(), "status"));
    assertEquals("2025-01-01T00:00:00Z", Values.string(r.newState(), "create_time"));
    assertEquals(List.of("status INITIALIZING, waiting for ENABLED"), h.statuses);
    h.wm.verify(
        postRequestedFor(urlEqualTo("/api/v1/workspaces"))
            .withHeader(
                "x-acs-action",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("CreateWorkspace"))
            .withRequestBody(
                equalToJson(
                    "{\"WorkspaceName\":\"connection_1\",\"Description\":\"example\",\"EnvTypes\":[\"prod\"]}")));
    assertEquals(List.of(Duration.ofSeconds(5)), h.sleeps);
    h.assertAllSigned();
  }

  @Test
  void failureStatusIsAnErrorWithTheReason() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/workspaces"))
            .willReturn(aResponse().withBody("{\"WorkspaceId\":\"12345\"}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces/12345"))
            .willReturn(
                aResponse()
                    .withBody(ws("FAILURE").replace("}", ",\"Reason\":\"quota exceeded\"}"))));
    Value cfg = config("connection_1");
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertEquals("Workspace creation failed", d.summary());
    assertEquals("workspace 12345 (\"connection_1\"): status FAILURE: quota exceeded", d.detail());
    assertEquals("12345", Values.string(r.newState(), "id"));
  }

  @Test
  void aCreateWhoseAnswerIsLostIsFoundByNameAndNotSentTwice() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v1/workspaces"))
            .willReturn(
                aResponse()
                    .withFault(
                        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces?WorkspaceName=connection_1"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"Workspaces\":[{\"WorkspaceId\":\"12345\",\"WorkspaceName\":\"connection_1\"}],\"TotalCount\":1}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces/12345"))
            .willReturn(aResponse().withBody(ws("ENABLED"))));
    Value cfg = config("connection_1");
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    assertEquals("12345", Values.string(r.newState(), "id"));
    h.wm.verify(1, postRequestedFor(urlEqualTo("/api/v1/workspaces")));
  }

  @Test
  void readOfAWorkspaceGoneOutsideFormaIsANullStateNotAnError() {
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces/999"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"RequestId\":\"r\",\"Code\":\"100400027\",\"Message\":\"workspace not"
                            + " exists\"}")));
    Value prior = h.object(T, Map.of("id", Value.of("999")));
    Requests.ReadResult r = h.provider.read(new Requests.Read(T, prior, null));
    assertNull(r.newState());
    assertEquals(List.of(), r.diagnostics());
  }

  @Test
  void updateSendsDescriptionAndDisplayName() {
    h.wm.stubFor(
        put(urlEqualTo("/api/v1/workspaces/12345"))
            .willReturn(aResponse().withBody("{\"RequestId\":\"r\"}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces/12345"))
            .willReturn(
                aResponse()
                    .withBody(
                        ws("ENABLED")
                            .replace("\"Description\":\"example\"", "\"Description\":\"new\""))));
    Value prior = Values.with(config("connection_1"), "id", Value.of("12345"));
    Value planned =
        Values.with(
            Values.with(prior, "description", Value.of("new")),
            "display_name",
            Value.of("connection_1"));
    Requests.ApplyResult r =
        h.provider.update(new Requests.Update(T, prior, planned, planned, null, null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    assertEquals("new", Values.string(r.newState(), "description"));
    h.wm.verify(
        putRequestedFor(urlEqualTo("/api/v1/workspaces/12345"))
            .withRequestBody(
                equalToJson("{\"Description\":\"new\",\"DisplayName\":\"connection_1\"}")));
  }

  @Test
  void deleteWaitsUntilTheWorkspaceIsGone() {
    h.wm.stubFor(
        delete(urlEqualTo("/api/v1/workspaces/12345"))
            .willReturn(aResponse().withBody("{\"RequestId\":\"r\"}")));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces/12345"))
            .inScenario("d")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withBody(ws("DELETING")))
            .willSetStateTo("gone"));
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces/12345"))
            .inScenario("d")
            .whenScenarioStateIs("gone")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody("{\"Code\":\"100400008\",\"Message\":\"not found\"}")));
    Value prior = Values.with(config("connection_1"), "id", Value.of("12345"));
    Requests.Diagnostics d =
        h.provider.delete(new Requests.Delete(T, prior, null, null, h.progress));
    assertEquals(List.of(), d.diagnostics());
    h.wm.verify(1, deleteRequestedFor(urlEqualTo("/api/v1/workspaces/12345")));
    assertEquals(List.of("status DELETING, waiting until gone"), h.statuses);
  }

  @Test
  void importsByWorkspaceId() {
    h.wm.stubFor(
        get(urlEqualTo("/api/v1/workspaces/12345"))
            .willReturn(aResponse().withBody(ws("ENABLED"))));
    Requests.ImportResult r = h.provider.importResource(new Requests.Import(T, "12345"));
    assertEquals("connection_1", Values.string(r.state(), "workspace_name"));
    assertEquals(List.of("prod"), Values.strings(r.state(), "env_types"));
  }

  @Test
  void validatesNameDescriptionAndEnvTypes() {
    Value bad =
        h.object(
            T,
            Map.of(
                "workspace_name", Value.of("1bad-name"),
                "description", Value.of("x".repeat(81)),
                "env_types", Value.set(Type.STRING, List.of(Value.of("dev")))));
    List<ProviderDiagnostic> ds =
        h.provider.validateResource(new Requests.ValidateResource(T, bad)).diagnostics();
    assertEquals(
        List.of("Invalid workspace_name", "Invalid description", "Invalid env_types"),
        ds.stream().map(ProviderDiagnostic::summary).toList());
    assertTrue(
        h.provider
            .validateResource(new Requests.ValidateResource(T, config("ok_name")))
            .diagnostics()
            .isEmpty());
  }
}
