package dev.forma.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import dev.forma.emulator.fault.FaultInjector;
import dev.forma.emulator.fault.LostResponse;
import dev.forma.emulator.oss.OssError;
import dev.forma.emulator.oss.OssSignatures;
import dev.forma.emulator.oss.OssStore;
import dev.forma.emulator.oss.OssStore.ObjectMeta;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The OSS object calls of the local cloud, path-style ({@code <url>/BUCKET/KEY}, as OSS clients
 * address a bucket at an IP endpoint): PutBucket, PutObject (with {@code x-oss-forbid-overwrite},
 * {@code x-oss-object-acl}, {@code x-oss-server-side-encryption}, {@code Content-MD5}), GetObject,
 * HeadObject, GetObjectMeta, DeleteObject, DeleteMultipleObjects, ListObjects and ListObjectsV2
 * (prefix, marker or continuation token, delimiter, {@code encoding-type=url}). Every call is
 * signed (V4 or V1, see {@link OssSignatures}); answers and errors are OSS's XML. Injected faults
 * apply to these calls by their action names, as to the other APIs.
 */
final class OssGateway {
  private static final String XML = "application/xml";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final Set<String> ACLS =
      Set.of("private", "public-read", "public-read-write", "default");
  private static final Set<String> ENCRYPTIONS = Set.of("AES256", "KMS", "SM4");
  private static final Set<String> UNSUPPORTED_SUB_RESOURCES =
      Set.of(
          "acl",
          "append",
          "cors",
          "lifecycle",
          "location",
          "logging",
          "policy",
          "referer",
          "restore",
          "symlink",
          "tagging",
          "uploadId",
          "uploads",
          "versioning",
          "versions",
          "website",
          "encryption",
          "bucketInfo",
          "stat");

  private final OssStore store;
  private final OssSignatures signatures;
  private final FaultInjector faults;
  private final Stats stats;
  private final CountDownLatch closing;

  OssGateway(
      OssStore store,
      OssSignatures signatures,
      FaultInjector faults,
      Stats stats,
      CountDownLatch closing) {
    this.store = store;
    this.signatures = signatures;
    this.faults = faults;
    this.stats = stats;
    this.closing = closing;
  }

  /**
   * Whether a request is for OSS: not signed for the other APIs ({@code ACS3} or {@code x-acs-*}),
   * and signed for OSS, or carrying {@code x-oss-*} headers, or addressed to an existing bucket.
   */
  boolean serves(String rawPath, Map<String, String> headers) {
    String auth = headers.getOrDefault("authorization", "");
    if (auth.startsWith("ACS")) {
      return false;
    }
    for (String h : headers.keySet()) {
      if (h.startsWith("x-acs-")) {
        return false;
      }
    }
    if (auth.startsWith("OSS")) {
      return true;
    }
    for (String h : headers.keySet()) {
      if (h.startsWith("x-oss-")) {
        return true;
      }
    }
    String bucket = bucketOf(rawPath);
    return bucket != null && store.bucketExists(bucket);
  }

  private static String bucketOf(String rawPath) {
    String p = rawPath == null ? "" : rawPath.replaceFirst("^/+", "");
    if (p.isEmpty()) {
      return null;
    }
    int slash = p.indexOf('/');
    return Exchanges.decode(slash < 0 ? p : p.substring(0, slash));
  }

  /** One answer: status, headers, body (empty for none). */
  private record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer of(int status, Map<String, String> headers, byte[] body) {
      return new Answer(status, headers, body);
    }
  }

  void handle(HttpExchange ex, byte[] body, String requestId) throws IOException {
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    Map<String, String> headers = Exchanges.headers(ex);
    String rawPath = ex.getRequestURI().getRawPath();
    String p = rawPath == null ? "" : rawPath.replaceFirst("^/+", "");
    String bucket = null;
    String key = null;
    if (!p.isEmpty()) {
      int slash = p.indexOf('/');
      bucket = Exchanges.decode(slash < 0 ? p : p.substring(0, slash));
      String rest = slash < 0 ? "" : p.substring(slash + 1);
      key = rest.isEmpty() ? null : Exchanges.decode(rest);
    }
    List<Map.Entry<String, String>> query = query(ex.getRequestURI().getRawQuery());
    Answer a;
    try {
      a = call(method, bucket, key, query, headers, body, requestId);
    } catch (OssError e) {
      a = error(e, requestId, bucket, key, method.equals("HEAD"));
    }
    send(ex, a, requestId, method.equals("HEAD"));
  }

  private Answer call(
      String method,
      String bucket,
      String key,
      List<Map.Entry<String, String>> query,
      Map<String, String> headers,
      byte[] body,
      String requestId)
      throws OssError, IOException {
    String action = action(method, bucket, key, query);
    signatures.verify(new OssSignatures.Request(method, bucket, key, query, headers, body));
    if (bucket == null) {
      throw new OssError(
          501, "NotImplemented", "The local cloud does not list buckets: address one bucket.");
    }
    if (!action.equals("PutBucket") && !store.bucketExists(bucket)) {
      throw OssError.noSuchBucket(bucket);
    }
    stats.received(action);
    FaultInjector.Decision d = faults.decide(action);
    if (d.latencyMillis() > 0) {
      try {
        if (closing.await(d.latencyMillis(), TimeUnit.MILLISECONDS)) {
          throw new LostResponse();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LostResponse();
      }
    }
    switch (d.outcome()) {
      case THROTTLE -> throw new OssError(503, "ServerBusy", "Please reduce your request rate.");
      case UNAVAILABLE ->
          throw new OssError(503, "ServiceUnavailable", "Service is temporarily unavailable.");
      case PASS, LOSE, UNAVAILABLE_AFTER -> {}
    }
    Answer answer = execute(action, bucket, key, query, headers, body);
    stats.executed(action);
    if (d.outcome() == FaultInjector.Outcome.LOSE) {
      throw new LostResponse();
    }
    if (d.outcome() == FaultInjector.Outcome.UNAVAILABLE_AFTER) {
      throw new OssError(503, "ServiceUnavailable", "Service is temporarily unavailable.");
    }
    return answer;
  }

  private static String action(
      String method, String bucket, String key, List<Map.Entry<String, String>> query)
      throws OssError {
    for (Map.Entry<String, String> q : query) {
      if (UNSUPPORTED_SUB_RESOURCES.contains(q.getKey())) {
        throw new OssError(
            501,
            "NotImplemented",
            "The local cloud does not implement the OSS sub-resource \"" + q.getKey() + "\".");
      }
    }
    String a;
    if (bucket == null) {
      a = null;
    } else if (key == null) {
      a =
          switch (method) {
            case "PUT" -> "PutBucket";
            case "GET" -> has(query, "list-type", "2") ? "ListObjectsV2" : "ListObjects";
            case "POST" -> has(query, "delete", null) ? "DeleteMultipleObjects" : null;
            default -> null;
          };
    } else {
      a =
          switch (method) {
            case "PUT" -> "PutObject";
            case "GET" -> "GetObject";
            case "HEAD" -> has(query, "objectMeta", null) ? "GetObjectMeta" : "HeadObject";
            case "DELETE" -> "DeleteObject";
            default -> null;
          };
    }
    if (a == null && bucket != null) {
      throw new OssError(
          405,
          "MethodNotAllowed",
          "The local cloud has no OSS operation for "
              + method
              + " on "
              + (key == null ? "a bucket" : "an object")
              + ".");
    }
    return a == null ? "ListBuckets" : a;
  }

  private static boolean has(List<Map.Entry<String, String>> query, String name, String value) {
    for (Map.Entry<String, String> q : query) {
      if (q.getKey().equals(name) && (value == null || value.equals(q.getValue()))) {
        return true;
      }
    }
    return false;
  }

  private static String param(List<Map.Entry<String, String>> query, String name) {
    for (Map.Entry<String, String> q : query) {
      if (q.getKey().equals(name)) {
        return q.getValue();
      }
    }
    return null;
  }

  private Answer execute(
      String action,
      String bucket,
      String key,
      List<Map.Entry<String, String>> query,
      Map<String, String> headers,
      byte[] body)
      throws OssError, IOException {
    switch (action) {
      case "PutBucket" -> {
        String invalid = OssStore.invalidBucketName(bucket);
        if (invalid != null) {
          throw new OssError(400, "InvalidBucketName", invalid).with("BucketName", bucket);
        }
        if (!store.createBucket(bucket)) {
          throw new OssError(
                  409,
                  "BucketAlreadyExists",
                  "The requested bucket name is not available. The bucket namespace is shared by"
                      + " all users of the system. Please select a different name and try again.")
              .with("BucketName", bucket);
        }
        return Answer.of(200, Map.of(), new byte[0]);
      }
      case "PutObject" -> {
        return putObject(bucket, key, headers, body);
      }
      case "GetObject" -> {
        ObjectMeta meta = store.head(bucket, key);
        byte[] bytes = meta == null ? null : store.read(bucket, key);
        if (bytes == null) {
          throw OssError.noSuchKey(key);
        }
        return Answer.of(200, objectHeaders(meta), bytes);
      }
      case "HeadObject", "GetObjectMeta" -> {
        ObjectMeta meta = store.head(bucket, key);
        if (meta == null) {
          throw OssError.noSuchKey(key);
        }
        return Answer.of(200, objectHeaders(meta), new byte[0]);
      }
      case "DeleteObject" -> {
        store.delete(bucket, key);
        return Answer.of(204, Map.of(), new byte[0]);
      }
      case "DeleteMultipleObjects" -> {
        return deleteMultiple(bucket, query, headers, body);
      }
      case "ListObjects", "ListObjectsV2" -> {
        return list(bucket, query, action.equals("ListObjectsV2"));
      }
      default -> throw new IllegalStateException("unhandled OSS action " + action);
    }
  }

  private Answer putObject(String bucket, String key, Map<String, String> headers, byte[] body)
      throws OssError, IOException {
    if (key.getBytes(StandardCharsets.UTF_8).length > 1023) {
      throw new OssError(400, "InvalidObjectName", "The object name is longer than 1023 bytes.");
    }
    String acl = headers.get("x-oss-object-acl");
    if (acl != null && !ACLS.contains(acl)) {
      throw new OssError(400, "InvalidArgument", "no such object access control exists")
          .with("ArgumentName", "x-oss-object-acl")
          .with("ArgumentValue", acl);
    }
    String sse = headers.get("x-oss-server-side-encryption");
    if (sse != null && !ENCRYPTIONS.contains(sse)) {
      throw new OssError(
          400,
          "InvalidEncryptionAlgorithmError",
          "The Encryption request you specified is not valid. Supported value: AES256/KMS/SM4");
    }
    String forbid = headers.get("x-oss-forbid-overwrite");
    String contentType = headers.getOrDefault("content-type", "application/octet-stream");
    ObjectMeta meta;
    try {
      meta =
          store.put(
              bucket,
              key,
              body,
              contentType,
              acl,
              sse,
              forbid != null && forbid.trim().equalsIgnoreCase("true"));
    } catch (OssStore.AlreadyExists e) {
      throw new OssError(
              409,
              "FileAlreadyExists",
              "The object you specified already exists and can not be overwritten.")
          .with("Key", key);
    }
    return Answer.of(
        200,
        Map.of(
            "ETag",
            "\"" + meta.etag() + "\"",
            "x-oss-hash-crc64ecma",
            Long.toUnsignedString(meta.crc64()),
            "Content-MD5",
            Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(meta.etag()))),
        new byte[0]);
  }

  private static Map<String, String> objectHeaders(ObjectMeta meta) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    h.put(
        "Content-Type",
        meta.contentType() == null ? "application/octet-stream" : meta.contentType());
    h.put("ETag", "\"" + meta.etag() + "\"");
    h.put("Last-Modified", HTTP_DATE.format(meta.lastModified()));
    h.put("x-oss-object-type", "Normal");
    h.put("x-oss-storage-class", "Standard");
    h.put("x-oss-hash-crc64ecma", Long.toUnsignedString(meta.crc64()));
    if (meta.serverSideEncryption() != null) {
      h.put("x-oss-server-side-encryption", meta.serverSideEncryption());
    }
    return h;
  }

  private Answer deleteMultiple(
      String bucket,
      List<Map.Entry<String, String>> query,
      Map<String, String> headers,
      byte[] body)
      throws OssError, IOException {
    if (!headers.containsKey("content-md5")) {
      throw new OssError(
          400, "InvalidDigest", "Content-MD5 is required for DeleteMultipleObjects.");
    }
    Document doc = parseXml(body);
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("Delete")) {
      throw malformed();
    }
    boolean quiet = "true".equalsIgnoreCase(text(root, "Quiet"));
    List<String> keys = new ArrayList<>();
    NodeList objects = root.getElementsByTagName("Object");
    for (int i = 0; i < objects.getLength(); i++) {
      String k = text((Element) objects.item(i), "Key");
      if (k == null || k.isEmpty()) {
        throw malformed();
      }
      keys.add(k);
    }
    if (keys.isEmpty() || keys.size() > 1000) {
      throw malformed();
    }
    boolean url = "url".equals(param(query, "encoding-type"));
    StringBuilder xml = new StringBuilder(xmlHead()).append("<DeleteResult>\n");
    if (url) {
      xml.append("  <EncodingType>url</EncodingType>\n");
    }
    for (String k : keys) {
      store.delete(bucket, k);
      if (!quiet) {
        xml.append("  <Deleted><Key>")
            .append(escape(url ? OssSignatures.encode(k, true) : k))
            .append("</Key></Deleted>\n");
      }
    }
    xml.append("</DeleteResult>\n");
    return Answer.of(200, Map.of(), xml.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Answer list(String bucket, List<Map.Entry<String, String>> query, boolean v2)
      throws OssError {
    String prefix = orEmpty(param(query, "prefix"));
    String delimiter = orEmpty(param(query, "delimiter"));
    boolean url = "url".equals(param(query, "encoding-type"));
    int max = 100;
    String maxText = param(query, "max-keys");
    if (maxText != null) {
      try {
        max = Integer.parseInt(maxText);
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 0 || max > 1000) {
        throw new OssError(400, "InvalidArgument", "max-keys must be between 0 and 1000.")
            .with("ArgumentName", "max-keys")
            .with("ArgumentValue", maxText);
      }
    }
    String after;
    String token = v2 ? param(query, "continuation-token") : null;
    if (v2) {
      if (token != null && !token.isEmpty()) {
        try {
          after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new OssError(400, "InvalidArgument", "The continuation token is not valid.");
        }
      } else {
        after = param(query, "start-after");
      }
    } else {
      after = param(query, "marker");
    }
    List<ObjectMeta> contents = new ArrayList<>();
    LinkedHashSet<String> prefixes = new LinkedHashSet<>();
    String last = null;
    boolean truncated = false;
    for (ObjectMeta m : store.list(bucket, prefix, after, Integer.MAX_VALUE)) {
      String common = null;
      if (!delimiter.isEmpty()) {
        int at = m.key().indexOf(delimiter, prefix.length());
        if (at >= 0) {
          common = m.key().substring(0, at + delimiter.length());
        }
      }
      if (common != null && prefixes.contains(common)) {
        last = m.key();
        continue;
      }
      if (contents.size() + prefixes.size() >= max) {
        truncated = true;
        break;
      }
      if (common != null) {
        prefixes.add(common);
      } else {
        contents.add(m);
      }
      last = m.key();
    }
    StringBuilder xml = new StringBuilder(xmlHead()).append("<ListBucketResult>\n");
    element(xml, "Name", bucket);
    element(xml, "Prefix", enc(prefix, url));
    if (v2) {
      if (token != null) {
        element(xml, "ContinuationToken", token);
      }
      String startAfter = param(query, "start-after");
      if (startAfter != null) {
        element(xml, "StartAfter", enc(startAfter, url));
      }
    } else {
      element(xml, "Marker", enc(orEmpty(after), url));
    }
    element(xml, "MaxKeys", Integer.toString(max));
    element(xml, "Delimiter", enc(delimiter, url));
    if (url) {
      element(xml, "EncodingType", "url");
    }
    element(xml, "IsTruncated", Boolean.toString(truncated));
    if (truncated && last != null) {
      if (v2) {
        element(
            xml,
            "NextContinuationToken",
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(last.getBytes(StandardCharsets.UTF_8)));
      } else {
        element(xml, "NextMarker", enc(last, url));
      }
    }
    if (v2) {
      element(xml, "KeyCount", Integer.toString(contents.size() + prefixes.size()));
    }
    DateTimeFormatter iso =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    for (ObjectMeta m : contents) {
      xml.append("  <Contents>\n");
      element(xml, "Key", enc(m.key(), url));
      element(xml, "LastModified", iso.format(m.lastModified()));
      element(xml, "ETag", "\"" + m.etag() + "\"");
      element(xml, "Type", "Normal");
      element(xml, "Size", Long.toString(m.size()));
      element(xml, "StorageClass", "Standard");
      if (!v2 || "true".equals(param(query, "fetch-owner"))) {
        xml.append("    <Owner><ID>local</ID><DisplayName>local</DisplayName></Owner>\n");
      }
      xml.append("  </Contents>\n");
    }
    for (String c : prefixes) {
      xml.append("  <CommonPrefixes>\n");
      element(xml, "Prefix", enc(c, url));
      xml.append("  </CommonPrefixes>\n");
    }
    xml.append("</ListBucketResult>\n");
    return Answer.of(200, Map.of(), xml.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s, boolean url) {
    return url ? OssSignatures.encode(s, true) : s;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static void element(StringBuilder xml, String name, String value) {
    xml.append("  <")
        .append(name)
        .append('>')
        .append(escape(value))
        .append("</")
        .append(name)
        .append(">\n");
  }

  private static String xmlHead() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            b.append("&#").append((int) c).append(';');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static OssError malformed() {
    return new OssError(
        400,
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published"
            + " schema.");
  }

  private static Document parseXml(byte[] body) throws OssError {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(body));
    } catch (Exception e) {
      throw malformed();
    }
  }

  private static String text(Element parent, String child) {
    NodeList n = parent.getElementsByTagName(child);
    return n.getLength() == 0 ? null : n.item(0).getTextContent();
  }

  /** Decoded query parameters in order; "+" is a space, as in a form-encoded query. */
  private static List<Map.Entry<String, String>> query(String rawQuery) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = Exchanges.decode((eq < 0 ? part : part.substring(0, eq)).replace('+', ' '));
      String v = eq < 0 ? "" : Exchanges.decode(part.substring(eq + 1).replace('+', ' '));
      out.add(Map.entry(k, v));
    }
    return out;
  }

  private static Answer error(
      OssError e, String requestId, String bucket, String key, boolean head) {
    StringBuilder xml = new StringBuilder(xmlHead()).append("<Error>\n");
    element(xml, "Code", e.code());
    element(xml, "Message", e.getMessage());
    element(xml, "RequestId", requestId);
    element(xml, "HostId", bucket == null ? "127.0.0.1" : bucket + ".local-cloud");
    e.details().forEach((k, v) -> element(xml, k, v));
    xml.append("</Error>\n");
    byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
    if (head) {
      // a HEAD answer has no body: OSS sends the error document base64-encoded in a header
      return Answer.of(
          e.status(), Map.of("x-oss-err", Base64.getEncoder().encodeToString(bytes)), new byte[0]);
    }
    return Answer.of(e.status(), Map.of(), bytes);
  }

  private static void send(HttpExchange ex, Answer a, String requestId, boolean head)
      throws IOException {
    ex.getResponseHeaders().set("Server", "AliyunOSS");
    ex.getResponseHeaders().set("x-oss-request-id", requestId);
    if (a.body().length > 0 || a.status() >= 300) {
      ex.getResponseHeaders().set("Content-Type", XML);
    }
    a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (head || a.body().length == 0) {
      ex.sendResponseHeaders(a.status(), -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(a.status(), a.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(a.body());
    }
  }
}
