package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.State;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.http.HttpBackendConfig;
import dev.forma.state.backend.http.HttpStateServer;
import dev.forma.state.backend.http.HttpStateStore;
import dev.forma.state.codec.StateCodec;
import dev.forma.state.encryption.StateEncryption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backend "http"} end to end through the CLI, against a server of the protocol with GitLab's
 * conventions: plan, apply, plan "No changes.", a lock held elsewhere, {@code -lock-timeout}, the
 * {@code TF_HTTP_*} variables, workspaces refused as Terraform refuses them, {@code
 * errored.tfstate} and its recovery, force-unlock.
 */
class HttpBackendCliTest {
  @TempDir Path dir;
  HttpStateServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpStateServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String backend() {
    return """
        terraform {
          backend "http" {
            address        = "%s"
            lock_address   = "%s"
            unlock_address = "%s"
            lock_method    = "POST"
            unlock_method  = "DELETE"
            retry_max      = 0
          }
        }
        """
        .formatted(server.address("app"), server.lockAddress("app"), server.lockAddress("app"));
  }

  private static final String RESOURCES =
      """
      resource "terraform_data" "a" {
        input = "one"
      }
      output "o" {
        value = terraform_data.a.output
      }
      """;

  /** The configuration written and initialised, as a backend block needs. */
  private CliRun cli() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", backend() + RESOURCES);
    assertEquals(0, cli.run("", "init", "-input=false"), cli.err());
    return cli;
  }

  /** A lock taken by another process on the same state. */
  private HttpStateStore otherHolder() throws Exception {
    HttpBackendConfig config =
        HttpBackendConfig.from(
            Map.of(
                "address", server.address("app"),
                "lock_address", server.lockAddress("app"),
                "unlock_address", server.lockAddress("app"),
                "lock_method", "POST",
                "unlock_method", "DELETE"),
            Map.of());
    return new HttpStateStore(
        config, dir.resolve("elsewhere"), "9.9.9", StateEncryption.NONE, Duration.ofDays(1));
  }

  @Test
  void planApplyAndPlanAgainFindNoChanges() throws Exception {
    CliRun cli = cli();
    assertEquals(0, cli.run("", "init"), cli.err());
    assertEquals(0, cli.run("", "plan"), cli.err());
    assertTrue(cli.out().contains("Plan: 1 to add, 0 to change, 0 to destroy."), cli.out());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(
        cli.out().contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed."),
        cli.out());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")), "no local state file");

    String stored = new String(server.state("app"), StandardCharsets.UTF_8);
    State state = new StateCodec("x").read(server.state("app"), "server");
    assertEquals(1, state.resources().size(), stored);
    assertTrue(stored.contains("\"type\": \"terraform_data\""), stored);
    assertNull(server.lock("app"), "the lock is released");
    assertTrue(
        server.requests().stream()
            .anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/lock")),
        "locked with GitLab's lock address");
    assertTrue(
        server.requests().stream()
            .filter(r -> r.method().equals("POST") && r.path().equals("/state/app"))
            .allMatch(r -> r.query() != null && r.query().startsWith("ID=")),
        "updates carry the lock ID");

    assertEquals(0, cli.run("", "plan", "-detailed-exitcode"), cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());
    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals("terraform_data.a\n", cli.out());
    assertEquals(0, cli.run("", "output", "o"), cli.err());
    assertEquals("\"one\"\n", cli.out());
  }

  @Test
  void theAddressCanComeFromTheEnvironment() throws Exception {
    CliRun cli =
        new CliRun(dir).write("main.tf", "terraform {\n  backend \"http\" {}\n}\n" + RESOURCES);
    cli.env.put("TF_HTTP_ADDRESS", server.address("env"));
    assertEquals(0, cli.run("", "init", "-input=false"), cli.err());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(server.state("env") != null);

    cli.env.remove("TF_HTTP_ADDRESS");
    assertEquals(1, cli.run("", "plan"));
    assertEquals("\nError: address argument is required\n", cli.err());
  }

  @Test
  void aLockHeldElsewhereNamesItsHolderAndLockTimeoutWaitsForIt() throws Exception {
    CliRun cli = cli();
    HttpStateStore other = otherHolder();
    LockInfo held = other.lock(LockInfo.APPLY, "", Duration.ZERO);
    assertEquals(1, cli.run("", "plan"));
    String err = cli.err().replaceAll("[ \n]+", " ");
    assertTrue(err.contains("Error: Error acquiring the state lock"), err);
    assertTrue(err.contains("HTTP remote state already locked: ID=" + held.id()), err);
    assertTrue(err.contains(" Who: " + held.who()), err);
    assertTrue(err.contains(" Version: 9.9.9"), err);

    CompletableFuture<Void> release =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(1500);
                other.unlock(held.id());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-lock-timeout=30s"), cli.err());
    release.get();
    assertTrue(cli.out().contains("1 added"), cli.out());
  }

  @Test
  void forceUnlockReleasesALockLeftBehind() throws Exception {
    CliRun cli = cli();
    LockInfo held = otherHolder().lock(LockInfo.APPLY, "", Duration.ZERO);
    assertEquals(1, cli.run("", "force-unlock", "-force", "not-the-id"));
    assertEquals(
        "\nFailed to unlock state: lock ID \"not-the-id\" does not match existing lock ID \""
            + held.id()
            + "\"\n",
        cli.err());
    assertEquals(0, cli.run("", "force-unlock", "-force", held.id()), cli.err());
    assertTrue(cli.out().startsWith("Forma state has been successfully unlocked!"), cli.out());
    assertNull(server.lock("app"));
    assertEquals(0, cli.run("", "plan"), cli.err());
  }

  @Test
  void aNamedWorkspaceIsRefusedWithTerraformsError() throws Exception {
    CliRun cli = cli();
    int asked = server.requests().size();
    cli.env.put("TF_WORKSPACE", "dev");
    assertEquals(1, cli.run("", "plan"));
    assertTrue(
        cli.err().startsWith("\nError: error loading state: workspaces not supported\n"),
        cli.err());
    assertEquals(asked, server.requests().size(), "nothing asked of the server");
  }

  @Test
  void aStateTheServerRefusesGoesToErroredTfstateAndTheNextCommandRecoversIt() throws Exception {
    CliRun cli = cli();
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    cli.write(
        "main.tf", backend() + RESOURCES + "resource \"terraform_data\" \"b\" {\n  input = 2\n}\n");
    server.failUpdates(503);
    assertEquals(1, cli.run("", "apply", "-auto-approve"));
    String err = cli.err().replaceAll("[ \n]+", " ");
    assertTrue(
        err.contains(
            "Error: Failed to save state Error saving state: Failed to upload state: POST "
                + server.address("app")
                + "?ID="),
        err);
    assertTrue(err.contains("giving up after 1 attempt(s): the last answer was HTTP 503"), err);
    assertTrue(err.contains("Error: Failed to persist state to backend"), err);
    assertTrue(err.contains("forma state push errored.tfstate"), err);
    State errored =
        new StateCodec("x")
            .read(Files.readAllBytes(dir.resolve("errored.tfstate")), "errored.tfstate");
    assertEquals(2, errored.resources().size());
    assertNull(server.lock("app"), "the lock is released all the same");

    // the server is back: the next command here recovers the change from the journal
    server.failUpdates(0);
    assertEquals(0, cli.run("", "plan", "-detailed-exitcode"), cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());
    assertTrue(
        cli.out().contains("Warning: Recovered 1 change from an interrupted apply"), cli.out());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertEquals(2, new StateCodec("x").read(server.state("app"), "server").resources().size());
    assertEquals(0, cli.run("", "plan"), cli.err());
    assertFalse(cli.out().contains("Recovered"), "the journal is settled: " + cli.out());
  }
}
