package dev.forma.emulator.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pieces of an ACS3-HMAC-SHA256 signature: RFC 3986 encoding, canonical URI and query, the
 * canonical request, the string to sign and the signature itself. Pure functions.
 */
public final class Acs3Signature {
  /** The algorithm name, first word of the Authorization header and of the string to sign. */
  public static final String ALGORITHM = "ACS3-HMAC-SHA256";

  /** Hex SHA-256 of the empty body. */
  public static final String EMPTY_SHA256 = sha256Hex(new byte[0]);

  private Acs3Signature() {}

  /** Percent-encodes per RFC 3986: {@code A-Za-z0-9-_.~} kept, everything else as %XX of UTF-8. */
  public static String percentEncode(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  /** The canonical URI of a path given as decoded segments: each segment encoded, "/" joined. */
  public static String canonicalUri(List<String> decodedSegments) {
    if (decodedSegments.isEmpty()) {
      return "/";
    }
    StringBuilder b = new StringBuilder();
    for (String s : decodedSegments) {
      b.append('/').append(percentEncode(s));
    }
    return b.toString();
  }

  /**
   * The canonical query string: parameters sorted by encoded name (then value), {@code name=value}
   * joined by {@code &}, {@code name=} when the value is empty.
   */
  public static String canonicalQuery(Map<String, List<String>> decodedParams) {
    List<String[]> pairs = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : decodedParams.entrySet()) {
      for (String v : e.getValue()) {
        pairs.add(new String[] {percentEncode(e.getKey()), percentEncode(v == null ? "" : v)});
      }
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> parts = new ArrayList<>(pairs.size());
    for (String[] p : pairs) {
      parts.add(p[0] + "=" + p[1]);
    }
    return String.join("&", parts);
  }

  /**
   * The canonical request. {@code headers} maps lower-case names to values; every entry is signed,
   * in the map's (sorted) order, values trimmed.
   */
  public static String canonicalRequest(
      String method,
      String canonicalUri,
      String canonicalQuery,
      SortedMap<String, String> headers,
      String hashedPayload) {
    StringBuilder b = new StringBuilder();
    b.append(method).append('\n').append(canonicalUri).append('\n');
    b.append(canonicalQuery).append('\n');
    for (Map.Entry<String, String> h : headers.entrySet()) {
      b.append(h.getKey()).append(':').append(h.getValue().trim()).append('\n');
    }
    b.append('\n').append(signedHeaders(headers)).append('\n').append(hashedPayload);
    return b.toString();
  }

  /** The signed header names joined by {@code ;}. */
  public static String signedHeaders(SortedMap<String, String> headers) {
    return String.join(";", headers.keySet());
  }

  /** {@code ACS3-HMAC-SHA256 \n HexSHA256(canonicalRequest)}. */
  public static String stringToSign(String canonicalRequest) {
    return ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex HMAC-SHA256 of the string to sign, keyed with the access key secret. */
  public static String sign(String accessKeySecret, String stringToSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Lower-case hex SHA-256 of the bytes. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** The Authorization header value. */
  public static String authorization(String accessKeyId, String signedHeaders, String signature) {
    return ALGORITHM
        + " Credential="
        + accessKeyId
        + ",SignedHeaders="
        + signedHeaders
        + ",Signature="
        + signature;
  }
}
