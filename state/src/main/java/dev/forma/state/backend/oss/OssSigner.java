package dev.forma.state.backend.oss;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OSS's V4 request signature, OSS4-HMAC-SHA256, as pure functions:
 *
 * <ol>
 *   <li>the canonical request: method, the URI-encoded {@code /bucket/key} ("/" kept), the query
 *       URI-encoded and sorted ({@code name=value}, or {@code name} alone when empty), every {@code
 *       x-oss-*}, {@code content-type} and {@code content-md5} header plus the additional headers
 *       named ({@code name:trimmed value}, sorted), the additional header names, and the {@code
 *       x-oss-content-sha256} value;
 *   <li>the string to sign: the algorithm, {@code x-oss-date}, the scope {@code
 *       DATE/REGION/oss/aliyun_v4_request} and the hex SHA-256 of the canonical request;
 *   <li>the signature: HMAC-SHA256 chained from {@code "aliyun_v4" + secret} over the date, the
 *       region, {@code oss} and {@code aliyun_v4_request}, then over the string to sign, in hex.
 * </ol>
 *
 * Tested with the vectors Alibaba Cloud's OSS SDKs publish.
 */
// Kept apart from the emulator's OssSignatures on purpose: a bug shared by both passes there.
final class OssSigner {
  static final String ALGORITHM = "OSS4-HMAC-SHA256";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  /** The form of {@code x-oss-date}. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private OssSigner() {}

  /** A request's parts that the signature covers. */
  record Request(
      String method,
      String bucket,
      String key,
      List<Map.Entry<String, String>> query,
      Map<String, String> headers,
      SortedSet<String> additionalHeaders) {}

  /** The {@code Authorization} header for {@code r}, signed at {@code time} in {@code region}. */
  static String authorization(
      String accessKeyId, String secret, String region, Instant time, Request r) {
    String date = TIME.format(time).substring(0, 8);
    String stringToSign = stringToSign(time, region, canonicalRequest(r));
    StringBuilder out = new StringBuilder(ALGORITHM);
    out.append(" Credential=")
        .append(accessKeyId)
        .append('/')
        .append(date)
        .append('/')
        .append(region)
        .append("/oss/aliyun_v4_request");
    if (!r.additionalHeaders().isEmpty()) {
      out.append(",AdditionalHeaders=").append(String.join(";", r.additionalHeaders()));
    }
    out.append(",Signature=").append(signature(secret, date, region, stringToSign));
    return out.toString();
  }

  /** The canonical request (step 1). */
  static String canonicalRequest(Request r) {
    TreeSet<String> additional = new TreeSet<>();
    for (String h : r.additionalHeaders()) {
      additional.add(h.toLowerCase(Locale.ROOT));
    }
    TreeMap<String, String> signed = new TreeMap<>();
    r.headers()
        .forEach(
            (name, value) -> {
              String low = name.toLowerCase(Locale.ROOT);
              if (isDefaultSigned(low) || additional.contains(low)) {
                signed.put(low, value.trim());
              }
            });
    StringBuilder b = new StringBuilder();
    b.append(r.method()).append('\n');
    b.append(canonicalUri(r.bucket(), r.key())).append('\n');
    b.append(canonicalQuery(r.query())).append('\n');
    signed.forEach((k, v) -> b.append(k).append(':').append(v).append('\n'));
    b.append('\n');
    b.append(String.join(";", additional)).append('\n');
    b.append(r.headers().getOrDefault("x-oss-content-sha256", UNSIGNED_PAYLOAD));
    return b.toString();
  }

  /** Whether V4 signs a header without naming it: {@code x-oss-*}, content type and MD5. */
  static boolean isDefaultSigned(String lowerName) {
    return lowerName.startsWith("x-oss-")
        || lowerName.equals("content-type")
        || lowerName.equals("content-md5");
  }

  /** {@code /bucket/key}, {@code /bucket/} or {@code /}, URI-encoded with "/" kept. */
  static String canonicalUri(String bucket, String key) {
    return uriEncode("/" + (bucket == null ? "" : bucket + "/") + (key == null ? "" : key), false);
  }

  /** The query, URI-encoded and sorted by name then value. */
  static String canonicalQuery(List<Map.Entry<String, String>> query) {
    List<String[]> pairs = new ArrayList<>();
    for (Map.Entry<String, String> e : query) {
      pairs.add(
          new String[] {
            uriEncode(e.getKey(), true), uriEncode(e.getValue() == null ? "" : e.getValue(), true)
          });
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

  /** The string to sign (step 2). */
  static String stringToSign(Instant time, String region, String canonicalRequest) {
    String stamp = TIME.format(time);
    return ALGORITHM
        + "\n"
        + stamp
        + "\n"
        + stamp.substring(0, 8)
        + "/"
        + region
        + "/oss/aliyun_v4_request\n"
        + HexFormat.of().formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
  }

  /** The signature (step 3), in lower-case hex. */
  static String signature(String secret, String date, String region, String stringToSign) {
    byte[] key = hmac(("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, "oss");
    key = hmac(key, "aliyun_v4_request");
    return HexFormat.of().formatHex(hmac(key, stringToSign));
  }

  /** RFC 3986 encoding of the UTF-8 bytes: unreserved characters kept, "/" kept unless asked. */
  static String uriEncode(String s, boolean encodeSlash) {
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
          || (c == '/' && !encodeSlash)) {
        b.append((char) c);
      } else {
        b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
      }
    }
    return b.toString();
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
