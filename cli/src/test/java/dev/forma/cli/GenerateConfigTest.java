package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.chat.ChatConfig;
import dev.forma.emulator.chat.ChatRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan -generate-config-out=FILE} and {@code plan -check-connectivity}. */
class GenerateConfigTest {
  @TempDir Path dir;

  @Test
  void writesConfigurationForAnImportTargetWithoutABlockThenPlansTheImport() throws Exception {
    CliRun cli =
        new CliRun(dir).write("main.tf", "import {\n  to = terraform_data.a\n  id = \"abc\"\n}\n");
    assertEquals(
        0, cli.run("", "plan", "-no-color", "-generate-config-out=gen.tf"), cli.err() + cli.out());
    // Terraform 1.11.4's generated file for the same import, with "Forma" for "Terraform".
    assertEquals(
        "# __generated__ by Forma\n"
            + "# Please review these resources and move them into your main configuration files.\n"
            + "\n"
            + "# __generated__ by Forma from \"abc\"\n"
            + "resource \"terraform_data\" \"a\" {\n"
            + "  input            = null\n"
            + "  triggers_replace = null\n"
            + "}\n",
        Files.readString(dir.resolve("gen.tf")));
    assertTrue(cli.out().contains("terraform_data.a: Preparing import... [id=abc]"), cli.out());
    assertTrue(cli.out().contains("# terraform_data.a will be imported"), cli.out());
    assertTrue(cli.out().contains("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy."));
    assertTrue(cli.out().contains("Forma has generated configuration and written it to gen.tf."));
  }

  @Test
  void refusesToOverwriteAnExistingFile() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write("main.tf", "import {\n  to = terraform_data.a\n  id = \"abc\"\n}\n")
            .write("gen.tf", "# mine\n");
    assertEquals(1, cli.run("", "plan", "-no-color", "-generate-config-out=gen.tf"));
    assertTrue(cli.err().contains("Error: Target generated file already exists"), cli.err());
    assertEquals("# mine\n", Files.readString(dir.resolve("gen.tf")));
  }

  @Test
  void planChecksConnectivityWhenAsked() throws Exception {
    try (LocalCloud cloud = LocalCloud.start(dir.resolve("cloud.json"), 0)) {
      cloud.setChat(
          new ChatConfig(
              ChatRule.OK, Map.of("off", ChatRule.error("AI_MODEL_DISABLED")), Map.of(), Set.of()));
      String base = cloud.chatUrl().replace("/chat/completions", "");
      CliRun cli =
          new CliRun(dir.resolve("w"))
              .write(
                  "main.tf",
                  "resource \"terraform_data\" \"a\" {}\n"
                      + "provider \"alicloud\" {\n"
                      + "  region     = \"cn-hangzhou\"\n"
                      + "  access_key = \""
                      + LocalCloud.DEFAULT_ACCESS_KEY_ID
                      + "\"\n"
                      + "  secret_key = \""
                      + LocalCloud.DEFAULT_ACCESS_KEY_SECRET
                      + "\"\n"
                      + "  endpoints {\n"
                      + "    aicontent = \""
                      + cloud.url()
                      + "\"\n"
                      + "  }\n"
                      + "}\n"
                      + "resource \"alicloud_model_router_model\" \"m\" {\n"
                      + "  name     = \"m\"\n"
                      + "  model_id = \"off\"\n"
                      + "  api_key  = \"sk-1\"\n"
                      + "  base_url = \""
                      + base
                      + "\"\n"
                      + "}\n");
      assertEquals(
          1, cli.run("", "plan", "-no-color", "-check-connectivity"), cli.err() + cli.out());
      assertTrue(
          cli.out().contains("alicloud_model_router_model.m: not answering [AI_MODEL_DISABLED]"),
          cli.out() + cli.err());
      assertFalse(cli.out().contains("sk-1"), cli.out());
    }
  }

  private static final String LOCAL_PROVIDER =
      "provider \"alicloud\" {\n  region   = \"cn-hangzhou\"\n  endpoint = \"local\"\n}\n";

  private static final String WORKSPACE_AND_CONNECTION =
      LOCAL_PROVIDER
          + """
          resource "alicloud_pai_workspace_workspace" "w" {
            workspace_name = "gen_ws"
            description    = "made by hand"
            env_types      = ["prod"]
          }

          resource "alicloud_pai_workspace_connection" "c" {
            workspace_id    = alicloud_pai_workspace_workspace.w.id
            connection_name = "search"
            connection_type = "ElasticsearchConnection"
            accessibility   = "PRIVATE"
            description     = "Search cluster"
            configs = {
              uri      = "http://es.internal:9200"
              username = "elastic"
            }
            secrets = {
              password = "es-password"
            }
          }
          """;

  /**
   * Objects made in the embedded local cloud of {@code cli}'s directory, then forgotten by the
   * state, as if made outside Forma; returns the ID of {@code address}.
   */
  private static String madeOutside(CliRun cli, String address) throws Exception {
    cli.write("main.tf", WORKSPACE_AND_CONNECTION);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err() + cli.out());
    assertEquals(0, cli.run("", "state", "pull"), cli.err());
    com.fasterxml.jackson.databind.JsonNode state =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out());
    String id = null;
    for (com.fasterxml.jackson.databind.JsonNode r : state.path("resources")) {
      if ((r.path("type").asText() + "." + r.path("name").asText()).equals(address)) {
        id = r.path("instances").get(0).path("attributes").path("id").asText();
      }
    }
    assertEquals(0, cli.run("", "state", "rm", "alicloud_pai_workspace_connection.c"), cli.err());
    assertEquals(0, cli.run("", "state", "rm", "alicloud_pai_workspace_workspace.w"), cli.err());
    return id;
  }

  @Test
  void generatesConfigurationFromTheEmbeddedLocalCloud() throws Exception {
    CliRun cli = new CliRun(dir);
    String id = madeOutside(cli, "alicloud_pai_workspace_workspace.w");
    cli.write(
        "main.tf",
        LOCAL_PROVIDER
            + "import {\n  to = alicloud_pai_workspace_workspace.w\n  id = \""
            + id
            + "\"\n}\n");
    assertEquals(
        0, cli.run("", "plan", "-no-color", "-generate-config-out=gen.tf"), cli.err() + cli.out());
    assertFalse(cli.err().contains("The local cloud is not running"), cli.err());
    String gen = Files.readString(dir.resolve("gen.tf"));
    assertTrue(gen.contains("resource \"alicloud_pai_workspace_workspace\" \"w\" {"), gen);
    assertTrue(gen.contains("workspace_name    = \"gen_ws\""), gen);
    assertTrue(cli.out().contains("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy."));
    // the cloud is announced once, though it is started for the generation and for the plan
    assertEquals(1, cli.out().split("Using the local cloud", -1).length - 1, cli.out());
  }

  @Test
  void aGeneratedSecretVariableWithoutValueNamesItAndSaysHowToGiveIt() throws Exception {
    CliRun cli = new CliRun(dir);
    String id = madeOutside(cli, "alicloud_pai_workspace_connection.c");
    cli.write(
        "main.tf",
        LOCAL_PROVIDER
            + "import {\n  to = alicloud_pai_workspace_connection.c\n  id = \""
            + id
            + "\"\n}\n");
    assertEquals(1, cli.run("", "plan", "-no-color", "-generate-config-out=gen.tf"));
    String gen = Files.readString(dir.resolve("gen.tf"));
    assertTrue(gen.contains("  secrets         = var.c_secrets\n"), gen);
    assertTrue(gen.contains("variable \"c_secrets\" {\n  type      = map(string)\n"), gen);
    assertFalse(gen.contains("es-password"), gen);
    assertTrue(cli.out().contains("the sensitive variables c_secrets."), cli.out());
    String err = cli.err().replaceAll("\n(?! )", " ");
    assertTrue(err.contains("Error: No value for required variable"), err);
    assertTrue(err.contains("on gen.tf line "), err);
    assertTrue(err.contains("variable \"c_secrets\" {"), err);
    assertTrue(err.contains("-var 'c_secrets={ KEY = \"VALUE\" }'"), err);
    assertTrue(err.contains("TF_VAR_c_secrets="), err);
    assertTrue(err.contains("c_secrets = { KEY = \"VALUE\" }"), err);
    assertTrue(err.contains("without -generate-config-out"), err);
    // given a value, the next plan imports the object with the configuration generated
    cli.env.put("TF_VAR_c_secrets", "{ password = \"es-password\" }");
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err() + cli.out());
    assertTrue(cli.out().contains("1 to import"), cli.out());
  }
}
