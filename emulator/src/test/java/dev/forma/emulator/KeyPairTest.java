package dev.forma.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A local cloud configured with key pairs accepts only those. */
class KeyPairTest extends CloudTestBase {
  @Override
  LocalCloudOptions options() {
    return super.options().withKeyPairs(Map.of("LTAIpair", "pair-secret"));
  }

  @Test
  void acceptsOnlyTheConfiguredPair() throws Exception {
    client.keyId = "LTAIpair";
    client.secret = "pair-secret";
    assertEquals(
        200, client.aiws("ListWorkspaces", "GET", "/api/v1/workspaces", Map.of()).status());
    client.keyId = "LTAIother";
    CloudClient.Resp r = client.aiws("ListWorkspaces", "GET", "/api/v1/workspaces", Map.of());
    assertEquals(403, r.status());
    assertEquals("InvalidAccessKeyId.NotFound", r.field("Code"));
    client.keyId = "LTAIpair";
    client.secret = LocalCloud.DEFAULT_ACCESS_KEY_SECRET;
    r = client.aiws("ListWorkspaces", "GET", "/api/v1/workspaces", Map.of());
    assertEquals(403, r.status());
    assertEquals("SignatureDoesNotMatch", r.field("Code"));
  }
}
