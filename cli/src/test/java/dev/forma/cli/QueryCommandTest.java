package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.LocalCloudOptions;
import dev.forma.emulator.api.CloudSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forma query}: list blocks, filters, what is managed already, the generated file. */
class QueryCommandTest {
  private String provider;

  @TempDir Path dir;
  private LocalCloud cloud;
  private CloudApi api;
  private CliRun cli;

  @BeforeEach
  void start() throws Exception {
    cloud =
        LocalCloud.start(
            LocalCloudOptions.of(dir.resolve("cloud.json"), 0)
                .withSettings(new CloudSettings(0, 0, Set.of(), Set.of())));
    api = new CloudApi(cloud);
    cli = new CliRun(dir.resolve("w"));
    provider =
        "provider \"alicloud\" {\n"
            + "  region     = \"cn-hangzhou\"\n"
            + "  access_key = \""
            + LocalCloud.DEFAULT_ACCESS_KEY_ID
            + "\"\n"
            + "  secret_key = \""
            + LocalCloud.DEFAULT_ACCESS_KEY_SECRET
            + "\"\n"
            + "  endpoints {\n"
            + "    aiworkspace = \""
            + cloud.url()
            + "\"\n"
            + "  }\n"
            + "}\n";
    cli.write("main.tf", provider);
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  private String listConnections(String workspace, String extra) {
    return "list \"alicloud_pai_workspace_connection\" \"all\" {\n"
        + "  provider = alicloud\n"
        + "  config {\n"
        + "    workspace_id = \""
        + workspace
        + "\"\n"
        + extra
        + "  }\n"
        + "}\n";
  }

  @Test
  void findsTheConnectionsOfAWorkspaceFilteredByTypeAndWritesTheirAdoption() throws Exception {
    String ws = api.workspace("team");
    api.connection(
        ws,
        "Qwen Chat",
        "DashScopeConnection",
        Map.of("base_url", "https://q"),
        Map.of("api_key", "sk-qwen-secret"));
    api.connection(
        ws,
        "9-lives",
        "DashScopeConnection",
        Map.of("base_url", "https://n"),
        Map.of("api_key", "sk-nine-secret"));
    api.connection(
        ws,
        "vectors",
        "MilvusConnection",
        Map.of("uri", "http://m:19530", "username", "root"),
        Map.of("password", "milvus-secret"));
    cli.write(
        "adopt.tfquery.hcl",
        listConnections(ws, "    connection_type = \"DashScopeConnection\"\n"));
    assertEquals(0, cli.run("", "query", "-no-color"), cli.err() + cli.out());
    assertTrue(cli.out().contains("list.alicloud_pai_workspace_connection.all   id="), cli.out());
    assertTrue(cli.out().contains("   Qwen Chat\n"), cli.out());
    assertFalse(cli.out().contains("vectors"), cli.out());
    assertTrue(
        cli.out().contains("Found 2 objects in 1 list page; 2 not managed by Forma yet."),
        cli.out());
    assertFalse(Files.exists(dir.resolve("w/adopt.tf")));

    assertEquals(
        0,
        cli.run("", "query", "-no-color", "-generate-config-out=adopt.tf"),
        cli.err() + cli.out());
    String gen = Files.readString(dir.resolve("w/adopt.tf"));
    assertTrue(gen.contains("import {\n  to = alicloud_pai_workspace_connection.qwen_chat\n"), gen);
    assertTrue(
        gen.contains("resource \"alicloud_pai_workspace_connection\" \"connection_9_lives\" {"),
        gen);
    assertTrue(gen.contains("  secrets         = var.qwen_chat_secrets\n"), gen);
    assertTrue(gen.contains("  workspace_id    = \"" + ws + "\"\n"), "no block manages it: " + gen);
    assertTrue(
        gen.contains(
            "variable \"qwen_chat_secrets\" {\n"
                + "  type      = map(string)\n"
                + "  default   = null\n"
                + "  sensitive = true\n"
                + "}\n"),
        gen);
    assertFalse(gen.contains("secret\""), gen);
    assertFalse(gen.contains("sk-"), gen);
    assertEquals(
        0, cli.run("", "fmt", "-check", "-diff"), "the generated file is formatted: " + cli.out());

    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err() + cli.out());
    assertTrue(
        cli.out().contains("Plan: 2 to import, 0 to add, 0 to change, 0 to destroy."), cli.out());
    assertFalse(cli.out().contains("sk-"), cli.out());
    assertEquals(2, cli.out().split("will be imported", -1).length - 1, cli.out());
    for (String other : new String[] {"will be updated", "must be replaced", "will be created"}) {
      assertFalse(cli.out().contains(other), cli.out());
    }
    assertFalse((cli.out() + cli.err()).contains("Warning"), cli.out() + cli.err());
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err() + cli.out());
    assertEquals(0, cli.run("", "plan", "-no-color", "-detailed-exitcode"), cli.out());
    assertTrue(cli.out().contains("No changes."), cli.out());

    assertEquals(0, cli.run("", "query", "-no-color", "-generate-config-out=again.tf"));
    assertTrue(
        cli.out().contains("Found 2 objects in 1 list page; 0 not managed by Forma yet."),
        cli.out());
    assertTrue(cli.out().contains("(managed by Forma)"), cli.out());
    assertTrue(cli.out().contains("Nothing to adopt"), cli.out());
    assertFalse(Files.exists(dir.resolve("w/again.tf")));
  }

  @Test
  void adoptsAWorkspaceAModelAndAnAppServiceToo() throws Exception {
    api.workspace("team");
    api.workspace("other");
    api.model("Qwen Turbo", "qwen-turbo", "sk-model-secret");
    api.appService("chat_llm");
    cli.write(
        "main.tf",
        provider.replace(
            "    aiworkspace = ",
            "    eas       = \""
                + cloud.url()
                + "\"\n"
                + "    aicontent = \""
                + cloud.url()
                + "\"\n"
                + "    aiworkspace = "));
    cli.write(
        "adopt.tfquery.hcl",
        """
        list "alicloud_pai_workspace_workspace" "team" {
          config {
            workspace_name = "team"
          }
        }
        list "alicloud_model_router_model" "chat" {
          config {
            model_type = "Chat"
          }
        }
        list "alicloud_pai_eas_app_service" "all" {}
        """);
    assertEquals(
        0,
        cli.run("", "query", "-no-color", "-generate-config-out=adopt.tf"),
        cli.err() + cli.out());
    assertTrue(
        cli.out().contains("Found 3 objects in 3 list pages; 3 not managed by Forma yet."),
        cli.out());
    String gen = Files.readString(dir.resolve("w/adopt.tf"));
    assertTrue(gen.contains("resource \"alicloud_pai_workspace_workspace\" \"team\" {"), gen);
    assertTrue(gen.contains("resource \"alicloud_model_router_model\" \"qwen_turbo\" {"), gen);
    assertTrue(gen.contains("  api_key           = var.qwen_turbo_api_key\n"), gen);
    assertTrue(gen.contains("resource \"alicloud_pai_eas_app_service\" \"chat_llm\" {"), gen);
    assertFalse(gen.contains("sk-model-secret"), gen);
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err() + cli.out());
    assertTrue(
        cli.out().contains("Plan: 3 to import, 0 to add, 0 to change, 0 to destroy."), cli.out());
    assertFalse((cli.out() + cli.err()).contains("Warning"), cli.out() + cli.err());
  }

  @Test
  void connectionsReferToTheirWorkspaceWhenAResourceBlockManagesIt() throws Exception {
    String ws = api.workspace("team");
    api.connection(
        ws, "a", "OpenLLMConnection", Map.of("base_url", "https://a"), Map.of("api_key", "k"));
    cli.write(
        "ws.tfquery.hcl",
        "list \"alicloud_pai_workspace_workspace\" \"team\" {\n"
            + "  config {\n    workspace_name = \"team\"\n  }\n}\n");
    assertEquals(0, cli.run("", "query", "-generate-config-out=ws.tf"), cli.err() + cli.out());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err() + cli.out());
    cli.write("conn.tfquery.hcl", listConnections(ws, ""));
    assertEquals(0, cli.run("", "query", "-generate-config-out=conn.tf"), cli.err() + cli.out());
    String gen = Files.readString(dir.resolve("w/conn.tf"));
    assertTrue(gen.contains("  workspace_id    = alicloud_pai_workspace_workspace.team.id\n"), gen);
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err() + cli.out());
    assertTrue(
        cli.out().contains("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy."), cli.out());
  }

  @Test
  void anObjectInAnImportBlockIsNotAdoptedTwice() throws Exception {
    String ws = api.workspace("team");
    String id =
        api.connection(
            ws, "a", "OpenLLMConnection", Map.of("base_url", "https://a"), Map.of("api_key", "k"));
    api.connection(
        ws, "b", "OpenLLMConnection", Map.of("base_url", "https://b"), Map.of("api_key", "k"));
    cli.write(
        "main.tf",
        provider
            + "import {\n  to = alicloud_pai_workspace_connection.mine\n  id = \""
            + id
            + "\"\n}\n");
    cli.write("adopt.tfquery.hcl", listConnections(ws, ""));
    assertEquals(0, cli.run("", "query", "-no-color"), cli.err() + cli.out());
    assertTrue(
        cli.out().contains("Found 2 objects in 1 list page; 1 not managed by Forma yet."),
        cli.out());
  }

  @Test
  void aListBlockWithForEachListsTheConnectionsOfEveryWorkspaceAndNamesClashesById()
      throws Exception {
    String dev = api.workspace("dev");
    String prod = api.workspace("prod");
    String devSearch =
        api.connection(
            dev,
            "search",
            "OpenLLMConnection",
            Map.of("base_url", "https://d"),
            Map.of("api_key", "k"));
    api.connection(
        prod,
        "search",
        "OpenLLMConnection",
        Map.of("base_url", "https://p"),
        Map.of("api_key", "k"));
    cli.write(
        "main.tf",
        provider
            + "variable \"workspaces\" {\n  default = { dev = \""
            + dev
            + "\", prod = \""
            + prod
            + "\" }\n}\n");
    cli.write(
        "adopt.tfquery.hcl",
        """
        list "alicloud_pai_workspace_connection" "all" {
          for_each = var.workspaces
          config {
            workspace_id = each.value
          }
        }
        """);
    assertEquals(
        0,
        cli.run("", "query", "-no-color", "-generate-config-out=adopt.tf"),
        cli.err() + cli.out());
    assertTrue(
        cli.out()
            .contains("list.alicloud_pai_workspace_connection.all[\"dev\"]    id=" + devSearch),
        cli.out());
    assertTrue(
        cli.out().contains("Found 2 objects in 2 list pages; 2 not managed by Forma yet."),
        cli.out());
    String gen = Files.readString(dir.resolve("w/adopt.tf"));
    String devName = "search_" + devSearch.replace('-', '_');
    assertTrue(gen.contains("  to = alicloud_pai_workspace_connection." + devName + "\n"), gen);
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err() + cli.out());
    assertTrue(
        cli.out().contains("Plan: 2 to import, 0 to add, 0 to change, 0 to destroy."), cli.out());
  }

  @Test
  void objectsOfAnImportBlockWithForEachAreNotAdoptedTwice() throws Exception {
    String ws = api.workspace("team");
    String a =
        api.connection(
            ws, "a", "OpenLLMConnection", Map.of("base_url", "https://a"), Map.of("api_key", "k"));
    String b =
        api.connection(
            ws, "b", "OpenLLMConnection", Map.of("base_url", "https://b"), Map.of("api_key", "k"));
    api.connection(
        ws, "c", "OpenLLMConnection", Map.of("base_url", "https://c"), Map.of("api_key", "k"));
    cli.write(
        "main.tf",
        provider
            + "variable \"ids\" {\n  default = { a = \""
            + a
            + "\", b = \""
            + b
            + "\" }\n}\n"
            + "import {\n  for_each = var.ids\n"
            + "  to       = alicloud_pai_workspace_connection.mine[each.key]\n"
            + "  id       = each.value\n}\n");
    cli.write("adopt.tfquery.hcl", listConnections(ws, ""));
    assertEquals(0, cli.run("", "query", "-no-color"), cli.err() + cli.out());
    assertTrue(
        cli.out().contains("Found 3 objects in 1 list page; 1 not managed by Forma yet."),
        cli.out());
    assertTrue(cli.out().contains("   c\n"), cli.out());
  }

  @Test
  void aFilterOnAnAttributeTheTypeLacksNamesFileLineAndSuggests() throws Exception {
    cli.write("adopt.tfquery.hcl", listConnections("1", "    conection_type = \"x\"\n"));
    assertEquals(1, cli.run("", "query", "-no-color"));
    assertTrue(cli.err().contains("Error: Unsupported argument"), cli.err());
    assertTrue(cli.err().contains("on adopt.tfquery.hcl line 5"), cli.err());
    assertTrue(cli.err().contains("Did you mean \"connection_type\"?"), cli.err());
  }

  @Test
  void aListWithoutItsScopeSaysWhatItNeeds() throws Exception {
    cli.write("adopt.tfquery.hcl", "list \"alicloud_pai_workspace_connection\" \"all\" {\n}\n");
    assertEquals(1, cli.run("", "query", "-no-color"));
    assertTrue(
        cli.err().replace('\n', ' ').contains("needs workspace_id in the list block's config"),
        cli.err());
    assertTrue(cli.err().contains("on adopt.tfquery.hcl line 1"), cli.err());
  }

  @Test
  void aTypeThatCannotBeListedOrHasNoProviderIsAnErrorAtItsBlock() throws Exception {
    cli.write(
        "adopt.tfquery.hcl", "list \"terraform_data\" \"x\" {}\n\nlist \"nosuch\" \"y\" {}\n");
    assertEquals(1, cli.run("", "query", "-no-color"));
    String err = cli.err().replace('\n', ' ');
    assertTrue(err.contains("Error: Listing not supported"), err);
    assertTrue(err.contains("on adopt.tfquery.hcl line 1"), err);
    assertTrue(err.contains("Error: Invalid list resource type"), err);
    assertTrue(err.contains("on adopt.tfquery.hcl line 3"), err);
    assertFalse(err.contains("Exception"), err);
  }

  @Test
  void withoutListBlocksItSaysWhatToWrite() {
    assertEquals(1, cli.run("", "query", "-no-color"));
    assertTrue(cli.err().contains("Error: No list blocks"), cli.err());
    assertTrue(cli.err().contains("adopt.tfquery.hcl"), cli.err());
  }
}
