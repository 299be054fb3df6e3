package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.cli.e2e.E2E.Run;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.chat.ChatConfig;
import dev.forma.emulator.chat.ChatRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the built jar: {@code forma check} on the quickstart after its README's apply,
 * against a local cloud named by {@code FORMA_ALICLOUD_LOCAL_URL}.
 */
class OpsE2EIT {
  @TempDir Path tmp;
  private LocalCloud cloud;

  @BeforeEach
  void startCloud() throws Exception {
    cloud = E2E.startReadyCloud(tmp);
  }

  @AfterEach
  void stopCloud() {
    cloud.close();
  }

  private Run forma(Path dir, String... args) throws Exception {
    return E2E.exec(
        tmp,
        dir,
        Map.of("FORMA_ALICLOUD_LOCAL_URL", cloud.url(), "NO_COLOR", "1"),
        E2E.forma(args));
  }

  @Test
  void checkPassesOnTheQuickstartAfterApplyAndNamesWhatFails() throws Exception {
    Path dir = E2E.copyExample("quickstart", tmp.resolve("quickstart"));
    Run apply = forma(dir, "apply", "-auto-approve");
    assertEquals(0, apply.exit(), apply.all());

    Run check = forma(dir, "check");
    assertEquals(0, check.exit(), check.all());
    assertTrue(check.out().contains("Check: 3 of 3 model endpoints answering."), check.all());
    for (String a :
        List.of(
            "alicloud_model_router_model.qwen",
            "alicloud_pai_eas_app_service.llm",
            "alicloud_pai_workspace_connection.dashscope")) {
      assertTrue(check.out().contains(a + ": reachable and answering"), check.all());
    }
    assertTrue(
        check
            .out()
            .contains(
                "alicloud_pai_eas_app_service.llm: reachable and answering ("
                    + cloud.url()
                    + "/api/predict/quickstart_llm/v1/chat/completions)"),
        check.all());
    assertFalse(check.all().contains("sk-forma-demo-0000000000000000"), "the key leaked");

    cloud.setChat(
        new ChatConfig(
            ChatRule.OK,
            Map.of("qwen-plus", ChatRule.error("AI_MODEL_DISABLED")),
            Map.of(),
            Set.of()));
    Run failing = forma(dir, "check", "-json");
    assertEquals(1, failing.exit(), failing.all());
    JsonNode doc = new ObjectMapper().readTree(failing.out());
    assertEquals("alicloud_model_router_model.qwen", doc.at("/checks/0/address").asText());
    assertFalse(doc.at("/checks/0/ok").asBoolean(), doc.toString());
    assertEquals("AI_MODEL_DISABLED", doc.at("/checks/0/code").asText(), doc.toString());
    assertEquals("Running", doc.at("/checks/1/status").asText(), doc.toString());
    assertTrue(doc.at("/checks/1/ok").asBoolean(), doc.toString());
    assertEquals(2, doc.at("/summary/failed").asInt(), doc.toString());
  }
}
