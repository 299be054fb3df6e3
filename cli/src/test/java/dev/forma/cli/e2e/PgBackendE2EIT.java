package dev.forma.cli.e2e;

import static dev.forma.cli.e2e.E2E.EXAMPLES;
import static dev.forma.cli.e2e.E2E.JAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.cli.e2e.E2E.Run;
import dev.forma.emulator.LocalCloud;
import dev.forma.state.backend.pg.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built CLI ({@code cli/target/forma.jar}, with the PostgreSQL driver shaded in) applies the
 * quickstart against the local cloud with its state in a real PostgreSQL, then plans no changes.
 */
class PgBackendE2EIT {
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

  @Test
  void theQuickstartKeepsItsStateInPostgresAndPlansNoChangesAfterwards() throws Exception {
    TestPostgres pg = TestPostgres.shared();
    String database = pg.createDatabase();
    Path dir = E2E.copyExample("quickstart", tmp.resolve("quickstart"));
    Files.writeString(dir.resolve("backend.tf"), "terraform {\n  backend \"pg\" {}\n}\n");
    String connStr = pg.connStr(database);

    Run init = forma(dir, connStr, "init", "-input=false", "-no-color");
    assertEquals(0, init.exit(), init.out() + init.err());
    Run apply = forma(dir, connStr, "apply", "-auto-approve", "-no-color");
    assertEquals(0, apply.exit(), apply.out() + apply.err());
    assertTrue(apply.out().contains("Apply complete! Resources: 5 added"), apply.out());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
    try (Connection c = pg.connect(database);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*), bool_and(data LIKE '%alicloud_pai_workspace_workspace%') FROM"
                    + " terraform_remote_state.states")) {
      r.next();
      assertEquals(1, r.getInt(1));
      assertTrue(r.getBoolean(2));
    }
    Run plan = forma(dir, connStr, "plan", "-detailed-exitcode", "-no-color");
    assertEquals(0, plan.exit(), plan.out() + plan.err());
    assertTrue(plan.out().contains("No changes."), plan.out());
  }

  /**
   * examples/team-state/run.sh as its README says to run it, with the built jar: a throwaway
   * PostgreSQL, init, a dev and a prod workspace applied, both states encrypted in the database,
   * and a plan in dev with no changes.
   */
  @Test
  void theTeamStateExampleRunsAsItsReadmeSays() throws Exception {
    Path dir = tmp.resolve("team-state");
    Files.createDirectories(dir);
    for (String f : List.of("main.tf", "run.sh")) {
      Files.copy(EXAMPLES.resolve("team-state").resolve(f), dir.resolve(f));
    }
    Path home = EXAMPLES.getParent();
    ProcessBuilder pb = new ProcessBuilder("bash", "run.sh").directory(dir.toFile());
    pb.environment().put("FORMA_HOME", home.toString());
    pb.environment()
        .put(
            "FORMA",
            Path.of(System.getProperty("java.home"), "bin", "java") + " -jar " + JAR.toString());
    pb.environment().put("FORMA_ALICLOUD_LOCAL_URL", cloud.url());
    TestPostgres.shared(); // the server binaries are in place for the script, as after a verify
    Path out = Files.createTempFile(tmp, "out", ".txt");
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("run.sh did not finish:\n" + Files.readString(out));
    }
    String text = Files.readString(out);
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.contains("llm_replicas = 2"), text);
    assertTrue(text.contains("  default\n  dev\n* prod\n"), text);
    assertTrue(text.contains("dev|v0|"), text);
    assertTrue(text.contains("prod|v0|"), text);
    assertTrue(text.contains("rows holding a resource name in clear: 0"), text);
    assertTrue(text.endsWith("found no differences, so no changes are needed.\n"), text);
  }

  private Run forma(Path dir, String connStr, String... args) throws Exception {
    return E2E.exec(
        tmp,
        dir,
        Map.of("FORMA_ALICLOUD_LOCAL_URL", cloud.url(), "PG_CONN_STR", connStr),
        E2E.forma(args));
  }
}
