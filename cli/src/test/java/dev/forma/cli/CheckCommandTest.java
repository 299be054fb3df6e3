package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.chat.ChatConfig;
import dev.forma.emulator.chat.ChatMode;
import dev.forma.emulator.chat.ChatRule;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma check} end to end against the local cloud's chat endpoint: the configuration's
 * model-service connections and ModelRouter models are evaluated (variables resolved) and called.
 */
class CheckCommandTest {
  @TempDir Path dir;
  LocalCloud cloud;
  CliRun cli;

  private static final String CONFIG =
      """
      variable "key" {
        type      = string
        sensitive = true
      }
      variable "base_url" {
        type = string
      }
      resource "alicloud_pai_workspace_workspace" "w" {
        workspace_name = "w"
        description    = "d"
        display_name   = "w"
        env_types      = ["prod"]
      }
      resource "alicloud_pai_workspace_connection" "dashscope" {
        workspace_id    = alicloud_pai_workspace_workspace.w.id
        connection_name = "dashscope"
        connection_type = "DashScopeConnection"
        configs         = { base_url = var.base_url }
        secrets         = { api_key = var.key }
        models {
          model = "qwen-turbo"
        }
      }
      resource "alicloud_pai_workspace_connection" "db" {
        workspace_id    = alicloud_pai_workspace_workspace.w.id
        connection_name = "db"
        connection_type = "RDSConnection"
        configs         = { host = "h" }
      }
      resource "alicloud_model_router_model" "models" {
        for_each = toset(["qwen-max", "disabled-model"])
        name     = each.key
        model_id = each.key
        api_key  = var.key
        base_url = var.base_url
      }
      """;

  @BeforeEach
  void start() throws Exception {
    cloud = LocalCloud.start(dir.resolve("cloud.json"), 0);
    cloud.setChat(
        new ChatConfig(
            ChatRule.OK,
            Map.of(
                "disabled-model", ChatRule.error("AI_MODEL_DISABLED"),
                "quota-model", ChatRule.errorIn200("EXCEED_TOKEN_QUOTA_LIMIT"),
                "broken-model", new ChatRule(ChatMode.BROKEN_STREAM, null, null)),
            Map.of(),
            Set.of("sk-good")));
    cli = new CliRun(dir.resolve("work"));
    cli.env.put("TF_VAR_key", "sk-good");
    cli.env.put("TF_VAR_base_url", baseUrl());
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  private String baseUrl() {
    return cloud.chatUrl().substring(0, cloud.chatUrl().length() - "/chat/completions".length());
  }

  @Test
  void reportsEachModelEndpointAndFailsWhenOneDoesNotAnswer() throws Exception {
    cli.write("main.tf", CONFIG);
    assertEquals(1, cli.run("", "check", "-no-color"), cli.err());
    String out = cli.out();
    String chat = cloud.chatUrl();
    assertEquals(
        "alicloud_model_router_model.models[\"disabled-model\"]: not answering"
            + " [AI_MODEL_DISABLED]\n"
            + "  The model is disabled: enable it in the console, or try again in two minutes"
            + " (the endpoint answered HTTP 400, AI_MODEL_DISABLED: The model has been"
            + " disabled.).\n"
            + "  URL: "
            + chat
            + "\n"
            + "alicloud_model_router_model.models[\"qwen-max\"]: reachable and answering ("
            + chat
            + ")\n"
            + "alicloud_pai_workspace_connection.dashscope: reachable and answering ("
            + chat
            + ")\n"
            + "\n"
            + "Check: 2 of 3 model endpoints answering.\n",
        out.replaceAll("HTTP [0-9]{3}, AI_MODEL_DISABLED", "HTTP 400, AI_MODEL_DISABLED"));
    assertFalse(out.contains("sk-good"), out);
  }

  @Test
  void exitsZeroWhenAllAnswerAndPrintsJsonForPipelines() throws Exception {
    cli.write("main.tf", CONFIG.replace("\"disabled-model\"", "\"qwen-plus\""));
    assertEquals(0, cli.run("", "check", "-json"), cli.err());
    JsonNode doc = new ObjectMapper().readTree(cli.out());
    assertTrue(doc.get("ok").asBoolean(), doc.toString());
    assertEquals(3, doc.at("/summary/answering").asInt());
    assertEquals(
        "alicloud_pai_workspace_connection.dashscope", doc.at("/checks/2/address").asText());
    assertTrue(doc.at("/checks/2/ok").asBoolean());
  }

  @Test
  void aWrongKeyAnErrorInA200AndABrokenStreamAreEachSaid() throws Exception {
    cli.write(
        "main.tf",
        """
        variable "base_url" {
          type = string
        }
        resource "alicloud_model_router_model" "quota" {
          name     = "q"
          model_id = "quota-model"
          api_key  = "sk-good"
          base_url = var.base_url
        }
        resource "alicloud_model_router_model" "broken" {
          name     = "b"
          model_id = "broken-model"
          api_key  = "sk-good"
          base_url = var.base_url
        }
        resource "alicloud_model_router_model" "wrongkey" {
          name     = "w"
          model_id = "qwen-max"
          api_key  = "sk-wrong"
          base_url = var.base_url
        }
        """);
    assertEquals(1, cli.run("", "check", "-json"), cli.err());
    JsonNode doc = new ObjectMapper().readTree(cli.out());
    assertFalse(doc.get("ok").asBoolean());
    assertEquals("STREAM_BROKEN", doc.at("/checks/0/code").asText(), doc.toString());
    assertEquals("EXCEED_TOKEN_QUOTA_LIMIT", doc.at("/checks/1/code").asText(), doc.toString());
    assertTrue(
        doc.at("/checks/1/message").asText().contains("HTTP 200 with an error in the body"),
        doc.toString());
    assertFalse(doc.at("/checks/2/ok").asBoolean(), doc.toString());
    assertTrue(doc.at("/checks/2/message").asText().contains("check api_key"), doc.toString());
    assertFalse(cli.out().contains("sk-wrong"), cli.out());
  }

  @Test
  void anEndpointKnownOnlyAfterApplyIsReportedNotCalled() throws Exception {
    cli.write(
        "main.tf",
        """
        resource "terraform_data" "url" {
          input = "http://127.0.0.1:1/v1"
        }
        resource "alicloud_model_router_model" "m" {
          name     = "m"
          model_id = "qwen-max"
          api_key  = "sk-good"
          base_url = terraform_data.url.output
        }
        """);
    assertEquals(1, cli.run("", "check", "-no-color"), cli.err());
    assertTrue(cli.out().contains("base_url is not known until apply"), cli.out());
  }

  @Test
  void nothingToCheckIsSuccess() throws Exception {
    cli.write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(0, cli.run("", "check", "-no-color"), cli.err());
    assertTrue(cli.out().startsWith("No model endpoints to check"), cli.out());
  }

  @Test
  void aMissingVariableIsAnErrorAsInPlan() throws Exception {
    cli.env.remove("TF_VAR_key");
    cli.write("main.tf", CONFIG);
    assertEquals(1, cli.run("", "check", "-no-color", "-input=false"));
    assertTrue(cli.err().contains("No value for required variable"), cli.err());
  }
}
