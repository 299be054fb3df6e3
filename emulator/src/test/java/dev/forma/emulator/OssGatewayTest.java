package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.emulator.fault.FaultConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The local cloud's OSS object calls over HTTP, signed as Terraform's own oss backend signs them
 * (V1, "OSS AK:SIGNATURE"; the V4 form is exercised by the state module's oss backend): buckets,
 * conditional puts, reads, listings with URL encoding and paging, deletes, and OSS's XML errors.
 */
class OssGatewayTest extends CloudTestBase {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> call(
      String method, String path, String query, Map<String, String> headers, byte[] body)
      throws Exception {
    return call(method, path, query, headers, body, LocalCloud.DEFAULT_ACCESS_KEY_SECRET);
  }

  /** A V1-signed request: {@code path} is {@code /bucket/key} (decoded). */
  private HttpResponse<String> call(
      String method,
      String path,
      String query,
      Map<String, String> headers,
      byte[] body,
      String secret)
      throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    Map<String, String> h = new LinkedHashMap<>(headers);
    if (body.length > 0) {
      h.putIfAbsent("Content-Type", "application/octet-stream");
    }
    StringBuilder sts = new StringBuilder(method).append('\n');
    sts.append(h.getOrDefault("Content-MD5", "")).append('\n');
    sts.append(h.getOrDefault("Content-Type", "")).append('\n');
    sts.append(date).append('\n');
    TreeMap<String, String> oss = new TreeMap<>();
    h.forEach(
        (k, v) -> {
          if (k.toLowerCase().startsWith("x-oss-")) {
            oss.put(k.toLowerCase(), v);
          }
        });
    oss.forEach((k, v) -> sts.append(k).append(':').append(v).append('\n'));
    sts.append(path);
    TreeMap<String, String> sub = new TreeMap<>();
    for (String part : query == null ? new String[0] : query.split("&")) {
      String name = part.split("=", 2)[0];
      if (Set.of("delete", "objectMeta", "continuation-token", "acl").contains(name)) {
        sub.put(name, part.contains("=") ? part.split("=", 2)[1] : "");
      }
    }
    char sep = '?';
    for (Map.Entry<String, String> e : sub.entrySet()) {
      sts.append(sep).append(e.getKey()).append(e.getValue().isEmpty() ? "" : "=" + e.getValue());
      sep = '&';
    }
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature =
        Base64.getEncoder()
            .encodeToString(mac.doFinal(sts.toString().getBytes(StandardCharsets.UTF_8)));
    String encodedPath = path.replace(":", "%3A").replace(" ", "%20");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(cloud.url() + encodedPath + (query == null ? "" : "?" + query)))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Date", date)
            .header("Authorization", "OSS forma-local:" + signature);
    h.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> put(String path, String body, Map<String, String> headers)
      throws Exception {
    return call("PUT", path, null, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String path, String query) throws Exception {
    return call("GET", path, query, Map.of(), new byte[0]);
  }

  @Test
  void aPutWithForbidOverwriteSucceedsOnceAndTheRestSeeFileAlreadyExists() throws Exception {
    assertEquals(200, put("/state/", "", Map.of()).statusCode());
    HttpResponse<String> first =
        put("/state/env:/a.tflock", "mine", Map.of("x-oss-forbid-overwrite", "true"));
    assertEquals(200, first.statusCode(), first.body());
    assertTrue(first.headers().firstValue("ETag").orElseThrow().startsWith("\""));
    HttpResponse<String> second =
        put("/state/env:/a.tflock", "theirs", Map.of("x-oss-forbid-overwrite", "true"));
    assertEquals(409, second.statusCode());
    assertTrue(second.body().contains("<Code>FileAlreadyExists</Code>"), second.body());
    HttpResponse<String> read = get("/state/env:/a.tflock", null);
    assertEquals("mine", read.body());
    assertEquals(
        Long.toUnsignedString(
            dev.forma.emulator.oss.Crc64.of("mine".getBytes(StandardCharsets.UTF_8))),
        read.headers().firstValue("x-oss-hash-crc64ecma").orElseThrow());
    assertEquals(
        200,
        call("HEAD", "/state/env:/a.tflock", "objectMeta", Map.of(), new byte[0]).statusCode());
    assertEquals(
        204, call("DELETE", "/state/env:/a.tflock", null, Map.of(), new byte[0]).statusCode());
    assertEquals(
        404, call("HEAD", "/state/env:/a.tflock", null, Map.of(), new byte[0]).statusCode());
    HttpResponse<String> gone = get("/state/env:/a.tflock", null);
    assertEquals(404, gone.statusCode());
    assertTrue(gone.body().contains("<Code>NoSuchKey</Code>"), gone.body());
  }

  @Test
  void listingsFilterByPrefixEncodeKeysAndPage() throws Exception {
    cloud.createBucket("state");
    for (String k : new String[] {"env:/a", "env:/b c", "env:/d/e", "other"}) {
      assertEquals(200, put("/state/" + k, k, Map.of()).statusCode());
    }
    HttpResponse<String> v1 = get("/state/", "encoding-type=url&max-keys=1000&prefix=env%3A%2F");
    assertEquals(200, v1.statusCode(), v1.body());
    assertTrue(v1.body().contains("<Key>env%3A%2Fa</Key>"), v1.body());
    assertTrue(v1.body().contains("<Key>env%3A%2Fb%20c</Key>"), v1.body());
    assertFalse(v1.body().contains("other"), v1.body());
    HttpResponse<String> page = get("/state/", "list-type=2&max-keys=2&prefix=env%3A%2F");
    assertTrue(page.body().contains("<IsTruncated>true</IsTruncated>"), page.body());
    assertTrue(page.body().contains("<KeyCount>2</KeyCount>"), page.body());
    String token =
        page.body().replaceAll("(?s).*<NextContinuationToken>(.*)</NextContinuationToken>.*", "$1");
    HttpResponse<String> next =
        get("/state/", "list-type=2&max-keys=2&prefix=env%3A%2F&continuation-token=" + token);
    assertTrue(next.body().contains("<Key>env:/d/e</Key>"), next.body());
    assertTrue(next.body().contains("<IsTruncated>false</IsTruncated>"), next.body());
    HttpResponse<String> grouped = get("/state/", "list-type=2&prefix=env%3A%2F&delimiter=%2F");
    assertTrue(
        grouped.body().contains("<CommonPrefixes>\n  <Prefix>env:/d/</Prefix>"), grouped.body());
  }

  @Test
  void deleteMultipleObjectsNeedsItsMd5AndDeletesEveryKey() throws Exception {
    cloud.createBucket("state");
    put("/state/j/1", "1", Map.of());
    put("/state/j/2", "2", Map.of());
    byte[] xml =
        "<Delete><Quiet>true</Quiet><Object><Key>j/1</Key></Object><Object><Key>j/2</Key></Object></Delete>"
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> noMd5 =
        call("POST", "/state/", "delete", Map.of("Content-Type", "application/xml"), xml);
    assertEquals(400, noMd5.statusCode());
    String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(xml));
    HttpResponse<String> ok =
        call(
            "POST",
            "/state/",
            "delete",
            Map.of("Content-Type", "application/xml", "Content-MD5", md5),
            xml);
    assertEquals(200, ok.statusCode(), ok.body());
    assertFalse(get("/state/", "prefix=j").body().contains("<Contents>"));
  }

  @Test
  void errorsAreOssXmlNamingTheProblem() throws Exception {
    HttpResponse<String> noBucket = get("/missing/key", null);
    assertEquals(404, noBucket.statusCode());
    assertTrue(noBucket.body().contains("<Code>NoSuchBucket</Code>"), noBucket.body());
    assertTrue(noBucket.body().contains("<BucketName>missing</BucketName>"), noBucket.body());
    assertTrue(noBucket.headers().firstValue("x-oss-request-id").isPresent());
    cloud.createBucket("state");
    HttpResponse<String> badSecret =
        call("GET", "/state/key", null, Map.of(), new byte[0], "not-the-secret");
    assertEquals(403, badSecret.statusCode());
    assertTrue(badSecret.body().contains("<Code>SignatureDoesNotMatch</Code>"), badSecret.body());
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(cloud.url() + "/state/key")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, anonymous.statusCode());
    assertTrue(anonymous.body().contains("<Code>AccessDenied</Code>"), anonymous.body());
    HttpResponse<String> acl = call("GET", "/state/", "acl", Map.of(), new byte[0]);
    assertEquals(501, acl.statusCode());
  }

  @Test
  void bucketsAreMadeByPutBucketOrTheAdminEndpoint() throws Exception {
    assertEquals(200, put("/one/", "", Map.of()).statusCode());
    assertEquals(409, put("/one/", "", Map.of()).statusCode());
    assertEquals(400, put("/no_such/", "", Map.of()).statusCode());
    HttpResponse<String> admin =
        http.send(
            HttpRequest.newBuilder(URI.create(cloud.url() + "/_emulator/buckets"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"two\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, admin.statusCode(), admin.body());
    assertEquals(java.util.List.of("one", "two"), cloud.buckets());
  }

  @Test
  void faultsApplyToOssCallsByActionName() throws Exception {
    cloud.createBucket("state");
    cloud.setFaults(new FaultConfig(0, 0, 1, 0, 1, Set.of("PutObject")));
    HttpResponse<String> r = put("/state/k", "v", Map.of());
    assertEquals(503, r.statusCode());
    assertTrue(r.body().contains("<Code>ServiceUnavailable</Code>"), r.body());
    assertEquals(404, get("/state/k", null).statusCode());
  }

  @Test
  void objectsOutliveARestart() throws Exception {
    cloud.createBucket("state");
    put("/state/env:/k", "kept", Map.of());
    cloud.close();
    cloud = LocalCloud.start(options());
    assertEquals("kept", get("/state/env:/k", null).body());
  }
}
