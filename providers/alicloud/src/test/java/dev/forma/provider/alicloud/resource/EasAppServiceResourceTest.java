package dev.forma.provider.alicloud.resource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EasAppServiceResourceTest {
  private final Harness h = new Harness();
  private static final String T = EasAppServiceResource.TYPE;
  private static final String SVC = "/api/v2/services/cn-hangzhou/foo";

  @AfterEach
  void stop() {
    h.close();
  }

  private Value config(long replicas, Map<String, Value> storage) {
    Map<String, Value> a = new HashMap<>();
    a.put("service_name", Value.of("foo"));
    a.put("app_type", Value.of("LLM"));
    a.put("app_version", Value.of("v1"));
    a.put("service_spec", Value.of("llama_7b_fp16"));
    a.put("replicas", Value.of(replicas));
    a.put("workspace_id", Value.of("123456"));
    a.put("quota_id", Value.of("abcdef"));
    a.put("config", Values.block(h.block(T, "config"), storage));
    return h.object(T, a);
  }

  private Value oss() {
    return config(
        1,
        Map.of(
            "model_storage", Value.of("oss"), "oss_path", Value.of("oss://examplebucket/models/")));
  }

  private static String svc(String status, int running, int total, String extra) {
    return "{\"RequestId\":\"d\",\"ServiceName\":\"foo\",\"ServiceId\":\"eas-m-aaxxxddf\",\"Status\":\""
        + status
        + "\",\"Region\":\"cn-hangzhou\","
        + "\"RunningInstance\":"
        + running
        + ",\"TotalInstance\":"
        + total
        + ",\"InternetEndpoint\":\"http://pai-eas.cn-hangzhou.example/foo\","
        + "\"IntranetEndpoint\":\"http://pai-eas-vpc.cn-hangzhou.example/foo\""
        + extra
        + "}";
  }

  @Test
  void createSendsTheSeedRequestAndWaitsForRunningWithProgress() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v2/app_services?WorkspaceId=123456&QuotaId=abcdef"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"RequestId\":\"c\",\"ServiceId\":\"eas-m-aaxxxddf\",\"ServiceName\":\"foo\",\"Status\":\"Creating\",\"Region\":\"cn-hangzhou\"}")));
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withBody(svc("Creating", 0, 1, "")))
            .willSetStateTo("w"));
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .inScenario("s")
            .whenScenarioStateIs("w")
            .willReturn(aResponse().withBody(svc("Waiting", 0, 1, "")))
            .willSetStateTo("r"));
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .inScenario("s")
            .whenScenarioStateIs("r")
            .willReturn(aResponse().withBody(svc("Running", 1, 1, ""))));
    Value cfg = oss();
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    assertEquals(
        List.of("status Creating, 0/1 instances running", "status Waiting, 0/1 instances running"),
        h.statuses);
    assertEquals("foo", Values.string(r.newState(), "id"));
    assertEquals("eas-m-aaxxxddf", Values.string(r.newState(), "service_id"));
    assertEquals("Running", Values.string(r.newState(), "status"));
    assertEquals(
        "http://pai-eas.cn-hangzhou.example/foo", Values.string(r.newState(), "internet_endpoint"));
    assertEquals("llama_7b_fp16", Values.string(r.newState(), "service_spec"));
    h.wm.verify(
        postRequestedFor(urlEqualTo("/api/v2/app_services?WorkspaceId=123456&QuotaId=abcdef"))
            .withHeader("x-acs-action", equalTo("CreateAppService"))
            .withHeader("x-acs-version", equalTo("2021-07-01"))
            .withRequestBody(
                equalToJson(
                    "{\"ServiceName\":\"foo\",\"AppType\":\"LLM\",\"AppVersion\":\"v1\",\"ServiceSpec\":\"llama_7b_fp16\",\"Replicas\":1,"
                        + "\"Config\":{\"ModelStorage\":\"oss\",\"OssPath\":\"oss://examplebucket/models/\"}}")));
    h.assertAllSigned();
  }

  @Test
  void failedIsAnErrorCarryingReasonAndMessage() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v2/app_services?WorkspaceId=123456&QuotaId=abcdef"))
            .willReturn(aResponse().withBody("{\"ServiceName\":\"foo\",\"Status\":\"Creating\"}")));
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .willReturn(
                aResponse()
                    .withBody(
                        svc(
                            "Failed",
                            0,
                            1,
                            ",\"Reason\":\"InsufficientResource\",\"Message\":\"no GPU left in the"
                                + " quota\""))));
    Value cfg = oss();
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertEquals("EAS service failed", d.summary());
    assertEquals(
        "EAS service \"foo\": status Failed, reason InsufficientResource: no GPU left in the quota",
        d.detail());
    assertEquals("Failed", Values.string(r.newState(), "status"));
  }

  @Test
  void aWaitPastTheTimeoutIsAnErrorSayingWhatWasLastSeen() {
    h.wm.stubFor(
        post(urlEqualTo("/api/v2/app_services?WorkspaceId=123456&QuotaId=abcdef"))
            .willReturn(aResponse().withBody("{\"ServiceName\":\"foo\"}")));
    h.wm.stubFor(get(urlEqualTo(SVC)).willReturn(aResponse().withBody(svc("Creating", 0, 1, ""))));
    Value cfg =
        Values.with(
            oss(),
            "timeouts",
            Values.block(h.block(T, "timeouts"), Map.of("create", Value.of("12s"))));
    Requests.ApplyResult r =
        h.provider.create(new Requests.Create(T, cfg, cfg, "tok", null, h.progress));
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertEquals("Timed out waiting for EAS service \"foo\"", d.summary());
    assertEquals(
        "EAS service \"foo\" did not become Running within 12s (last seen: status Creating, 0/1"
            + " instances running). Raise the timeout in the resource's timeouts block if it needs"
            + " longer.",
        d.detail());
  }

  @Test
  void replicasChangeInPlaceThroughUpdateAppService() {
    h.wm.stubFor(
        put(urlEqualTo("/api/v2/app_services/cn-hangzhou/foo"))
            .willReturn(aResponse().withBody("{\"RequestId\":\"u\"}")));
    h.wm.stubFor(get(urlEqualTo(SVC)).willReturn(aResponse().withBody(svc("Running", 3, 3, ""))));
    Value prior = Values.with(oss(), "id", Value.of("foo"));
    Value planned = Values.with(prior, "replicas", Value.of(3));
    Requests.ApplyResult r =
        h.provider.update(new Requests.Update(T, prior, planned, planned, null, null, h.progress));
    assertEquals(List.of(), r.diagnostics());
    assertEquals(3L, Values.integer(r.newState(), "replicas"));
    h.wm.verify(
        putRequestedFor(urlEqualTo("/api/v2/app_services/cn-hangzhou/foo"))
            .withHeader("x-acs-action", equalTo("UpdateAppService"))
            .withRequestBody(
                equalToJson(
                    "{\"AppType\":\"LLM\",\"AppVersion\":\"v1\",\"ServiceSpec\":\"llama_7b_fp16\",\"Replicas\":3,"
                        + "\"Config\":{\"ModelStorage\":\"oss\",\"OssPath\":\"oss://examplebucket/models/\"}}")));
  }

  @Test
  void anUpdateWhoseWaitCannotReadTheServiceIsReportedDoneWithPriorComputedValuesAndAWarning() {
    h.wm.stubFor(
        put(urlEqualTo("/api/v2/app_services/cn-hangzhou/foo"))
            .willReturn(aResponse().withBody("{\"RequestId\":\"u\"}")));
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"RequestId\":\"t\",\"Code\":\"Throttling.User\",\"Message\":\"slow\"}")));
    Value prior =
        Values.with(
            Values.with(Values.with(oss(), "id", Value.of("foo")), "service_id", Value.of("eas-1")),
            "status",
            Value.of("Running"));
    Value planned =
        Values.with(
            Values.with(prior, "replicas", Value.of(3)),
            "status",
            Value.unknown(dev.forma.provider.api.value.Type.STRING));
    Requests.ApplyResult r =
        h.provider.update(new Requests.Update(T, prior, planned, planned, null, null, h.progress));
    assertEquals(1, r.diagnostics().size(), Harness.errors(r.diagnostics()));
    ProviderDiagnostic w = r.diagnostics().get(0);
    assertEquals(dev.forma.provider.api.diag.Severity.WARNING, w.severity());
    assertEquals("Could not read EAS service \"foo\" after updating it", w.summary());
    assertTrue(
        w.detail().startsWith("EAS service \"foo\" was updated, but reading it back failed: "));
    assertTrue(r.newState().isWhollyKnown());
    assertEquals(3L, Values.integer(r.newState(), "replicas"));
    assertEquals("eas-1", Values.string(r.newState(), "service_id"));
    assertEquals("Running", Values.string(r.newState(), "status"), "the last status known");
  }

  @Test
  void deleteWaitsUntilDescribeServiceSaysNotFound() {
    h.wm.stubFor(delete(urlEqualTo(SVC)).willReturn(aResponse().withBody("{\"RequestId\":\"x\"}")));
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .inScenario("d")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withBody(svc("Deleting", 0, 0, "")))
            .willSetStateTo("gone"));
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .inScenario("d")
            .whenScenarioStateIs("gone")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody(
                        "{\"Code\":\"InvalidService.NotFound\",\"Message\":\"service foo not"
                            + " found\"}")));
    Requests.Diagnostics d =
        h.provider.delete(
            new Requests.Delete(
                T, Values.with(oss(), "id", Value.of("foo")), null, null, h.progress));
    assertEquals(List.of(), d.diagnostics());
    h.wm.verify(
        1,
        deleteRequestedFor(urlEqualTo(SVC)).withHeader("x-acs-action", equalTo("DeleteService")));
  }

  @Test
  void readOfAServiceGoneOutsideFormaIsANullState() {
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"Code\":\"InvalidService.NotFound\",\"Message\":\"gone\"}")));
    Requests.ReadResult r =
        h.provider.read(new Requests.Read(T, Values.with(oss(), "id", Value.of("foo")), null));
    assertNull(r.newState());
    assertEquals(List.of(), r.diagnostics());
  }

  @Test
  void importsByServiceName() {
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .willReturn(aResponse().withBody(svc("Running", 2, 2, ",\"AppType\":\"LLM\""))));
    Requests.ImportResult r = h.provider.importResource(new Requests.Import(T, "foo"));
    assertEquals("foo", Values.string(r.state(), "service_name"));
    assertEquals("LLM", Values.string(r.state(), "app_type"));
    assertEquals(2L, Values.integer(r.state(), "replicas"));
  }

  @Test
  void importReadsTheWorkspaceAndQuotaSoTheNextPlanDoesNotReplace() {
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .willReturn(
                aResponse()
                    .withBody(
                        svc(
                            "Running",
                            1,
                            1,
                            ",\"AppType\":\"LLM\",\"WorkspaceId\":\"100001\",\"QuotaId\":\"quota-1\""))));
    Requests.ImportResult r = h.provider.importResource(new Requests.Import(T, "foo"));
    assertEquals("100001", Values.string(r.state(), "workspace_id"));
    assertEquals("quota-1", Values.string(r.state(), "quota_id"));
  }

  @Test
  void readTakesSpecAndConfigFromTheServiceObjectsAppSpecNameAndAppConfig() {
    h.wm.stubFor(
        get(urlEqualTo(SVC))
            .willReturn(
                aResponse()
                    .withBody(
                        svc(
                            "Running",
                            2,
                            2,
                            (",'AppType':'LLM','AppVersion':'v2','AppSpecName':'chatglm2_6b_fp16',"
                                    + "'AppConfig':'{\\'ModelStorage\\':\\'oss\\',"
                                    + "\\'OssPath\\':\\'oss://other/\\'}'")
                                .replace('\'', '"')))));
    Requests.ReadResult r =
        h.provider.read(new Requests.Read(T, Values.with(oss(), "id", Value.of("foo")), null));
    assertEquals(List.of(), r.diagnostics());
    assertEquals("chatglm2_6b_fp16", Values.string(r.newState(), "service_spec"));
    assertEquals("v2", Values.string(r.newState(), "app_version"));
    assertEquals(2L, Values.integer(r.newState(), "replicas"));
    Value cfg = Values.attr(r.newState(), "config");
    assertEquals("oss", Values.string(cfg, "model_storage"));
    assertEquals("oss://other/", Values.string(cfg, "oss_path"));
  }

  @Test
  void aMisspeltServiceSpecGetsDidYouMeanAndConfigIsChecked() {
    Value cfg =
        Values.with(
            config(
                1,
                Map.of(
                    "model_storage",
                    Value.of("nas"),
                    "nas_path",
                    Value.of("/"),
                    "oss_path",
                    Value.of("oss://b/"))),
            "service_spec",
            Value.of("llama_7b_fp61"));
    List<ProviderDiagnostic> ds =
        h.provider.validateResource(new Requests.ValidateResource(T, cfg)).diagnostics();
    assertEquals("Invalid service_spec", ds.get(0).summary());
    assertEquals(List.of(PathStep.attr("service_spec")), ds.get(0).attributePath());
    assertEquals(
        true, ds.get(0).detail().endsWith("Did you mean \"llama_7b_fp16\"?"), ds.get(0).detail());
    assertEquals(
        List.of(
            "Invalid service_spec",
            "Missing nas_mount_target",
            "Missing security_group_id",
            "Missing vpc_id",
            "Missing vswitch_id",
            "Unexpected oss_path"),
        ds.stream().map(ProviderDiagnostic::summary).toList());
  }
}
