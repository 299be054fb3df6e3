package dev.forma.state.backend.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.JsonTrees;
import dev.forma.state.ResourceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.backend.Crashes;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.Recovery;
import dev.forma.state.backend.StateLockException;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.encryption.StateEncryption;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pg backend against a real PostgreSQL ({@link TestPostgres}): Terraform's tables and lock
 * protocol, Forma's journal and lock information beside them, recovery after a crash or a lost
 * connection, and what errors say.
 */
class PgStateStoreTest {
  static final String PROVIDER = "provider[\"terraform.io/builtin/terraform\"]";
  static final ResourceAddress DATA = ResourceAddress.managed("terraform_data", "d");

  private static final String THIS_DATABASE =
      "database = (SELECT oid FROM pg_database WHERE datname = current_database())";

  private final TestPostgres pg = TestPostgres.shared();
  private String database;
  private Connection admin;

  @BeforeEach
  void newDatabase() throws SQLException {
    database = pg.createDatabase();
    admin = pg.connect(database);
  }

  @AfterEach
  void close() throws SQLException {
    admin.close();
  }

  static InstanceAddress instance(int index) {
    return DATA.instance(IndexKey.of(index));
  }

  static InstanceObject object(String id) {
    ObjectNode attributes = JsonTrees.nodes().objectNode();
    attributes.put("id", id);
    ObjectNode input = attributes.putObject("input");
    input.put("value", "value-of-" + id);
    input.put("type", "string");
    attributes.putNull("triggers_replace");
    return InstanceObject.of(attributes);
  }

  private PgBackend backend() {
    return backend(StateEncryption.NONE, false);
  }

  private PgBackend backend(StateEncryption encryption, boolean skipTables) {
    return new PgBackend(
        new PgBackend.Settings(
            PgConnectionSettings.parse(pg.connStr(database), Map.of()),
            PgBackend.DEFAULT_SCHEMA,
            false,
            skipTables,
            false),
        "0.1.0",
        encryption);
  }

  private PgStateStore store() throws StateException {
    return (PgStateStore) backend().store("default");
  }

  private List<List<String>> query(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement s = admin.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private String one(String sql) throws SQLException {
    List<List<String>> rows = query(sql);
    return rows.isEmpty() ? null : rows.get(0).get(0);
  }

  private int journalRows() throws SQLException {
    return Integer.parseInt(one("SELECT count(*) FROM terraform_remote_state.forma_journal"));
  }

  private JsonNode storedState() throws Exception {
    return new ObjectMapper()
        .readTree(one("SELECT data FROM terraform_remote_state.states WHERE name = 'default'"));
  }

  // ---------------------------------------------------------------- tables and rows

  @Test
  void theTablesAreTerraformsWithFormasJournalAndLockTablesBeside() throws Exception {
    assertEquals(List.of("default"), backend().workspaces());
    assertEquals(
        List.of(
            List.of("id", "bigint", "nextval('global_states_id_seq'::regclass)"),
            java.util.Arrays.asList("name", "text", null),
            java.util.Arrays.asList("data", "text", null)),
        query(
            "SELECT column_name, data_type, column_default FROM information_schema.columns"
                + " WHERE table_schema = 'terraform_remote_state' AND table_name = 'states'"
                + " ORDER BY ordinal_position"));
    assertEquals("public", one("SELECT sequence_schema FROM information_schema.sequences"));
    assertEquals(
        List.of(List.of("forma_journal"), List.of("forma_locks"), List.of("states")),
        query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                + " 'terraform_remote_state' ORDER BY table_name"));
    assertTrue(
        one("SELECT indexdef FROM pg_indexes WHERE indexname = 'states_by_name'")
            .contains("CREATE UNIQUE INDEX states_by_name ON terraform_remote_state.states"));
  }

  @Test
  void noRowReadsAsAnEmptyStateAndTheFirstWriteMakesTheRowWithSerialOne() throws Exception {
    PgStateStore store = store();
    assertFalse(store.exists());
    LoadedState loaded = store.read();
    assertTrue(loaded.state().isEmpty());
    assertTrue(loaded.recovery().isEmpty());
    State written =
        store.write(
            loaded.state().toBuilder().setCurrent(instance(0), PROVIDER, object("a")).build());
    assertEquals(1, written.serial());
    assertTrue(store.exists());
    JsonNode stored = storedState();
    assertEquals(4, stored.get("version").intValue());
    assertEquals(1, stored.get("serial").intValue());
    assertEquals(written.lineage(), stored.get("lineage").textValue());
    assertEquals("0.1.0", stored.get("terraform_version").textValue());
    assertEquals("a", stored.at("/resources/0/instances/0/attributes/id").textValue());
    // the same content again writes nothing; a change bumps the serial
    assertEquals(1, store.write(written).serial());
    State again = store().read().state();
    assertEquals(written.resources(), again.resources());
    assertEquals(
        2,
        store
            .write(again.toBuilder().setCurrent(instance(1), PROVIDER, object("b")).build())
            .serial());
    assertEquals("1", one("SELECT count(*) FROM terraform_remote_state.states"));
  }

  @Test
  void aStateTerraformWroteIsReadAsItIs() throws Exception {
    String terraform =
        """
        {
          "version": 4,
          "terraform_version": "1.11.4",
          "serial": 3,
          "lineage": "b8f5a277-5c17-15ae-6c09-75f988a3dac0",
          "outputs": {},
          "resources": [
            {
              "mode": "managed",
              "type": "terraform_data",
              "name": "a",
              "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
              "instances": [
                {
                  "schema_version": 0,
                  "attributes": {
                    "id": "a4404680-7bf7-09d2-9604-9244f80c168e",
                    "input": {"value": "hello", "type": "string"},
                    "output": {"value": "hello", "type": "string"},
                    "triggers_replace": null
                  },
                  "sensitive_attributes": []
                }
              ]
            }
          ],
          "check_results": null
        }
        """;
    backend().workspaces(); // makes the tables
    try (var insert =
        admin.prepareStatement(
            "INSERT INTO terraform_remote_state.states (name, data) VALUES ('default', ?)")) {
      insert.setString(1, terraform);
      insert.executeUpdate();
    }
    State state = store().read().state();
    assertEquals(3, state.serial());
    assertEquals("b8f5a277-5c17-15ae-6c09-75f988a3dac0", state.lineage());
    assertEquals(
        "a4404680-7bf7-09d2-9604-9244f80c168e",
        state
            .currentObject(ResourceAddress.managed("terraform_data", "a").instance(IndexKey.NONE))
            .orElseThrow()
            .attributes()
            .get("id")
            .textValue());
  }

  // ---------------------------------------------------------------- the journal

  @Test
  void eachChangeIsARowAtOnceAndCommitCompactsThemIntoTheStatesRow() throws Exception {
    PgStateStore store = store();
    State base = store.write(State.empty());
    StateTransaction tx = store.begin("apply", base);
    assertEquals(1, journalRows()); // the begin record
    tx.state().recordIntent(instance(0), "t0");
    tx.state().setCurrent(instance(0), PROVIDER, object("a"));
    assertEquals(3, journalRows());
    // the states row is not rewritten for each change
    assertEquals(1, storedState().get("serial").intValue());
    assertTrue(storedState().get("resources").isEmpty());
    State committed = tx.commit();
    assertEquals(0, journalRows());
    assertEquals(2, committed.serial());
    assertEquals(2, storedState().get("serial").intValue());
    assertEquals("a", storedState().at("/resources/0/instances/0/attributes/id").textValue());
  }

  @Test
  void aCrashLeavesTheJournalRowsAndTheNextReadRecoversEveryChangeAndPendingCreate()
      throws Exception {
    PgStateStore store = store();
    State base =
        store.write(
            State.empty().toBuilder().setCurrent(instance(0), PROVIDER, object("a")).build());
    StateTransaction tx = store.begin("apply", base);
    tx.state().recordIntent(instance(1), "t1");
    tx.state().setCurrent(instance(1), PROVIDER, object("b"));
    tx.state().removeCurrent(instance(0));
    tx.state().recordIntent(instance(2), "t2");
    Crashes.abandon(tx);

    LoadedState loaded = store().read();
    Recovery recovery = loaded.recovery().orElseThrow();
    assertEquals("apply", recovery.operation());
    assertFalse(recovery.committed());
    assertEquals(
        List.of(
            new StateChange.SetCurrent(instance(1), PROVIDER, object("b")),
            new StateChange.RemoveCurrent(instance(0))),
        recovery.replayed());
    assertEquals(Map.of(instance(2), "t2"), recovery.pendingIntents());
    assertEquals("pg:terraform_remote_state.forma_journal/default", recovery.journalFile());
    assertTrue(loaded.state().currentObject(instance(1)).isPresent());
    assertFalse(loaded.state().currentObject(instance(0)).isPresent());

    // Writing the recovered state keeps the unsettled intent, until it is settled.
    PgStateStore next = store();
    State written = next.write(next.read().state());
    assertEquals(base.serial() + 1, written.serial());
    Recovery pendingOnly = store().read().recovery().orElseThrow();
    assertEquals(List.of(), pendingOnly.replayed());
    assertEquals(Map.of(instance(2), "t2"), pendingOnly.pendingIntents());

    PgStateStore third = store();
    try (StateTransaction tx2 = third.begin("apply", third.read().state())) {
      assertEquals(Map.of(instance(2), "t2"), tx2.state().pendingIntents());
      tx2.state().setCurrent(instance(2), PROVIDER, object("found-by-token"));
    }
    assertEquals(0, journalRows());
    assertTrue(store().read().recovery().isEmpty());
  }

  @Test
  void writingWithSettledAddressesDropsTheirPendingCreates() throws Exception {
    PgStateStore store = store();
    StateTransaction tx = store.begin("apply", store.read().state());
    tx.state().recordIntent(instance(1), "t1");
    tx.state().recordIntent(instance(2), "t2");
    Crashes.abandon(tx);
    PgStateStore next = store();
    next.write(next.read().state(), List.of(instance(1)));
    assertEquals(
        Map.of(instance(2), "t2"), store().read().recovery().orElseThrow().pendingIntents());
    PgStateStore last = store();
    last.write(last.read().state(), List.of(instance(2)));
    assertTrue(store().read().recovery().isEmpty());
    assertEquals(0, journalRows());
  }

  @Test
  void theStateAndEveryJournalRecordPassThroughTheEncryption() throws Exception {
    StateEncryption wrapped =
        new StateEncryption() {
          @Override
          public byte[] encrypt(byte[] plain) {
            return ("{\"wrapped\":\"" + Base64.getEncoder().encodeToString(plain) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
          }

          @Override
          public byte[] decrypt(byte[] stored, String where) throws StateException {
            String text = new String(stored, StandardCharsets.UTF_8);
            if (!text.startsWith("{\"wrapped\":\"")) {
              throw new StateException("Not encrypted", where + " is not encrypted");
            }
            return Base64.getDecoder().decode(text.substring(12, text.length() - 2));
          }
        };
    PgStateStore store = (PgStateStore) backend(wrapped, false).store("default");
    StateTransaction tx = store.begin("apply", store.read().state());
    tx.state().setCurrent(instance(0), PROVIDER, object("secret-id"));
    Crashes.abandon(tx);
    assertFalse(
        query("SELECT convert_from(record, 'UTF8') FROM terraform_remote_state.forma_journal")
            .toString()
            .contains("secret-id"));
    PgStateStore next = (PgStateStore) backend(wrapped, false).store("default");
    LoadedState loaded = next.read();
    assertTrue(loaded.state().currentObject(instance(0)).isPresent());
    next.write(loaded.state());
    String data = one("SELECT data FROM terraform_remote_state.states");
    assertTrue(data.startsWith("{\"wrapped\":\""), data);
    assertFalse(data.contains("secret-id"));
    assertEquals(
        "secret-id",
        ((PgStateStore) backend(wrapped, false).store("default"))
            .read()
            .state()
            .currentObject(instance(0))
            .orElseThrow()
            .attributes()
            .get("id")
            .textValue());
    StateException plainReader = assertThrows(StateException.class, () -> store().read());
    assertTrue(
        plainReader.problems().get(0).summary().startsWith("Unsupported state file")
            || plainReader.problems().get(0).summary().startsWith("Invalid state file"),
        plainReader.problems().toString());
  }

  @Test
  void theDataSentGrowsWithTheChangesNotTheState() throws Exception {
    long hundred = applyBytes(100);
    PgStateStore big = store();
    long thousand = applyBytes(1000);
    double ratio = (double) thousand / hundred;
    // Rewriting the whole state after each change (as a full snapshot would) gives near 100.
    assertTrue(ratio > 8 && ratio < 12, "ratio " + ratio + " (" + hundred + ", " + thousand + ")");
    long stateSize = one("SELECT data FROM terraform_remote_state.states").length();
    assertTrue(thousand < 3 * stateSize, thousand + " bytes sent for a state of " + stateSize);
    assertTrue(big.read().recovery().isEmpty());
  }

  private long applyBytes(int changes) throws Exception {
    try (Statement s = admin.createStatement()) {
      s.execute("DELETE FROM terraform_remote_state.states");
    } catch (SQLException tablesNotYetMade) {
      // the first run makes them
    }
    PgStateStore store = store();
    try (StateTransaction tx = store.begin("apply", store.read().state())) {
      for (int i = 0; i < changes; i++) {
        tx.state().recordIntent(instance(i), "token-" + i);
        tx.state().setCurrent(instance(i), PROVIDER, object("id-" + i));
      }
      tx.commit();
    }
    return store.payloadBytesWritten();
  }

  // ---------------------------------------------------------------- locks

  @Test
  void aSecondStoreIsRefusedWithTheHoldersLockInfoUntilItUnlocks() throws Exception {
    PgStateStore first = store();
    first.write(State.empty());
    LockInfo lock = first.lock(LockInfo.APPLY, "", Duration.ZERO);
    assertEquals("pg:terraform_remote_state/default", lock.path());
    String id = one("SELECT id FROM terraform_remote_state.states WHERE name = 'default'");
    // Terraform's lock: a session-level advisory lock keyed by the row's id
    assertEquals(
        List.of(List.of(id, "t")),
        query(
            "SELECT ((classid::bigint << 32) | objid::bigint)::text, granted FROM pg_locks"
                + " WHERE locktype = 'advisory' AND "
                + THIS_DATABASE));
    assertEquals(lock.id(), one("SELECT lock_id FROM terraform_remote_state.forma_locks"));

    PgStateStore second = store();
    StateLockException refused =
        assertThrows(StateLockException.class, () -> second.lock(LockInfo.PLAN, "", Duration.ZERO));
    assertEquals(lock, refused.holder());
    assertEquals(StateLockException.SUMMARY, refused.problems().get(0).summary());
    String detail = refused.problems().get(0).detail();
    assertTrue(
        detail.startsWith(
            "Error message: Workspace is already locked: default\nLock Info:\n  ID:        "
                + lock.id()
                + "\n  Path:      pg:terraform_remote_state/default\n  Operation:"
                + " OperationTypeApply\n  Who:       "
                + lock.who()),
        detail);

    first.unlock(lock.id());
    assertEquals(
        "0", one("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND " + THIS_DATABASE));
    assertEquals("0", one("SELECT count(*) FROM terraform_remote_state.forma_locks"));
    LockInfo secondLock = second.lock(LockInfo.PLAN, "", Duration.ZERO);
    second.unlock(secondLock.id());
  }

  @Test
  void aLockHeldAsTerraformHoldsItRefusesFormaNamingTheSession() throws Exception {
    store().write(State.empty());
    String id = one("SELECT id FROM terraform_remote_state.states WHERE name = 'default'");
    try (Connection terraform = pg.connect(database);
        Statement s = terraform.createStatement()) {
      // Terraform's own lock query, run as its pg backend runs it
      try (ResultSet r =
          s.executeQuery(
              "SELECT states.id, pg_try_advisory_lock(states.id), pg_try_advisory_lock(-1) FROM"
                  + " \"terraform_remote_state\".states WHERE states.name = 'default'")) {
        r.next();
        assertTrue(r.getBoolean(2));
      }
      s.execute("SELECT pg_advisory_unlock(-1)");
      int pid;
      try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
        r.next();
        pid = r.getInt(1);
      }
      StateLockException refused =
          assertThrows(
              StateLockException.class, () -> store().lock(LockInfo.APPLY, "", Duration.ZERO));
      assertNull(refused.holder());
      assertTrue(
          refused
              .problems()
              .get(0)
              .detail()
              .startsWith(
                  "Error message: Workspace is already locked: default\nThe lock is held by"
                      + " PostgreSQL session "
                      + pid
                      + " (user \"postgres\", client 127.0.0.1"),
          refused.problems().get(0).detail());
      assertTrue(
          refused.problems().get(0).detail().contains("Terraform's pg backend records none."));
      // and the reverse: while Forma holds it, Terraform's query gets false for the row
      s.execute("SELECT pg_advisory_unlock(" + id + ")");
      PgStateStore forma = store();
      LockInfo lock = forma.lock(LockInfo.APPLY, "", Duration.ZERO);
      try (ResultSet r =
          s.executeQuery(
              "SELECT states.id, pg_try_advisory_lock(states.id), pg_try_advisory_lock(-1) FROM"
                  + " \"terraform_remote_state\".states WHERE states.name = 'default'")) {
        r.next();
        assertFalse(r.getBoolean(2));
      }
      s.execute("SELECT pg_advisory_unlock(-1)");
      forma.unlock(lock.id());
    }
  }

  @Test
  void aWorkspaceWithoutARowIsLockedWithTerraformsCreationLock() throws Exception {
    backend().createWorkspace("dev");
    PgStateStore creating = store(); // default: no row yet
    LockInfo lock = creating.lock(LockInfo.APPLY, "", Duration.ZERO);
    assertEquals(
        "-1",
        one(
            "SELECT ((classid::bigint << 32) | objid::bigint)::text FROM pg_locks WHERE"
                + " locktype = 'advisory' AND "
                + THIS_DATABASE));
    StateLockException sameWorkspace =
        assertThrows(
            StateLockException.class, () -> store().lock(LockInfo.APPLY, "", Duration.ZERO));
    assertTrue(
        sameWorkspace
            .problems()
            .get(0)
            .detail()
            .startsWith("Error message: Already locked for workspace creation: default"));
    StateLockException otherWorkspace =
        assertThrows(
            StateLockException.class,
            () -> backend().store("dev").lock(LockInfo.APPLY, "", Duration.ZERO));
    assertTrue(
        otherWorkspace
            .problems()
            .get(0)
            .detail()
            .startsWith(
                "Error message: Cannot lock workspace; already locked for workspace creation:"
                    + " dev"));
    assertEquals(lock, otherWorkspace.holder());
    // the first write makes the row; the creation lock is kept until unlock
    creating.write(State.empty());
    creating.unlock(lock.id());
    LockInfo devLock = backend().store("dev").lock(LockInfo.APPLY, "", Duration.ZERO);
    assertEquals("pg:terraform_remote_state/dev", devLock.path());
  }

  @Test
  void withATimeoutTheLockIsRetriedUntilTheHolderReleasesIt() throws Exception {
    PgStateStore first = store();
    first.write(State.empty());
    LockInfo lock = first.lock(LockInfo.APPLY, "", Duration.ZERO);
    CompletableFuture<Void> release =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(700);
                first.unlock(lock.id());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    PgStateStore second = store();
    long start = System.nanoTime();
    LockInfo got = second.lock(LockInfo.APPLY, "", Duration.ofSeconds(20));
    long waited = (System.nanoTime() - start) / 1_000_000;
    release.join();
    assertTrue(waited >= 600, "waited " + waited + " ms");
    second.unlock(got.id());
  }

  @Test
  void theServerReleasesTheLockOfASessionThatEndedAndItsRecordIsReplaced() throws Exception {
    PgStateStore first = store();
    first.write(State.empty());
    LockInfo lock = first.lock(LockInfo.APPLY, "", Duration.ZERO);
    // the holder's process dies: its connection ends
    one(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'forma'"
            + " AND datname = current_database()");
    PgStateStore second = store();
    LockInfo got = second.lock(LockInfo.PLAN, "", Duration.ofSeconds(5));
    assertEquals(
        List.of(List.of(got.id(), "OperationTypePlan")),
        query("SELECT lock_id, info::json->>'Operation' FROM terraform_remote_state.forma_locks"));
    second.unlock(got.id());
    // the dead holder's unlock is no error: its lock went with its session
    first.unlock(lock.id());
  }

  @Test
  void forceUnlockEndsTheHoldersSessionAndTheHolderLearnsItLostTheLock() throws Exception {
    PgStateStore holder = store();
    State base = holder.write(State.empty());
    LockInfo lock = holder.lock(LockInfo.APPLY, "", Duration.ZERO);
    StateTransaction tx = holder.begin("apply", base);
    tx.state().setCurrent(instance(0), PROVIDER, object("a"));

    StateException wrongId =
        assertThrows(StateException.class, () -> store().forceUnlock("not-the-id"));
    assertEquals(
        "lock ID \"not-the-id\" does not match existing lock ID \"" + lock.id() + "\"",
        wrongId.problems().get(0).detail());
    store().forceUnlock(lock.id());
    LockInfo taken = store().lock(LockInfo.APPLY, "", Duration.ofSeconds(5));
    assertTrue(taken.id().length() > 0);

    StateException lost =
        assertThrows(
            StateException.class, () -> tx.state().setCurrent(instance(1), PROVIDER, object("b")));
    String detail = lost.problems().get(0).detail();
    assertTrue(
        detail.startsWith(
            "Lost the connection to the PostgreSQL server at 127.0.0.1:"
                + pg.port()
                + ", database \""
                + database
                + "\", user \"postgres\" while recording a change"),
        detail);
    assertTrue(detail.contains("The state lock was released with the connection."), detail);
    assertThrows(StateException.class, tx::close);
  }

  @Test
  void aConnectionLostMidApplyIsAClearErrorAndTheNextReadRecoversWhatWasRecorded()
      throws Exception {
    PgStateStore store = store();
    State base = store.write(State.empty());
    LockInfo lock = store.lock(LockInfo.APPLY, "", Duration.ZERO);
    StateTransaction tx = store.begin("apply", base);
    tx.state().setCurrent(instance(0), PROVIDER, object("a"));
    tx.state().recordIntent(instance(1), "t1");
    one(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'forma'"
            + " AND datname = current_database()");
    StateException e =
        assertThrows(
            StateException.class, () -> tx.state().setCurrent(instance(1), PROVIDER, object("b")));
    assertEquals("Failed to save state", e.problems().get(0).summary());
    String detail = e.problems().get(0).detail();
    assertTrue(
        detail.contains("Lost the connection to the PostgreSQL server at 127.0.0.1:"), detail);
    assertTrue(
        detail.contains(
            "Every change recorded before the connection was lost is kept in the database"),
        detail);
    assertThrows(StateException.class, tx::close);
    store.unlock(lock.id()); // no error: the lock went with the session

    LoadedState recovered = store().read();
    Recovery recovery = recovered.recovery().orElseThrow();
    assertEquals(
        List.of(new StateChange.SetCurrent(instance(0), PROVIDER, object("a"))),
        recovery.replayed());
    assertEquals(Map.of(instance(1), "t1"), recovery.pendingIntents());
  }

  // ---------------------------------------------------------------- workspaces

  @Test
  void workspacesAreRowsOfTheStatesTableAsTerraformKeepsThem() throws Exception {
    PgBackend backend = backend();
    backend.createWorkspace("prod");
    backend.createWorkspace("dev");
    assertEquals(List.of("default", "dev", "prod"), backend.workspaces());
    assertEquals(
        List.of(List.of("dev"), List.of("prod")),
        query("SELECT name FROM terraform_remote_state.states ORDER BY name"));
    JsonNode dev =
        new ObjectMapper()
            .readTree(one("SELECT data FROM terraform_remote_state.states WHERE name = 'dev'"));
    assertEquals(1, dev.get("serial").intValue());
    assertTrue(dev.get("resources").isEmpty());
    StateException exists =
        assertThrows(StateException.class, () -> backend().createWorkspace("dev"));
    assertEquals("Workspace already exists", exists.problems().get(0).summary());
    StateException missing = assertThrows(StateException.class, () -> backend().store("qa"));
    assertEquals("Workspace does not exist", missing.problems().get(0).summary());

    PgStateStore devStore = (PgStateStore) backend().store("dev");
    StateTransaction tx = devStore.begin("apply", devStore.read().state());
    tx.state().recordIntent(instance(0), "t0");
    Crashes.abandon(tx);
    backend().deleteWorkspace("dev");
    assertEquals(List.of("default", "prod"), backend().workspaces());
    assertEquals(0, journalRows());
    StateException defaultOne =
        assertThrows(StateException.class, () -> backend().deleteWorkspace("default"));
    assertEquals("Cannot delete the default workspace", defaultOne.problems().get(0).summary());
  }

  @Test
  void skipTableCreationNamesTheTablesToMake() throws Exception {
    StateException e =
        assertThrows(StateException.class, () -> backend(StateEncryption.NONE, true).workspaces());
    assertEquals("State tables are missing", e.problems().get(0).summary());
    String detail = e.problems().get(0).detail();
    assertTrue(detail.contains("CREATE TABLE IF NOT EXISTS \"terraform_remote_state\".states"));
    assertTrue(detail.contains("\"terraform_remote_state\".forma_journal"));
    assertTrue(detail.contains("\"terraform_remote_state\".forma_locks"));
    // made by an administrator (here: by a backend allowed to), the tables are used as they are
    backend().workspaces();
    assertEquals(List.of("default"), backend(StateEncryption.NONE, true).workspaces());
  }

  // ---------------------------------------------------------------- connection errors

  @Test
  void aRefusedConnectionNamesHostPortAndDatabase() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PgBackend backend =
        new PgBackend(
            new PgBackend.Settings(
                PgConnectionSettings.parse(
                    "postgres://someone:hunter2-secret@127.0.0.1:"
                        + closedPort
                        + "/tf"
                        + "?sslmode=disable",
                    Map.of()),
                "terraform_remote_state",
                false,
                false,
                false),
            "0.1.0",
            StateEncryption.NONE);
    StateException e = assertThrows(StateException.class, backend::workspaces);
    assertEquals("Failed to connect to PostgreSQL", e.problems().get(0).summary());
    String detail = e.problems().get(0).detail();
    assertTrue(
        detail.startsWith(
            "Could not connect to the PostgreSQL server at 127.0.0.1:"
                + closedPort
                + ", database \"tf\", user \"someone\": "),
        detail);
    assertTrue(detail.contains("Check the host and port in conn_str (or PG_CONN_STR)"), detail);
    assertFalse(detail.contains("hunter2-secret"));
  }

  @Test
  void aWrongPasswordIsNamedWithoutThePassword() throws Exception {
    String wrong = "Wr0ng-" + TestPostgres.PASSWORD;
    for (String password : List.of(wrong, TestPostgres.PASSWORD)) {
      PgBackend backend =
          new PgBackend(
              new PgBackend.Settings(
                  PgConnectionSettings.parse(
                      "host=127.0.0.1 port="
                          + pg.port()
                          + " dbname="
                          + database
                          + " user="
                          + TestPostgres.PASSWORD_ROLE
                          + " password='"
                          + password
                          + "' sslmode=disable",
                      Map.of()),
                  "terraform_remote_state",
                  false,
                  false,
                  false),
              "0.1.0",
              StateEncryption.NONE);
      if (password.equals(wrong)) {
        StateException e = assertThrows(StateException.class, backend::workspaces);
        String detail = e.problems().get(0).detail();
        assertTrue(detail.contains("password authentication failed for user \"forma_pw\""), detail);
        assertTrue(detail.contains("127.0.0.1:" + pg.port() + ", database \"" + database), detail);
        assertFalse(detail.contains(TestPostgres.PASSWORD), detail);
      } else {
        try (Statement s = admin.createStatement()) {
          s.execute("GRANT CREATE ON DATABASE " + database + " TO " + TestPostgres.PASSWORD_ROLE);
        }
        assertEquals(List.of("default"), backend.workspaces());
      }
    }
  }

  @Test
  void withoutSslmodeTheConnectionNeedsTlsAsTerraformsDoes() {
    PgBackend backend =
        new PgBackend(
            new PgBackend.Settings(
                PgConnectionSettings.parse(
                    "postgres://postgres@127.0.0.1:" + pg.port() + "/" + database, Map.of()),
                "terraform_remote_state",
                false,
                false,
                false),
            "0.1.0",
            StateEncryption.NONE);
    StateException e = assertThrows(StateException.class, backend::workspaces);
    assertTrue(
        e.problems().get(0).detail().contains("unless the connection string says sslmode=disable"),
        e.problems().get(0).detail());
  }
}
