package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.LocalCloudOptions;
import dev.forma.emulator.api.CloudSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma check} and EAS LLM services: each is looked up in the cloud (a service that is not
 * Running fails with its status, one that does not exist says to apply first) and a Running one is
 * called at its OpenAI-compatible endpoint with its token, which the local cloud requires.
 */
class EasCheckTest {
  @TempDir Path dir;
  LocalCloud cloud;
  CliRun cli;

  private static String service(String label, String name) {
    return "resource \"alicloud_pai_eas_app_service\" \""
        + label
        + "\" {\n"
        + "  service_name = \""
        + name
        + "\"\n"
        + "  app_type     = \"LLM\"\n"
        + "  service_spec = \"chatglm2_6b_fp16\"\n"
        + "  replicas     = 1\n"
        + "}\n";
  }

  @BeforeEach
  void start() throws Exception {
    cloud =
        LocalCloud.start(
            LocalCloudOptions.of(dir.resolve("cloud.json"), 0)
                .withSettings(new CloudSettings(0, 0, Set.of(), Set.of("llm_bad"))));
    cli = new CliRun(dir.resolve("work"));
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  @Test
  void aRunningServiceAnswersWithItsTokenAFailedOneFailsWithItsStatus() throws Exception {
    String config =
        LocalClouds.providerBlock(cloud) + service("ok", "llm_ok") + service("bad", "llm_bad");
    cli.write("main.tf", config);
    assertEquals(1, cli.run("", "apply", "-auto-approve", "-no-color"), cli.out() + cli.err());
    assertTrue(cli.err().contains("Failed"), cli.err());
    cli.write("main.tf", config + service("missing", "llm_missing"));

    assertEquals(1, cli.run("", "check", "-no-color"), cli.err());
    String url = cloud.url() + "/api/predict/";
    assertEquals(
        "alicloud_pai_eas_app_service.bad: not answering [SERVICE_NOT_RUNNING]\n"
            + "  The service is Failed (ResourceInsufficient: The instances of service llm_bad"
            + " could not be scheduled: no resources left for spec chatglm2_6b_fp16.): fix the"
            + " cause (the service spec, the quota, the model files) and apply again: the next"
            + " plan deploys a Failed service again.\n"
            + "  URL: "
            + url
            + "llm_bad\n"
            + "alicloud_pai_eas_app_service.missing: not answering [SERVICE_NOT_FOUND]\n"
            + "  There is no EAS service named \"llm_missing\" in region cn-hangzhou: apply the"
            + " configuration first, then check.\n"
            + "alicloud_pai_eas_app_service.ok: reachable and answering ("
            + url
            + "llm_ok/v1/chat/completions)\n"
            + "\n"
            + "Check: 1 of 3 model endpoints answering.\n",
        cli.out());

    assertEquals(1, cli.run("", "check", "-json"), cli.err());
    JsonNode doc = new ObjectMapper().readTree(cli.out());
    assertFalse(doc.path("ok").asBoolean(), doc.toString());
    assertEquals("Failed", doc.at("/checks/0/status").asText(), doc.toString());
    assertEquals("SERVICE_NOT_RUNNING", doc.at("/checks/0/code").asText());
    assertTrue(doc.at("/checks/1/status").isNull(), doc.toString());
    assertEquals("Running", doc.at("/checks/2/status").asText());
    assertTrue(doc.at("/checks/2/ok").asBoolean());
    assertEquals(1, doc.at("/summary/answering").asInt());
    java.util.regex.Matcher tokens =
        java.util.regex.Pattern.compile("\"AccessToken\" ?: ?\"([^\"]+)\"")
            .matcher(Files.readString(dir.resolve("cloud.json")));
    int seen = 0;
    while (tokens.find()) {
      seen++;
      assertFalse(cli.out().contains(tokens.group(1)), "a service token leaked");
    }
    assertEquals(2, seen);
  }

  @Test
  void againstTheLocalCloudItAnswersForDashScopesHost() throws Exception {
    cloud.close();
    cli.write(
        "main.tf",
        """
        provider "alicloud" {
          endpoint = "local"
        }
        resource "alicloud_model_router_model" "qwen" {
          name     = "q"
          model_id = "qwen-plus"
          api_key  = "sk-demo"
          base_url = "https://dashscope.aliyuncs.com/compatible-mode/v1"
        }
        resource "alicloud_model_router_model" "off" {
          name     = "o"
          model_id = "local:error:AI_MODEL_DISABLED"
          api_key  = "sk-demo"
          base_url = "https://dashscope.aliyuncs.com/compatible-mode/v1"
        }
        """);
    assertEquals(1, cli.run("", "check", "-no-color"), cli.err());
    String out = cli.out();
    assertTrue(out.startsWith("Using the local cloud (objects in .forma/local-cloud.json)"), out);
    assertTrue(
        out.contains(
            "alicloud_model_router_model.qwen: reachable and answering (http://127.0.0.1:"),
        out);
    assertTrue(
        out.contains(
            "/compatible-mode/v1/chat/completions)\n"
                + "  Answering: the local cloud stands in for dashscope.aliyuncs.com (endpoint ="
                + " \"local\" sends the calls for Alibaba Cloud there).\n"),
        out);
    assertTrue(
        out.contains("alicloud_model_router_model.off: not answering [AI_MODEL_DISABLED]"), out);
    assertTrue(out.endsWith("Check: 1 of 2 model endpoints answering.\n"), out);
  }

  @Test
  void theEndpointsOfChildModulesAreCheckedWithTheirInputs() throws Exception {
    String base =
        cloud.chatUrl().substring(0, cloud.chatUrl().length() - "/chat/completions".length());
    cli.write(
        "main.tf",
        "module \"platform\" {\n"
            + "  for_each = toset([\"dev\", \"prod\"])\n"
            + "  source   = \"./platform\"\n"
            + "  env      = each.key\n"
            + "  base_url = \""
            + base
            + "\"\n"
            + "}\n");
    cli.write(
        "platform/main.tf",
        """
        variable "env" {
          type = string
        }
        variable "base_url" {
          type = string
        }
        resource "alicloud_model_router_model" "chat" {
          name     = "${var.env}-chat"
          model_id = var.env == "dev" ? "qwen-plus" : "local:error:AI_MODEL_NOT_FOUND"
          api_key  = "sk-demo"
          base_url = var.base_url
        }
        """);
    assertEquals(1, cli.run("", "check", "-no-color"), cli.err());
    assertTrue(
        cli.out()
            .startsWith(
                "module.platform[\"dev\"].alicloud_model_router_model.chat: reachable and"
                    + " answering ("
                    + cloud.chatUrl()
                    + ")\n"
                    + "module.platform[\"prod\"].alicloud_model_router_model.chat: not answering"
                    + " [AI_MODEL_NOT_FOUND]\n"),
        cli.out());
  }

  @Test
  void aProviderThatCannotBeConfiguredFailsTheCheckWithItsError() throws Exception {
    cli.write(
        "main.tf",
        "provider \"alicloud\" {\n  region     = \"cn-hangzhou\"\n  access_key = \"only-half\"\n}\n"
            + service("llm", "llm_one"));
    assertEquals(1, cli.run("", "check", "-json"), cli.err());
    JsonNode doc = new ObjectMapper().readTree(cli.out());
    assertFalse(doc.path("ok").asBoolean(), doc.toString());
    assertEquals("error", doc.at("/diagnostics/0/severity").asText(), doc.toString());
    assertEquals(0, doc.path("checks").size(), doc.toString());
  }

  /** The root provider block of {@link LocalClouds#providerBlock} with an alias. */
  private String aliasedProvider(String alias) {
    return LocalClouds.providerBlock(cloud)
        .replaceFirst(
            "provider \"alicloud\" \\{\n",
            "provider \"alicloud\" {\n  alias = \"" + alias + "\"\n");
  }

  @Test
  void aServiceInAChildModuleIsLookedUpThroughTheProviderConfigurationItIsGiven() throws Exception {
    // no default alicloud block in the root module: the child module's service is managed by the
    // configuration the call passes in, as plan and apply configure it
    cli.write(
        "main.tf",
        aliasedProvider("cloud")
            + "module \"llm\" {\n"
            + "  source    = \"./llm\"\n"
            + "  providers = { alicloud = alicloud.cloud }\n"
            + "}\n");
    cli.write("llm/main.tf", service("svc", "llm_child"));
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.out() + cli.err());

    assertEquals(0, cli.run("", "check", "-no-color"), cli.out() + cli.err());
    assertEquals(
        "module.llm.alicloud_pai_eas_app_service.svc: reachable and answering ("
            + cloud.url()
            + "/api/predict/llm_child/v1/chat/completions)\n"
            + "\n"
            + "Check: 1 of 1 model endpoint answering.\n",
        cli.out());
  }

  @Test
  void planCheckConnectivityWithJsonKeepsTheStreamJsonLines() throws Exception {
    String base = cloud.chatUrl().replace("/chat/completions", "");
    cli.write(
        "main.tf",
        LocalClouds.providerBlock(cloud)
            + "resource \"alicloud_model_router_model\" \"m\" {\n"
            + "  name     = \"m\"\n"
            + "  model_id = \"qwen-plus\"\n"
            + "  api_key  = \"sk-json-1\"\n"
            + "  base_url = \""
            + base
            + "\"\n"
            + "}\n");
    assertEquals(0, cli.run("", "plan", "-json", "-check-connectivity"), cli.out() + cli.err());
    ObjectMapper json = new ObjectMapper();
    java.util.List<String> messages = new java.util.ArrayList<>();
    for (String line : cli.out().split("\n")) {
      JsonNode n = json.readTree(line);
      assertTrue(n.isObject() && n.has("type") && n.has("@message"), line);
      if (n.path("type").asText().equals("log")) {
        messages.add(n.path("@message").asText());
      }
    }
    assertEquals(
        java.util.List.of(
            "alicloud_model_router_model.m: reachable and answering (" + cloud.chatUrl() + ")",
            "Check: 1 of 1 model endpoint answering."),
        messages,
        cli.out());
    assertFalse(cli.out().contains("sk-json-1"), cli.out());
  }
}
