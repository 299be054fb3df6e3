package dev.forma.provider.alicloud.resource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.forma.engine.provider.Requests;
import dev.forma.engine.value.Value;
import dev.forma.provider.alicloud.Harness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refresh by listing: connections are read with ListConnections of their workspace, each result
 * exactly what a single read gives; what the list does not show is left to a single read.
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
        dev.forma.provider.alicloud.support.Values.string(
            r.results().get(2).newState(), "connection_name"));
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
}
