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

  /**
   * examples/gitops/ci-local.sh from a copy placed outside the repository, the state in PostgreSQL
   * as in CI, the CLI found on the PATH: every CI step runs green in order.
   */
  @Test
  void theGitopsExamplesCiStepsRunGreenFromACopyPlacedAnywhere() throws Exception {
    Path copy = E2E.copyExample("gitops", tmp.resolve("elsewhere/platform-repo"));
    Path bin = tmp.resolve("bin");
    java.nio.file.Files.createDirectories(bin);
    Path wrapper = bin.resolve("forma");
    java.nio.file.Files.writeString(
        wrapper,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -jar '"
            + E2E.JAR
            + "' \"$@\"\n");
    wrapper.toFile().setExecutable(true);
    dev.forma.state.backend.pg.TestPostgres pg = dev.forma.state.backend.pg.TestPostgres.shared();
    String database = pg.createDatabase();
    String connStr = pg.connStr(database);
    Run run =
        E2E.exec(
            tmp,
            copy,
            Map.of(
                "FORMA_ALICLOUD_LOCAL_URL",
                cloud.url(),
                "PG_CONN_STR",
                connStr,
                "PATH",
                bin + ":" + System.getenv("PATH")),
            List.of("bash", "ci-local.sh"));
    assertEquals(0, run.exit(), run.all());
    String out = run.out();
    assertTrue(out.startsWith("Forma CLI: forma\n"), out);
    assertTrue(out.contains("State: PostgreSQL (PG_CONN_STR)"), out);
    int at = 0;
    for (String s :
        List.of(
            "==> Pull request: forma fmt -check -recursive",
            "==> Pull request, dev: forma validate",
            "Success! The configuration is valid.",
            "==> Pull request, dev: forma plan -out=tfplan",
            "Plan: 4 to add, 0 to change, 0 to destroy.",
            "==> Pull request, dev: forma show -markdown tfplan > plan.md",
            "## Forma plan",
            "**Plan: 4 to add, 0 to change, 0 to destroy.**",
            "==> Pull request, prod: forma plan -out=tfplan",
            "==> Merge, dev: forma apply of the reviewed plan (artifact dev.tfplan)",
            "Apply complete! Resources: 4 added, 0 changed, 0 destroyed.",
            "==> After apply, dev: forma check",
            "Check: 3 of 3 model endpoints answering.",
            "==> Merge, prod: forma apply of the reviewed plan (artifact prod.tfplan)",
            "==> After apply, prod: forma check",
            "Check: 3 of 3 model endpoints answering.",
            "==> Nightly, dev: forma drift (0: no drift, 2: drift, 1: error)",
            "No drift.",
            "==> Nightly, prod: forma drift (0: no drift, 2: drift, 1: error)",
            "No drift.",
            "==> CI steps passed")) {
      int i = out.indexOf(s, at);
      assertTrue(i >= 0, "missing, or out of order: " + s + "\n" + out);
      at = i + s.length();
    }
    assertFalse(out.contains("To perform exactly these actions"), "TF_IN_AUTOMATION: " + out);
    assertEquals(List.of(2, 2, 2, 2), E2E.counts(cloud));
    for (String left : List.of("envs/dev/.terraform", "envs/dev/tfplan", "envs/prod/.forma")) {
      assertFalse(java.nio.file.Files.exists(copy.resolve(left)), "the copy is left as it was");
    }
    try (var c = pg.connect(database);
        var s = c.createStatement();
        var r =
            s.executeQuery(
                "SELECT count(*) FROM forma_dev.states UNION ALL SELECT count(*) FROM"
                    + " forma_prod.states")) {
      r.next();
      assertEquals(1, r.getInt(1));
      r.next();
      assertEquals(1, r.getInt(1));
    }
  }

  @Test
  void tfLogTurnsOnFormasLoggingToStandardErrorAndFormaLogWins() throws Exception {
    Path dir = E2E.copyExample("quickstart", tmp.resolve("quickstart"));
    assertEquals(0, forma(dir, "apply", "-auto-approve").exit());
    // the plan refreshes what the apply made: HTTP calls, which the provider logs at DEBUG
    Map<String, String> env =
        Map.of("FORMA_ALICLOUD_LOCAL_URL", cloud.url(), "NO_COLOR", "1", "TF_LOG", "DEBUG");
    Run logged = E2E.exec(tmp, dir, env, E2E.forma("plan", "-input=false"));
    assertEquals(0, logged.exit(), logged.all());
    assertTrue(logged.err().contains("DEBUG forma.alicloud.http"), logged.err());
    assertFalse(logged.out().contains("DEBUG"), "logs only on standard error");
    Map<String, String> off = new java.util.HashMap<>(env);
    off.put("FORMA_LOG", "off");
    Run quiet = E2E.exec(tmp, dir, off, E2E.forma("plan", "-input=false"));
    assertEquals(0, quiet.exit(), quiet.all());
    assertFalse(quiet.err().contains("forma.alicloud.http"), quiet.err());
  }

  /**
   * An EAS service in a child module, with no {@code alicloud} block anywhere: the provider is
   * configured from the environment as plan configures it (the default configuration the child
   * module inherits), and {@code forma check} looks the service up and calls it.
   */
  @Test
  void checkLooksUpAServiceOfAChildModuleThroughTheImpliedProvider() throws Exception {
    Path dir = tmp.resolve("child");
    java.nio.file.Files.createDirectories(dir.resolve("llm"));
    java.nio.file.Files.writeString(
        dir.resolve("main.tf"), "module \"llm\" {\n  source = \"./llm\"\n}\n");
    java.nio.file.Files.writeString(
        dir.resolve("llm/main.tf"),
        """
        resource "alicloud_pai_eas_app_service" "svc" {
          service_name = "child_llm"
          app_type     = "LLM"
          service_spec = "chatglm2_6b_fp16"
          replicas     = 1
        }
        """);
    Map<String, String> env = new java.util.HashMap<>();
    env.put("NO_COLOR", "1");
    env.put("ALICLOUD_ACCESS_KEY", LocalCloud.DEFAULT_ACCESS_KEY_ID);
    env.put("ALICLOUD_SECRET_KEY", LocalCloud.DEFAULT_ACCESS_KEY_SECRET);
    env.put("ALICLOUD_REGION", "cn-hangzhou");
    for (String product : List.of("AIWORKSPACE", "EAS", "AICONTENT")) {
      env.put("ALIBABA_CLOUD_ENDPOINT_" + product, cloud.url());
    }
    Run apply = E2E.exec(tmp, dir, env, E2E.forma("apply", "-auto-approve"));
    assertEquals(0, apply.exit(), apply.all());

    Run check = E2E.exec(tmp, dir, env, E2E.forma("check"));
    assertEquals(0, check.exit(), check.all());
    assertEquals(
        "module.llm.alicloud_pai_eas_app_service.svc: reachable and answering ("
            + cloud.url()
            + "/api/predict/child_llm/v1/chat/completions)\n"
            + "\n"
            + "Check: 1 of 1 model endpoint answering.\n",
        check.out(),
        check.all());
  }
}
