package dev.forma.provider.alicloud.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's signature V3 (ACS3-HMAC-SHA256): the canonical request, the string to sign and
 * the {@code Authorization} header value, as ../shared/API.md describes them. Pure functions, no
 * I/O; {@link SigningInterceptor} applies them to OkHttp requests.
 */
public final class AcsSigner {
  /** The algorithm name that opens the string to sign and the Authorization header. */
  public static final String ALGORITHM = "ACS3-HMAC-SHA256";

  /** Hex SHA-256 of the empty string: the content hash of a request without a body. */
  public static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final HexFormat HEX = HexFormat.of();

  private AcsSigner() {}

  /** The pieces of one signature, kept apart so tests can compare each with a vector. */
  public record Signature(
      String canonicalRequest,
      String hashedCanonicalRequest,
      String signedHeaders,
      String signature,
      String authorization) {}

  /**
   * Signs a request.
   *
   * @param method HTTP method, upper case
   * @param pathSegments the decoded path segments ({@code ["api","v1","connections","conn-x"]});
   *     empty for {@code /}
   * @param query decoded query parameters in any order (names may repeat)
   * @param headers every header that will be sent; only {@code host}, {@code content-type} and
   *     {@code x-acs-*} are signed
   * @param contentSha256 hex SHA-256 of the exact body bytes
   */
  public static Signature sign(
      String method,
      List<String> pathSegments,
      List<Map.Entry<String, String>> query,
      Map<String, String> headers,
      String contentSha256,
      String accessKeyId,
      String accessKeySecret) {
    TreeMap<String, String> signed = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          String n = name.toLowerCase(Locale.ROOT);
          if (n.equals("host") || n.equals("content-type") || n.startsWith("x-acs-")) {
            signed.put(n, value.trim());
          }
        });
    StringBuilder canonicalHeaders = new StringBuilder();
    signed.forEach((n, v) -> canonicalHeaders.append(n).append(':').append(v).append('\n'));
    String signedHeaders = String.join(";", signed.keySet());
    String canonicalRequest =
        method
            + "\n"
            + canonicalUri(pathSegments)
            + "\n"
            + canonicalQuery(query)
            + "\n"
            + canonicalHeaders
            + "\n"
            + signedHeaders
            + "\n"
            + contentSha256;
    String hashed = sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    String stringToSign = ALGORITHM + "\n" + hashed;
    String signature = hmacSha256Hex(accessKeySecret, stringToSign);
    String authorization =
        ALGORITHM
            + " Credential="
            + accessKeyId
            + ",SignedHeaders="
            + signedHeaders
            + ",Signature="
            + signature;
    return new Signature(canonicalRequest, hashed, signedHeaders, signature, authorization);
  }

  /** {@code /} followed by each segment percent-encoded per RFC 3986, joined by {@code /}. */
  public static String canonicalUri(List<String> pathSegments) {
    StringJoiner j = new StringJoiner("/", "/", "");
    for (String s : pathSegments) {
      j.add(percentEncode(s));
    }
    return j.toString();
  }

  /**
   * Parameters with name and value percent-encoded, sorted by encoded name then encoded value,
   * {@code name=value} joined by {@code &} ({@code name=} when the value is empty).
   */
  public static String canonicalQuery(List<Map.Entry<String, String>> query) {
    List<String[]> encoded = new ArrayList<>();
    for (Map.Entry<String, String> e : query) {
      encoded.add(
          new String[] {
            percentEncode(e.getKey()), percentEncode(e.getValue() == null ? "" : e.getValue())
          });
    }
    encoded.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    StringJoiner j = new StringJoiner("&");
    for (String[] p : encoded) {
      j.add(p[0] + "=" + p[1]);
    }
    return j.toString();
  }

  /**
   * RFC 3986 percent-encoding of UTF-8 bytes: {@code A-Za-z0-9-_.~} kept, everything else as {@code
   * %XX} in upper-case hex (so space is {@code %20} and {@code *} is {@code %2A}).
   */
  public static String percentEncode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Lower-case hex SHA-256. */
  public static String sha256Hex(byte[] data) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** Lower-case hex HMAC-SHA256 of {@code data} under {@code key}. */
  public static String hmacSha256Hex(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HEX.formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("the JDK always has HmacSHA256", e);
    }
  }
}
