package dev.forma.provider.alicloud.resource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.forma.provider.alicloud.Harness;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's list calls: each type pages as its API does (NextToken for connections, page
 * numbers for the rest), narrows the call with the filter where the API can, and returns whole
 * objects with their import IDs and names.
 */
class ListTest {
  private final Harness h = new Harness();

  @AfterEach
  void stop() {
    h.close();
  }

  /** Every page of a type's list, as a caller walks them. */
  private List<Requests.Listed> all(String type, Map<String, Value> filter) {
    List<Requests.Listed> out = new ArrayList<>();
    String token = null;
    do {
      Requests.ListResult r = h.provider.list(new Requests.ListObjects(type, filter, token));
      assertEquals(List.of(), r.diagnostics(), Harness.errors(r.diagnostics()));
      out.addAll(r.objects());
      token = r.nextPageToken();
    } while (token != null);
    return out;
  }

  private static String connection(String id, String name) {
    return "{\"ConnectionId\":\""
        + id
        + "\",\"ConnectionName\":\""
        + name
        + "\",\"ConnectionType\":\"DashScopeConnection\",\"WorkspaceId\":\"ws-1\","
        + "\"Accessibility\":\"PUBLIC\",\"Configs\":{\"base_url\":\"https://x\"},"
        + "\"Secrets\":{\"api_key\":\"******\"}}";
  }

  @Test
  void listsTheConnectionsOfAWorkspacePageByPageWithNextToken() {
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections"))
            .withQueryParam("NextToken", absent())
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"Connections\":["
                            + connection("conn-1", "a")
                            + ","
                            + connection("conn-2", "b")
                            + "],\"NextToken\":\"t2\",\"TotalCount\":3}")));
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/connections"))
            .withQueryParam("NextToken", equalTo("t2"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"Connections\":["
                            + connection("conn-3", "c")
                            + "],\"NextToken\":\"\",\"TotalCount\":3}")));
    List<Requests.Listed> got =
        all(
            ConnectionResource.TYPE,
            Map.of(
                "workspace_id",
                Value.of("ws-1"),
                "connection_type",
                Value.of("DashScopeConnection")));
    assertEquals(
        List.of("conn-1", "conn-2", "conn-3"),
        got.stream().map(Requests.Listed::importId).toList());
    assertEquals(List.of("a", "b", "c"), got.stream().map(Requests.Listed::name).toList());
    Value first = got.get(0).state();
    assertEquals("https://x", Values.stringMap(first, "configs").get("base_url"));
    assertTrue(Values.attr(first, "secrets").isNull(), "the masked secret is not kept");
    List<LoggedRequest> requests = h.requests();
    assertEquals(2, requests.size());
    assertEquals("ws-1", requests.get(0).queryParameter("WorkspaceId").firstValue());
    assertEquals("100", requests.get(0).queryParameter("MaxResults").firstValue());
    assertEquals(
        "DashScopeConnection", requests.get(0).queryParameter("ConnectionTypes").firstValue());
    h.assertAllSigned();
  }

  @Test
  void connectionsNeedTheirWorkspace() {
    Requests.ListResult r =
        h.provider.list(new Requests.ListObjects(ConnectionResource.TYPE, Map.of(), null));
    assertEquals(1, r.diagnostics().size());
    assertTrue(r.diagnostics().get(0).detail().contains("needs workspace_id"), r.toString());
    assertEquals(0, h.requests().size());
  }

  @Test
  void listsWorkspacesByPageNumberUntilTheTotal() {
    StringBuilder page1 = new StringBuilder("{\"TotalCount\":101,\"Workspaces\":[");
    for (int i = 0; i < 100; i++) {
      page1
          .append(i == 0 ? "" : ",")
          .append("{\"WorkspaceId\":\"")
          .append(i)
          .append("\",\"WorkspaceName\":\"w")
          .append(i)
          .append("\",\"Description\":\"d\",\"EnvTypes\":[\"prod\"],\"Status\":\"ENABLED\"}");
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
                        "{\"TotalCount\":101,\"Workspaces\":[{\"WorkspaceId\":\"100\","
                            + "\"WorkspaceName\":\"w100\",\"Description\":\"d\","
                            + "\"EnvTypes\":[\"prod\"],\"Status\":\"ENABLED\"}]}")));
    List<Requests.Listed> got = all(WorkspaceResource.TYPE, Map.of());
    assertEquals(101, got.size());
    assertEquals("w100", got.get(100).name());
    assertEquals("w100", Values.string(got.get(100).state(), "workspace_name"));
    assertEquals(2, h.requests().size());
    assertEquals("100", h.requests().get(0).queryParameter("PageSize").firstValue());
  }

  @Test
  void listsOnlyTheLlmAppServicesOfTheRegion() {
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v2/services"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"PageNumber\":1,\"PageSize\":100,\"TotalCount\":3,\"Services\":["
                            + "{\"ServiceName\":\"llm\",\"AppType\":\"LLM\",\"Region\":\"cn-hangzhou\","
                            + "\"AppSpecName\":\"ecs.gn7i\",\"TotalInstance\":1,\"Status\":\"Running\"},"
                            + "{\"ServiceName\":\"plain\",\"Region\":\"cn-hangzhou\"},"
                            + "{\"ServiceName\":\"far\",\"AppType\":\"LLM\",\"Region\":\"cn-beijing\"}"
                            + "]}")));
    List<Requests.Listed> got =
        all(EasAppServiceResource.TYPE, Map.of("workspace_id", Value.of("ws-1")));
    assertEquals(List.of("llm"), got.stream().map(Requests.Listed::importId).toList());
    assertEquals("ws-1", h.requests().get(0).queryParameter("WorkspaceId").firstValue());
    assertEquals(1, h.requests().size());
  }

  @Test
  void listsModelRouterModelsByPageIndexLeavingOutDeletedOnes() {
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/modelRouter/open/models"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"success\":true,\"totalCount\":2,\"pageIndex\":1,\"pageSize\":100,"
                            + "\"data\":[{\"id\":7,\"name\":\"qwen\",\"modelCode\":\"qwen-turbo\","
                            + "\"apiKeyPreview\":\"sk-1****9\"},"
                            + "{\"id\":8,\"name\":\"gone\",\"deleteTag\":1}]}")));
    List<Requests.Listed> got = all(ModelRouterModelResource.TYPE, Map.of());
    assertEquals(1, got.size());
    assertEquals("7", got.get(0).importId());
    assertEquals("qwen-turbo", Values.string(got.get(0).state(), "model_id"));
    assertNull(Values.string(got.get(0).state(), "api_key"));
    assertEquals("1", h.requests().get(0).queryParameter("pageIndex").firstValue());
  }

  @Test
  void pagesModelRouterModelsInTheNewerAnswerShapeWithItsTotalAsText() {
    StringBuilder page1 =
        new StringBuilder("{\"success\":true,\"data\":{\"total\":\"101\",\"list\":[");
    for (int i = 0; i < 100; i++) {
      page1.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"m\"}");
    }
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/modelRouter/open/models"))
            .withQueryParam("pageIndex", equalTo("1"))
            .willReturn(aResponse().withBody(page1 + "]}}")));
    h.wm.stubFor(
        get(urlPathEqualTo("/api/v1/modelRouter/open/models"))
            .withQueryParam("pageIndex", equalTo("2"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"success\":true,\"data\":{\"total\":\"101\",\"list\":[{\"id\":100,\"name\":\"m\"}]}}")));
    assertEquals(101, all(ModelRouterModelResource.TYPE, Map.of()).size());
    assertEquals(2, h.requests().size());
  }
}
