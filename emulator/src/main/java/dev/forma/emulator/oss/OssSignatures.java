package dev.forma.emulator.oss;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an OSS request's signature as OSS does, in either of its header forms:
 *
 * <ul>
 *   <li>V4, {@code OSS4-HMAC-SHA256 Credential=AK/DATE/REGION/oss/aliyun_v4_request,
 *       [AdditionalHeaders=a;b,]Signature=HEX}: the canonical request (method, URI-encoded {@code
 *       /bucket/key}, sorted URI-encoded query, every {@code x-oss-*}, {@code content-type} and
 *       {@code content-md5} header plus the additional ones, the additional header names, the
 *       {@code x-oss-content-sha256} value), hashed into the string to sign with {@code x-oss-date}
 *       and the scope, signed with a key derived from {@code "aliyun_v4" + secret}, the date, the
 *       region (which must be this cloud's) and {@code oss};
 *   <li>V1, {@code OSS AK:BASE64}: HMAC-SHA1 over the method, {@code Content-MD5}, {@code
 *       Content-Type}, {@code Date}, the {@code x-oss-*} headers and {@code /bucket/key} with its
 *       sub-resources (what Terraform's own oss backend sends).
 * </ul>
 *
 * The request time ({@code x-oss-date} for V4, {@code Date} for V1) must be within 15 minutes of
 * the server's clock.
 */
// Kept apart from the client's OssSigner on purpose: one bug shared by both would pass this check.
public final class OssSignatures {
  /** The V4 algorithm name. */
  public static final String V4 = "OSS4-HMAC-SHA256";

  /** The {@code x-oss-content-sha256} value of a request whose body is not hashed. */
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  /** How far the request time may be from the server's clock, either way. */
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private static final DateTimeFormatter V4_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Query parameters that V1 signs as sub-resources (the others are not signed). */
  private static final Set<String> SUB_RESOURCES =
      Set.of(
          "acl",
          "append",
          "bucketInfo",
          "cname",
          "comp",
          "continuation-token",
          "cors",
          "delete",
          "encryption",
          "lifecycle",
          "location",
          "logging",
          "objectMeta",
          "partNumber",
          "policy",
          "position",
          "referer",
          "replication",
          "resourceGroup",
          "response-cache-control",
          "response-content-disposition",
          "response-content-encoding",
          "response-content-language",
          "response-content-type",
          "response-expires",
          "restore",
          "security-token",
          "stat",
          "symlink",
          "tagging",
          "uploadId",
          "uploads",
          "versionId",
          "versioning",
          "versions",
          "website",
          "x-oss-process");

  private final Function<String, String> secrets;
  private final String region;
  private final Clock clock;

  /**
   * @param secrets the secret of an access key id, or null when the key is unknown
   * @param region the region V4 signatures must be scoped to
   */
  public OssSignatures(Function<String, String> secrets, String region, Clock clock) {
    this.secrets = secrets;
    this.region = region;
    this.clock = clock;
  }

  /**
   * A request as the signature sees it: the bucket and key it addresses (null when none), the
   * decoded query parameters in order, and the headers by lower-case name.
   */
  public record Request(
      String method,
      String bucket,
      String key,
      List<Map.Entry<String, String>> query,
      Map<String, String> headers,
      byte[] body) {}

  /** Verifies the request's signature; returns the caller's access key id. */
  public String verify(Request r) throws OssError {
    String auth = r.headers().get("authorization");
    if (auth == null || auth.isBlank()) {
      throw new OssError(
          403, "AccessDenied", "You have no right to access this object because of bucket acl.");
    }
    auth = auth.trim();
    checkContentMd5(r);
    if (auth.startsWith(V4 + " ")) {
      return verifyV4(r, auth.substring(V4.length() + 1));
    }
    if (auth.startsWith("OSS ")) {
      return verifyV1(r, auth.substring(4));
    }
    throw new OssError(
        400,
        "InvalidArgument",
        "Authorization header is invalid: it must start with \"" + V4 + "\" or \"OSS\".");
  }

  private static void checkContentMd5(Request r) throws OssError {
    String md5 = r.headers().get("content-md5");
    if (md5 == null) {
      return;
    }
    String actual = Base64.getEncoder().encodeToString(OssStore.md5(r.body()));
    if (!md5.trim().equals(actual)) {
      throw new OssError(400, "InvalidDigest", "The Content-MD5 you specified is not valid.");
    }
  }

  private String secretOf(String accessKeyId) throws OssError {
    String secret = secrets.apply(accessKeyId);
    if (secret == null) {
      throw new OssError(
              403,
              "InvalidAccessKeyId",
              "The OSS Access Key Id you provided does not exist in our records.")
          .with("OSSAccessKeyId", accessKeyId);
    }
    return secret;
  }

  // ---------------------------------------------------------------- V4

  private String verifyV4(Request r, String fields) throws OssError {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String p : fields.split(",")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
      }
    }
    String credential = parts.get("Credential");
    String signature = parts.get("Signature");
    String[] scope = credential == null ? new String[0] : credential.split("/");
    if (scope.length != 5
        || !scope[3].equals("oss")
        || !scope[4].equals("aliyun_v4_request")
        || signature == null) {
      throw new OssError(
          400,
          "InvalidArgument",
          "Authorization header is invalid: it must carry Credential=AK/DATE/REGION/oss/"
              + "aliyun_v4_request and Signature.");
    }
    String secret = secretOf(scope[0]);
    String time = r.headers().get("x-oss-date");
    if (time == null) {
      throw new OssError(400, "InvalidArgument", "The x-oss-date header is missing.");
    }
    Instant at;
    try {
      at = Instant.from(V4_TIME.parse(time.trim()));
    } catch (DateTimeParseException e) {
      throw new OssError(
          400, "InvalidArgument", "The x-oss-date header is not in the form yyyyMMddTHHmmssZ.");
    }
    checkTime(at);
    if (!time.trim().startsWith(scope[1])) {
      throw new OssError(
          400,
          "InvalidArgument",
          "The date in the Credential (" + scope[1] + ") is not the date of x-oss-date.");
    }
    if (!scope[2].equals(region)) {
      throw new OssError(
          400,
          "InvalidArgument",
          "Invalid signing region in Authorization header: \""
              + scope[2]
              + "\" (this bucket is in "
              + region
              + ").");
    }
    String payload = r.headers().get("x-oss-content-sha256");
    if (payload == null) {
      throw new OssError(
          400,
          "InvalidArgument",
          "Missing required header for this request: x-oss-content-sha256.");
    }
    if (!payload.equals(UNSIGNED_PAYLOAD)
        && !payload.equalsIgnoreCase(HexFormat.of().formatHex(sha256(r.body())))) {
      throw new OssError(
          400,
          "InvalidDigest",
          "The x-oss-content-sha256 you specified does not match the request body.");
    }
    TreeSet<String> additional = new TreeSet<>();
    String additionalText = parts.get("AdditionalHeaders");
    if (additionalText != null && !additionalText.isEmpty()) {
      for (String h : additionalText.split(";")) {
        additional.add(h.trim().toLowerCase(Locale.ROOT));
      }
    }
    TreeMap<String, String> signed = new TreeMap<>();
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      if (isDefaultSigned(h.getKey()) || additional.contains(h.getKey())) {
        signed.put(h.getKey(), h.getValue());
      }
    }
    String canonical =
        canonicalRequestV4(
            r.method(),
            canonicalUri(r.bucket(), r.key()),
            canonicalQuery(r.query()),
            signed,
            String.join(";", additional),
            payload);
    String stringToSign =
        V4
            + "\n"
            + time.trim()
            + "\n"
            + scope[1]
            + "/"
            + scope[2]
            + "/oss/aliyun_v4_request\n"
            + HexFormat.of().formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key =
        hmac("HmacSHA256", ("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
    key = hmac("HmacSHA256", key, scope[2]);
    key = hmac("HmacSHA256", key, "oss");
    key = hmac("HmacSHA256", key, "aliyun_v4_request");
    String expected = HexFormat.of().formatHex(hmac("HmacSHA256", key, stringToSign));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw mismatch(stringToSign).with("CanonicalRequest", canonical);
    }
    return scope[0];
  }

  /** Whether V4 signs the header without being told: {@code x-oss-*}, content type and MD5. */
  public static boolean isDefaultSigned(String lowerName) {
    return lowerName.startsWith("x-oss-")
        || lowerName.equals("content-type")
        || lowerName.equals("content-md5");
  }

  /** {@code /bucket/key} (or {@code /bucket/}, {@code /}), URI-encoded with "/" kept. */
  public static String canonicalUri(String bucket, String key) {
    String uri = "/" + (bucket == null ? "" : bucket + "/") + (key == null ? "" : key);
    return encode(uri, false);
  }

  /**
   * The query parameters URI-encoded, sorted by name (then value), each {@code name=value}, or
   * {@code name} alone when the value is empty, joined by {@code &}.
   */
  public static String canonicalQuery(List<Map.Entry<String, String>> query) {
    List<String[]> pairs = new ArrayList<>();
    for (Map.Entry<String, String> e : query) {
      pairs.add(new String[] {encode(e.getKey(), true), encode(e.getValue(), true)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder();
    for (String[] p : pairs) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(p[0]);
      if (!p[1].isEmpty()) {
        out.append('=').append(p[1]);
      }
    }
    return out.toString();
  }

  static String canonicalRequestV4(
      String method,
      String uri,
      String query,
      TreeMap<String, String> headers,
      String additional,
      String payload) {
    StringBuilder b = new StringBuilder();
    b.append(method).append('\n').append(uri).append('\n').append(query).append('\n');
    headers.forEach((k, v) -> b.append(k).append(':').append(v.trim()).append('\n'));
    b.append('\n').append(additional).append('\n').append(payload);
    return b.toString();
  }

  /** RFC 3986 encoding of the UTF-8 bytes: unreserved characters kept, and "/" unless asked. */
  public static String encode(String s, boolean slash) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (c == '/' && !slash)) {
        b.append((char) c);
      } else {
        b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
      }
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- V1

  private String verifyV1(Request r, String idAndSignature) throws OssError {
    int colon = idAndSignature.lastIndexOf(':');
    if (colon <= 0) {
      throw new OssError(
          400,
          "InvalidArgument",
          "Authorization header is invalid: expected \"OSS AK:SIGNATURE\".");
    }
    String keyId = idAndSignature.substring(0, colon).trim();
    String signature = idAndSignature.substring(colon + 1).trim();
    String secret = secretOf(keyId);
    String date = r.headers().get("date");
    String time = r.headers().getOrDefault("x-oss-date", date);
    if (time == null) {
      throw new OssError(403, "AccessDenied", "The Date header is missing.");
    }
    Instant at;
    try {
      at = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(time.trim()));
    } catch (DateTimeParseException e) {
      throw new OssError(403, "AccessDenied", "The Date header is not an HTTP date.");
    }
    checkTime(at);
    String stringToSign = stringToSignV1(r);
    String expected =
        Base64.getEncoder()
            .encodeToString(
                hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), stringToSign));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      throw mismatch(stringToSign);
    }
    return keyId;
  }

  /** V1's string to sign for the request. */
  public static String stringToSignV1(Request r) {
    StringBuilder b = new StringBuilder();
    b.append(r.method()).append('\n');
    b.append(r.headers().getOrDefault("content-md5", "")).append('\n');
    b.append(r.headers().getOrDefault("content-type", "")).append('\n');
    b.append(r.headers().getOrDefault("date", "")).append('\n');
    new TreeMap<>(r.headers())
        .forEach(
            (k, v) -> {
              if (k.startsWith("x-oss-")) {
                b.append(k).append(':').append(v.trim()).append('\n');
              }
            });
    b.append('/');
    if (r.bucket() != null) {
      b.append(r.bucket()).append('/');
      if (r.key() != null) {
        b.append(r.key());
      }
    }
    TreeMap<String, String> sub = new TreeMap<>();
    for (Map.Entry<String, String> q : r.query()) {
      if (SUB_RESOURCES.contains(q.getKey())) {
        sub.put(q.getKey(), q.getValue());
      }
    }
    char sep = '?';
    for (Map.Entry<String, String> s : sub.entrySet()) {
      b.append(sep).append(s.getKey());
      if (!s.getValue().isEmpty()) {
        b.append('=').append(s.getValue());
      }
      sep = '&';
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- shared

  private void checkTime(Instant at) throws OssError {
    Instant now = clock.instant();
    if (Duration.between(at, now).abs().compareTo(WINDOW) > 0) {
      throw new OssError(
              403,
              "RequestTimeTooSkewed",
              "The difference between the request time and the current time is too large.")
          .with("RequestTime", at.toString())
          .with("ServerTime", now.toString());
    }
  }

  private static OssError mismatch(String stringToSign) {
    return new OssError(
            403,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided."
                + " Check your key and signing method.")
        .with("StringToSign", stringToSign);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  static byte[] hmac(String algorithm, byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(algorithm + " is unavailable", e);
    }
  }
}
