package dev.forma.provider.alicloud.resource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.forma.provider.alicloud.Harness;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refresh by listing: connections are read with ListConnections of their workspace, workspaces with
 * ListWorkspaces, EAS LLM app services with ListServices and ModelRouter models with their list,
 * each result exactly what a single read gives; what the list does not show is left to a single
 * read.
 */
class ReadManyTest {
  private static final String T = ConnectionResource.TYPE;
  private final Harness h = new Harness();

  @AfterEach
  void stop() {
    h.close();
  }

  private static String connection(String id, String description) {
    return "{\"ConnectionId\":\""
        + id
        + "\",\"ConnectionName\":\"n-"
        + id
        + "\",\"ConnectionType\":\"DashScopeConnection\",\"WorkspaceId\":\"ws-1\","
        + "\"Accessibility\":\"PUBLIC\",\"Description\":\""
        + description
        + "\",\"Configs\":{\"base_url\":\"https://x\"},"
        + "\"Secrets\":{\"api_key\":\"******\"}}";
  }

  private Value prior(String id) {
    return h.object(
        T,
        Map.of(
            "id",
            Value.of(id),
            "workspace_id",
            Value.of("ws-1"),
            "secrets",
            Value.of("fingerprint-kept-as-is").markSensitive()));
  }

  @Test
  void listedConnectionsAreWhatASingleReadGivesAndUnlistedOnesAreLeftOut() {
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections"))
            .withQueryParam("NextToken", absent())
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"Connections\":["
                            + connection("conn-1", "edited")
                            + "],\"NextToken\":\"1\",\"TotalCount\":2}")));
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections"))
            .withQueryParam("NextToken", equalTo("1"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"Connections\":[" + connection("conn-2", "d") + "],\"TotalCount\":2}")));
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections/conn-1"))
            .willReturn(aResponse().withBody(connection("conn-1", "edited"))));
    List<Requests.Read> reads =
        List.of(
            new Requests.Read(T, prior("conn-1"), "p1"),
            new Requests.Read(T, prior("conn-9"), null),
            new Requests.Read(T, prior("conn-2"), null));
    Requests.ReadManyResult r = h.provider.readMany(new Requests.ReadMany(T, reads));
    assertNotNull(r);
    assertEquals(3, r.results().size());
    assertNull(r.results().get(1), "conn-9 is not listed: only a single read may say it is gone");
    assertEquals(
        "n-conn-2",
        dev.forma.provider.sdk.Values.string(r.results().get(2).newState(), "connection_name"));
    assertEquals(2, h.requests().size(), "two pages, no single reads");
    assertEquals("ws-1", h.requests().get(0).queryParameter("WorkspaceId").firstValue());
    assertEquals("Secret", h.requests().get(0).queryParameter("EncryptOption").firstValue());
    Requests.ReadResult single = h.provider.read(reads.get(0));
    assertEquals(single, r.results().get(0), "the listed conn-1 is exactly what a read gives");
    h.assertAllSigned();
  }

  @Test
  void stopsListingWhenTheRemainingPagesCostMoreThanReadingTheRestAlone() {
    StringBuilder page = new StringBuilder("{\"Connections\":[");
    for (int i = 0; i < 100; i++) {
      page.append(i == 0 ? "" : ",").append(connection("other-" + i, "d"));
    }
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections"))
            .willReturn(
                aResponse().withBody(page + "],\"NextToken\":\"100\",\"TotalCount\":5000}")));
    Requests.ReadManyResult r =
        h.provider.readMany(
            new Requests.ReadMany(
                T,
                List.of(
                    new Requests.Read(T, prior("conn-1"), null),
                    new Requests.Read(T, prior("conn-2"), null))));
    assertEquals(1, h.requests().size(), "49 more pages for 2 connections: read them alone");
    assertNull(r.results().get(0));
    assertNull(r.results().get(1));
  }

  @Test
  void aWorkspaceWhoseListFailsLeavesItsConnectionsToSingleReads() {
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"Code\":\"WorkspaceNotExists\",\"Message\":\"no ws-1\"}")));
    Requests.ReadManyResult r =
        h.provider.readMany(
            new Requests.ReadMany(
                T,
                List.of(
                    new Requests.Read(T, prior("conn-1"), null),
                    new Requests.Read(T, prior("conn-2"), null))));
    assertEquals(java.util.Arrays.asList(null, null), r.results());
  }

  private static String workspace(String id, String description) {
    return "{\"WorkspaceId\":\""
        + id
        + "\",\"WorkspaceName\":\"w"
        + id
        + "\",\"DisplayName\":\"W\",\"Description\":\""
        + description
        + "\",\"EnvTypes\":[\"prod\"],\"Status\":\"ENABLED\"}";
  }

  private static String service(String name, String region, String appType) {
    return "{\"ServiceName\":\""
        + name
        + "\",\"Region\":\""
        + region
        + "\""
        + (appType == null ? "" : ",\"AppType\":\"" + appType + "\"")
        + ",\"AppVersion\":\"v1\",\"AppSpecName\":\"ecs.gn7i\",\"TotalInstance\":2,"
        + "\"WorkspaceId\":\"ws-1\",\"Status\":\"Running\","
        + "\"AppConfig\":\"{\\\"model\\\":\\\"qwen\\\"}\"}";
  }

  private static String model(String id, String name, int deleteTag) {
    return "{\"id\":"
        + id
        + ",\"name\":\""
        + name
        + "\",\"modelCode\":\"qwen-turbo\",\"modelType\":\"LLM\","
        + "\"baseUrl\":\"https://x\",\"apiKeyPreview\":\"sk-1****9\",\"deleteTag\":"
        + deleteTag
        + "}";
  }

  private Value priorOf(String type, String key, String id) {
    return h.object(type, Map.of(key, Value.of(id)));
  }

  @Test
  void listedWorkspacesAreWhatASingleReadGivesPageByPage() {
    String w = WorkspaceResource.TYPE;
    StringBuilder page1 = new StringBuilder("{\"TotalCount\":101,\"Workspaces\":[");
    for (int i = 0; i < 100; i++) {
      page1.append(i == 0 ? "" : ",").append(workspace("o" + i, "d"));
    }
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/workspaces"))
            .withQueryParam("PageNumber", equalTo("1"))
            .willReturn(aResponse().withBody(page1 + "]}")));
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/workspaces"))
            .withQueryParam("PageNumber", equalTo("2"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"TotalCount\":101,\"Workspaces\":["
                            + workspace("ws-7", "edited")
                            + "]}")));
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/workspaces/ws-7"))
            .willReturn(aResponse().withBody(workspace("ws-7", "edited"))));
    List<Requests.Read> reads =
        List.of(
            new Requests.Read(w, priorOf(w, "id", "ws-7"), "p"),
            new Requests.Read(w, priorOf(w, "id", "ws-gone"), null),
            new Requests.Read(w, priorOf(w, "id", "o3"), null));
    Requests.ReadManyResult r = h.provider.readMany(new Requests.ReadMany(w, reads));
    assertNotNull(r);
    assertNull(r.results().get(1), "ws-gone is not listed: only a single read may say it is gone");
    assertEquals(
        "wo3",
        dev.forma.provider.sdk.Values.string(r.results().get(2).newState(), "workspace_name"));
    assertEquals(2, h.requests().size(), "two pages, no single reads");
    assertEquals("100", h.requests().get(0).queryParameter("PageSize").firstValue());
    assertEquals(h.provider.read(reads.get(0)), r.results().get(0));
    h.assertAllSigned();
  }

  @Test
  void listedLlmAppServicesOfTheRegionAreWhatASingleReadGives() {
    String t = EasAppServiceResource.TYPE;
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v2/services"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"PageNumber\":1,\"PageSize\":100,\"TotalCount\":3,\"Services\":["
                            + service("llm", "cn-hangzhou", "LLM")
                            + ","
                            + service("plain", "cn-hangzhou", null)
                            + ","
                            + service("far", "cn-beijing", "LLM")
                            + "]}")));
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v2/services/cn-hangzhou/llm"))
            .willReturn(aResponse().withBody(service("llm", "cn-hangzhou", "LLM"))));
    List<Requests.Read> reads =
        List.of(
            new Requests.Read(t, priorOf(t, "service_name", "llm"), "p"),
            new Requests.Read(t, priorOf(t, "service_name", "plain"), null),
            new Requests.Read(t, priorOf(t, "service_name", "far"), null));
    Requests.ReadManyResult r = h.provider.readMany(new Requests.ReadMany(t, reads));
    assertNull(r.results().get(1), "not an app service: left to its read");
    assertNull(r.results().get(2), "another region's service is not this one");
    assertEquals(1, h.requests().size());
    assertEquals(h.provider.read(reads.get(0)), r.results().get(0));
    assertEquals(
        2L,
        dev.forma.provider.sdk.Values.integer(r.results().get(0).newState(), "replicas"),
        "the listed service's TotalInstance");
  }

  @Test
  void listedModelRouterModelsAreWhatASingleReadGivesAndDeletedOnesAreLeftToTheirRead() {
    String t = ModelRouterModelResource.TYPE;
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/modelRouter/open/models"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"success\":true,\"data\":{\"total\":\"2\",\"list\":["
                            + model("7", "qwen", 0)
                            + ","
                            + model("8", "gone", 1)
                            + "]}}")));
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/modelRouter/open/models/7"))
            .willReturn(
                aResponse().withBody("{\"success\":true,\"data\":" + model("7", "qwen", 0) + "}")));
    List<Requests.Read> reads =
        List.of(
            new Requests.Read(t, priorOf(t, "id", "7"), "p"),
            new Requests.Read(t, priorOf(t, "id", "8"), null));
    Requests.ReadManyResult r = h.provider.readMany(new Requests.ReadMany(t, reads));
    assertNull(r.results().get(1), "marked deleted: only its read says it is gone");
    assertEquals(1, h.requests().size());
    assertEquals("1", h.requests().get(0).queryParameter("pageIndex").firstValue());
    assertEquals(h.provider.read(reads.get(0)), r.results().get(0));
  }

  @Test
  void pageNumberListsStopWhenTheRemainingPagesCostMoreThanReadingTheRestAlone() {
    String t = ModelRouterModelResource.TYPE;
    StringBuilder page = new StringBuilder("{\"success\":true,\"totalCount\":5000,\"data\":[");
    for (int i = 0; i < 100; i++) {
      page.append(i == 0 ? "" : ",").append(model(Integer.toString(1000 + i), "m", 0));
    }
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/modelRouter/open/models"))
            .willReturn(aResponse().withBody(page + "]}")));
    Requests.ReadManyResult r =
        h.provider.readMany(
            new Requests.ReadMany(
                t,
                List.of(
                    new Requests.Read(t, priorOf(t, "id", "7"), null),
                    new Requests.Read(t, priorOf(t, "id", "1003"), null))));
    assertEquals(1, h.requests().size(), "49 more pages for 1 model: read it alone");
    assertNull(r.results().get(0));
    assertNotNull(r.results().get(1));
  }

  @Test
  void aFailedListLeavesEveryObjectToItsSingleRead() {
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/workspaces"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"Code\":\"NoPermission\",\"Message\":\"no list\"}")));
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v2/services"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"Code\":\"NoPermission\",\"Message\":\"no list\"}")));
    String w = WorkspaceResource.TYPE;
    String e = EasAppServiceResource.TYPE;
    assertEquals(
        java.util.Arrays.asList(null, null),
        h.provider
            .readMany(
                new Requests.ReadMany(
                    w,
                    List.of(
                        new Requests.Read(w, priorOf(w, "id", "ws-1"), null),
                        new Requests.Read(w, priorOf(w, "id", "ws-2"), null))))
            .results());
    assertEquals(
        java.util.Arrays.asList(null, null),
        h.provider
            .readMany(
                new Requests.ReadMany(
                    e,
                    List.of(
                        new Requests.Read(e, priorOf(e, "service_name", "a"), null),
                        new Requests.Read(e, priorOf(e, "service_name", "b"), null))))
            .results());
  }
}
