package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Result;
import dev.forma.state.InstanceAddress;
import dev.forma.state.ResourceAddress;
import dev.forma.state.State;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LocalBackend;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateStore;
import dev.forma.state.backend.StateTransaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StateMigration} between the local backend and a remote one (an in-memory backend with
 * workspaces, as pg, or without, as http): what is copied, the create intents carried with each
 * state, Terraform's question when the destination keeps only the default workspace, and locks.
 */
class StateMigrationTest {
  @TempDir Path dir;
  private ByteArrayOutputStream out;
  private LocalBackend local;

  private static final InstanceAddress A =
      ResourceAddress.managed("terraform_data", "a").instance();
  private static final InstanceAddress B =
      ResourceAddress.managed("terraform_data", "b").instance();

  @BeforeEach
  void localWorkspaces() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertEquals(0, cli.run("", "workspace", "new", "dev"), cli.err());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertEquals(0, cli.run("", "workspace", "new", "prod"), cli.err());
    local = new LocalBackend(dir, null, null, "test");
  }

  private Terminal terminal(String stdin) {
    out = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
    Map<String, String> env = new HashMap<>();
    return new Terminal(
        p, p, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, dir, false);
  }

  private static StateMigration.Options asking() {
    return new StateMigration.Options(false, true, true, Duration.ZERO);
  }

  private static StateMigration.Options forced() {
    return new StateMigration.Options(true, false, true, Duration.ZERO);
  }

  @Test
  void toABackendWithoutWorkspacesOnlyTheCurrentOneIsCopiedAfterAsking() throws Exception {
    MemoryBackend http = new MemoryBackend("http", false);
    Result<StateMigration.Outcome> r =
        new StateMigration(terminal("yes\n"), asking(), "local", local, "http", http).run("dev");
    assertEquals(
        """
        Destination state "http" doesn't support workspaces.
        Do you want to copy only your current workspace?
          The existing "local" backend supports workspaces and you currently are
          using more than one. The newly configured "http" backend doesn't support
          workspaces. If you continue, Forma will copy your current workspace "dev"
          to the default workspace in the new backend. Your existing workspaces in the
          source backend won't be modified. If you want to switch workspaces, back them
          up, or cancel altogether, answer "no" and Forma will abort.

          Enter a value: \n""",
        out.toString(StandardCharsets.UTF_8));
    assertEquals(new StateMigration.Outcome(List.of("dev"), "default"), r.value());
    State copied = http.store("default").stored();
    assertEquals(local.store("dev").read().state().lineage(), copied.lineage());

    MemoryBackend refused = new MemoryBackend("http", false);
    Result<StateMigration.Outcome> no =
        new StateMigration(terminal("no\n"), asking(), "local", local, "http", refused).run("dev");
    assertEquals("Migration aborted by user.", no.diagnostics().asList().getFirst().summary());
    assertNull(refused.store("default").stored());
  }

  @Test
  void toABackendWithWorkspacesEveryOneIsMadeAndTheNonEmptyOnesCopied() throws Exception {
    MemoryBackend pg = new MemoryBackend("pg", true);
    Result<StateMigration.Outcome> r =
        new StateMigration(terminal(""), forced(), "local", local, "pg", pg).run("prod");
    assertEquals(new StateMigration.Outcome(List.of("default", "dev"), null), r.value());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("default", "dev", "prod"), pg.workspaces());
    for (String w : List.of("default", "dev")) {
      State source = local.store(w).read().state();
      State copied = pg.store(w).stored();
      assertEquals(source.lineage(), copied.lineage(), w);
      assertEquals(source.serial(), copied.serial(), w);
      assertTrue(copied.sameContent(source), w);
      assertNull(pg.store(w).lock, "released");
    }
    assertNull(pg.store("prod").stored(), "an empty workspace has no state to copy");
    // a second migration finds everything there already: nothing is written again
    long serial = pg.store("dev").stored().serial();
    new StateMigration(terminal(""), forced(), "local", local, "pg", pg).run("prod");
    assertEquals(serial, pg.store("dev").stored().serial());
  }

  @Test
  void pendingCreatesTravelWithTheirStateBothWays() throws Exception {
    MemoryBackend pg = new MemoryBackend("pg", true);
    pg.createWorkspace("dev");
    MemoryBackend.Store dev = pg.store("dev");
    State base = State.empty();
    try (StateTransaction tx = dev.begin("apply", base)) {
      tx.state().recordIntent(B, "token-b");
      tx.commit();
    }
    assertEquals(Map.of(B, "token-b"), dev.intents);
    LocalBackend target = new LocalBackend(dir, "target.tfstate", "target", "test");
    Result<StateMigration.Outcome> r =
        new StateMigration(terminal(""), forced(), "pg", pg, "local", target).run("default");
    assertEquals(List.of("dev"), r.value().copied(), r.diagnostics().toString());
    LoadedState moved = target.store("dev").read();
    assertEquals(Map.of(B, "token-b"), moved.recovery().orElseThrow().pendingIntents());

    // and from the local backend to the remote one
    StateStore localDev = local.store("dev");
    try (StateTransaction tx = localDev.begin("apply", localDev.read().state())) {
      tx.state().recordIntent(A, "token-a");
      tx.commit();
    }
    MemoryBackend other = new MemoryBackend("pg", true);
    new StateMigration(terminal(""), forced(), "local", local, "pg", other).run("default");
    assertEquals(Map.of(A, "token-a"), other.store("dev").intents);
  }

  @Test
  void aLockedDestinationStopsTheMigrationNamingTheWorkspace() throws Exception {
    MemoryBackend pg = new MemoryBackend("pg", true);
    pg.createWorkspace("dev");
    LockInfo held = pg.store("dev").lock(LockInfo.APPLY, "", Duration.ZERO);
    Result<StateMigration.Outcome> r =
        new StateMigration(terminal(""), forced(), "local", local, "pg", pg).run("default");
    assertTrue(r.hasErrors());
    var d = r.diagnostics().asList().getFirst();
    assertEquals(
        "Error migrating the workspace \"dev\" from the previous \"local\" backend to the newly"
            + " configured \"pg\" backend",
        d.summary());
    assertTrue(d.detail().startsWith("Error acquiring the state lock: held by " + held.id()));
    assertTrue(d.detail().contains("Any workspaces alphabetically earlier than this one"));
    assertNull(pg.store("dev").stored());
    assertTrue(pg.store("default").stored() != null, "default was copied before dev");
    // the source is never left locked
    LockInfo again = local.store("dev").lock(LockInfo.APPLY, "", Duration.ZERO);
    local.store("dev").unlock(again.id());
  }
}
