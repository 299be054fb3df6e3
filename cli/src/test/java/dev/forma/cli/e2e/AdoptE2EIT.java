package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.cli.CloudApi;
import dev.forma.cli.e2e.E2E.Run;
import dev.forma.emulator.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, bulk adoption: a workspace and 200 model connections made outside Forma (through the
 * local cloud's signed API, as the console would), plus connections of another type that the query
 * filters out; {@code forma query -generate-config-out} finds them in a few list pages and writes
 * their import and resource blocks; the plan only imports; the apply adopts; then "No changes." No
 * secret value appears in anything Forma prints or writes.
 */
class AdoptE2EIT {
  private static final int CONNECTIONS = 200;

  @TempDir Path tmp;
  private LocalCloud cloud;
  private final StringBuilder printed = new StringBuilder();

  @BeforeEach
  void startCloud() throws Exception {
    cloud = E2E.startReadyCloud(tmp);
  }

  @AfterEach
  void stopCloud() {
    cloud.close();
  }

  private Run forma(Path dir, String... args) throws Exception {
    Run r =
        E2E.exec(
            tmp,
            dir,
            Map.of(
                "FORMA_ALICLOUD_LOCAL_URL", cloud.url(), "NO_COLOR", "1", "TF_IN_AUTOMATION", "1"),
            E2E.forma(args));
    printed.append(r.all());
    return r;
  }

  private Run ok(Path dir, String... args) throws Exception {
    Run r = forma(dir, args);
    assertEquals(0, r.exit(), () -> String.join(" ", args) + "\n" + r.all());
    return r;
  }

  @Test
  void twoHundredConnectionsMadeOutsideAreAdoptedByOneQueryAndOneApply() throws Exception {
    CloudApi api = new CloudApi(cloud);
    String ws = api.workspace("console_team");
    for (int i = 0; i < CONNECTIONS; i++) {
      api.connection(
          ws,
          "llm-" + i,
          "DashScopeConnection",
          Map.of("base_url", "https://dashscope.example/v" + i),
          Map.of("api_key", "sk-secret-" + i));
    }
    for (int i = 0; i < 5; i++) {
      api.connection(
          ws,
          "vectors-" + i,
          "MilvusConnection",
          Map.of("uri", "http://milvus-" + i + ":19530", "username", "root"),
          Map.of("password", "pw-secret-" + i));
    }
    assertEquals(List.of(1, CONNECTIONS + 5, 0, 0), E2E.counts(cloud));

    Path dir = Files.createDirectories(tmp.resolve("adopter"));
    Files.writeString(
        dir.resolve("main.tf"),
        """
        provider "alicloud" {
          region   = "cn-hangzhou"
          endpoint = "local"
        }
        """);
    Files.writeString(
        dir.resolve("adopt.tfquery.hcl"),
        """
        list "alicloud_pai_workspace_workspace" "team" {
          provider = alicloud
          config {
            workspace_name = "console_team"
          }
        }

        list "alicloud_pai_workspace_connection" "models" {
          provider = alicloud
          config {
            workspace_id    = "%s"
            connection_type = "DashScopeConnection"
          }
        }
        """
            .formatted(ws));

    long listsBefore = api.received("ListConnections");
    long getsBefore = api.received("GetConnection");
    Run query = ok(dir, "query", "-generate-config-out=adopted.tf");
    long lists = api.received("ListConnections") - listsBefore;
    assertEquals(2, lists, "200 connections are 2 pages of 100, not 200 reads");
    assertEquals(0, api.received("GetConnection") - getsBefore, "no connection read one by one");
    assertTrue(
        query.out().contains("Found 201 objects in 3 list pages; 201 not managed by Forma yet."),
        query.all());
    String gen = Files.readString(dir.resolve("adopted.tf"));
    assertEquals(201, gen.split("(?m)^import \\{", -1).length - 1, gen);
    assertTrue(
        gen.contains("resource \"alicloud_pai_workspace_workspace\" \"console_team\" {"), gen);
    assertTrue(gen.contains("  to = alicloud_pai_workspace_connection.llm_199\n"), gen);
    assertTrue(gen.contains("variable \"llm_7_secrets\" {"), gen);
    assertTrue(
        gen.contains("  workspace_id    = alicloud_pai_workspace_workspace.console_team.id\n"),
        "a connection refers to the workspace adopted with it: " + gen);
    assertFalse(gen.contains("vectors"), "filtered out by connection_type");
    ok(dir, "fmt", "-check");

    Run plan = ok(dir, "plan");
    assertTrue(
        plan.out().contains("Plan: 201 to import, 0 to add, 0 to change, 0 to destroy."),
        plan.all());
    assertEquals(201, plan.out().split("will be imported", -1).length - 1, plan.out());
    assertFalse(plan.all().contains("Warning"), plan.all());
    assertFalse(plan.out().contains("will be updated"), plan.out());

    Run apply = ok(dir, "apply", "-auto-approve");
    assertTrue(
        apply.out().contains("Apply complete! Resources: 201 imported, 0 added, 0 changed"),
        apply.all());
    assertEquals(List.of(1, CONNECTIONS + 5, 0, 0), E2E.counts(cloud), "nothing made twice");

    Run again = forma(dir, "plan", "-detailed-exitcode");
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().contains("No changes."), again.all());

    Run requery = ok(dir, "query", "-generate-config-out=more.tf");
    assertTrue(requery.out().contains("201 objects in 3 list pages; 0 not managed"), requery.all());
    assertFalse(Files.exists(dir.resolve("more.tf")));

    String state = Files.readString(dir.resolve("terraform.tfstate"));
    for (String text : List.of(printed.toString(), gen, state)) {
      assertFalse(text.contains("sk-secret-"), "a secret value leaked");
      assertFalse(text.contains("pw-secret-"), "a secret value leaked");
    }
  }
}
