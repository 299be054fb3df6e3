package dev.forma.state.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.JsonTrees;
import dev.forma.state.ResourceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.Recovery;
import dev.forma.state.backend.StateLockException;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.codec.StateCodec;
import dev.forma.state.encryption.StateEncryption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http backend against a server of the protocol ({@link HttpStateServer}, GitLab's
 * conventions): round trips, Content-MD5, basic auth, locks and their holders, retries, the state
 * saved to errored.tfstate when the server is gone, force-unlock, and the local journal that keeps
 * an interrupted operation's changes and create intents.
 */
class HttpStateStoreTest {
  static final String PROVIDER = "provider[\"terraform.io/builtin/terraform\"]";
  static final ResourceAddress DATA = ResourceAddress.managed("terraform_data", "d");
  static final Duration NEVER = Duration.ofDays(1);

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

  static InstanceAddress instance(int i) {
    return DATA.instance(dev.forma.state.IndexKey.of(i));
  }

  static InstanceObject object(String id) {
    ObjectNode attributes = JsonTrees.nodes().objectNode();
    attributes.put("id", id);
    attributes.putNull("input");
    attributes.putNull("output");
    attributes.putNull("triggers_replace");
    return InstanceObject.of(attributes);
  }

  static StateChange.SetCurrent set(int i) {
    return new StateChange.SetCurrent(instance(i), PROVIDER, object("id-" + i));
  }

  static State stateWith(State base, int... instances) {
    State.Builder b = base.toBuilder();
    for (int i : instances) {
      b.apply(set(i));
    }
    return b.build();
  }

  HttpBackendConfig config() {
    return HttpBackendConfig.of(HttpUrl.get(server.address("s")))
        .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(50));
  }

  HttpBackendConfig locking() {
    HttpUrl address = HttpUrl.get(server.address("s"));
    return config().withLock(address, "LOCK", "UNLOCK");
  }

  HttpStateStore store(HttpBackendConfig config) throws StateException {
    return store(config, NEVER);
  }

  HttpStateStore store(HttpBackendConfig config, Duration interval) throws StateException {
    return new HttpStateStore(config, dir, "0.1.0", StateEncryption.NONE, interval);
  }

  static String md5(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
  }

  static String detail(StateException e) {
    StringBuilder out = new StringBuilder();
    for (StateProblem p : e.problems()) {
      out.append(p.summary()).append('\n').append(p.detail()).append('\n');
    }
    return out.toString();
  }

  @Test
  void aStateRoundTripsAsTerraformsJsonWithContentMd5() throws Exception {
    HttpStateStore a = store(config());
    assertFalse(a.exists());
    LoadedState empty = a.read();
    assertTrue(empty.state().isEmpty());
    State written = a.write(stateWith(empty.state(), 0));
    assertEquals(1, written.serial());
    byte[] stored = server.state("s");
    String json = new String(stored, StandardCharsets.UTF_8);
    assertTrue(json.contains("\"version\": 4"), json);
    assertTrue(json.contains("\"serial\": 1"), json);
    assertTrue(json.contains("\"lineage\": \"" + written.lineage() + "\""), json);
    assertTrue(json.contains("\"id\": \"id-0\""), json);

    HttpServerRequests requests = new HttpServerRequests(server);
    HttpStateServer.Recorded post = requests.last("POST");
    assertEquals(md5(post.body()), post.header("Content-MD5"));
    assertEquals("application/json", post.header("Content-Type"));
    assertNull(post.query(), "no lock, no ?ID=");

    HttpStateStore b = store(config());
    assertTrue(b.exists());
    State read = b.read().state();
    assertTrue(read.sameContent(written));
    assertEquals(1, read.serial());

    // the same content is not sent again; new content gets the next serial
    server.clearRequests();
    assertEquals(1, b.write(read).serial());
    assertTrue(server.requests().isEmpty(), server.requests().toString());
    assertEquals(2, b.write(stateWith(read, 1)).serial());
  }

  @Test
  void theUpdateMethodIsConfigurable() throws Exception {
    HttpBackendConfig c =
        HttpBackendConfig.from(
            Map.of("address", server.address("s"), "update_method", "PUT"), Map.of());
    store(c).write(stateWith(State.empty(), 0));
    assertEquals("PUT", server.requests().getLast().method());
    assertNotNull(server.state("s"));
  }

  @Test
  void basicAuthIsSentAndRefusalsSayWhy() throws Exception {
    server.requireBasicAuth("gitlab-ci-token", "s3cret");
    HttpBackendConfig c =
        HttpBackendConfig.from(
            Map.of("address", server.address("s")),
            Map.of("TF_HTTP_USERNAME", "gitlab-ci-token", "TF_HTTP_PASSWORD", "s3cret"));
    store(c).write(stateWith(State.empty(), 0));
    assertEquals(
        "Basic " + Base64.getEncoder().encodeToString("gitlab-ci-token:s3cret".getBytes()),
        server.requests().getLast().header("Authorization"));

    StateException none = assertThrows(StateException.class, () -> store(config()).read());
    assertEquals("Failed to load state", none.problems().getFirst().summary());
    assertEquals("HTTP remote state endpoint requires auth", none.problems().getFirst().detail());
    HttpBackendConfig wrong =
        HttpBackendConfig.from(
            Map.of("address", server.address("s"), "username", "gitlab-ci-token", "password", "x"),
            Map.of());
    StateException bad = assertThrows(StateException.class, () -> store(wrong).read());
    assertEquals("HTTP remote state endpoint invalid auth", bad.problems().getFirst().detail());
    assertFalse(detail(bad).contains("s3cret"));

    // credentials in the address are used, as Go's client uses them for Terraform
    String inUrl = server.address("s").replace("http://", "http://gitlab-ci-token:s3cret@");
    HttpBackendConfig fromUrl = HttpBackendConfig.from(Map.of("address", inUrl), Map.of());
    assertEquals(1, store(fromUrl).read().state().serial());
  }

  @Test
  void aLockIsTerraformsLockInfoAndUpdatesCarryItsId() throws Exception {
    HttpStateStore a = store(locking());
    LockInfo lock = a.lock(LockInfo.APPLY, "", Duration.ZERO);
    HttpStateServer.Recorded request = new HttpServerRequests(server).last("LOCK");
    LockInfo sent = LockInfo.fromJson(request.body());
    assertEquals(lock.id(), sent.id());
    assertEquals("OperationTypeApply", sent.operation());
    assertEquals("0.1.0", sent.version());
    assertTrue(sent.who().contains("@"), sent.who());
    assertEquals(server.address("s"), sent.path());
    assertEquals(md5(request.body()), request.header("Content-MD5"));
    assertNotNull(server.lock("s"));

    a.write(stateWith(a.read().state(), 0));
    assertEquals("ID=" + lock.id(), new HttpServerRequests(server).last("POST").query());

    a.unlock(lock.id());
    HttpStateServer.Recorded unlock = new HttpServerRequests(server).last("UNLOCK");
    assertEquals(lock.id(), LockInfo.fromJson(unlock.body()).id());
    assertNull(server.lock("s"));
    a.write(stateWith(a.read().state(), 1));
    assertNull(new HttpServerRequests(server).last("POST").query());
  }

  @Test
  void theLockInfoNamesTheStateWithoutATokenInItsAddress() throws Exception {
    String address = server.address("s") + "?private_token=s3cret";
    HttpBackendConfig c =
        HttpBackendConfig.from(Map.of("address", address, "lock_address", address), Map.of());
    LockInfo lock = store(c).lock(LockInfo.PLAN, "", Duration.ZERO);
    assertEquals(server.address("s"), lock.path());
    assertFalse(server.lock("s").contains("s3cret"), server.lock("s"));
  }

  @Test
  void aTakenLockNamesItsHolderWith423AndWithGitLabs409() throws Exception {
    for (int status : new int[] {423, 409}) {
      server.conflictStatus(status);
      HttpUrl lock = HttpUrl.get(server.lockAddress("s"));
      HttpBackendConfig gitlab = config().withLock(lock, "POST", "DELETE");
      HttpStateStore holder = store(gitlab);
      LockInfo held = holder.lock(LockInfo.APPLY, "", Duration.ZERO);
      StateLockException e =
          assertThrows(
              StateLockException.class, () -> store(gitlab).lock(LockInfo.PLAN, "", Duration.ZERO));
      assertEquals(held.id(), e.holder().id());
      assertEquals(held.who(), e.holder().who());
      assertEquals("OperationTypeApply", e.holder().operation());
      String text = detail(e);
      assertTrue(text.startsWith("Error acquiring the state lock\n"), text);
      assertTrue(
          text.contains("Error message: HTTP remote state already locked: ID=" + held.id()), text);
      assertTrue(text.contains("  Who:       " + held.who()), text);
      assertTrue(text.contains("  Operation: OperationTypeApply"), text);
      holder.unlock(held.id());
      assertEquals("DELETE", server.requests().getLast().method());
      assertTrue(server.requests().getLast().path().endsWith("/s/lock"));
    }
  }

  @Test
  void lockTimeoutWaitsForTheHolderToLetGo() throws Exception {
    HttpStateStore holder = store(locking());
    LockInfo held = holder.lock(LockInfo.APPLY, "", Duration.ZERO);
    // without a timeout: one try
    server.clearRequests();
    assertThrows(
        StateLockException.class, () -> store(locking()).lock(LockInfo.PLAN, "", Duration.ZERO));
    assertEquals(1, server.requests().size());

    CompletableFuture<Void> release =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(1200);
                holder.unlock(held.id());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long start = System.nanoTime();
    LockInfo mine = store(locking()).lock(LockInfo.PLAN, "", Duration.ofSeconds(20));
    long waited = (System.nanoTime() - start) / 1_000_000;
    release.get();
    assertTrue(waited >= 1000, "waited " + waited + " ms");
    assertEquals(mine.id(), LockInfo.fromJson(server.lock("s").getBytes()).id());
  }

  @Test
  void lockAndUnlockFailuresSayWhatToDo() throws Exception {
    server.failNext(1, 502);
    StateLockException lockFailed =
        assertThrows(
            StateLockException.class,
            () -> store(locking()).lock(LockInfo.APPLY, "", Duration.ZERO));
    assertNull(lockFailed.holder());
    assertTrue(
        detail(lockFailed)
            .contains(
                "Error message: Failed to lock: LOCK "
                    + server.address("s")
                    + " giving up after 1 attempt(s): the last answer was HTTP 502"),
        detail(lockFailed));

    HttpStateStore a = store(locking());
    LockInfo lock = a.lock(LockInfo.APPLY, "", Duration.ZERO);
    server.failNext(1, 502);
    StateException unlockFailed = assertThrows(StateException.class, () -> a.unlock(lock.id()));
    assertEquals("Error releasing the state lock", unlockFailed.problems().getFirst().summary());
    assertTrue(
        unlockFailed.problems().getFirst().detail().endsWith("forma force-unlock " + lock.id()),
        detail(unlockFailed));
    assertNotNull(server.lock("s"), "still locked, as the message says");
  }

  @Test
  void withoutALockAddressNothingIsLocked() throws Exception {
    HttpStateStore a = store(config());
    LockInfo lock = a.lock(LockInfo.APPLY, "", Duration.ZERO);
    a.write(stateWith(State.empty(), 0));
    a.unlock(lock.id());
    a.forceUnlock("anything");
    assertTrue(
        server.requests().stream().noneMatch(r -> r.method().contains("LOCK")),
        server.requests().toString());
    assertNull(server.requests().getLast().query());
  }

  @Test
  void errorsAreRetriedWithGrowingWaits() throws Exception {
    server.putState("s", new StateCodec("1.11.4").write(stateWith(State.empty(), 0)));
    HttpBackendConfig c = config().withRetries(3, Duration.ofMillis(150), Duration.ofMillis(1000));
    server.failNext(3, 503);
    assertEquals(1, store(c).read().state().resources().size());
    List<HttpStateServer.Recorded> gets = server.requests();
    assertEquals(4, gets.size());
    long first = (gets.get(1).nanos() - gets.get(0).nanos()) / 1_000_000;
    long second = (gets.get(2).nanos() - gets.get(1).nanos()) / 1_000_000;
    long third = (gets.get(3).nanos() - gets.get(2).nanos()) / 1_000_000;
    assertTrue(first >= 150, "first wait " + first);
    assertTrue(second >= 300, "second wait " + second);
    assertTrue(third >= 600, "third wait " + third);

    // used up: Terraform's words, and the last answer
    server.clearRequests();
    server.failNext(3, 500);
    HttpBackendConfig twice = config().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(20));
    StateException e = assertThrows(StateException.class, () -> store(twice).read());
    assertEquals(3, server.requests().size());
    assertEquals(
        "Failed to get state: GET "
            + server.address("s")
            + " giving up after 3 attempt(s): the last answer was HTTP 500",
        e.problems().getFirst().detail());

    // 501 and 4xx are answers, not failures to retry
    server.clearRequests();
    server.failNext(1, 501);
    StateException unimplemented = assertThrows(StateException.class, () -> store(twice).read());
    assertEquals(1, server.requests().size());
    assertEquals("Unexpected HTTP response code 501", unimplemented.problems().getFirst().detail());
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofSeconds(30);
    assertEquals(Duration.ofSeconds(1), RetryInterceptor.backoff(min, max, 0, null));
    assertEquals(Duration.ofSeconds(2), RetryInterceptor.backoff(min, max, 1, null));
    assertEquals(Duration.ofSeconds(16), RetryInterceptor.backoff(min, max, 4, null));
    assertEquals(Duration.ofSeconds(30), RetryInterceptor.backoff(min, max, 5, null));
    assertEquals(Duration.ofSeconds(30), RetryInterceptor.backoff(min, max, 80, null));
    assertTrue(RetryInterceptor.retryable(503));
    assertTrue(RetryInterceptor.retryable(429));
    assertFalse(RetryInterceptor.retryable(501));
    assertFalse(RetryInterceptor.retryable(409));
  }

  @Test
  void aDeadServerAfterTheApplyLeavesErroredTfstateAndSaysHowToPushIt() throws Exception {
    HttpStateStore a = store(locking());
    LockInfo lock = a.lock(LockInfo.APPLY, "", Duration.ZERO);
    State prior = a.read().state();
    StateTransaction tx = a.begin("apply", prior);
    tx.state().apply(set(0));
    tx.state().apply(set(1));
    String address = server.address("s");
    server.close();
    StateException e = assertThrows(StateException.class, tx::commit);
    assertEquals(2, e.problems().size(), detail(e));
    assertEquals("Failed to save state", e.problems().get(0).summary());
    assertTrue(
        e.problems()
            .get(0)
            .detail()
            .startsWith(
                "Error saving state: Failed to upload state: POST "
                    + address
                    + "?ID="
                    + lock.id()
                    + " giving up after 1 attempt(s): "),
        detail(e));
    assertEquals("Failed to persist state to backend", e.problems().get(1).summary());
    String text = e.problems().get(1).detail();
    assertTrue(text.contains("the state has been written to the file \"errored.tfstate\""), text);
    assertTrue(
        text.endsWith(
            "To retry writing this state, use the following command:\n"
                + "    forma state push errored.tfstate"),
        text);
    State errored =
        new StateCodec("0.1.0")
            .read(Files.readAllBytes(dir.resolve("errored.tfstate")), "errored.tfstate");
    assertEquals(Set.of(instance(0), instance(1)), instances(errored));
    assertEquals(prior.lineage(), errored.lineage());
  }

  static Set<InstanceAddress> instances(State s) {
    java.util.Set<InstanceAddress> out = new java.util.TreeSet<>();
    s.resources()
        .values()
        .forEach(r -> r.instances().keySet().forEach(k -> out.add(r.address().instance(k))));
    return out;
  }

  @Test
  void aStateTheServerRefusedIsRecoveredFromTheJournalByTheNextCommand() throws Exception {
    HttpStateStore a = store(config());
    StateTransaction tx = a.begin("apply", a.read().state());
    tx.state().recordIntent(instance(0), "t0");
    tx.state().apply(set(0));
    tx.state().recordIntent(instance(1), "t1");
    server.failUpdates(503);
    assertThrows(StateException.class, tx::commit);
    assertTrue(Files.exists(dir.resolve("errored.tfstate")));
    server.failUpdates(0);

    HttpStateStore next = store(config());
    LoadedState loaded = next.read();
    Recovery r = loaded.recovery().orElseThrow();
    assertEquals(List.of(set(0)), r.replayed());
    assertEquals(Set.of(instance(1)), r.pendingIntents().keySet());
    assertTrue(r.committed());
    assertEquals(Set.of(instance(0)), instances(loaded.state()));
    // storing the recovered state settles the journal; the pending intent stays
    next.write(loaded.state());
    LoadedState again = store(config()).read();
    assertEquals(List.of(), again.recovery().orElseThrow().replayed());
    assertEquals(Set.of(instance(1)), again.recovery().orElseThrow().pendingIntents().keySet());
    assertEquals(Set.of(instance(0)), instances(again.state()));
  }

  @Test
  void aCrashMidApplyLeavesNoOrphanOnThisMachine() throws Exception {
    HttpStateStore a = store(config());
    StateTransaction tx = a.begin("apply", a.read().state());
    tx.state().recordIntent(instance(0), "t0");
    tx.state().apply(set(0));
    tx.state().recordIntent(instance(1), "t1"); // sent, then the process dies
    abandon(tx);
    State atServer = new StateCodec("0.1.0").read(server.state("s"), "server");
    assertTrue(atServer.isEmpty(), "the server never got instance 0");

    HttpStateStore next = store(config());
    LoadedState loaded = next.read();
    Recovery r = loaded.recovery().orElseThrow();
    assertFalse(r.committed());
    assertEquals(List.of(set(0)), r.replayed());
    assertEquals(Map.of(instance(1), "t1"), r.pendingIntents());
    assertTrue(r.journalFile().startsWith(".forma/http/"), r.journalFile());

    // the next apply carries the intent over until it is settled
    StateTransaction tx2 = next.begin("apply", loaded.state());
    assertEquals(Map.of(instance(1), "t1"), tx2.state().pendingIntents());
    tx2.state().apply(set(1));
    State stored = tx2.commit();
    assertEquals(Set.of(instance(0), instance(1)), instances(stored));
    assertFalse(Files.exists(next.journalPath()), "settled: no journal left");
    assertTrue(store(config()).read().recovery().isEmpty());
  }

  static void abandon(StateTransaction tx) throws Exception {
    var m = StateTransaction.class.getDeclaredMethod("abandon");
    m.setAccessible(true);
    m.invoke(tx);
  }

  @Test
  void aLongApplyStoresTheStateOnTheWayAndRecoversOnlyWhatTheServerLacks() throws Exception {
    HttpStateStore a = store(config(), Duration.ZERO);
    StateTransaction tx = a.begin("apply", a.read().state());
    long begun = store(config()).read().state().serial();
    tx.state().apply(set(0));
    State midway = store(config()).read().state();
    assertEquals(Set.of(instance(0)), instances(midway), "stored after the change");
    assertEquals(begun + 1, midway.serial());

    // the server stops taking updates: the next change stays in the journal only
    server.failUpdates(503);
    tx.state().apply(new StateChange.Depose(instance(0), "aaaa0000"));
    tx.state().apply(set(2));
    abandon(tx);
    server.failUpdates(0);

    LoadedState loaded = store(config()).read();
    Recovery r = loaded.recovery().orElseThrow();
    assertEquals(List.of(new StateChange.Depose(instance(0), "aaaa0000"), set(2)), r.replayed());
    assertEquals(Set.of(instance(0), instance(2)), instances(loaded.state()));
    assertEquals(1, loaded.state().instance(instance(0)).orElseThrow().deposedObjects().size());

    // the failed request may have reached the server: then only what came after it is replayed
    State deposed =
        midway.toBuilder()
            .apply(new StateChange.Depose(instance(0), "aaaa0000"))
            .build()
            .withSerial(midway.serial() + 1);
    server.putState("s", new StateCodec("0.1.0").write(deposed));
    LoadedState after = store(config()).read();
    assertEquals(List.of(set(2)), after.recovery().orElseThrow().replayed());
    assertEquals(Set.of(instance(0), instance(2)), instances(after.state()));
  }

  @Test
  void aStateThatMovedOnWithoutTheJournalsChangesIsRefused() throws Exception {
    HttpStateStore a = store(config());
    StateTransaction tx = a.begin("apply", a.read().state());
    tx.state().apply(set(0));
    abandon(tx);
    // another machine writes the state meanwhile
    State other = stateWith(store(config()).read().state(), 5).withSerial(7);
    server.putState("s", new StateCodec("1.11.4").write(other));
    StateException e = assertThrows(StateException.class, () -> store(config()).read());
    assertEquals("State journal does not match the state", e.problems().getFirst().summary());
    assertTrue(e.problems().getFirst().detail().contains("it is now at serial 7"), detail(e));
    assertTrue(e.problems().getFirst().detail().contains("Move the journal aside"), detail(e));
  }

  @Test
  void forceUnlockSendsTheIdAndAWrongOneIsRefused() throws Exception {
    HttpStateStore holder = store(locking());
    LockInfo held = holder.lock(LockInfo.APPLY, "", Duration.ZERO);
    HttpStateStore other = store(locking());
    StateException wrong = assertThrows(StateException.class, () -> other.forceUnlock("nope"));
    assertEquals("Failed to unlock state", wrong.problems().getFirst().summary());
    assertEquals(
        "lock ID \"nope\" does not match existing lock ID \"" + held.id() + "\"",
        wrong.problems().getFirst().detail());
    assertNotNull(server.lock("s"));
    other.forceUnlock(held.id());
    assertEquals(held.id(), LockInfo.fromJson(server.requests().getLast().body()).id());
    assertNull(server.lock("s"));
    other.lock(LockInfo.APPLY, "", Duration.ZERO);
  }

  @Test
  void forceUnlockWithoutAnUnlockAddressSaysWhatToSet() throws Exception {
    HttpBackendConfig lockOnly =
        HttpBackendConfig.from(
            Map.of("address", server.address("s"), "lock_address", server.address("s")), Map.of());
    StateException e = assertThrows(StateException.class, () -> store(lockOnly).forceUnlock("x"));
    assertTrue(e.problems().getFirst().detail().contains("set unlock_address"), detail(e));
  }

  @Test
  void everyPayloadPassesThroughTheEncryption() throws Exception {
    StateEncryption reversing = new ReversingEncryption();
    HttpStateStore a = new HttpStateStore(config(), dir, "0.1.0", reversing, NEVER);
    StateTransaction tx = a.begin("apply", a.read().state());
    tx.state().recordIntent(instance(0), "token-0");
    tx.state().apply(set(0));
    String journal = Files.readString(a.journalPath());
    assertFalse(journal.contains("terraform_data"), journal);
    assertFalse(journal.contains("token-0"), journal);
    server.failUpdates(503);
    assertThrows(StateException.class, tx::commit);
    byte[] errored = Files.readAllBytes(dir.resolve("errored.tfstate"));
    assertFalse(new String(errored, StandardCharsets.UTF_8).contains("terraform_data"));
    server.failUpdates(0);

    HttpStateStore b = new HttpStateStore(config(), dir, "0.1.0", reversing, NEVER);
    LoadedState loaded = b.read();
    assertEquals(List.of(set(0)), loaded.recovery().orElseThrow().replayed());
    b.write(loaded.state());
    byte[] stored = server.state("s");
    assertFalse(new String(stored, StandardCharsets.UTF_8).contains("terraform_data"));
    State fromErrored =
        new StateCodec("0.1.0").read(reversing.decrypt(errored, "x"), "errored.tfstate");
    assertEquals(Set.of(instance(0)), instances(fromErrored));
    assertEquals(
        Set.of(instance(0)),
        instances(new HttpStateStore(config(), dir, "0.1.0", reversing, NEVER).read().state()));
  }

  /** A stand-in for real encryption: reverses the bytes behind a marker, refuses others. */
  static final class ReversingEncryption implements StateEncryption {
    private static final byte[] MARK = "ENC:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public byte[] encrypt(byte[] plain) {
      byte[] out = new byte[MARK.length + plain.length];
      System.arraycopy(MARK, 0, out, 0, MARK.length);
      for (int i = 0; i < plain.length; i++) {
        out[MARK.length + i] = plain[plain.length - 1 - i];
      }
      return out;
    }

    @Override
    public byte[] decrypt(byte[] stored, String where) throws StateException {
      if (stored.length < MARK.length
          || !java.util.Arrays.equals(stored, 0, MARK.length, MARK, 0, MARK.length)) {
        throw new StateException("Not encrypted", where + " is not encrypted");
      }
      byte[] out = new byte[stored.length - MARK.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = stored[stored.length - 1 - i];
      }
      return out;
    }
  }

  @Test
  void theBackendHasOnlyTheDefaultWorkspaceAsTerraforms() throws Exception {
    HttpBackend backend = new HttpBackend(config(), dir, "0.1.0", StateEncryption.NONE);
    assertFalse(backend.supportsWorkspaces());
    assertEquals("http", backend.type());
    assertEquals(server.address("s"), backend.store("default").displayName());
    StateException named = assertThrows(StateException.class, () -> backend.store("dev"));
    assertEquals(
        "error loading state: workspaces not supported", named.problems().getFirst().summary());
    for (var call :
        List.<org.junit.jupiter.api.function.Executable>of(
            backend::workspaces,
            () -> backend.createWorkspace("dev"),
            () -> backend.deleteWorkspace("dev"))) {
      StateException e = assertThrows(StateException.class, call);
      assertEquals("workspaces not supported", e.problems().getFirst().summary());
    }
  }

  /** Looks up recorded requests. */
  record HttpServerRequests(HttpStateServer server) {
    HttpStateServer.Recorded last(String method) {
      List<HttpStateServer.Recorded> all = server.requests();
      for (int i = all.size() - 1; i >= 0; i--) {
        if (all.get(i).method().equals(method)) {
          return all.get(i);
        }
      }
      throw new AssertionError("no " + method + " request in " + all);
    }
  }
}
