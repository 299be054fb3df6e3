package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the gateway checks before an action runs, over real HTTP. */
class GatewayTest extends CloudTestBase {
  private static final Map<String, Object> WORKSPACE =
      Map.of("WorkspaceName", "ws_gate", "Description", "d", "EnvTypes", List.of("prod"));

  private static void assertCloudError(CloudClient.Resp r, int status, String code) {
    assertEquals(status, r.status(), r.raw());
    assertEquals(code, r.field("Code"), r.raw());
    assertFalse(r.field("RequestId").isEmpty(), r.raw());
    assertTrue(
        r.json().has("HostId") && r.json().has("Message") && r.json().has("Recommend"), r.raw());
  }

  @Test
  void acceptsASignedRequestFromAnyKeyIdWithTheDefaultSecret() throws Exception {
    client.keyId = "any-key-id";
    CloudClient.Resp r = client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", WORKSPACE);
    assertEquals(200, r.status(), r.raw());
    assertFalse(r.field("WorkspaceId").isEmpty());
  }

  @Test
  void refusesAWrongSecretWith403() throws Exception {
    client.secret = "not-the-secret";
    CloudClient.Resp r = client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", WORKSPACE);
    assertCloudError(r, 403, "SignatureDoesNotMatch");
    assertEquals(0, client.admin("GET", "objects", null).json().path("workspaces").size());
  }

  @Test
  void refusesAStaleDate() throws Exception {
    CloudClient.Prepared p =
        client.prepare(
            "ListWorkspaces", CloudClient.AIWS, "GET", "/api/v1/workspaces", Map.of(), null);
    p.headers.put(
        "x-acs-date",
        Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
    client.sign(p);
    assertCloudError(client.send(p), 400, "InvalidTimeStamp.Expired");
  }

  @Test
  void acceptsADateTenMinutesOff() throws Exception {
    CloudClient.Prepared p =
        client.prepare(
            "ListWorkspaces", CloudClient.AIWS, "GET", "/api/v1/workspaces", Map.of(), null);
    p.headers.put(
        "x-acs-date",
        Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
    client.sign(p);
    assertEquals(200, client.send(p).status());
  }

  @Test
  void refusesATamperedBody() throws Exception {
    CloudClient.Prepared p =
        client.prepare(
            "CreateWorkspace", CloudClient.AIWS, "POST", "/api/v1/workspaces", Map.of(), WORKSPACE);
    client.sign(p);
    p.body =
        new String(p.body, java.nio.charset.StandardCharsets.UTF_8)
            .replace("ws_gate", "ws_evil")
            .getBytes();
    assertCloudError(client.send(p), 403, "SignatureDoesNotMatch");
  }

  @Test
  void refusesATamperedBodyWhoseHashHeaderWasUpdated() throws Exception {
    CloudClient.Prepared p =
        client.prepare(
            "CreateWorkspace", CloudClient.AIWS, "POST", "/api/v1/workspaces", Map.of(), WORKSPACE);
    client.sign(p);
    p.body =
        new String(p.body, java.nio.charset.StandardCharsets.UTF_8)
            .replace("ws_gate", "ws_evil")
            .getBytes();
    p.headers.put(
        "x-acs-content-sha256", dev.forma.emulator.signature.Acs3Signature.sha256Hex(p.body));
    assertCloudError(client.send(p), 403, "SignatureDoesNotMatch");
  }

  @Test
  void refusesATamperedQuery() throws Exception {
    CloudClient.Prepared p =
        client.prepare(
            "ListWorkspaces",
            CloudClient.AIWS,
            "GET",
            "/api/v1/workspaces",
            Map.of("PageSize", "5"),
            null);
    client.sign(p);
    p.query.put("PageSize", "50");
    assertCloudError(client.send(p), 403, "SignatureDoesNotMatch");
  }

  @Test
  void refusesAnUnsignedAcsHeader() throws Exception {
    CloudClient.Prepared p =
        client.prepare(
            "ListWorkspaces", CloudClient.AIWS, "GET", "/api/v1/workspaces", Map.of(), null);
    client.sign(p);
    p.headers.put("x-acs-security-token", "added-after-signing");
    assertCloudError(client.send(p), 403, "SignatureDoesNotMatch");
  }

  @Test
  void refusesAMissingAuthorization() throws Exception {
    CloudClient.Prepared p =
        client.prepare(
            "ListWorkspaces", CloudClient.AIWS, "GET", "/api/v1/workspaces", Map.of(), null);
    assertCloudError(client.send(p), 400, "IncompleteSignature");
  }

  @Test
  void refusesAReplayedNonce() throws Exception {
    CloudClient.Prepared p =
        client.prepare(
            "ListWorkspaces", CloudClient.AIWS, "GET", "/api/v1/workspaces", Map.of(), null);
    client.sign(p);
    assertEquals(200, client.send(p).status());
    assertCloudError(client.send(p), 400, "SignatureNonceUsed");
  }

  @Test
  void refusesAnActionHeaderThatDoesNotMatchThePath() throws Exception {
    CloudClient.Resp r =
        client.call("GetWorkspace", CloudClient.AIWS, "GET", "/api/v1/workspaces", Map.of(), null);
    assertCloudError(r, 404, "InvalidAction.NotFound");
  }

  @Test
  void refusesAWrongVersion() throws Exception {
    CloudClient.Resp r =
        client.call("ListWorkspaces", "2014-05-26", "GET", "/api/v1/workspaces", Map.of(), null);
    assertCloudError(r, 400, "InvalidVersion");
  }

  @Test
  void answersAnUnknownPathOrMethodWith404() throws Exception {
    assertCloudError(
        client.call("Nothing", CloudClient.AIWS, "GET", "/api/v1/nothing", Map.of(), null),
        404,
        "InvalidAction.NotFound");
    assertCloudError(
        client.call(
            "CreateWorkspace", CloudClient.AIWS, "PATCH", "/api/v1/workspaces", Map.of(), null),
        404,
        "InvalidAction.NotFound");
  }

  @Test
  void signsPathSegmentsAndQueryValuesThatNeedEncoding() throws Exception {
    CloudClient.Resp r =
        client.aiws(
            "ListConnections",
            "GET",
            "/api/v1/connections",
            Map.of(
                "ConnectionName",
                "name with spaces*+/中",
                "ConnectionTypes",
                "MilvusConnection,RDSConnection"));
    assertEquals(200, r.status(), r.raw());
    CloudClient.Resp g =
        client.aiws("GetConnection", "GET", "/api/v1/connections/conn x", Map.of());
    assertEquals(404, g.status(), g.raw());
    assertEquals("RequestFailedErrorProblem", g.field("Code"));
  }
}
