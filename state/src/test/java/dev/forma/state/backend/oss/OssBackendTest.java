package dev.forma.state.backend.oss;

import static dev.forma.state.backend.oss.OssHelperMain.PROVIDER;
import static dev.forma.state.backend.oss.OssHelperMain.instance;
import static dev.forma.state.backend.oss.OssHelperMain.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.LocalCloudOptions;
import dev.forma.emulator.fault.FaultConfig;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.SyncState;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.Recovery;
import dev.forma.state.backend.StateLockException;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.encryption.StateEncryption;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oss backend end to end against the local cloud's OSS, over HTTP with real signatures: state
 * round trips in Terraform's layout, workspaces, the lock object between two backends and two
 * processes, force-unlock, the journal and its recovery after a process dies mid-apply, retries,
 * encryption of every payload, and errors that name the bucket and endpoint but never the secret.
 */
class OssBackendTest {
  @TempDir Path dir;
  private LocalCloud cloud;
  private final List<Process> children = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    cloud = LocalCloud.start(LocalCloudOptions.of(dir.resolve("cloud.json"), 0));
    cloud.createBucket("state");
  }

  @AfterEach
  void stop() {
    children.forEach(Process::destroyForcibly);
    cloud.close();
  }

  private Map<String, String> args(String... more) {
    Map<String, String> a = new HashMap<>();
    a.put("bucket", "state");
    a.put("endpoint", cloud.url());
    a.put("region", LocalCloud.DEFAULT_REGION);
    a.put("access_key", LocalCloud.DEFAULT_ACCESS_KEY_ID);
    a.put("secret_key", LocalCloud.DEFAULT_ACCESS_KEY_SECRET);
    for (int i = 0; i < more.length; i += 2) {
      a.put(more[i], more[i + 1]);
    }
    return a;
  }

  private OssBackend backend(String... more) throws StateException {
    return backend(StateEncryption.NONE, more);
  }

  private OssBackend backend(StateEncryption encryption, String... more) throws StateException {
    return new OssBackend(
        OssSettings.resolve(args(more), Map.of(), dir),
        "0.1.0",
        encryption,
        Clock.systemUTC(),
        4,
        Duration.ofMillis(5));
  }

  private OssStateStore store(OssBackend backend) throws StateException {
    return (OssStateStore) backend.store("default");
  }

  /** A client that sees the bucket as it is, to check what the backend left there. */
  private OssClient raw() throws StateException {
    return new OssClient(
        OssSettings.resolve(args(), Map.of(), dir), "test", Clock.systemUTC(), 1, Duration.ZERO);
  }

  /** How many of the instances 0 to 9 have an object. */
  private static int objects(State state) {
    int n = 0;
    for (int i = 0; i < 10; i++) {
      n += state.currentObject(instance(i)).isPresent() ? 1 : 0;
    }
    return n;
  }

  private static State withObjects(State base, int n) throws StateException {
    SyncState s = new SyncState(base);
    for (int i = 0; i < n; i++) {
      s.setCurrent(instance(i), PROVIDER, object("id-" + i));
    }
    return s.snapshot();
  }

  // ---------------------------------------------------------------- state and workspaces

  @Test
  void aStateRoundTripsInTerraformsLayout() throws Exception {
    OssStateStore store = store(backend());
    assertFalse(store.exists());
    LoadedState empty = store.read();
    assertTrue(empty.state().isEmpty());
    assertTrue(empty.recovery().isEmpty());

    State written = store.write(withObjects(empty.state(), 2));
    assertEquals(1, written.serial());
    assertTrue(store.exists());
    assertEquals(List.of("env:/terraform.tfstate"), raw().list(""));
    String json = new String(raw().get("env:/terraform.tfstate"), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"version\": 4"), json);
    assertTrue(json.contains("\"lineage\": \"" + written.lineage() + "\""), json);

    OssStateStore other = store(backend());
    State read = other.read().state();
    assertEquals(written.resources(), read.resources());
    assertEquals(1, read.serial());
    assertEquals(1, other.write(read).serial(), "same content: not written again");
    assertEquals(2, other.write(withObjects(read, 3)).serial());
  }

  @Test
  void workspacesAreListedCreatedAndDeleted() throws Exception {
    OssBackend backend = backend();
    assertEquals(List.of("default"), backend.workspaces());
    backend.createWorkspace("prod");
    backend.createWorkspace("dev");
    assertEquals(List.of("default", "dev", "prod"), backend.workspaces());
    assertTrue(raw().exists("env:/dev/terraform.tfstate"));
    StateException exists =
        assertThrows(StateException.class, () -> backend.createWorkspace("dev"));
    assertEquals("Workspace already exists", exists.problems().getFirst().summary());

    OssStateStore dev = (OssStateStore) backend.store("dev");
    assertEquals(1, dev.read().state().serial());
    dev.write(withObjects(dev.read().state(), 1));
    assertTrue(store(backend).read().state().isEmpty(), "the default workspace is apart");

    // a lock object beside a workspace's state does not make another workspace
    LockInfo lock = dev.lock(LockInfo.APPLY, "", Duration.ZERO);
    assertEquals(List.of("default", "dev", "prod"), backend().workspaces());
    dev.unlock(lock.id());

    backend.deleteWorkspace("dev");
    assertEquals(List.of("default", "prod"), backend.workspaces());
    assertFalse(raw().exists("env:/dev/terraform.tfstate"));
    StateException missing = assertThrows(StateException.class, () -> backend.store("dev"));
    assertTrue(
        missing.getMessage().contains("create it with \"forma workspace new dev\""),
        missing.getMessage());
    assertThrows(StateException.class, () -> backend.deleteWorkspace("default"));
  }

  @Test
  void aCustomPrefixAndKeyAreHonoured() throws Exception {
    OssBackend backend = backend("prefix", "teams/a", "key", "app/state.json");
    store(backend).write(withObjects(State.empty(), 1));
    backend.createWorkspace("prod");
    assertEquals(List.of("teams/a/app/state.json", "teams/a/prod/app/state.json"), raw().list(""));
    assertEquals(List.of("default", "prod"), backend.workspaces());
  }

  // ---------------------------------------------------------------- the journal

  @Test
  void eachChangeIsAnObjectOfItsOwnAndCommittingLeavesOnlyTheState() throws Exception {
    OssStateStore store = store(backend());
    StateTransaction tx = store.begin("apply", store.read().state());
    String journal = store.journalPrefix();
    assertEquals(1, raw().list(journal).size(), "the begin record");
    tx.state().recordIntent(instance(0), "t0");
    assertEquals(2, raw().list(journal).size());
    tx.state().setCurrent(instance(0), PROVIDER, object("id-0"));
    assertEquals(3, raw().list(journal).size());
    String record = new String(raw().get(raw().list(journal).get(2)), StandardCharsets.UTF_8);
    assertTrue(record.startsWith("{\"op\":\"set\""), record);
    // Terraform takes every object under the prefix but its default state for a workspace: the
    // journal stays out of there
    assertEquals(List.of("env:/terraform.tfstate"), raw().list("env:/"));
    assertTrue(journal.startsWith(".forma/journal/env:/terraform.tfstate/"), journal);
    State committed = tx.commit();
    assertTrue(committed.currentObject(instance(0)).isPresent());
    assertEquals(List.of("env:/terraform.tfstate"), raw().list(""));
    assertTrue(store(backend()).read().recovery().isEmpty());
  }

  @Test
  void aProcessKilledMidApplyLeavesAJournalTheNextReaderRecovers() throws Exception {
    Process crashed = child("crash", "3");
    String ready = readLine(crashed);
    assertTrue(ready.startsWith("READY "), ready);
    assertTrue(crashed.waitFor(30, TimeUnit.SECONDS));
    String deadId = ready.substring("READY ".length());

    OssStateStore store = store(backend());
    LoadedState loaded = store.read();
    Recovery recovery = loaded.recovery().orElseThrow();
    assertEquals("apply", recovery.operation());
    assertEquals(3, recovery.replayed().size());
    assertEquals(Map.of(instance(3), "token-3"), recovery.pendingIntents());
    for (int i = 0; i < 3; i++) {
      assertTrue(loaded.state().currentObject(instance(i)).isPresent(), "object " + i);
    }
    assertEquals("oss://state/.forma/journal/env:/terraform.tfstate/", recovery.journalFile());

    // the dead process still holds the lock: it is named, and force-unlock frees it
    StateLockException held =
        assertThrows(StateLockException.class, () -> store.lock(LockInfo.APPLY, "", Duration.ZERO));
    assertEquals(deadId, held.holder().id());
    store.forceUnlock(deadId);
    LockInfo mine = store.lock(LockInfo.APPLY, "", Duration.ZERO);

    // writing settles the journal but keeps the intent nobody settled
    store.write(loaded.state());
    LoadedState again = store(backend()).read();
    assertTrue(again.recovery().orElseThrow().replayed().isEmpty());
    assertEquals(Map.of(instance(3), "token-3"), again.recovery().orElseThrow().pendingIntents());
    assertEquals(3, objects(again.state()));

    // the next operation adopts the object of the pending create: nothing is left
    StateTransaction tx = store.begin("apply", again.state());
    assertEquals(Map.of(instance(3), "token-3"), tx.state().pendingIntents());
    tx.state().setCurrent(instance(3), PROVIDER, object("found-by-token"));
    tx.commit();
    store.unlock(mine.id());
    assertEquals(List.of("env:/terraform.tfstate"), raw().list(""));
    assertTrue(store(backend()).read().recovery().isEmpty());
  }

  @Test
  void aJournalLeftWhenItsDeletionFailedIsNotReplayedTwice() throws Exception {
    OssStateStore store = store(backend());
    StateTransaction tx = store.begin("apply", store.read().state());
    tx.state().setCurrent(instance(0), PROVIDER, object("id-0"));
    tx.state().recordIntent(instance(1), "t1");
    tx.state().setCurrent(instance(1), PROVIDER, object("id-1"));
    cloud.setFaults(
        new FaultConfig(0, 0, 1, 0, 1, Set.of("DeleteObject", "DeleteMultipleObjects")));
    StateException e = assertThrows(StateException.class, tx::commit);
    assertTrue(e.getMessage().contains("The state is saved"), e.getMessage());
    cloud.setFaults(FaultConfig.NONE);

    LoadedState loaded = store(backend()).read();
    assertEquals(2, loaded.state().serial());
    Recovery recovery = loaded.recovery().orElseThrow();
    assertTrue(recovery.committed());
    assertTrue(recovery.replayed().isEmpty(), "already in the state");
    assertTrue(recovery.pendingIntents().isEmpty());
  }

  @Test
  void aJournalThatDoesNotMatchTheStateIsRefusedNotReplayed() throws Exception {
    OssStateStore store = store(backend());
    StateTransaction tx = store.begin("apply", withObjects(store.read().state(), 1));
    tx.state().recordIntent(instance(5), "t5");
    // someone else replaces the state with an unrelated one meanwhile
    OssStateStore other = store(backend());
    other.read();
    raw()
        .put(
            "env:/terraform.tfstate",
            raw().get("env:/terraform.tfstate"),
            "application/json",
            false);
    String unrelated =
        new String(raw().get("env:/terraform.tfstate"), StandardCharsets.UTF_8)
            .replaceAll("\"lineage\": \"[^\"]+\"", "\"lineage\": \"another-lineage\"");
    raw()
        .put(
            "env:/terraform.tfstate",
            unrelated.getBytes(StandardCharsets.UTF_8),
            "application/json",
            false);
    StateException e = assertThrows(StateException.class, () -> store(backend()).read());
    assertEquals("State journal does not match the state", e.problems().getFirst().summary());
    assertTrue(e.getMessage().contains("oss://state/.forma/journal/env:/terraform.tfstate/"));
  }

  // ---------------------------------------------------------------- locking

  @Test
  void twoBackendsContendForOneLockObjectAndTheLoserSeesTheHolder() throws Exception {
    OssStateStore a = store(backend());
    OssStateStore b = store(backend());
    LockInfo lock = a.lock(LockInfo.APPLY, "first", Duration.ZERO);
    String stored = new String(raw().get("env:/terraform.tfstate.tflock"), StandardCharsets.UTF_8);
    assertTrue(stored.contains("\"ID\":\"" + lock.id() + "\""), stored);

    StateLockException refused =
        assertThrows(StateLockException.class, () -> b.lock(LockInfo.PLAN, "", Duration.ZERO));
    assertEquals(lock.id(), refused.holder().id());
    assertEquals(LockInfo.APPLY, refused.holder().operation());
    String detail = refused.problems().getFirst().detail();
    assertTrue(
        detail.contains("the lock object oss://state/env:/terraform.tfstate.tflock"), detail);
    assertTrue(detail.contains("Lock Info:\n  ID:        " + lock.id()), detail);

    StateException wrongId = assertThrows(StateException.class, () -> b.unlock("not-the-id"));
    assertTrue(
        wrongId.getMessage().contains("does not match existing lock ID"), wrongId.getMessage());
    assertEquals(lock.id(), a.holder().id(), "a wrong ID leaves the lock alone");

    CompletableFuture<LockInfo> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return b.lock(LockInfo.PLAN, "", Duration.ofSeconds(20));
              } catch (StateException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    assertFalse(waiting.isDone());
    a.unlock(lock.id());
    LockInfo second = waiting.get(20, TimeUnit.SECONDS);
    assertEquals(second.id(), b.holder().id());
    b.unlock(second.id());
    assertNull(a.holder());
    StateException notLocked = assertThrows(StateException.class, () -> a.unlock(second.id()));
    assertTrue(notLocked.getMessage().contains("is not locked"), notLocked.getMessage());
  }

  @Test
  void aLockHeldByAnotherProcessIsRefusedUntilItIsReleasedOrForceUnlocked() throws Exception {
    Process holder = child("hold");
    String locked = readLine(holder);
    assertTrue(locked.startsWith("LOCKED "), locked);
    String id = locked.substring("LOCKED ".length());
    OssStateStore store = store(backend());
    StateLockException refused =
        assertThrows(StateLockException.class, () -> store.lock(LockInfo.APPLY, "", Duration.ZERO));
    assertEquals(id, refused.holder().id());
    assertEquals("held by a helper", refused.holder().info());

    holder.getOutputStream().write('\n');
    holder.getOutputStream().flush();
    assertEquals("UNLOCKED", readLine(holder));
    store.unlock(store.lock(LockInfo.APPLY, "", Duration.ZERO).id());

    Process killed = child("hold");
    String id2 = readLine(killed).substring("LOCKED ".length());
    killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThrows(StateLockException.class, () -> store.lock(LockInfo.APPLY, "", Duration.ZERO));
    store.forceUnlock(id2);
    store.unlock(store.lock(LockInfo.APPLY, "", Duration.ZERO).id());
  }

  @Test
  void aLockWhoseAnswerWasLostIsRecognisedAsOurs() throws Exception {
    // a seed whose first decision loses the answer and whose second passes
    long seed = 0;
    while (true) {
      Random r = new Random(seed);
      if (r.nextDouble() < 0.5 && r.nextDouble() >= 0.5) {
        break;
      }
      seed++;
    }
    cloud.setFaults(new FaultConfig(0, 0, 0, 0.5, seed, Set.of("PutObject")));
    OssStateStore store = store(backend());
    LockInfo lock = store.lock(LockInfo.APPLY, "", Duration.ZERO);
    cloud.setFaults(FaultConfig.NONE);
    assertEquals(lock.id(), store.holder().id());
  }

  @Test
  void serverErrorsAreRetried() throws Exception {
    cloud.setFaults(new FaultConfig(0, 0.2, 0.3, 0, 7, Set.of()));
    OssStateStore store = store(backend());
    StateTransaction tx = store.begin("apply", store.read().state());
    for (int i = 0; i < 5; i++) {
      tx.state().recordIntent(instance(i), "t" + i);
      tx.state().setCurrent(instance(i), PROVIDER, object("id-" + i));
    }
    tx.commit();
    cloud.setFaults(FaultConfig.NONE);
    assertEquals(5, objects(store(backend()).read().state()));
  }

  // ---------------------------------------------------------------- encryption and errors

  /** A reversible stand-in for state encryption: base64 behind a marker. */
  private static final StateEncryption MARKED =
      new StateEncryption() {
        @Override
        public byte[] encrypt(byte[] plain) {
          return ("MARKED:" + Base64.getEncoder().encodeToString(plain))
              .getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] decrypt(byte[] stored, String where) throws StateException {
          String s = new String(stored, StandardCharsets.UTF_8);
          if (!s.startsWith("MARKED:")) {
            throw new StateException("Not marked", where + " is not marked");
          }
          return Base64.getDecoder().decode(s.substring("MARKED:".length()));
        }
      };

  @Test
  void everyStoredPayloadGoesThroughTheEncryption() throws Exception {
    OssStateStore store = store(backend(MARKED));
    StateTransaction tx = store.begin("apply", store.read().state());
    tx.state().recordIntent(instance(0), "t0");
    for (String key : raw().list(store.journalPrefix())) {
      assertTrue(new String(raw().get(key), StandardCharsets.UTF_8).startsWith("MARKED:"), key);
    }
    // a reader with the same encryption recovers the journal
    assertEquals(
        Map.of(instance(0), "t0"),
        store(backend(MARKED)).read().recovery().orElseThrow().pendingIntents());
    tx.state().setCurrent(instance(0), PROVIDER, object("id-0"));
    tx.commit();
    assertTrue(
        new String(raw().get("env:/terraform.tfstate"), StandardCharsets.UTF_8)
            .startsWith("MARKED:"));
    assertTrue(store(backend(MARKED)).read().state().currentObject(instance(0)).isPresent());
    StateException plain = assertThrows(StateException.class, () -> store(backend()).read());
    assertNotNull(plain.getMessage());
  }

  @Test
  void wrongCredentialsNameTheBucketAndEndpointButNeverTheSecret() throws Exception {
    cloud.close();
    cloud =
        LocalCloud.start(
            LocalCloudOptions.of(dir.resolve("keyed.json"), 0)
                .withKeyPairs(Map.of("AKID", "the-right-secret")));
    cloud.createBucket("state");
    StateException badSecret =
        assertThrows(
            StateException.class,
            () -> store(backend("access_key", "AKID", "secret_key", "a-wrong-secret")).read());
    String message = badSecret.getMessage();
    assertTrue(message.contains("Failed to load state"), message);
    assertTrue(message.contains("bucket \"state\" at endpoint " + cloud.url()), message);
    assertTrue(message.contains("403 SignatureDoesNotMatch"), message);
    assertTrue(message.contains("secret key does not match the access key AKID"), message);
    assertFalse(message.contains("a-wrong-secret"), message);
    assertFalse(message.contains("the-right-secret"), message);

    StateException badKey =
        assertThrows(
            StateException.class,
            () -> store(backend("access_key", "NOPE", "secret_key", "a-wrong-secret")).read());
    assertTrue(badKey.getMessage().contains("403 InvalidAccessKeyId"), badKey.getMessage());
    assertFalse(badKey.getMessage().contains("a-wrong-secret"), badKey.getMessage());

    StateException noBucket =
        assertThrows(
            StateException.class,
            () ->
                backend("bucket", "missing", "access_key", "AKID", "secret_key", "the-right-secret")
                    .workspaces());
    assertTrue(noBucket.getMessage().contains("404 NoSuchBucket"), noBucket.getMessage());
    assertTrue(noBucket.getMessage().contains("Create the bucket first"), noBucket.getMessage());
  }

  @Test
  void anUnreachableEndpointIsNamed() throws Exception {
    String url = cloud.url();
    cloud.close();
    StateException e =
        assertThrows(StateException.class, () -> store(backend("endpoint", url)).read());
    assertTrue(e.getMessage().contains("at endpoint " + url), e.getMessage());
    assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
    cloud = LocalCloud.start(LocalCloudOptions.of(dir.resolve("cloud.json"), 0));
  }

  @Test
  void aRegionOtherThanTheBucketsIsRefusedByOss() throws Exception {
    StateException e =
        assertThrows(StateException.class, () -> store(backend("region", "cn-beijing")).read());
    assertTrue(e.getMessage().contains("Invalid signing region"), e.getMessage());
  }

  // ---------------------------------------------------------------- helper processes

  private Process child(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(OssHelperMain.class.getName());
    command.add(args[0]);
    command.add(cloud.url());
    command.add("state");
    command.addAll(List.of(args).subList(1, args.length));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(process);
    return process;
  }

  private final Map<Process, BufferedReader> readers = new HashMap<>();

  private String readLine(Process process) throws IOException {
    BufferedReader reader =
        readers.computeIfAbsent(
            process,
            p ->
                new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    String line = reader.readLine();
    if (line == null) {
      throw new IOException("the helper process ended without output");
    }
    return line;
  }
}
