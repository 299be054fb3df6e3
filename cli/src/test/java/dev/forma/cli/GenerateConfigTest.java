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
}
