package dev.forma.provider.alicloud.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcsSignerTest {
  private static Map.Entry<String, String> q(String k, String v) {
    return new AbstractMap.SimpleImmutableEntry<>(k, v);
  }

  @Test
  void reproducesThePublishedVectorOfTheV3Documentation() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", "ecs.cn-shanghai.aliyuncs.com");
    headers.put("x-acs-action", "RunInstances");
    headers.put("x-acs-content-sha256", AcsSigner.EMPTY_SHA256);
    headers.put("x-acs-date", "2023-10-26T10:22:32Z");
    headers.put("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d");
    headers.put("x-acs-version", "2014-05-26");
    AcsSigner.Signature s =
        AcsSigner.sign(
            "POST",
            List.of(),
            List.of(
                q("RegionId", "cn-shanghai"),
                q("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")),
            headers,
            AcsSigner.EMPTY_SHA256,
            "YourAccessKeyId",
            "YourAccessKeySecret");
    assertEquals(
        "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
        s.hashedCanonicalRequest());
    assertEquals("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", s.signature());
    assertEquals(
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;"
            + "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            + "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
        s.authorization());
  }

  @Test
  void signsARoaGetWithEncodedPathSegmentsAndSortedEncodedQuery() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "aiworkspace.cn-hangzhou.aliyuncs.com");
    headers.put("x-acs-action", "GetConnection");
    headers.put("x-acs-version", "2021-02-04");
    headers.put("x-acs-date", "2025-01-02T03:04:05Z");
    headers.put("x-acs-signature-nonce", "nonce-1");
    headers.put("x-acs-content-sha256", AcsSigner.EMPTY_SHA256);
    headers.put("Accept", "application/json");
    AcsSigner.Signature s =
        AcsSigner.sign(
            "GET",
            List.of("api", "v1", "connections", "conn a*b"),
            List.of(q("WorkspaceId", "12*45 x"), q("EncryptOption", "Secret")),
            headers,
            AcsSigner.EMPTY_SHA256,
            "AKID",
            "SECRET");
    assertEquals(
        "GET\n/api/v1/connections/conn%20a%2Ab\nEncryptOption=Secret&WorkspaceId=12%2A45%20x\n"
            + "host:aiworkspace.cn-hangzhou.aliyuncs.com\nx-acs-action:GetConnection\n"
            + "x-acs-content-sha256:"
            + AcsSigner.EMPTY_SHA256
            + "\n"
            + "x-acs-date:2025-01-02T03:04:05Z\nx-acs-signature-nonce:nonce-1\n"
            + "x-acs-version:2021-02-04\n\n"
            + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;"
            + "x-acs-version\n"
            + AcsSigner.EMPTY_SHA256,
        s.canonicalRequest());
    // computed independently (Python hashlib/hmac) from the same inputs
    assertEquals(
        "78e88c99a4534449a1227b3bfcb34e6a2e0a3d2d9d5ef2ae50b1c861137ad77a",
        s.hashedCanonicalRequest());
    assertEquals("5ce31ceac96262356b10a2edbc3d7c2ab2f65196342f2ad9a492921db16cbe11", s.signature());
  }

  @Test
  void signsARoaPostWithAJsonBodyPortInHostAndSecurityToken() {
    byte[] body =
        "{\"ConnectionName\":\"llm-connection\",\"Configs\":{\"base_url\":\"https://x.example/v1\"},\"Description\":\"开源\"}"
            .getBytes(StandardCharsets.UTF_8);
    String hash = AcsSigner.sha256Hex(body);
    assertEquals("c45d2adee7d3d376ea21df1fce43dd7b4c0e4efd51a5ff99eed0d851a4581d5c", hash);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", "127.0.0.1:8080");
    headers.put("x-acs-action", "CreateConnection");
    headers.put("x-acs-version", "2021-02-04");
    headers.put("x-acs-date", "2025-01-02T03:04:05Z");
    headers.put("x-acs-signature-nonce", "nonce-2");
    headers.put("x-acs-content-sha256", hash);
    headers.put("content-type", "application/json; charset=utf-8");
    headers.put("x-acs-security-token", "STS.tok");
    AcsSigner.Signature s =
        AcsSigner.sign(
            "POST",
            List.of("api", "v1", "connections"),
            List.of(),
            headers,
            hash,
            "AKID",
            "SECRET");
    assertEquals(
        "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;"
            + "x-acs-signature-nonce;x-acs-version",
        s.signedHeaders());
    assertEquals(
        "1919a02227fba48ae95a648e55c1712f1243f20bd4b19afc6a52d6a1ce81dd63",
        s.hashedCanonicalRequest());
    assertEquals("cd5fdedddebd08e18b77a6035b0b4e06bc327a77e233e7a97f00d22d962701c5", s.signature());
  }

  @Test
  void percentEncodesPerRfc3986() {
    assertEquals("a-_.~Z09", AcsSigner.percentEncode("a-_.~Z09"));
    assertEquals("%20%2A%2F%3D%26%2B", AcsSigner.percentEncode(" */=&+"));
    assertEquals("%E5%BC%80", AcsSigner.percentEncode("开"));
    assertEquals("a=&b=2", AcsSigner.canonicalQuery(List.of(q("b", "2"), q("a", ""))));
    assertEquals("/", AcsSigner.canonicalUri(List.of()));
  }
}
