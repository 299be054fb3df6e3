package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.forma.emulator.signature.Acs3Signature;
import dev.forma.emulator.signature.ReceivedRequest;
import dev.forma.emulator.signature.SignatureException;
import dev.forma.emulator.signature.SignatureVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The signature against Alibaba Cloud's published V3 vector (API.md), and the verifier's rules. */
class SignatureTest {
  private static final String SIGNATURE =
      "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

  private static TreeMap<String, String> vectorHeaders() {
    TreeMap<String, String> h = new TreeMap<>();
    h.put("host", "ecs.cn-shanghai.aliyuncs.com");
    h.put("x-acs-action", "RunInstances");
    h.put("x-acs-content-sha256", Acs3Signature.EMPTY_SHA256);
    h.put("x-acs-date", "2023-10-26T10:22:32Z");
    h.put("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d");
    h.put("x-acs-version", "2014-05-26");
    return h;
  }

  private static Map<String, List<String>> vectorQuery() {
    Map<String, List<String>> q = new LinkedHashMap<>();
    q.put("RegionId", List.of("cn-shanghai"));
    q.put("ImageId", List.of("win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"));
    return q;
  }

  @Test
  void matchesThePublishedVector() {
    String canonical =
        Acs3Signature.canonicalRequest(
            "POST",
            Acs3Signature.canonicalUri(List.of()),
            Acs3Signature.canonicalQuery(vectorQuery()),
            vectorHeaders(),
            Acs3Signature.EMPTY_SHA256);
    assertEquals(
        "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
        Acs3Signature.sha256Hex(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(
        SIGNATURE,
        Acs3Signature.sign("YourAccessKeySecret", Acs3Signature.stringToSign(canonical)));
  }

  private static ReceivedRequest vectorRequest(String signature) {
    Map<String, String> headers = new LinkedHashMap<>(vectorHeaders());
    headers.put(
        "authorization",
        Acs3Signature.authorization(
            "YourAccessKeyId",
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
            signature));
    return new ReceivedRequest("POST", List.of(), vectorQuery(), headers, new byte[0]);
  }

  private static SignatureVerifier verifierAt(String instant, Map<String, String> pairs) {
    return new SignatureVerifier(
        pairs, "unused", Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), true);
  }

  @Test
  void verifierAcceptsThePublishedVectorWithinTheWindow() throws Exception {
    SignatureVerifier v =
        verifierAt("2023-10-26T10:36:00Z", Map.of("YourAccessKeyId", "YourAccessKeySecret"));
    assertEquals("YourAccessKeyId", v.verify(vectorRequest(SIGNATURE)));
  }

  @Test
  void verifierRefusesTheVectorSixteenMinutesLater() {
    SignatureVerifier v =
        verifierAt("2023-10-26T10:38:33Z", Map.of("YourAccessKeyId", "YourAccessKeySecret"));
    SignatureException e =
        assertThrows(SignatureException.class, () -> v.verify(vectorRequest(SIGNATURE)));
    assertEquals("InvalidTimeStamp.Expired", e.code());
  }

  @Test
  void verifierRefusesAnotherSecretAndAnUnknownKey() {
    SignatureException wrong =
        assertThrows(
            SignatureException.class,
            () ->
                verifierAt("2023-10-26T10:22:32Z", Map.of("YourAccessKeyId", "other"))
                    .verify(vectorRequest(SIGNATURE)));
    assertEquals(403, wrong.status());
    assertEquals("SignatureDoesNotMatch", wrong.code());
    SignatureException unknown =
        assertThrows(
            SignatureException.class,
            () ->
                verifierAt("2023-10-26T10:22:32Z", Map.of("SomeoneElse", "YourAccessKeySecret"))
                    .verify(vectorRequest(SIGNATURE)));
    assertEquals(403, unknown.status());
    assertEquals("InvalidAccessKeyId.NotFound", unknown.code());
  }

  @Test
  void verifierRefusesAReusedNonce() throws Exception {
    SignatureVerifier v =
        verifierAt("2023-10-26T10:22:32Z", Map.of("YourAccessKeyId", "YourAccessKeySecret"));
    v.verify(vectorRequest(SIGNATURE));
    SignatureException e =
        assertThrows(SignatureException.class, () -> v.verify(vectorRequest(SIGNATURE)));
    assertEquals("SignatureNonceUsed", e.code());
  }

  @Test
  void percentEncodesAsRfc3986() {
    assertEquals("a%20b%2A~-_.%2F%2B%E4%B8%AD", Acs3Signature.percentEncode("a b*~-_./+中"));
    assertEquals(
        "/api/v1/connections/conn%20x",
        Acs3Signature.canonicalUri(List.of("api", "v1", "connections", "conn x")));
    assertEquals(
        "a=&b=1", Acs3Signature.canonicalQuery(Map.of("b", List.of("1"), "a", List.of(""))));
  }
}
