package dev.forma.provider.alicloud.resource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.forma.provider.alicloud.Harness;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Severity;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The create path of every resource under the faults a cloud produces, as a contract between the
 * provider and the API (WireMock): what is sent again, what is looked up first, what is reported.
 * Nothing is ever made twice, and a create the cloud carried out is always reported as created.
 */
class CreateFaultsTest {
  private final Harness h = new Harness();

  @AfterEach
  void stop() {
    h.close();
  }

  /** One resource type's API, as the tests need it. */
  enum Api {
    WORKSPACE(
        WorkspaceResource.TYPE,
        "workspace \"ws_one\"",
        "12345",
        "WORKSPACE_ID",
        "/api/v1/workspaces",
        "{\"RequestId\":\"c\",\"WorkspaceId\":\"12345\"}",
        "/api/v1/workspaces?WorkspaceName=ws_one",
        "{\"Workspaces\":[{\"WorkspaceId\":\"12345\",\"WorkspaceName\":\"ws_one\"}],\"TotalCount\":1}",
        "/api/v1/workspaces/12345",
        "{\"RequestId\":\"r\",\"WorkspaceId\":\"12345\",\"WorkspaceName\":\"ws_one\","
            + "\"Description\":\"example\",\"DisplayName\":\"ws_one\",\"EnvTypes\":[\"prod\"],"
            + "\"Status\":\"ENABLED\",\"GmtCreateTime\":\"2025-01-01T00:00:00Z\"}"),
    CONNECTION(
        ConnectionResource.TYPE,
        "connection \"llm\"",
        "conn-1",
        "CONNECTION_ID",
        "/api/v1/connections",
        "{\"RequestId\":\"c\",\"ConnectionId\":\"conn-1\"}",
        "/api/v1/connections?WorkspaceId=12345&ConnectionName=llm",
        "{\"Connections\":[{\"ConnectionId\":\"conn-1\",\"ConnectionName\":\"llm\","
            + "\"WorkspaceId\":\"12345\"}],\"TotalCount\":1}",
        "/api/v1/connections/conn-1?EncryptOption=Secret",
        "{\"RequestId\":\"r\",\"ConnectionId\":\"conn-1\",\"ConnectionName\":\"llm\","
            + "\"ConnectionType\":\"DashScopeConnection\",\"Accessibility\":\"PUBLIC\","
            + "\"WorkspaceId\":\"12345\",\"Configs\":{\"base_url\":\"https://x.example/v1\"}}"),
    MODEL(
        ModelRouterModelResource.TYPE,
        "model \"qwen\"",
        "42",
        "MODEL_ID",
        "/api/v1/modelRouter/open/models",
        "{\"requestId\":\"c\",\"success\":true,\"data\":{\"id\":42}}",
        "/api/v1/modelRouter/open/models?keyword=qwen&pageIndex=1&pageSize=100",
        "{\"requestId\":\"l\",\"success\":true,\"data\":{\"list\":[{\"id\":42,\"name\":\"qwen\","
            + "\"modelCode\":\"qwen-turbo\",\"deleteTag\":0}]}}",
        "/api/v1/modelRouter/open/models/42",
        "{\"requestId\":\"q\",\"success\":true,\"data\":{\"id\":42,\"name\":\"qwen\","
            + "\"modelCode\":\"qwen-turbo\",\"modelType\":\"Chat\",\"apiKeyPreview\":\"sk-abc****xyz\","
            + "\"baseUrl\":\"https://x.example/v1\",\"deleteTag\":0,"
            + "\"gmtCreate\":\"2024-01-01T00:00:00Z\",\"gmtModified\":\"2024-01-01T00:00:00Z\"}}"),
    SERVICE(
        EasAppServiceResource.TYPE,
        "EAS service \"foo\"",
        "foo",
        "SERVICE_NAME",
        "/api/v2/app_services?WorkspaceId=12345&QuotaId=quota-1",
        "{\"RequestId\":\"c\",\"ServiceId\":\"eas-m-1\",\"ServiceName\":\"foo\","
            + "\"Status\":\"Creating\",\"Region\":\"cn-hangzhou\","
            + "\"InternetEndpoint\":\"http://eas.example/foo\"}",
        // EAS looks a service up by its name with DescribeService, which is also the read
        "/api/v2/services/cn-hangzhou/foo",
        null,
        "/api/v2/services/cn-hangzhou/foo",
        "{\"RequestId\":\"d\",\"ServiceName\":\"foo\",\"ServiceId\":\"eas-m-1\","
            + "\"Status\":\"Running\",\"Region\":\"cn-hangzhou\",\"RunningInstance\":1,"
            + "\"TotalInstance\":1,\"InternetEndpoint\":\"http://eas.example/foo\","
            + "\"IntranetEndpoint\":\"http://eas-vpc.example/foo\"}");

    final String type;
    final String subject;
    final String id;
    final String idName;
    final String createUrl;
    final String created;
    final String lookupUrl;
    final String found;
    final String readUrl;
    final String read;

    Api(
        String type,
        String subject,
        String id,
        String idName,
        String createUrl,
        String created,
        String lookupUrl,
        String found,
        String readUrl,
        String read) {
      this.type = type;
      this.subject = subject;
      this.id = id;
      this.idName = idName;
      this.createUrl = createUrl;
      this.created = created;
      this.lookupUrl = lookupUrl;
      this.found = found == null ? read : found;
      this.readUrl = readUrl;
      this.read = read;
    }

    /** The answer of the lookup when there is no such object. */
    ResponseDefinitionBuilder none() {
      return switch (this) {
        case WORKSPACE -> ok("{\"Workspaces\":[],\"TotalCount\":0}");
        case CONNECTION -> ok("{\"Connections\":[],\"TotalCount\":0}");
        case MODEL -> ok("{\"requestId\":\"l\",\"success\":true,\"data\":{\"list\":[]}}");
        case SERVICE ->
            json(
                404,
                "{\"RequestId\":\"n\",\"Code\":\"InvalidService.NotFound\",\"Message\":\"no\"}");
      };
    }

    /** The configured arguments of the object to create. */
    Map<String, Value> config(Function<String, BlockSchema> nested) {
      Map<String, Value> a = new HashMap<>();
      switch (this) {
        case WORKSPACE -> {
          a.put("workspace_name", Value.of("ws_one"));
          a.put("description", Value.of("example"));
          a.put("env_types", Value.set(Type.STRING, List.of(Value.of("prod"))));
        }
        case CONNECTION -> {
          a.put("connection_name", Value.of("llm"));
          a.put("connection_type", Value.of("DashScopeConnection"));
          a.put("workspace_id", Value.of("12345"));
          a.put("configs", Values.strMap(Map.of("base_url", "https://x.example/v1")));
          a.put("secrets", Values.strMap(Map.of("api_key", "sk-abc123456789xyz")).markSensitive());
        }
        case MODEL -> {
          a.put("name", Value.of("qwen"));
          a.put("model_id", Value.of("qwen-turbo"));
          a.put("model_type", Value.of("Chat"));
          a.put("base_url", Value.of("https://x.example/v1"));
          a.put("api_key", Value.of("sk-abc123456789xyz").markSensitive());
        }
        case SERVICE -> {
          a.put("service_name", Value.of("foo"));
          a.put("app_type", Value.of("LLM"));
          a.put("app_version", Value.of("v1"));
          a.put("service_spec", Value.of("llama_7b_fp16"));
          a.put("replicas", Value.of(1));
          a.put("workspace_id", Value.of("12345"));
          a.put("quota_id", Value.of("quota-1"));
          a.put(
              "config",
              Values.block(
                  nested.apply("config"),
                  Map.of("model_storage", Value.of("oss"), "oss_path", Value.of("oss://b/m/"))));
        }
      }
      return a;
    }
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return json(200, body);
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static final String UNAVAILABLE =
      "{\"RequestId\":\"u\",\"Code\":\"ServiceUnavailable\",\"Message\":\"The request has failed"
          + " due to a temporary failure of the server.\"}";

  private static final String THROTTLED =
      "{\"RequestId\":\"t\",\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to"
          + " user flow control.\"}";

  /** The planned object as the engine sends it: computed values not configured are unknown. */
  private Value planned(Api api) {
    BlockSchema block = h.provider.schema().resources().get(api.type).block();
    Map<String, Value> attrs = api.config(n -> block.blocks().get(n).block());
    for (AttributeSchema a : block.attributes().values()) {
      if (a.computed() && !attrs.containsKey(a.name())) {
        attrs.put(a.name(), Value.unknown(a.type()));
      }
    }
    return Values.complete(block, attrs);
  }

  private java.util.Set<String> configured(Api api) {
    BlockSchema block = h.provider.schema().resources().get(api.type).block();
    return api.config(n -> block.blocks().get(n).block()).keySet();
  }

  private Requests.ApplyResult create(Api api) {
    Value planned = planned(api);
    return h.provider.create(
        new Requests.Create(api.type, planned, planned, "tok", null, h.progress));
  }

  private MappingBuilder createCall(Api api) {
    return post(urlEqualTo(api.createUrl));
  }

  private RequestPatternBuilder creates(Api api) {
    return postRequestedFor(urlEqualTo(api.createUrl));
  }

  private RequestPatternBuilder lookups(Api api) {
    return getRequestedFor(urlEqualTo(api.lookupUrl));
  }

  /** Creates answered in turn by {@code answers} (the last one repeats). */
  private void createAnswers(Api api, ResponseDefinitionBuilder... answers) {
    inTurn(api + "create", () -> createCall(api), answers);
  }

  private void inTurn(
      String scenario, Supplier<MappingBuilder> call, ResponseDefinitionBuilder... answers) {
    String state = Scenario.STARTED;
    for (int i = 0; i < answers.length; i++) {
      boolean last = i == answers.length - 1;
      ScenarioMappingBuilder b =
          call.get().inScenario(scenario).whenScenarioStateIs(state).willReturn(answers[i]);
      if (!last) {
        b = b.willSetStateTo(scenario + (i + 1));
      }
      h.wm.stubFor(b);
      state = scenario + (i + 1);
    }
  }

  /** The lookup finds nothing first, then the object (the read, for EAS, likewise). */
  private void lookupNoneThenFound(Api api) {
    inTurn(api + "lookup", () -> get(urlEqualTo(api.lookupUrl)), api.none(), ok(api.found));
    if (!api.readUrl.equals(api.lookupUrl)) {
      h.wm.stubFor(get(urlEqualTo(api.readUrl)).willReturn(ok(api.read)));
    }
  }

  private void lookupFinds(Api api) {
    h.wm.stubFor(get(urlEqualTo(api.lookupUrl)).willReturn(ok(api.found)));
    h.wm.stubFor(get(urlEqualTo(api.readUrl)).willReturn(ok(api.read)));
  }

  private void assertCreated(Api api, Requests.ApplyResult r) {
    assertEquals(
        List.of(),
        r.diagnostics().stream().filter(ProviderDiagnostic::isError).toList(),
        Harness.errors(r.diagnostics()));
    assertEquals(api.id, Values.string(r.newState(), "id"));
    assertTrue(r.newState().isWhollyKnown(), "unknown values in " + r.newState());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aCreateAnswered503IsLookedUpByNameAndTheObjectFoundIsAdoptedNotMadeAgain(Api api) {
    createAnswers(api, json(503, UNAVAILABLE));
    lookupFinds(api);
    Requests.ApplyResult r = create(api);
    assertCreated(api, r);
    assertEquals(List.of(), r.diagnostics());
    h.wm.verify(1, creates(api));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aCreateAnswered503AndNotFoundIsSentOnceMore(Api api) {
    createAnswers(api, json(503, UNAVAILABLE), ok(api.created));
    lookupNoneThenFound(api);
    Requests.ApplyResult r = create(api);
    assertCreated(api, r);
    h.wm.verify(2, creates(api));
    assertTrue(h.wm.findAll(lookups(api)).size() >= 1);
    // the pause before sending again (the Harness's 2 s)
    assertTrue(h.sleeps.contains(Duration.ofSeconds(2)), h.sleeps.toString());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aCreateWhoseAnswerIsLostAndWhichWasSentAgainIsAdoptedWhenTheNameIsTaken(Api api) {
    // the first send acted but the lookup did not show it yet; the second is refused: adopt
    createAnswers(
        api,
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        json(
            409,
            "{\"RequestId\":\"x\",\"Code\":\"ResourceAlreadyExists\",\"Message\":\"exists\"}"));
    lookupNoneThenFound(api);
    Requests.ApplyResult r = create(api);
    assertCreated(api, r);
    h.wm.verify(2, creates(api));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aThrottledCreateIsSentAgainWithoutLookingFirstTheCloudDidNothing(Api api) {
    createAnswers(api, json(400, THROTTLED), ok(api.created));
    lookupFinds(api);
    Requests.ApplyResult r = create(api);
    assertCreated(api, r);
    h.wm.verify(2, creates(api));
    if (!api.lookupUrl.equals(api.readUrl)) {
      h.wm.verify(0, lookups(api));
    }
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aLostAnswerWhoseLookupFailsLeavesTheOutcomeUnknownSoTheIntentStaysPending(Api api) {
    createAnswers(api, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    h.wm.stubFor(
        get(urlEqualTo(api.lookupUrl))
            .willReturn(
                json(403, "{\"RequestId\":\"f\",\"Code\":\"Forbidden.RAM\",\"Message\":\"no\"}")));
    Requests.ApplyResult r = create(api);
    assertTrue(r.outcomeUnknown(), "the engine must keep the create pending");
    assertNull(r.newState());
    String detail = r.diagnostics().get(0).detail();
    assertTrue(
        detail.contains(" may or may not have been carried out (no answer: ")
            && detail.contains("and looking for " + api.subject + " by its name failed too")
            && detail.contains("HTTP 403 Forbidden.RAM no"),
        detail);
    h.wm.verify(1, creates(api));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aCreateWhoseReadBackStaysThrottledIsReportedCreatedWithNoUnknownValuesAndAWarning(Api api) {
    createAnswers(api, ok(api.created));
    h.wm.stubFor(get(urlEqualTo(api.readUrl)).willReturn(json(400, THROTTLED)));
    Requests.ApplyResult r = create(api);
    assertCreated(api, r);
    h.wm.verify(1, creates(api));
    assertEquals(1, r.diagnostics().size(), Harness.errors(r.diagnostics()));
    ProviderDiagnostic w = r.diagnostics().get(0);
    assertEquals(Severity.WARNING, w.severity());
    assertTrue(w.summary().startsWith("Could not read "), w.summary());
    assertTrue(w.summary().endsWith(" after creating it"), w.summary());
    assertTrue(w.detail().contains(" was created, but reading it back failed: "), w.detail());
    assertTrue(w.detail().contains("Throttling.User"), w.detail());
    assertTrue(
        w.detail()
            .endsWith(
                "It is recorded in the state with the values Forma knows; the values only the"
                    + " cloud knows are empty until the next plan or apply refreshes them."),
        w.detail());
    // the reads were retried for the throttling budget, not given up at once
    assertTrue(h.wm.findAll(getRequestedFor(urlEqualTo(api.readUrl))).size() > 6);
    // configured values are kept; what the create's answer told is used
    Value planned = planned(api);
    for (String name : configured(api)) {
      if (!name.equals("config")) {
        assertEquals(
            Values.attr(planned, name), Values.attr(r.newState(), name), "attribute " + name);
      }
    }
    if (api == Api.SERVICE) {
      assertEquals("eas-m-1", Values.string(r.newState(), "service_id"));
      assertEquals("http://eas.example/foo", Values.string(r.newState(), "internet_endpoint"));
    }
    if (api == Api.MODEL) {
      assertEquals("qwen-turbo", Values.string(r.newState(), "model_code"));
    }
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aFailedLookupOfAnInterruptedCreateSaysWhatHappenedAndHowToGoOn(Api api) {
    h.wm.stubFor(get(urlEqualTo(api.lookupUrl)).willReturn(json(503, UNAVAILABLE)));
    Requests.ReadResult r =
        h.provider.findInFlight(new Requests.FindInFlight(api.type, planned(api), "tok"));
    assertEquals(1, r.diagnostics().size());
    ProviderDiagnostic d = r.diagnostics().get(0);
    assertTrue(d.isError());
    assertEquals("Cannot tell whether an interrupted create made " + api.subject, d.summary());
    String noun =
        api == Api.SERVICE ? "service" : api.subject.substring(0, api.subject.indexOf(' '));
    assertTrue(
        d.detail()
            .startsWith(
                "An earlier operation sent the create of "
                    + api.subject
                    + " but stopped before recording its result, so the "
                    + noun
                    + " may exist. Forma looks for it by its name before creating it again, and"
                    + " that lookup failed:\n  "),
        d.detail());
    assertTrue(d.detail().contains("HTTP 503, code ServiceUnavailable"), d.detail());
    assertTrue(
        d.detail()
            .endsWith(
                "Forma does not create it again while it cannot tell. To go on, either:\n"
                    + "  - run this command again once the cloud answers;\n"
                    + "  - if you know the "
                    + noun
                    + " exists, adopt it: forma import ADDRESS "
                    + api.idName
                    + "\n"
                    + "  - if you know it does not exist, drop the pending create: forma state rm"
                    + " ADDRESS\n"
                    + "ADDRESS is this resource instance's address, as the warning above about"
                    + " the interrupted operation lists it."),
        d.detail());
    // an idempotent lookup: 5xx retried up to max_retries
    assertEquals(6, h.wm.findAll(lookups(api)).size());
    assertFalse(r.newState() != null);
  }
}
