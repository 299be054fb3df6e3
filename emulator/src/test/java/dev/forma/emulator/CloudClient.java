package dev.forma.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.emulator.signature.Acs3Signature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** A test client that signs requests to the local cloud with ACS3-HMAC-SHA256, as an SDK does. */
final class CloudClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String AIWS = "2021-02-04";
  static final String EAS = "2021-07-01";
  static final String AICONTENT = "20240611";

  final LocalCloud cloud;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  String keyId = LocalCloud.DEFAULT_ACCESS_KEY_ID;
  String secret = LocalCloud.DEFAULT_ACCESS_KEY_SECRET;

  CloudClient(LocalCloud cloud) {
    this.cloud = cloud;
  }

  /** A request being built: tests may change it after signing to tamper with it. */
  static final class Prepared {
    String method;
    List<String> path = new ArrayList<>();
    Map<String, String> query = new LinkedHashMap<>();
    TreeMap<String, String> headers = new TreeMap<>();
    byte[] body = new byte[0];
  }

  record Resp(int status, JsonNode json, String raw, java.net.http.HttpHeaders headers) {
    Resp(int status, JsonNode json, String raw) {
      this(status, json, raw, null);
    }

    String field(String name) {
      return json.path(name).asText();
    }

    /** A response header, or null. */
    String header(String name) {
      return headers == null ? null : headers.firstValue(name).orElse(null);
    }
  }

  Prepared prepare(
      String action,
      String version,
      String method,
      String path,
      Map<String, String> query,
      Object body)
      throws IOException {
    Prepared p = new Prepared();
    p.method = method;
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        p.path.add(s);
      }
    }
    p.query.putAll(query);
    if (body != null) {
      p.body =
          body instanceof String s
              ? s.getBytes(StandardCharsets.UTF_8)
              : JSON.writeValueAsBytes(body);
      p.headers.put("content-type", "application/json; charset=utf-8");
    }
    p.headers.put("host", "127.0.0.1:" + cloud.port());
    p.headers.put("x-acs-action", action);
    p.headers.put("x-acs-version", version);
    p.headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    p.headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
    p.headers.put("x-acs-content-sha256", Acs3Signature.sha256Hex(p.body));
    return p;
  }

  void sign(Prepared p) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    p.query.forEach((k, v) -> q.put(k, List.of(v)));
    String canonical =
        Acs3Signature.canonicalRequest(
            p.method,
            Acs3Signature.canonicalUri(p.path),
            Acs3Signature.canonicalQuery(q),
            p.headers,
            p.headers.get("x-acs-content-sha256"));
    String sig = Acs3Signature.sign(secret, Acs3Signature.stringToSign(canonical));
    p.headers.put(
        "authorization",
        Acs3Signature.authorization(
            keyId, Acs3Signature.signedHeaders(signedOnly(p.headers)), sig));
  }

  private static TreeMap<String, String> signedOnly(TreeMap<String, String> h) {
    TreeMap<String, String> out = new TreeMap<>(h);
    out.remove("authorization");
    return out;
  }

  Resp send(Prepared p) throws IOException, InterruptedException {
    return send(p, Duration.ofSeconds(30));
  }

  Resp send(Prepared p, Duration timeout) throws IOException, InterruptedException {
    StringBuilder uri = new StringBuilder(cloud.url()).append(Acs3Signature.canonicalUri(p.path));
    if (!p.query.isEmpty()) {
      List<String> parts = new ArrayList<>();
      p.query.forEach(
          (k, v) ->
              parts.add(Acs3Signature.percentEncode(k) + "=" + Acs3Signature.percentEncode(v)));
      uri.append('?').append(String.join("&", parts));
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(uri.toString()))
            .timeout(timeout)
            .method(p.method, HttpRequest.BodyPublishers.ofByteArray(p.body));
    p.headers.forEach(
        (k, v) -> {
          if (!k.equals("host")) {
            b.header(k, v);
          }
        });
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    return new Resp(r.statusCode(), json, r.body(), r.headers());
  }

  Resp call(
      String action,
      String version,
      String method,
      String path,
      Map<String, String> query,
      Object body)
      throws IOException, InterruptedException {
    Prepared p = prepare(action, version, method, path, query, body);
    sign(p);
    return send(p);
  }

  /**
   * An AIWorkSpace call: {@code arg} is the query (a string map) for GET and DELETE, else the body.
   */
  @SuppressWarnings("unchecked")
  Resp aiws(String action, String method, String path, Object arg) throws Exception {
    if (method.equals("GET") || method.equals("DELETE")) {
      return call(action, AIWS, method, path, (Map<String, String>) arg, null);
    }
    return call(action, AIWS, method, path, Map.of(), arg);
  }

  Resp eas(String action, String method, String path, Map<String, String> query, Object body)
      throws Exception {
    return call(action, EAS, method, path, query, body);
  }

  Resp models(String action, String method, String path, Map<String, String> query, Object body)
      throws Exception {
    return call(action, AICONTENT, method, path, query, body);
  }

  /** An unsigned admin call. */
  Resp admin(String method, String path, Object body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(cloud.url() + "/_emulator/" + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Resp(r.statusCode(), JSON.readTree(r.body()), r.body());
  }

  // ---- helpers that make objects

  String workspace(String name) throws Exception {
    Resp r =
        aiws(
            "CreateWorkspace",
            "POST",
            "/api/v1/workspaces",
            Map.of(
                "WorkspaceName",
                name,
                "Description",
                "test workspace",
                "EnvTypes",
                List.of("prod")));
    if (r.status() != 200) {
      throw new AssertionError(r.raw());
    }
    return r.field("WorkspaceId");
  }

  Resp connection(String workspaceId, String name, String type) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("WorkspaceId", workspaceId);
    body.put("ConnectionName", name);
    body.put("ConnectionType", type);
    body.put("Configs", Map.of("base_url", "https://dashscope.example/api/v1"));
    body.put("Secrets", Map.of("api_key", "sk-demo-0123456789"));
    return aiws("CreateConnection", "POST", "/api/v1/connections", body);
  }
}
