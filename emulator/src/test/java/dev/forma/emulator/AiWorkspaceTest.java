package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** AIWorkSpace workspaces and connections: happy paths, rules and errors. */
class AiWorkspaceTest extends CloudTestBase {
  private static Map<String, Object> workspaceBody(String name) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("WorkspaceName", name);
    b.put("Description", "d");
    b.put("EnvTypes", List.of("dev", "prod"));
    return b;
  }

  private void assertError(CloudClient.Resp r, int status, String code) {
    assertEquals(status, r.status(), r.raw());
    assertEquals(code, r.field("Code"), r.raw());
    assertFalse(r.field("RequestId").isEmpty());
  }

  @Test
  void workspaceIsInitializingThenEnabled() throws Exception {
    Map<String, Object> b = workspaceBody("ws_one");
    b.put("DisplayName", "Workspace one");
    CloudClient.Resp c = client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", b);
    assertEquals(200, c.status(), c.raw());
    String id = c.field("WorkspaceId");
    CloudClient.Resp g = client.aiws("GetWorkspace", "GET", "/api/v1/workspaces/" + id, Map.of());
    assertEquals(200, g.status());
    assertEquals("INITIALIZING", g.field("Status"));
    assertEquals("ws_one", g.field("WorkspaceName"));
    assertEquals("Workspace one", g.field("DisplayName"));
    assertEquals(
        List.of("dev", "prod"),
        List.of(
            g.json().get("EnvTypes").get(0).asText(), g.json().get("EnvTypes").get(1).asText()));
    assertFalse(g.field("GmtCreateTime").isEmpty());
    assertFalse(g.field("ResourceGroupId").isEmpty());
    cloud.advanceClock(Duration.ofMillis(HOUR));
    assertEquals(
        "ENABLED",
        client.aiws("GetWorkspace", "GET", "/api/v1/workspaces/" + id, Map.of()).field("Status"));
  }

  @Test
  void workspaceRulesAreEnforced() throws Exception {
    assertError(
        client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", workspaceBody("1bad")),
        400,
        "InvalidParameter");
    assertError(
        client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", workspaceBody("ab")),
        400,
        "InvalidParameter");
    Map<String, Object> noDesc = workspaceBody("ws_nodesc");
    noDesc.remove("Description");
    assertError(
        client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", noDesc),
        400,
        "MissingParameter");
    Map<String, Object> longDesc = workspaceBody("ws_long");
    longDesc.put("Description", "x".repeat(81));
    assertError(
        client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", longDesc),
        400,
        "InvalidParameter");
    Map<String, Object> env = workspaceBody("ws_env");
    env.put("EnvTypes", List.of("dev"));
    assertError(
        client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", env), 400, "InvalidParameter");
    assertEquals(
        200,
        client
            .aiws("CreateWorkspace", "POST", "/api/v1/workspaces", workspaceBody("ws_dup"))
            .status());
    assertError(
        client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", workspaceBody("ws_dup")),
        409,
        "ResourceAlreadyExists");
    assertError(
        client.aiws("CreateWorkspace", "POST", "/api/v1/workspaces", "{not json"),
        400,
        "InvalidParameter");
  }

  @Test
  void workspaceUpdateListAndDelete() throws Exception {
    String a = client.workspace("ws_a");
    String b = client.workspace("ws_b");
    CloudClient.Resp u =
        client.aiws(
            "UpdateWorkspace",
            "PUT",
            "/api/v1/workspaces/" + a,
            Map.of("Description", "new", "DisplayName", "A"));
    assertEquals(200, u.status(), u.raw());
    JsonNode g = client.aiws("GetWorkspace", "GET", "/api/v1/workspaces/" + a, Map.of()).json();
    assertEquals("new", g.path("Description").asText());
    assertEquals("A", g.path("DisplayName").asText());
    CloudClient.Resp list =
        client.aiws(
            "ListWorkspaces",
            "GET",
            "/api/v1/workspaces",
            Map.of("PageSize", "1", "PageNumber", "2"));
    assertEquals(2, list.json().path("TotalCount").asInt());
    assertEquals(a, list.json().path("Workspaces").get(0).path("WorkspaceId").asText());
    CloudClient.Resp byName =
        client.aiws("ListWorkspaces", "GET", "/api/v1/workspaces", Map.of("WorkspaceName", "ws_b"));
    assertEquals(1, byName.json().path("TotalCount").asInt());
    assertEquals(b, byName.json().path("Workspaces").get(0).path("WorkspaceId").asText());
    assertEquals(
        200,
        client.aiws("DeleteWorkspace", "DELETE", "/api/v1/workspaces/" + a, Map.of()).status());
    assertError(
        client.aiws("GetWorkspace", "GET", "/api/v1/workspaces/" + a, Map.of()), 404, "100400027");
    assertError(
        client.aiws("DeleteWorkspace", "DELETE", "/api/v1/workspaces/" + a, Map.of()),
        404,
        "100400027");
    assertError(
        client.aiws(
            "UpdateWorkspace", "PUT", "/api/v1/workspaces/" + a, Map.of("Description", "x")),
        404,
        "100400027");
  }

  @Test
  void workspaceWithConnectionsCannotBeDeleted() throws Exception {
    String ws = client.workspace("ws_full");
    String conn = client.connection(ws, "c1", "DashScopeConnection").field("ConnectionId");
    assertError(
        client.aiws("DeleteWorkspace", "DELETE", "/api/v1/workspaces/" + ws, Map.of()),
        400,
        "WorkspaceNotEmpty");
    client.aiws("DeleteConnection", "DELETE", "/api/v1/connections/" + conn, Map.of());
    assertEquals(
        200,
        client.aiws("DeleteWorkspace", "DELETE", "/api/v1/workspaces/" + ws, Map.of()).status());
  }

  /** The seed's connection (seeds/001), as its Terraform example sends it. */
  private Map<String, Object> seedConnection(String ws) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("ConnectionName", "example_connection_1769080363");
    b.put("Description", "镇元资源example用例");
    b.put("Accessibility", "PRIVATE");
    b.put("ConnectionType", "MilvusConnection");
    b.put("Secrets", Map.of());
    b.put("Configs", Map.of());
    b.put("WorkspaceId", ws);
    b.put(
        "ResourceMeta", Map.of("InstanceName", "example_inst", "InstanceId", "c-b1c5222fba7cxxxx"));
    b.put(
        "Models",
        List.of(
            Map.of("Model", "qwen-vl-max", "DisplayName", "通义千问VL-Max", "ModelType", "LLM"),
            Map.of("Model", "qwen-qwq", "DisplayName", "通义千问qwq", "ModelType", "LLM"),
            Map.of(
                "Model",
                "qwen-plus",
                "DisplayName",
                "通义千问plus",
                "ModelType",
                "LLM",
                "ToolCall",
                true)));
    return b;
  }

  @Test
  void createsAndReadsTheSeedConnection() throws Exception {
    String ws = client.workspace("connection_1769080362");
    CloudClient.Resp c =
        client.aiws("CreateConnection", "POST", "/api/v1/connections", seedConnection(ws));
    assertEquals(200, c.status(), c.raw());
    String id = c.field("ConnectionId");
    assertTrue(id.startsWith("conn-"));
    JsonNode g = client.aiws("GetConnection", "GET", "/api/v1/connections/" + id, Map.of()).json();
    assertEquals("MilvusConnection", g.path("ConnectionType").asText());
    assertEquals("PRIVATE", g.path("Accessibility").asText());
    assertEquals("镇元资源example用例", g.path("Description").asText());
    assertEquals(ws, g.path("WorkspaceId").asText());
    assertEquals("c-b1c5222fba7cxxxx", g.path("ResourceMeta").path("InstanceId").asText());
    assertEquals(3, g.path("Models").size());
    assertTrue(g.path("Models").get(2).path("ToolCall").asBoolean());
    assertTrue(g.path("Configs").isObject() && g.path("Configs").isEmpty());
  }

  @Test
  void secretsHonourEncryptOption() throws Exception {
    String ws = client.workspace("ws_sec");
    String id = client.connection(ws, "llm", "DashScopeConnection").field("ConnectionId");
    String path = "/api/v1/connections/" + id;
    JsonNode plain =
        client.aiws("GetConnection", "GET", path, Map.of("EncryptOption", "PlainText")).json();
    assertEquals("sk-demo-0123456789", plain.path("Secrets").path("api_key").asText());
    JsonNode secret =
        client.aiws("GetConnection", "GET", path, Map.of("EncryptOption", "Secret")).json();
    assertEquals("******", secret.path("Secrets").path("api_key").asText());
    JsonNode dflt = client.aiws("GetConnection", "GET", path, Map.of()).json();
    assertEquals("******", dflt.path("Secrets").path("api_key").asText());
    assertFalse(client.aiws("GetConnection", "GET", path, Map.of()).raw().contains("sk-demo"));
    assertError(
        client.aiws("GetConnection", "GET", path, Map.of("EncryptOption", "Base64")),
        400,
        "InvalidParameter");
    JsonNode listed =
        client
            .aiws(
                "ListConnections",
                "GET",
                "/api/v1/connections",
                Map.of("WorkspaceId", ws, "EncryptOption", "PlainText"))
            .json();
    assertEquals(
        "sk-demo-0123456789",
        listed.path("Connections").get(0).path("Secrets").path("api_key").asText());
  }

  @Test
  void connectionRulesAreEnforced() throws Exception {
    String ws = client.workspace("ws_rules");
    assertEquals(200, client.connection(ws, "same", "DashScopeConnection").status());
    assertError(client.connection(ws, "same", "OpenLLMConnection"), 409, "ResourceAlreadyExists");
    String other = client.workspace("ws_other");
    assertEquals(200, client.connection(other, "same", "DashScopeConnection").status());
    assertError(client.connection(ws, "bad-type", "RedisConnection"), 400, "InvalidParameter");
    assertError(client.connection("999999", "nows", "DashScopeConnection"), 404, "100400027");
    Map<String, Object> b = seedConnection(ws);
    b.remove("Configs");
    assertError(
        client.aiws("CreateConnection", "POST", "/api/v1/connections", b), 400, "MissingParameter");
    b = seedConnection(ws);
    b.remove("ConnectionName");
    assertError(
        client.aiws("CreateConnection", "POST", "/api/v1/connections", b), 400, "MissingParameter");
    b = seedConnection(ws);
    b.put("Accessibility", "SHARED");
    assertError(
        client.aiws("CreateConnection", "POST", "/api/v1/connections", b), 400, "InvalidParameter");
    b = seedConnection(ws);
    b.put("Models", List.of(Map.of("Model", "m", "ModelType", "Chat")));
    assertError(
        client.aiws("CreateConnection", "POST", "/api/v1/connections", b), 400, "InvalidParameter");
    b = seedConnection(ws);
    b.put("Configs", Map.of("port", Map.of("nested", 1)));
    assertError(
        client.aiws("CreateConnection", "POST", "/api/v1/connections", b), 400, "InvalidParameter");
  }

  @Test
  void connectionUpdateAndDelete() throws Exception {
    String ws = client.workspace("ws_upd");
    String id = client.connection(ws, "c", "DashScopeConnection").field("ConnectionId");
    String path = "/api/v1/connections/" + id;
    CloudClient.Resp u =
        client.aiws(
            "UpdateConnection",
            "PUT",
            path,
            Map.of(
                "Description", "changed",
                "Configs", Map.of("base_url", "https://other"),
                "Secrets", Map.of("api_key", "sk-new-key-000000"),
                "Models", List.of(Map.of("Model", "qwen-max", "ModelType", "LLM"))));
    assertEquals(200, u.status(), u.raw());
    JsonNode g =
        client.aiws("GetConnection", "GET", path, Map.of("EncryptOption", "PlainText")).json();
    assertEquals("changed", g.path("Description").asText());
    assertEquals("https://other", g.path("Configs").path("base_url").asText());
    assertEquals("sk-new-key-000000", g.path("Secrets").path("api_key").asText());
    assertEquals("qwen-max", g.path("Models").get(0).path("Model").asText());
    assertEquals(200, client.aiws("DeleteConnection", "DELETE", path, Map.of()).status());
    assertError(
        client.aiws("GetConnection", "GET", path, Map.of()), 404, "RequestFailedErrorProblem");
    assertError(
        client.aiws("DeleteConnection", "DELETE", path, Map.of()),
        404,
        "RequestFailedErrorProblem");
    assertError(
        client.aiws("UpdateConnection", "PUT", path, Map.of("Description", "x")),
        404,
        "RequestFailedErrorProblem");
  }

  @Test
  void listConnectionsPagesWithNextToken() throws Exception {
    String ws = client.workspace("ws_page");
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      created.add(
          client
              .connection(ws, "c" + i, i % 2 == 0 ? "DashScopeConnection" : "OpenLLMConnection")
              .field("ConnectionId"));
    }
    Set<String> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    do {
      Map<String, String> q = new LinkedHashMap<>(Map.of("WorkspaceId", ws, "MaxResults", "3"));
      if (token != null) {
        q.put("NextToken", token);
      }
      JsonNode page = client.aiws("ListConnections", "GET", "/api/v1/connections", q).json();
      assertEquals(7, page.path("TotalCount").asInt());
      page.path("Connections").forEach(c -> seen.add(c.path("ConnectionId").asText()));
      token = page.hasNonNull("NextToken") ? page.path("NextToken").asText() : null;
      pages++;
    } while (token != null);
    assertEquals(3, pages);
    assertEquals(created, seen);
    JsonNode typed =
        client
            .aiws(
                "ListConnections",
                "GET",
                "/api/v1/connections",
                Map.of("WorkspaceId", ws, "ConnectionTypes", "OpenLLMConnection"))
            .json();
    assertEquals(3, typed.path("TotalCount").asInt());
    JsonNode named =
        client
            .aiws(
                "ListConnections",
                "GET",
                "/api/v1/connections",
                Map.of("WorkspaceId", ws, "ConnectionName", "c4"))
            .json();
    assertEquals(1, named.path("TotalCount").asInt());
    assertNotEquals("", named.path("Connections").get(0).path("ConnectionId").asText());
    assertError(
        client.aiws(
            "ListConnections", "GET", "/api/v1/connections", Map.of("NextToken", "garbage")),
        400,
        "InvalidParameter");
  }

  @Test
  void validateConnectionChecksTheTypesKeys() throws Exception {
    String ws = client.workspace("ws_val");
    CloudClient.Resp ok =
        client.aiws(
            "ValidateConnection",
            "POST",
            "/api/v1/connections/validate",
            Map.of(
                "WorkspaceId",
                ws,
                "ConnectionType",
                "DashScopeConnection",
                "Configs",
                Map.of("base_url", "https://dashscope.example"),
                "Secrets",
                Map.of("api_key", "sk-x"),
                "ValidateType",
                "Connectivity"));
    assertEquals(200, ok.status(), ok.raw());
    assertEquals("success", ok.field("Status"));
    CloudClient.Resp failed =
        client.aiws(
            "ValidateConnection",
            "POST",
            "/api/v1/connections/validate",
            Map.of(
                "WorkspaceId",
                ws,
                "ConnectionType",
                "RDSConnection",
                "Configs",
                Map.of("host", "h")));
    assertEquals(200, failed.status());
    assertEquals("failed", failed.field("Status"));
    assertTrue(failed.field("Message").contains("Secrets.password"), failed.raw());
    assertError(
        client.aiws(
            "ValidateConnection",
            "POST",
            "/api/v1/connections/validate",
            Map.of(
                "WorkspaceId",
                ws,
                "ConnectionType",
                "DashScopeConnection",
                "ValidateType",
                "Ping")),
        400,
        "InvalidParameter");
  }
}
