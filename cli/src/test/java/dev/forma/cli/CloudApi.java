package dev.forma.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.signature.Acs3Signature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Makes objects in a local cloud through its signed API, as the console or another tool would:
 * objects made outside Forma, for the adoption tests.
 */
public final class CloudApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LocalCloud cloud;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public CloudApi(LocalCloud cloud) {
    this.cloud = cloud;
  }

  /** A workspace with that name, made with CreateWorkspace; returns its id. */
  public String workspace(String name) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("WorkspaceName", name);
    body.put("Description", "Made in the console");
    body.put("EnvTypes", List.of("prod"));
    return call("CreateWorkspace", "2021-02-04", "POST", "/api/v1/workspaces", body)
        .path("WorkspaceId")
        .asText();
  }

  /**
   * A connection made with CreateConnection, with one secret ({@code api_key} for model services,
   * else {@code password}); returns its id.
   */
  public String connection(
      String workspaceId,
      String name,
      String type,
      Map<String, String> configs,
      Map<String, String> secrets)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("WorkspaceId", workspaceId);
    body.put("ConnectionName", name);
    body.put("ConnectionType", type);
    body.put("Accessibility", "PUBLIC");
    body.put("Description", "Made in the console");
    body.put("Configs", configs);
    body.put("Secrets", secrets);
    return call("CreateConnection", "2021-02-04", "POST", "/api/v1/connections", body)
        .path("ConnectionId")
        .asText();
  }

  /** A ModelRouter chat model made with ModelRouterCreateModel; returns its id. */
  public String model(String name, String modelId, String apiKey) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("modelId", modelId);
    body.put("modelType", "Chat");
    body.put("apiKey", apiKey);
    body.put("baseUrl", "https://dashscope.example/compatible-mode/v1");
    return call(
            "ModelRouterCreateModel", "20240611", "POST", "/api/v1/modelRouter/open/models", body)
        .path("data")
        .path("id")
        .asText();
  }

  /** An EAS LLM app service made with CreateAppService. */
  public void appService(String name) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ServiceName", name);
    body.put("AppType", "LLM");
    body.put("ServiceSpec", "llama_7b_fp16");
    body.put("Replicas", 1);
    body.put("Config", Map.of("ModelStorage", "oss", "OssPath", "oss://models/llama/"));
    call("CreateAppService", "2021-07-01", "POST", "/api/v2/app_services", body);
  }

  /** Changes a connection's description with UpdateConnection, as an edit in the console. */
  public void describeConnection(String connectionId, String description) throws Exception {
    call(
        "UpdateConnection",
        "2021-02-04",
        "PUT",
        "/api/v1/connections/" + connectionId,
        Map.of("Description", description));
  }

  /** Deletes a connection with DeleteConnection. */
  public void deleteConnection(String connectionId) throws Exception {
    call(
        "DeleteConnection",
        "2021-02-04",
        "DELETE",
        "/api/v1/connections/" + connectionId,
        Map.of());
  }

  /** How many requests the local cloud has received so far, of every action. */
  public long receivedAll() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(cloud.url() + "/_emulator/stats")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    long n = 0;
    for (JsonNode a : JSON.readTree(r.body()).path("actions")) {
      n += a.path("received").asLong(0);
    }
    return n;
  }

  /** How many requests for {@code action} the local cloud has received so far. */
  public long received(String action) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(cloud.url() + "/_emulator/stats")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("actions").path(action).path("received").asLong(0);
  }

  private JsonNode call(String action, String version, String method, String path, Object body)
      throws Exception {
    byte[] bytes = JSON.writeValueAsBytes(body);
    TreeMap<String, String> headers = new TreeMap<>();
    headers.put("content-type", "application/json; charset=utf-8");
    headers.put("host", "127.0.0.1:" + cloud.port());
    headers.put("x-acs-action", action);
    headers.put("x-acs-version", version);
    headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
    headers.put("x-acs-content-sha256", Acs3Signature.sha256Hex(bytes));
    List<String> segments = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        segments.add(s);
      }
    }
    String canonical =
        Acs3Signature.canonicalRequest(
            method,
            Acs3Signature.canonicalUri(segments),
            Acs3Signature.canonicalQuery(Map.of()),
            headers,
            headers.get("x-acs-content-sha256"));
    String signature =
        Acs3Signature.sign(
            LocalCloud.DEFAULT_ACCESS_KEY_SECRET, Acs3Signature.stringToSign(canonical));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(cloud.url() + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    headers.forEach(
        (k, v) -> {
          if (!k.equals("host")) {
            b.header(k, v);
          }
        });
    b.header(
        "authorization",
        Acs3Signature.authorization(
            LocalCloud.DEFAULT_ACCESS_KEY_ID, Acs3Signature.signedHeaders(headers), signature));
    HttpResponse<String> r =
        http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new AssertionError(action + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }
}
