package dev.forma.provider.alicloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a recorded request's ACS3-HMAC-SHA256 signature the way a server would: recomputed from
 * the bytes on the wire (written apart from the provider's signer, so a shared bug cannot hide).
 */
public final class SignatureVerifier {
  private SignatureVerifier() {}

  public static void assertValid(LoggedRequest r, String keyId, String secret) {
    try {
      String auth = r.getHeader("Authorization");
      assertNotNull(auth, "no Authorization header");
      String body = hex(MessageDigest.getInstance("SHA-256").digest(r.getBody()));
      assertEquals(body, r.getHeader("x-acs-content-sha256"), "x-acs-content-sha256");
      String url = r.getUrl();
      int q = url.indexOf('?');
      String path = q < 0 ? url : url.substring(0, q);
      List<String> params = new ArrayList<>();
      if (q >= 0 && q + 1 < url.length()) {
        params.addAll(Arrays.asList(url.substring(q + 1).split("&")));
      }
      params.replaceAll(p -> p.contains("=") ? p : p + "=");
      params.sort(null);
      TreeMap<String, String> signed = new TreeMap<>();
      for (HttpHeader h : r.getHeaders().all()) {
        String n = h.key().toLowerCase(Locale.ROOT);
        if (n.equals("host") || n.equals("content-type") || n.startsWith("x-acs-")) {
          String v = h.firstValue().trim();
          // WireMock's Jetty upper-cases the charset of a Content-Type it knows; the wire had
          // what the provider sent, API.md's "application/json; charset=utf-8"
          if (n.equals("content-type") && v.equalsIgnoreCase("application/json; charset=utf-8")) {
            v = "application/json; charset=utf-8";
          }
          signed.put(n, v);
        }
      }
      StringBuilder canonical = new StringBuilder();
      canonical.append(r.getMethod().value()).append('\n').append(path).append('\n');
      canonical.append(String.join("&", params)).append('\n');
      signed.forEach((n, v) -> canonical.append(n).append(':').append(v).append('\n'));
      canonical.append('\n').append(String.join(";", signed.keySet())).append('\n').append(body);
      String hashed =
          hex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String sig =
          hex(mac.doFinal(("ACS3-HMAC-SHA256\n" + hashed).getBytes(StandardCharsets.UTF_8)));
      assertEquals(
          "ACS3-HMAC-SHA256 Credential="
              + keyId
              + ",SignedHeaders="
              + String.join(";", signed.keySet())
              + ",Signature="
              + sig,
          auth);
      for (String h :
          List.of(
              "host",
              "x-acs-action",
              "x-acs-version",
              "x-acs-date",
              "x-acs-signature-nonce",
              "x-acs-content-sha256")) {
        assertTrue(signed.containsKey(h), "unsigned or missing header " + h);
      }
      assertTrue(
          r.getHeader("x-acs-date").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
          "x-acs-date " + r.getHeader("x-acs-date"));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
