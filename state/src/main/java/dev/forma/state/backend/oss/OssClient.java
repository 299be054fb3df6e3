package dev.forma.state.backend.oss;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The OSS object calls the oss backend makes, over OkHttp: PutObject (optionally with {@code
 * x-oss-forbid-overwrite}), GetObject, HeadObject, DeleteObject, ListObjectsV2 by prefix (every
 * page) and DeleteMultipleObjects. Two interceptors, in this order: {@link RetryInterceptor} (5xx,
 * 429 and I/O failures, with backoff; every call here may be sent again, see its notes) and {@link
 * SigningInterceptor} (a fresh OSS4-HMAC-SHA256 signature for each attempt). Nothing here logs;
 * errors carry OSS's code, message and request ID, never a credential.
 */
final class OssClient {
  private static final MediaType XML = MediaType.get("application/xml");
  private static final int MAX_KEYS = 1000;

  /** Which bucket and object a request is for: what the signature covers besides the URL. */
  record Target(String bucket, String key) {}

  private final OssSettings settings;
  private final OkHttpClient http;

  OssClient(OssSettings settings, String userAgent, Clock clock, int attempts, Duration backoff) {
    this.settings = settings;
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(10, TimeUnit.SECONDS)
            .readTimeout(60, TimeUnit.SECONDS)
            .writeTimeout(60, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .addInterceptor(new RetryInterceptor(attempts, backoff))
            .addInterceptor(new SigningInterceptor(settings, userAgent, clock))
            .build();
  }

  OssSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- calls

  /** The object's bytes, or null when there is no such object. */
  byte[] get(String key) throws OssException {
    try (Response r = execute(request(key, "").get().build())) {
      if (r.code() == 404) {
        OssException e = failure(r);
        if (e.is("NoSuchKey")) {
          return null;
        }
        throw e;
      }
      if (!r.isSuccessful()) {
        throw failure(r);
      }
      return bytes(r);
    }
  }

  /** Whether the object exists. */
  boolean exists(String key) throws OssException {
    try (Response r = execute(request(key, "").head().build())) {
      if (r.isSuccessful()) {
        return true;
      }
      OssException e = failure(r);
      if (r.code() == 404 && (e.is("NoSuchKey") || e.code().isEmpty())) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Stores an object; with {@code forbidOverwrite}, only if there is none (else OSS answers 409
   * {@code FileAlreadyExists}). The bucket's ACL and encryption settings of the backend apply.
   */
  void put(String key, byte[] body, String contentType, boolean forbidOverwrite)
      throws OssException {
    Request.Builder b =
        request(key, "")
            .put(RequestBody.create(body, MediaType.get(contentType)))
            .header("Content-MD5", Base64.getEncoder().encodeToString(md5(body)));
    if (forbidOverwrite) {
      b.header("x-oss-forbid-overwrite", "true");
    }
    if (settings.acl() != null) {
      b.header("x-oss-object-acl", settings.acl());
    }
    if (settings.encrypt()) {
      b.header("x-oss-server-side-encryption", "AES256");
    }
    try (Response r = execute(b.build())) {
      if (!r.isSuccessful()) {
        throw failure(r);
      }
    }
  }

  /** Deletes the object (nothing happens when there is none). */
  void delete(String key) throws OssException {
    try (Response r = execute(request(key, "").delete().build())) {
      if (!r.isSuccessful() && r.code() != 404) {
        throw failure(r);
      }
    }
  }

  /** Every object name that starts with {@code prefix}, sorted, across all pages. */
  List<String> list(String prefix) throws OssException {
    List<String> keys = new ArrayList<>();
    String token = null;
    while (true) {
      Map<String, String> query = new TreeMap<>();
      query.put("list-type", "2");
      query.put("prefix", prefix);
      query.put("max-keys", Integer.toString(MAX_KEYS));
      query.put("encoding-type", "url");
      if (token != null) {
        query.put("continuation-token", token);
      }
      Document doc;
      try (Response r = execute(request(null, queryString(query)).get().build())) {
        if (!r.isSuccessful()) {
          throw failure(r);
        }
        doc = parse(bytes(r));
      }
      if (doc == null) {
        throw new OssException(200, "", "the listing answer is not XML", null);
      }
      Element root = doc.getDocumentElement();
      boolean url = "url".equals(text(root, "EncodingType"));
      NodeList contents = root.getElementsByTagName("Contents");
      for (int i = 0; i < contents.getLength(); i++) {
        String k = text((Element) contents.item(i), "Key");
        if (k != null) {
          keys.add(url ? decode(k) : k);
        }
      }
      token = text(root, "NextContinuationToken");
      if (!"true".equals(text(root, "IsTruncated")) || token == null || token.isEmpty()) {
        break;
      }
    }
    keys.sort(null);
    return keys;
  }

  /** Deletes the objects, a thousand per DeleteMultipleObjects call. */
  void deleteAll(Collection<String> keys) throws OssException {
    List<String> all = new ArrayList<>(new TreeSet<>(keys));
    for (int from = 0; from < all.size(); from += MAX_KEYS) {
      List<String> batch = all.subList(from, Math.min(all.size(), from + MAX_KEYS));
      if (batch.size() == 1) {
        delete(batch.getFirst());
        continue;
      }
      StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      xml.append("<Delete><Quiet>true</Quiet>");
      for (String k : batch) {
        xml.append("<Object><Key>").append(escapeXml(k)).append("</Key></Object>");
      }
      xml.append("</Delete>");
      byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
      Request request =
          request(null, "delete")
              .post(RequestBody.create(body, XML))
              .header("Content-MD5", Base64.getEncoder().encodeToString(md5(body)))
              .build();
      try (Response r = execute(request)) {
        if (!r.isSuccessful()) {
          throw failure(r);
        }
      }
    }
  }

  // ---------------------------------------------------------------- requests and answers

  private Request.Builder request(String key, String encodedQuery) {
    HttpUrl endpoint = settings.endpoint();
    String path = key == null ? "" : OssSigner.uriEncode(key, false);
    HttpUrl.Builder url = new HttpUrl.Builder().scheme(endpoint.scheme()).port(endpoint.port());
    if (settings.pathStyle()) {
      url.host(endpoint.host()).encodedPath("/" + settings.bucket() + "/" + path);
    } else {
      url.host(settings.bucket() + "." + endpoint.host()).encodedPath("/" + path);
    }
    if (!encodedQuery.isEmpty()) {
      url.encodedQuery(encodedQuery);
    }
    return new Request.Builder()
        .url(url.build())
        .tag(Target.class, new Target(settings.bucket(), key));
  }

  private static String queryString(Map<String, String> query) {
    StringBuilder out = new StringBuilder();
    query.forEach(
        (k, v) -> {
          if (!out.isEmpty()) {
            out.append('&');
          }
          out.append(OssSigner.uriEncode(k, true)).append('=').append(OssSigner.uriEncode(v, true));
        });
    return out.toString();
  }

  private Response execute(Request request) throws OssException {
    try {
      return http.newCall(request).execute();
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new OssException(why, e);
    }
  }

  private static byte[] bytes(Response r) throws OssException {
    ResponseBody body = r.body();
    try {
      return body == null ? new byte[0] : body.bytes();
    } catch (IOException e) {
      throw new OssException("the answer was cut short: " + e.getMessage(), e);
    }
  }

  /** OSS's error: from the XML body, or for HEAD from {@code x-oss-err} (the same XML, base64). */
  private static OssException failure(Response r) throws OssException {
    byte[] xml = r.request().method().equals("HEAD") ? null : bytes(r);
    if (xml == null || xml.length == 0) {
      String err = r.header("x-oss-err");
      if (err != null) {
        try {
          xml = Base64.getDecoder().decode(err.trim());
        } catch (IllegalArgumentException e) {
          xml = null;
        }
      }
    }
    String requestId = r.header("x-oss-request-id");
    Document doc = xml == null || xml.length == 0 ? null : parse(xml);
    if (doc == null) {
      return new OssException(r.code(), "", r.message(), requestId);
    }
    Element root = doc.getDocumentElement();
    String id = text(root, "RequestId");
    return new OssException(
        r.code(), text(root, "Code"), text(root, "Message"), id != null ? id : requestId);
  }

  private static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      var builder = f.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      return null;
    }
  }

  private static String text(Element parent, String child) {
    NodeList n = parent.getElementsByTagName(child);
    return n.getLength() == 0 ? null : n.item(0).getTextContent();
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String escapeXml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }

  // ---------------------------------------------------------------- interceptors

  /**
   * Sends a request again after an I/O failure, a 5xx or a 429, waiting {@code backoff} doubled
   * each time (with jitter) up to {@code attempts} in all. Every call of this client may be sent
   * again: reads and deletes are idempotent, a put replaces the object with the same bytes, and a
   * put with {@code x-oss-forbid-overwrite} that did create the object before its answer was lost
   * is answered {@code FileAlreadyExists}, which the lock then recognises as its own.
   */
  static final class RetryInterceptor implements Interceptor {
    private final int attempts;
    private final Duration backoff;

    RetryInterceptor(int attempts, Duration backoff) {
      this.attempts = Math.max(1, attempts);
      this.backoff = backoff;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      for (int attempt = 1; ; attempt++) {
        Response response;
        try {
          response = chain.proceed(chain.request());
        } catch (IOException e) {
          if (attempt >= attempts) {
            throw e;
          }
          pause(attempt);
          continue;
        }
        int code = response.code();
        if (attempt >= attempts || !(code >= 500 || code == 429)) {
          return response;
        }
        response.close();
        pause(attempt);
      }
    }

    private void pause(int attempt) throws IOException {
      long base = backoff.toMillis() << Math.min(attempt - 1, 5);
      long millis = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting to retry", e);
      }
    }
  }

  /**
   * Signs each attempt with OSS4-HMAC-SHA256: sets {@code x-oss-date}, {@code x-oss-content-sha256:
   * UNSIGNED-PAYLOAD} (the body is protected by {@code Content-MD5} where it matters), {@code
   * x-oss-security-token} with temporary credentials, and {@code Authorization}. The bucket and
   * object come from the request's {@link Target} tag.
   */
  static final class SigningInterceptor implements Interceptor {
    private final OssSettings settings;
    private final String userAgent;
    private final Clock clock;

    SigningInterceptor(OssSettings settings, String userAgent, Clock clock) {
      this.settings = settings;
      this.userAgent = userAgent;
      this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      Target target = request.tag(Target.class);
      if (target == null) {
        throw new IllegalStateException("an OSS request without its target: " + request.url());
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      OssCredentials c = settings.credentials();
      Request.Builder b =
          request
              .newBuilder()
              .header("User-Agent", userAgent)
              .header("x-oss-date", OssSigner.TIME.format(now))
              .header("x-oss-content-sha256", OssSigner.UNSIGNED_PAYLOAD);
      if (c.securityToken() != null) {
        b.header("x-oss-security-token", c.securityToken());
      }
      Request unsigned = b.build();
      Map<String, String> headers = new TreeMap<>();
      for (String name : unsigned.headers().names()) {
        headers.put(name.toLowerCase(Locale.ROOT), String.join(",", unsigned.headers(name)));
      }
      if (unsigned.body() != null && unsigned.body().contentType() != null) {
        headers.put("content-type", unsigned.body().contentType().toString());
      }
      HttpUrl url = unsigned.url();
      List<Map.Entry<String, String>> query = new ArrayList<>();
      for (int i = 0; i < url.querySize(); i++) {
        String value = url.queryParameterValue(i);
        query.add(Map.entry(url.queryParameterName(i), value == null ? "" : value));
      }
      String authorization =
          OssSigner.authorization(
              c.accessKeyId(),
              c.accessKeySecret(),
              settings.region(),
              now,
              new OssSigner.Request(
                  unsigned.method(),
                  target.bucket(),
                  target.key(),
                  query,
                  headers,
                  new TreeSet<>()));
      return chain.proceed(unsigned.newBuilder().header("Authorization", authorization).build());
    }
  }
}
