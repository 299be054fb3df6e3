package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Objects survive a restart; the data file is whole JSON with no temp files left behind. */
class PersistenceTest extends CloudTestBase {
  @Test
  void objectsSurviveARestart() throws Exception {
    String ws = client.workspace("ws_keep");
    String conn = client.connection(ws, "keep", "DashScopeConnection").field("ConnectionId");
    client.eas(
        "CreateAppService",
        "POST",
        "/api/v2/app_services",
        Map.of(),
        Map.of(
            "ServiceName",
            "keep",
            "AppType",
            "LLM",
            "ServiceSpec",
            "llama_7b_fp16",
            "Replicas",
            1));
    String model =
        client
            .models(
                "ModelRouterCreateModel",
                "POST",
                "/api/v1/modelRouter/open/models",
                Map.of(),
                Map.of(
                    "name",
                    "keep",
                    "modelId",
                    "qwen",
                    "modelType",
                    "Chat",
                    "apiKey",
                    "sk-kept-secret-key"))
            .json()
            .path("data")
            .path("id")
            .asText();
    cloud.close();
    Path file = dir.resolve("cloud.json");
    JsonNode onDisk = CloudClient.JSON.readTree(file.toFile());
    assertEquals(1, onDisk.path("connections").size());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }

    cloud = LocalCloud.start(options());
    client = new CloudClient(cloud);
    assertEquals(
        "ws_keep",
        client
            .aiws("GetWorkspace", "GET", "/api/v1/workspaces/" + ws, Map.of())
            .field("WorkspaceName"));
    JsonNode c =
        client
            .aiws(
                "GetConnection",
                "GET",
                "/api/v1/connections/" + conn,
                Map.of("EncryptOption", "PlainText"))
            .json();
    assertEquals("sk-demo-0123456789", c.path("Secrets").path("api_key").asText());
    CloudClient.Resp svc =
        client.eas("DescribeService", "GET", "/api/v2/services/cn-hangzhou/keep", Map.of(), null);
    assertEquals(200, svc.status());
    assertTrue(svc.field("InternetEndpoint").startsWith(cloud.url()));
    assertEquals(
        200,
        client
            .models(
                "ModelRouterQueryModel",
                "GET",
                "/api/v1/modelRouter/open/models/" + model,
                Map.of(),
                null)
            .status());
    String ws2 = client.workspace("ws_new");
    assertFalse(ws2.equals(ws), "ids are not reused after a restart");
    cloud.advanceClock(Duration.ofMillis(HOUR));
    assertEquals(
        "Running",
        client
            .eas("DescribeService", "GET", "/api/v2/services/cn-hangzhou/keep", Map.of(), null)
            .field("Status"));
  }

  @Test
  void refusesADataFileThatIsNotOurs() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"something\": true}");
    IOException e = assertThrows(IOException.class, () -> LocalCloud.start(bad, 0));
    assertTrue(e.getMessage().contains(bad.getFileName().toString()), e.getMessage());
    Files.writeString(bad, "{torn");
    assertThrows(IOException.class, () -> LocalCloud.start(bad, 0));
  }

  @Test
  void adminListingMasksSecretsUnlessAsked() throws Exception {
    String ws = client.workspace("ws_admin");
    client.connection(ws, "c", "DashScopeConnection");
    JsonNode masked = client.admin("GET", "objects", null).json();
    assertEquals(1, masked.path("workspaces").size());
    assertEquals(
        "******", masked.path("connections").get(0).path("Secrets").path("api_key").asText());
    JsonNode plain = client.admin("GET", "objects?secrets=true", null).json();
    assertEquals(
        "sk-demo-0123456789",
        plain.path("connections").get(0).path("Secrets").path("api_key").asText());
    assertEquals(200, client.admin("POST", "reset", null).status());
    assertEquals(0, client.admin("GET", "objects", null).json().path("workspaces").size());
    assertEquals(404, client.admin("GET", "nothing", null).status());
  }
}
