package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.state.backend.pg.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backend "pg"} through the CLI, against a real PostgreSQL ({@link TestPostgres}): the state
 * lives in the database and not in a file; settings from the block or the environment; what a
 * second process sees while one holds the lock, with and without {@code -lock-timeout}; and an
 * apply killed mid-create (SIGKILL) whose next apply adopts the object instead of making another.
 */
class PgBackendTest {
  @TempDir Path dir;
  private final TestPostgres pg = TestPostgres.shared();
  private String database;
  private final List<Process> children = new ArrayList<>();

  @BeforeEach
  void newDatabase() {
    database = pg.createDatabase();
  }

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
  }

  private String backendBlock() {
    return "terraform {\n  backend \"pg\" {\n    conn_str = \""
        + pg.connStr(database)
        + "\"\n  }\n}\n";
  }

  private String one(String sql) throws SQLException {
    try (Connection c = pg.connect(database);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  private JsonNode storedState(String workspace) throws Exception {
    return new ObjectMapper()
        .readTree(
            one("SELECT data FROM terraform_remote_state.states WHERE name = '" + workspace + "'"));
  }

  @Test
  void applyKeepsTheStateInTheDatabaseAndPlanReadsItBack() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                backendBlock() + "resource \"terraform_data\" \"a\" {\n  input = \"hello\"\n}\n");
    assertEquals(0, cli.run("", "init", "-input=false", "-no-color"), cli.err());
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err());
    assertTrue(cli.out().contains("Apply complete! Resources: 1 added"), cli.out());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
    JsonNode state = storedState("default");
    assertEquals("terraform_data", state.at("/resources/0/type").textValue());
    assertEquals("hello", state.at("/resources/0/instances/0/attributes/input/value").textValue());
    assertEquals("0", one("SELECT count(*) FROM terraform_remote_state.forma_journal"));
    assertEquals("0", one("SELECT count(*) FROM terraform_remote_state.forma_locks"));

    assertEquals(0, cli.run("", "plan", "-detailed-exitcode", "-no-color"), cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());
    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals("terraform_data.a\n", cli.out());
  }

  @Test
  void theSettingsMayComeFromTerraformsEnvironmentVariables() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                "terraform {\n  backend \"pg\" {}\n}\n\nresource \"terraform_data\" \"a\" {}\n");
    cli.env.put("PG_CONN_STR", pg.connStr(database));
    cli.env.put("PG_SCHEMA_NAME", "team_states");
    assertEquals(0, cli.run("", "init", "-input=false", "-no-color"), cli.err());
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err());
    assertEquals(
        "terraform_data",
        new ObjectMapper()
            .readTree(one("SELECT data FROM team_states.states WHERE name = 'default'"))
            .at("/resources/0/type")
            .textValue());

    cli.env.put("PG_SKIP_TABLE_CREATION", "maybe");
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertTrue(
        cli.err()
            .replace('\n', ' ')
            .contains(
                "The environment variable PG_SKIP_TABLE_CREATION (skip_table_creation) must be"
                    + " true or false, not \"maybe\"."),
        cli.err());
  }

  @Test
  void aServerThatCannotBeReachedIsNamedButNotThePassword() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                "terraform {\n  backend \"pg\" {\n    conn_str ="
                    + " \"postgres://ci:Sup3r-Secret@127.0.0.1:"
                    + closed
                    + "/states?sslmode=disable\"\n  }\n}\n\nresource \"terraform_data\" \"a\""
                    + " {}\n");
    // init opens the backend: it is where an unreachable server shows first
    assertEquals(1, cli.run("", "init", "-input=false", "-no-color"));
    String err = cli.err().replace("\n", " ");
    assertTrue(err.contains("Error: Failed to connect to PostgreSQL"), cli.err());
    assertTrue(
        err.contains(
            "Could not connect to the PostgreSQL server at 127.0.0.1:"
                + closed
                + ", database \"states\", user \"ci\""),
        cli.err());
    assertFalse(cli.err().contains("Sup3r-Secret"), cli.err());
    assertFalse(cli.out().contains("Sup3r-Secret"), cli.out());
    assertFalse(cli.err().contains("Exception"), cli.err());
  }

  // ---------------------------------------------------------------- two processes

  private String slowConfig(Path things, int delayMillis) {
    return backendBlock()
        + "\nprovider \"failing\" {\n  store = \""
        + things
        + "\"\n}\n\nresource \"failing_thing\" \"first\" {\n  name = \"first\"\n}\n\n"
        + "resource \"failing_thing\" \"slow\" {\n  name     = \"slow\"\n"
        + (delayMillis > 0 ? "  delay_ms = " + delayMillis + "\n" : "")
        + "}\n\nresource \"terraform_data\" \"after\" {\n  input = failing_thing.slow.id\n}\n";
  }

  /** Forma in a child JVM (this test's class path, so the failing provider is there). */
  private Process formaProcess(Path work, String... args) throws Exception {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    children.add(p);
    return p;
  }

  /**
   * Reads the process's output until it has printed a line starting with each of {@code prefixes};
   * returns what it read.
   */
  private static String readUntil(BufferedReader out, String... prefixes) throws Exception {
    StringBuilder seen = new StringBuilder();
    List<String> waiting = new ArrayList<>(List.of(prefixes));
    for (String l = out.readLine(); l != null; l = out.readLine()) {
      seen.append(l).append('\n');
      String line = l;
      waiting.removeIf(line::startsWith);
      if (waiting.isEmpty()) {
        return seen.toString();
      }
    }
    throw new AssertionError("the process ended before printing " + waiting + ":\n" + seen);
  }

  @Test
  void aSecondProcessIsRefusedNamingTheHolderAndWithALockTimeoutWaitsThenProceeds()
      throws Exception {
    Path things = dir.resolve("things");
    Path first = Files.createDirectories(dir.resolve("first"));
    // the workspace's row exists (a first apply made it): its lock is keyed by the row's id
    CliRun earlier =
        new CliRun(first)
            .write(
                "main.tf",
                slowConfig(things, 0)
                    .substring(
                        0, slowConfig(things, 0).indexOf("resource \"failing_thing\" \"slow\"")));
    assertEquals(0, earlier.run("", "init", "-input=false", "-no-color"), earlier.err());
    assertEquals(0, earlier.run("", "apply", "-auto-approve", "-no-color"), earlier.err());
    Files.writeString(first.resolve("main.tf"), slowConfig(things, 4000));
    Process holder = formaProcess(first, "apply", "-auto-approve", "-no-color");
    BufferedReader holderOut =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    readUntil(holderOut, "failing_thing.slow: Creating...");

    Path second = Files.createDirectories(dir.resolve("second"));
    CliRun cli = new CliRun(second).write("main.tf", slowConfig(things, 4000));
    assertEquals(0, cli.run("", "init", "-input=false", "-no-color", "-lock=false"), cli.err());
    assertEquals(1, cli.run("", "apply", "-auto-approve", "-no-color"));
    String err = cli.err();
    assertTrue(err.contains("Error: Error acquiring the state lock"), err);
    assertTrue(
        err.contains(
            "Error message: Workspace is already locked: default\nLock Info:\n  ID:        "),
        err);
    assertTrue(err.contains("  Path:      pg:terraform_remote_state/default\n"), err);
    assertTrue(err.contains("  Operation: OperationTypeApply\n"), err);
    assertTrue(
        err.contains("  Who:       " + dev.forma.state.backend.LocalStateStore.who() + "\n"), err);
    assertTrue(err.contains("  Version:   " + Main.VERSION + "\n"), err);
    assertFalse(cli.out().contains("will be created"), cli.out());

    // With a timeout it waits for the holder, then sees the holder's state: nothing left to do.
    assertEquals(
        0, cli.run("", "apply", "-auto-approve", "-no-color", "-lock-timeout=60s"), cli.err());
    assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
    String holderRest = new String(holder.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, holder.exitValue(), holderRest);
    assertTrue(holderRest.contains("Apply complete! Resources: 2 added"), holderRest);
    assertTrue(
        cli.out().contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed."),
        cli.out());
    assertEquals(3, storedState("default").get("resources").size());
  }

  @Test
  void anApplyKilledMidCreateIsRecoveredAndTheNextApplyAdoptsTheObject() throws Exception {
    Path things = dir.resolve("things");
    Files.writeString(dir.resolve("main.tf"), slowConfig(things, 600_000));
    CliRun init = new CliRun(dir);
    assertEquals(0, init.run("", "init", "-input=false", "-no-color"), init.err());
    Process apply = formaProcess(dir, "apply", "-auto-approve", "-no-color");
    BufferedReader out =
        new BufferedReader(new InputStreamReader(apply.getInputStream(), StandardCharsets.UTF_8));
    String before =
        readUntil(out, "failing_thing.slow: Creating...", "failing_thing.first: Creation complete");
    for (int i = 0; i < 100 && !Files.exists(things.resolve("slow")); i++) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(things.resolve("slow")), before);
    apply.destroyForcibly(); // SIGKILL: no shutdown hook, no compaction
    assertTrue(apply.waitFor(30, TimeUnit.SECONDS));
    String token = Files.readString(things.resolve("slow"));
    // what the killed apply recorded is in the database: the first object, the slow intent
    assertTrue(
        Integer.parseInt(one("SELECT count(*) FROM terraform_remote_state.forma_journal")) >= 3);

    CliRun cli = new CliRun(dir).write("main.tf", slowConfig(things, 0));
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err());
    String plan = cli.out() + cli.err();
    assertTrue(plan.contains("Warning: Recovered 1 change from an interrupted apply"), plan);
    assertTrue(plan.contains("  saved: failing_thing.first"), plan);
    assertTrue(plan.contains("  failing_thing.slow\n"), plan);
    assertFalse(plan.contains("# failing_thing.slow will be created"), plan);
    assertTrue(plan.contains("+ input  = \"thing-slow\""), plan);

    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err());
    assertFalse(cli.out().contains("failing_thing.slow: Creating..."), cli.out());
    assertFalse(cli.out().contains("failing_thing.first: Creating..."), cli.out());
    assertTrue(cli.out().contains("Apply complete! Resources: 1 added"), cli.out());
    assertEquals(token, Files.readString(things.resolve("slow")), "created once");
    JsonNode state = storedState("default");
    assertEquals(3, state.get("resources").size());
    assertEquals("0", one("SELECT count(*) FROM terraform_remote_state.forma_journal"));
    assertEquals(0, cli.run("", "plan", "-detailed-exitcode", "-no-color"), cli.out());
    assertFalse(cli.out().contains("Warning"), cli.out());
  }
}
