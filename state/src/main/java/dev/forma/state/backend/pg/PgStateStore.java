package dev.forma.state.backend.pg;

import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.backend.JournalReplay;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.LockRetry;
import dev.forma.state.backend.StateLockException;
import dev.forma.state.backend.StateStore;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.codec.JournalCodec;
import dev.forma.state.codec.JournalRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of one workspace of a {@link PgBackend}: its row of {@code states} (Terraform's) and
 * its rows of {@code forma_journal} and {@code forma_locks} (Forma's, which Terraform ignores).
 *
 * <p>Locking is Terraform's protocol: in its own session, {@code pg_try_advisory_lock} on the row's
 * id together with the workspace-creation lock {@code -1}; the creation lock alone while the row
 * does not exist yet. The lock is the session's, so the server releases it when the holder's
 * connection ends, however it ends. Forma then records its lock info in {@code forma_locks} (with
 * the session's process id), so that whoever waits sees who holds the lock.
 *
 * <p>A transaction records each change as one row of {@code forma_journal} (committed before the
 * change is applied: durable at once, and the data sent grows with the change, not the state), and
 * its end compacts them into the {@code states} row and settles the journal in one database
 * transaction. A process that dies leaves its rows for the next {@link #read()} to replay; a
 * session lost mid-operation (the server went away) fails the operation with an error, and nothing
 * more is written: the lock went with the session.
 */
public final class PgStateStore implements StateStore {
  private static final String NOT_LOCKED = "pg state not locked";

  private final PgBackend backend;
  private final String name;
  private final String displayName;
  private final String journalName;

  private PgSession session;
  private Held held;
  private StateException lost;

  private boolean loaded;
  private State persisted;
  private State fresh;
  private JournalReplay.Replayed leftover;
  private Journal open;
  private long payloadBytes;

  private record Held(LockInfo info, long key) {}

  PgStateStore(PgBackend backend, String name) {
    this.backend = backend;
    this.name = name;
    String schema = backend.settings().schemaName();
    this.displayName = "pg:" + schema + "/" + name;
    this.journalName = "pg:" + schema + ".forma_journal/" + name;
  }

  @Override
  public String displayName() {
    return displayName;
  }

  /** The workspace. */
  public String workspace() {
    return name;
  }

  /** Bytes of state and journal payloads this store has sent to the server so far. */
  public synchronized long payloadBytesWritten() {
    return payloadBytes;
  }

  // ---------------------------------------------------------------- sessions

  /** The session: the one holding the lock or the transaction, else a new one. */
  private PgSession session() throws StateException {
    if (lost != null) {
      throw lost;
    }
    if (session == null) {
      session = backend.openSession();
    }
    return session;
  }

  /** Closes the session unless it holds the lock or a transaction. */
  private void releaseIfIdle() {
    if (session != null && held == null && open == null) {
      session.close();
      session = null;
    }
  }

  /**
   * The state problem for a failed statement; when the session is gone, marks the store lost: the
   * lock went with the session, so nothing more may be written by this process.
   */
  private StateException failure(String summary, String what, SQLException e) {
    if (session != null && session.lost(e)) {
      boolean wasLocked = held != null;
      boolean inOperation = open != null;
      session.close();
      session = null;
      StateException gone =
          new StateException(
              summary,
              "Lost the connection to the PostgreSQL server at "
                  + backend.settings().connection().describe()
                  + " while "
                  + what.toLowerCase(java.util.Locale.ROOT)
                  + ": "
                  + PgSession.message(backend.settings().connection(), e)
                  + (wasLocked ? "\nThe state lock was released with the connection." : "")
                  + (inOperation
                      ? "\nEvery change recorded before the connection was lost is kept in the"
                          + " database: run the command again once the server is reachable, and"
                          + " it recovers them (and looks for objects whose create was under way)."
                      : ""),
              e);
      if (wasLocked || inOperation) {
        lost = gone;
        held = null;
      }
      return gone;
    }
    return backend.failure(summary, what, e);
  }

  // ---------------------------------------------------------------- reading and writing

  @Override
  public synchronized boolean exists() throws StateException {
    try {
      PreparedStatement q =
          session()
              .prepare(
                  "SELECT 1 FROM "
                      + backend.table("states")
                      + " WHERE name = ? AND data IS NOT NULL AND data != ''");
      q.setString(1, name);
      try (ResultSet r = q.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      throw failure("Failed to load state", "Reading the state of \"" + name + "\"", e);
    } finally {
      releaseIfIdle();
    }
  }

  /**
   * Reads the state row (an empty state with a new lineage if there is none) and replays the
   * journal rows an interrupted operation left onto it. Writes nothing.
   */
  @Override
  public synchronized LoadedState read() throws StateException {
    String data;
    List<byte[]> records = new ArrayList<>();
    try {
      PgSession s = session();
      PreparedStatement q =
          s.prepare("SELECT data FROM " + backend.table("states") + " WHERE name = ?");
      q.setString(1, name);
      try (ResultSet r = q.executeQuery()) {
        data = r.next() ? r.getString(1) : null;
      }
      PreparedStatement j =
          s.prepare(
              "SELECT record FROM "
                  + backend.table("forma_journal")
                  + " WHERE name = ? ORDER BY seq");
      j.setString(1, name);
      try (ResultSet r = j.executeQuery()) {
        while (r.next()) {
          records.add(r.getBytes(1));
        }
      }
    } catch (SQLException e) {
      throw failure("Failed to load state", "Reading the state of \"" + name + "\"", e);
    } finally {
      releaseIfIdle();
    }
    if (data == null || data.isEmpty()) {
      persisted = null;
    } else {
      byte[] plain =
          backend.encryption().decrypt(data.getBytes(StandardCharsets.UTF_8), displayName);
      persisted = backend.codec().read(plain, displayName);
    }
    loaded = true;
    State base = persisted != null ? persisted : freshState();
    if (records.isEmpty()) {
      leftover = null;
      return new LoadedState(base, Optional.empty());
    }
    List<JournalRecord> decoded = new ArrayList<>();
    int number = 0;
    for (byte[] stored : records) {
      number++;
      byte[] line = backend.encryption().decrypt(stored, journalName);
      int end = line.length;
      while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
        end--;
      }
      decoded.add(JournalCodec.decode(java.util.Arrays.copyOf(line, end), journalName, number));
    }
    leftover = JournalReplay.replay(decoded, false, journalName, displayName, base);
    return new LoadedState(leftover.state(), Optional.of(leftover.recovery()));
  }

  private State freshState() {
    if (fresh == null) {
      fresh = State.empty();
    }
    return fresh;
  }

  private void ensureLoaded() throws StateException {
    if (!loaded) {
      read();
    }
  }

  @Override
  public synchronized State write(State state, Collection<InstanceAddress> settled)
      throws StateException {
    ensureLoaded();
    SortedMap<InstanceAddress, String> pending = null;
    String operation = null;
    if (leftover != null) {
      pending = JournalReplay.pendingIntents(leftover, settled);
      operation = leftover.recovery().operation();
    }
    State written = store(state, operation, pending);
    leftover = null;
    return written;
  }

  @Override
  public synchronized StateTransaction begin(String operation, State base) throws StateException {
    if (open != null) {
      throw new IllegalStateException("a transaction is already open on " + displayName);
    }
    ensureLoaded();
    SortedMap<InstanceAddress, String> pending = JournalReplay.pendingIntents(leftover, List.of());
    State start = store(base, null, null);
    Journal journal = new Journal(operation);
    open = journal;
    try {
      List<byte[]> head = new ArrayList<>();
      head.add(encode(new JournalRecord.Begin(operation, start.serial(), start.lineage())));
      for (JournalRecord intent : JournalRecord.intents(pending)) {
        head.add(encode(intent));
      }
      session()
          .inTransaction(
              s -> {
                deleteJournal(s);
                for (byte[] record : head) {
                  insertJournal(s, journal.next++, record);
                }
                return null;
              });
    } catch (SQLException e) {
      open = null;
      StateException failed = failure("Failed to save state", "Starting the state journal", e);
      releaseIfIdle();
      throw failed;
    } catch (StateException | RuntimeException e) {
      open = null;
      releaseIfIdle();
      throw e;
    }
    leftover = null;
    return new StateTransaction(operation, start, pending, journal);
  }

  private byte[] encode(JournalRecord record) throws StateException {
    return backend.encryption().encrypt(JournalCodec.encode(record));
  }

  private void deleteJournal(PgSession s) throws SQLException {
    PreparedStatement d =
        s.prepare("DELETE FROM " + backend.table("forma_journal") + " WHERE name = ?");
    d.setString(1, name);
    d.executeUpdate();
  }

  private void insertJournal(PgSession s, long seq, byte[] record) throws SQLException {
    PreparedStatement i =
        s.prepare(
            "INSERT INTO "
                + backend.table("forma_journal")
                + " (name, seq, record) VALUES (?, ?, ?)");
    i.setString(1, name);
    i.setLong(2, seq);
    i.setBytes(3, record);
    i.executeUpdate();
    payloadBytes += record.length;
  }

  /**
   * Stores {@code state} in the row if its content differs (serial one more than the stored one),
   * and, when {@code pending} is given, settles the journal to those intents: all in one database
   * transaction.
   */
  private State store(State state, String operation, SortedMap<InstanceAddress, String> pending)
      throws StateException {
    State toWrite = null;
    State result = persisted;
    if (persisted == null || !state.sameContent(persisted)) {
      long serial =
          persisted == null
              ? Math.max(1, state.serial())
              : Math.max(persisted.serial() + 1, state.serial());
      toWrite = state.withSerialAndVersion(serial, backend.programVersion());
      result = toWrite;
    }
    if (toWrite == null && pending == null) {
      return persisted;
    }
    String data = null;
    if (toWrite != null) {
      data = text(backend.encryption().encrypt(backend.codec().write(toWrite)));
    }
    List<byte[]> settledJournal = new ArrayList<>();
    if (pending != null && !pending.isEmpty()) {
      settledJournal.add(
          encode(new JournalRecord.Begin(operation, result.serial(), result.lineage())));
      for (JournalRecord intent : JournalRecord.intents(pending)) {
        settledJournal.add(encode(intent));
      }
      settledJournal.add(encode(new JournalRecord.Commit()));
    }
    String stateText = data;
    try {
      session()
          .inTransaction(
              s -> {
                if (stateText != null) {
                  PreparedStatement u =
                      s.prepare(
                          "INSERT INTO "
                              + backend.table("states")
                              + " (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET"
                              + " data = EXCLUDED.data");
                  u.setString(1, name);
                  u.setString(2, stateText);
                  u.executeUpdate();
                  payloadBytes += stateText.getBytes(StandardCharsets.UTF_8).length;
                }
                if (pending != null) {
                  deleteJournal(s);
                  long seq = 0;
                  for (byte[] record : settledJournal) {
                    insertJournal(s, seq++, record);
                  }
                }
                return null;
              });
    } catch (SQLException e) {
      throw failure("Failed to save state", "Saving the state of \"" + name + "\"", e);
    } finally {
      releaseIfIdle();
    }
    persisted = result;
    return result;
  }

  /** The payload as the {@code data} column's text (an encrypted payload is JSON text too). */
  private String text(byte[] payload) throws StateException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      throw new StateException(
          "Failed to save state",
          "The state payload for "
              + displayName
              + " is not UTF-8 text, which the states table's data column needs.");
    }
  }

  /** The running operation's journal: rows of {@code forma_journal}. */
  private final class Journal implements StateTransaction.Journal {
    private final String operation;
    private long next;

    Journal(String operation) {
      this.operation = operation;
    }

    @Override
    public void record(StateChange change) throws StateException {
      append(new JournalRecord.Change(change));
    }

    @Override
    public void commit() throws StateException {
      append(new JournalRecord.Commit());
    }

    private void append(JournalRecord record) throws StateException {
      byte[] bytes = encode(record);
      synchronized (PgStateStore.this) {
        if (open != this) {
          throw new IllegalStateException("not the open transaction");
        }
        try {
          insertJournal(session(), next, bytes);
          next++;
        } catch (SQLException e) {
          throw failure(
              "Failed to save state", "Recording a change in the state journal " + journalName, e);
        }
      }
    }

    @Override
    public State finish(State result, SortedMap<InstanceAddress, String> pendingIntents)
        throws StateException {
      synchronized (PgStateStore.this) {
        if (open != this) {
          throw new IllegalStateException("not the open transaction");
        }
        try {
          return store(result, operation, new TreeMap<>(pendingIntents));
        } finally {
          open = null;
          releaseIfIdle();
        }
      }
    }

    @Override
    public void abandon() {
      synchronized (PgStateStore.this) {
        if (open == this) {
          open = null;
        }
        loaded = false;
        releaseIfIdle();
      }
    }
  }

  // ---------------------------------------------------------------- locking

  /**
   * Locks the workspace for {@code operation} as Terraform's pg backend does, retrying with backoff
   * until {@code timeout} has passed; then records who holds it in {@code forma_locks}.
   *
   * @throws StateLockException "Error acquiring the state lock", with the holder's lock info when a
   *     Forma holds it, or naming the holder's session otherwise
   */
  @Override
  public LockInfo lock(String operation, String info, Duration timeout) throws StateException {
    try {
      return LockRetry.withBackoff(timeout, () -> tryLock(operation, info));
    } catch (StateLockException e) {
      synchronized (this) {
        releaseIfIdle(); // the session is kept only while it holds the lock
      }
      throw e;
    }
  }

  private synchronized LockInfo tryLock(String operation, String info) throws StateException {
    if (held != null) {
      throw new StateLockException("Workspace is already locked: " + name, held.info());
    }
    try {
      PgSession s = session();
      Long id = null;
      boolean gotRow = false;
      boolean gotCreate = false;
      PreparedStatement q =
          s.prepare(
              "SELECT st.id, pg_try_advisory_lock(st.id), pg_try_advisory_lock(-1) FROM "
                  + backend.table("states")
                  + " st WHERE st.name = ?");
      q.setString(1, name);
      try (ResultSet r = q.executeQuery()) {
        if (r.next()) {
          id = r.getLong(1);
          gotRow = r.getBoolean(2);
          gotCreate = r.getBoolean(3);
        }
      }
      long key;
      if (id == null) {
        if (!advisory(s, "pg_try_advisory_lock", -1)) {
          throw refused(s, -1, "Already locked for workspace creation: " + name);
        }
        key = -1;
      } else if (!gotRow) {
        if (gotCreate) {
          advisory(s, "pg_advisory_unlock", -1);
        }
        throw refused(s, id, "Workspace is already locked: " + name);
      } else if (!gotCreate) {
        advisory(s, "pg_advisory_unlock", id);
        throw refused(
            s, -1, "Cannot lock workspace; already locked for workspace creation: " + name);
      } else {
        advisory(s, "pg_advisory_unlock", -1);
        key = id;
      }
      LockInfo mine = LockInfo.create(operation, info, backend.programVersion(), displayName);
      try {
        PreparedStatement u =
            s.prepare(
                "INSERT INTO "
                    + backend.table("forma_locks")
                    + " (name, lock_id, lock_key, holder_pid, info) VALUES (?, ?, ?,"
                    + " pg_backend_pid(), ?) ON CONFLICT (name) DO UPDATE SET lock_id ="
                    + " EXCLUDED.lock_id, lock_key = EXCLUDED.lock_key, holder_pid ="
                    + " EXCLUDED.holder_pid, info = EXCLUDED.info");
        u.setString(1, name);
        u.setString(2, mine.id());
        u.setLong(3, key);
        u.setString(4, new String(mine.toJson(), StandardCharsets.UTF_8));
        u.executeUpdate();
      } catch (SQLException e) {
        advisory(s, "pg_advisory_unlock", key);
        throw e;
      }
      held = new Held(mine, key);
      return mine;
    } catch (SQLException e) {
      StateException failed = failure(StateLockException.SUMMARY, "Locking the state", e);
      releaseIfIdle();
      throw failed;
    }
  }

  private static boolean advisory(PgSession s, String function, long key) throws SQLException {
    PreparedStatement q = s.prepare("SELECT " + function + "(?::bigint)");
    q.setLong(1, key);
    try (ResultSet r = q.executeQuery()) {
      r.next();
      return r.getBoolean(1);
    }
  }

  /**
   * The lock error when the advisory lock {@code key} is held elsewhere: with the holder's lock
   * info when a Forma recorded it, else naming the holder's session (Terraform records no lock info
   * in its pg backend).
   */
  private StateLockException refused(PgSession s, long key, String reason) throws SQLException {
    for (int attempt = 0; attempt < 10; attempt++) {
      Holder holder = holder(s, key);
      if (holder == null) {
        return new StateLockException(reason, null); // released meanwhile: the retry may win
      }
      if (holder.info() != null) {
        return new StateLockException(reason, holder.info());
      }
      if (!holder.application().startsWith("forma") || attempt == 9) {
        return new StateLockException(reason + "\n" + holder.describe(), null);
      }
      // a Forma that has the lock but has not recorded its info yet
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new StateLockException(reason, null);
  }

  /** The session holding an advisory lock, and the lock info a Forma recorded there. */
  private record Holder(
      int pid, String user, String client, String application, String since, LockInfo info) {
    String describe() {
      return "The lock is held by PostgreSQL session "
          + pid
          + " (user \""
          + user
          + "\""
          + (client == null ? "" : ", client " + client)
          + (application.isEmpty() ? "" : ", application \"" + application + "\"")
          + (since == null ? "" : ", connected since " + since)
          + "), which recorded no lock information; Terraform's pg backend records none.";
    }
  }

  private Holder holder(PgSession s, long key) throws SQLException {
    PreparedStatement q =
        s.prepare(
            "SELECT l.pid, a.usename, host(a.client_addr), coalesce(a.application_name, ''),"
                + " to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS \"UTC\"'),"
                + " fl.info FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                + " LEFT JOIN "
                + backend.table("forma_locks")
                + " fl ON fl.holder_pid = l.pid AND fl.lock_key = ? WHERE l.locktype ="
                + " 'advisory' AND l.granted AND l.objsubid = 1 AND l.database = (SELECT oid"
                + " FROM pg_database WHERE datname = current_database()) AND ((l.classid::bigint"
                + " << 32) | l.objid::bigint) = ? AND l.pid != pg_backend_pid()");
    q.setLong(1, key);
    q.setLong(2, key);
    try (ResultSet r = q.executeQuery()) {
      if (!r.next()) {
        return null;
      }
      String infoJson = r.getString(6);
      LockInfo info =
          infoJson == null ? null : LockInfo.fromJson(infoJson.getBytes(StandardCharsets.UTF_8));
      return new Holder(
          r.getInt(1),
          r.getString(2) == null ? "?" : r.getString(2),
          r.getString(3),
          r.getString(4),
          r.getString(5),
          info);
    }
  }

  /** Releases the lock {@code id} this store holds: its lock info, then the advisory lock. */
  @Override
  public synchronized void unlock(String id) throws StateException {
    if (held == null) {
      if (lost != null) {
        return; // the server released it with the lost session
      }
      throw new StateException("Failed to unlock state", NOT_LOCKED);
    }
    if (!held.info().id().equals(id)) {
      throw new StateException("Failed to unlock state", idMismatch(id, held.info()));
    }
    Held releasing = held;
    try {
      PgSession s = session();
      PreparedStatement d =
          s.prepare(
              "DELETE FROM " + backend.table("forma_locks") + " WHERE name = ? AND lock_id = ?");
      d.setString(1, name);
      d.setString(2, releasing.info().id());
      d.executeUpdate();
      advisory(s, "pg_advisory_unlock", releasing.key());
      held = null;
    } catch (SQLException e) {
      StateException failed = failure("Failed to unlock state", "Releasing the state lock", e);
      if (lost != null) {
        return; // the lock went with the session
      }
      throw failed;
    } finally {
      releaseIfIdle();
    }
  }

  /**
   * Releases the lock {@code id} whoever holds it: this store's own; or a Forma's recorded in
   * {@code forma_locks}, by ending its session ({@code pg_terminate_backend}, which needs the
   * privilege to signal that session) when it is still open, or by removing the record left by a
   * session that has ended.
   */
  @Override
  public synchronized void forceUnlock(String id) throws StateException {
    if (held != null && held.info().id().equals(id)) {
      unlock(id);
      return;
    }
    try {
      PgSession s = session();
      PreparedStatement q =
          s.prepare(
              "SELECT lock_id, lock_key, holder_pid, info FROM "
                  + backend.table("forma_locks")
                  + " WHERE name = ?");
      q.setString(1, name);
      String recordedId = null;
      long key = 0;
      int pid = 0;
      try (ResultSet r = q.executeQuery()) {
        if (r.next()) {
          recordedId = r.getString(1);
          key = r.getLong(2);
          pid = r.getInt(3);
        }
      }
      Long rowId = rowId(s);
      Holder current = holder(s, rowId == null ? -1 : rowId);
      if (recordedId == null || !recordedId.equals(id)) {
        if (current != null && current.info() == null) {
          throw new StateException(
              "Failed to unlock state",
              "No Forma lock with ID \""
                  + id
                  + "\" is recorded for workspace \""
                  + name
                  + "\". "
                  + current.describe()
                  + " If that process is gone, the server releases its lock when the session"
                  + " ends; an administrator can end it with: SELECT pg_terminate_backend("
                  + current.pid()
                  + ");");
        }
        if (recordedId != null && current != null) {
          throw new StateException(
              "Failed to unlock state",
              "lock ID \"" + id + "\" does not match existing lock ID \"" + recordedId + "\"");
        }
        throw new StateException("Failed to unlock state", NOT_LOCKED);
      }
      Holder recorded = holder(s, key);
      if (recorded != null && recorded.pid() == pid) {
        PreparedStatement t = s.prepare("SELECT pg_terminate_backend(?)");
        t.setInt(1, pid);
        boolean ended;
        try (ResultSet r = t.executeQuery()) {
          r.next();
          ended = r.getBoolean(1);
        }
        if (!ended) {
          throw new StateException(
              "Failed to unlock state",
              "Could not end PostgreSQL session " + pid + ", which holds the lock " + id + ".");
        }
      }
      PreparedStatement d =
          s.prepare(
              "DELETE FROM " + backend.table("forma_locks") + " WHERE name = ? AND lock_id = ?");
      d.setString(1, name);
      d.setString(2, id);
      d.executeUpdate();
    } catch (SQLException e) {
      if ("42501".equals(e.getSQLState())) {
        throw new StateException(
            "Failed to unlock state",
            "The lock "
                + id
                + " is held by a running Forma whose PostgreSQL session this user may not end: "
                + PgSession.message(backend.settings().connection(), e),
            e);
      }
      throw failure("Failed to unlock state", "Releasing the state lock", e);
    } finally {
      releaseIfIdle();
    }
  }

  private Long rowId(PgSession s) throws SQLException {
    PreparedStatement q =
        s.prepare("SELECT id FROM " + backend.table("states") + " WHERE name = ?");
    q.setString(1, name);
    try (ResultSet r = q.executeQuery()) {
      return r.next() ? r.getLong(1) : null;
    }
  }

  private static String idMismatch(String id, LockInfo existing) {
    return "lock ID \"" + id + "\" does not match existing lock ID \"" + existing.id() + "\"";
  }
}
