package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.emulator.fault.FaultConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Injected faults (seeded, so the counts are exact run after run) and idempotent creates. */
class FaultAndIdempotencyTest extends CloudTestBase {
  /**
   * What each of {@code n} calls met: 200, 400 (throttled), 503 or -1 (lost). POST calls
   * (ValidateConnection in workspace {@code ws}), because the JDK client silently resends a GET
   * whose answer was lost; with {@code ws} null, ListWorkspaces calls.
   */
  private List<Integer> outcomes(int n, String ws) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        CloudClient.Resp r =
            ws == null
                ? client.aiws("ListWorkspaces", "GET", "/api/v1/workspaces", Map.of())
                : client.aiws(
                    "ValidateConnection",
                    "POST",
                    "/api/v1/connections/validate",
                    Map.of("WorkspaceId", ws, "ConnectionType", "CustomConnection"));
        if (r.status() == 400) {
          assertEquals("Throttling.User", r.field("Code"));
        }
        if (r.status() == 503) {
          assertEquals("ServiceUnavailable", r.field("Code"));
        }
        out.add(r.status());
      } catch (IOException e) {
        out.add(-1);
      }
    }
    return out;
  }

  private static long count(List<Integer> l, int v) {
    return l.stream().filter(x -> x == v).count();
  }

  @Test
  void seededRatesGiveTheSameFaultsEveryRun() throws Exception {
    FaultConfig f = new FaultConfig(0, 0.3, 0.05, 0.05, 42, Set.of());
    String ws = client.workspace("ws_faults");
    cloud.setFaults(f);
    List<Integer> first = outcomes(200, ws);
    cloud.setFaults(f);
    List<Integer> second = outcomes(200, ws);
    assertEquals(first, second);
    long throttled = count(first, 400);
    long unavailable = count(first, 503);
    long lost = count(first, -1);
    assertTrue(throttled >= 35 && throttled <= 85, "throttled " + throttled);
    assertTrue(unavailable >= 2 && unavailable <= 25, "503 " + unavailable);
    assertTrue(lost >= 2 && lost <= 25, "lost " + lost);
    assertEquals(200 - throttled - unavailable - lost, count(first, 200));
  }

  @Test
  void faultsAreSetAtRuntimeThroughTheAdminEndpoint() throws Exception {
    CloudClient.Resp set =
        client.admin(
            "POST",
            "faults",
            Map.of("throttleRate", 1.0, "seed", 7, "actions", List.of("ListWorkspaces")));
    assertEquals(200, set.status(), set.raw());
    assertEquals(1.0, client.admin("GET", "faults", null).json().path("throttleRate").asDouble());
    assertEquals(List.of(400, 400), outcomes(2, null));
    assertEquals(
        200, client.aiws("ListConnections", "GET", "/api/v1/connections", Map.of()).status());
    assertEquals(
        400,
        client
            .admin("POST", "faults", Map.of("throttleRate", 0.8, "serverErrorRate", 0.5))
            .status());
    client.admin("POST", "faults", Map.of("latencyMillis", 1));
    assertEquals(List.of(200), outcomes(1, null));
  }

  @Test
  void aLostGetResentAsIsByTheClientIsAnsweredNotRefusedAsAReusedNonce() throws Exception {
    cloud.setFaults(new FaultConfig(0, 0, 0, 1.0, 1, Set.of("ListWorkspaces")));
    // the JDK client resends the same signed GET once after the connection closes; the resend
    // is lost too, so the caller sees an I/O error, not SignatureNonceUsed
    assertThrows(
        IOException.class,
        () -> client.aiws("ListWorkspaces", "GET", "/api/v1/workspaces", Map.of()));
    var s = client.admin("GET", "stats", null).json().path("actions").path("ListWorkspaces");
    assertEquals(2, s.path("executed").asInt());
  }

  @Test
  void aLostResponseStillMadeTheChangeAndARetryGetsAConflict() throws Exception {
    String ws = client.workspace("ws_lost");
    cloud.setFaults(new FaultConfig(0, 0, 0, 1.0, 1, Set.of("CreateConnection")));
    assertThrows(IOException.class, () -> client.connection(ws, "c", "DashScopeConnection"));
    cloud.setFaults(FaultConfig.NONE);
    CloudClient.Resp retry = client.connection(ws, "c", "DashScopeConnection");
    assertEquals(409, retry.status(), retry.raw());
    assertEquals("ResourceAlreadyExists", retry.field("Code"));
    assertEquals(1, client.admin("GET", "objects", null).json().path("connections").size());
  }

  @Test
  void aServerErrorAfterExecutionAnswers503ButTheObjectWasMade() throws Exception {
    String ws = client.workspace("ws_after");
    cloud.setFaults(
        new FaultConfig(0, 0, 0, 0, 1, Set.of("CreateConnection")).withServerErrorAfterRate(1.0));
    CloudClient.Resp r = client.connection(ws, "c", "DashScopeConnection");
    assertEquals(503, r.status(), r.raw());
    assertEquals("ServiceUnavailable", r.field("Code"));
    assertEquals(null, r.header("Retry-After"));
    var s = client.admin("GET", "stats", null).json().path("actions").path("CreateConnection");
    assertEquals(1, s.path("executed").asInt());
    assertEquals(1, client.admin("GET", "objects", null).json().path("connections").size());
    // before execution, a 503 makes nothing
    cloud.setFaults(new FaultConfig(0, 0, 1.0, 0, 1, Set.of("CreateConnection")));
    assertEquals(503, client.connection(ws, "d", "DashScopeConnection").status());
    assertEquals(1, client.admin("GET", "objects", null).json().path("connections").size());
  }

  @Test
  void throttlingAnd503AnswersCarryTheRetryAfterAskedFor() throws Exception {
    cloud.setFaults(new FaultConfig(0, 1.0, 0, 0, 1, Set.of()).withRetryAfterSeconds(3));
    CloudClient.Resp throttled =
        client.aiws("ListWorkspaces", "GET", "/api/v1/workspaces", Map.of());
    assertEquals(400, throttled.status());
    assertEquals("Throttling.User", throttled.field("Code"));
    assertEquals("3", throttled.header("Retry-After"));
    assertEquals(
        2,
        client
            .admin("POST", "faults", Map.of("serverErrorRate", 1.0, "retryAfterSeconds", 2))
            .json()
            .path("retryAfterSeconds")
            .asInt());
    CloudClient.Resp unavailable =
        client.aiws("ListWorkspaces", "GET", "/api/v1/workspaces", Map.of());
    assertEquals(503, unavailable.status());
    assertEquals("2", unavailable.header("Retry-After"));
    cloud.setFaults(new FaultConfig(0, 1.0, 0, 0, 1, Set.of()));
    assertEquals(
        null,
        client.aiws("ListWorkspaces", "GET", "/api/v1/workspaces", Map.of()).header("Retry-After"));
  }

  private Map<String, Object> connectionWithToken(String ws, String name, String token) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("WorkspaceId", ws);
    b.put("ConnectionName", name);
    b.put("ConnectionType", "CustomConnection");
    b.put("Configs", Map.of("k", "v"));
    b.put("ClientToken", token);
    return b;
  }

  @Test
  void aCreateRepeatedWithTheSameClientTokenReturnsTheFirstResult() throws Exception {
    String ws = client.workspace("ws_idem");
    cloud.setFaults(new FaultConfig(0, 0, 0, 1.0, 1, Set.of("CreateConnection")));
    Map<String, Object> body = connectionWithToken(ws, "c", "token-1");
    assertThrows(
        IOException.class,
        () -> client.aiws("CreateConnection", "POST", "/api/v1/connections", body));
    cloud.setFaults(FaultConfig.NONE);
    CloudClient.Resp again = client.aiws("CreateConnection", "POST", "/api/v1/connections", body);
    assertEquals(200, again.status(), again.raw());
    CloudClient.Resp third = client.aiws("CreateConnection", "POST", "/api/v1/connections", body);
    assertEquals(again.field("ConnectionId"), third.field("ConnectionId"));
    assertTrue(!again.field("RequestId").equals(third.field("RequestId")));
    assertEquals(1, client.admin("GET", "objects", null).json().path("connections").size());
    CloudClient.Resp mismatch =
        client.aiws(
            "CreateConnection",
            "POST",
            "/api/v1/connections",
            connectionWithToken(ws, "other", "token-1"));
    assertEquals(400, mismatch.status());
    assertEquals("IdempotentParameterMismatch", mismatch.field("Code"));
    CloudClient.Resp byQuery =
        client.call(
            "CreateAppService",
            CloudClient.EAS,
            "POST",
            "/api/v2/app_services",
            Map.of("ClientToken", "svc-1"),
            Map.of(
                "ServiceName",
                "svc",
                "AppType",
                "LLM",
                "ServiceSpec",
                "llama_7b_fp16",
                "Replicas",
                1));
    CloudClient.Resp byQueryAgain =
        client.call(
            "CreateAppService",
            CloudClient.EAS,
            "POST",
            "/api/v2/app_services",
            Map.of("ClientToken", "svc-1"),
            Map.of(
                "ServiceName",
                "svc",
                "AppType",
                "LLM",
                "ServiceSpec",
                "llama_7b_fp16",
                "Replicas",
                1));
    assertEquals(200, byQueryAgain.status(), byQueryAgain.raw());
    assertEquals(byQuery.field("ServiceId"), byQueryAgain.field("ServiceId"));
  }

  @Test
  void statsCountReceivedAndExecutedCalls() throws Exception {
    cloud.setFaults(new FaultConfig(0, 1.0, 0, 0, 3, Set.of()));
    outcomes(3, null);
    cloud.setFaults(FaultConfig.NONE);
    outcomes(2, null);
    var s = client.admin("GET", "stats", null).json().path("actions").path("ListWorkspaces");
    assertEquals(5, s.path("received").asInt());
    assertEquals(2, s.path("executed").asInt());
  }
}
