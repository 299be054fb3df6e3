package dev.forma.state.backend.oss;

import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.backend.JournalReplay;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.LockRetry;
import dev.forma.state.backend.Recovery;
import dev.forma.state.backend.StateLockException;
import dev.forma.state.backend.StateStore;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.codec.JournalCodec;
import dev.forma.state.codec.JournalRecord;
import dev.forma.state.codec.StateCodec;
import dev.forma.state.encryption.StateEncryption;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one workspace in an OSS bucket, where Terraform's oss backend keeps it, with a lock
 * object beside it and a journal of its own.
 *
 * <p>Objects, for the state object {@code S} (Terraform's name for the workspace's state):
 *
 * <ul>
 *   <li>{@code S}: the state, replaced whole by one PutObject (atomic in OSS), in Terraform's v4
 *       JSON, passed through the store's {@link StateEncryption};
 *   <li>{@code S.tflock}: the lock. Taking it is a PutObject with {@code x-oss-forbid-overwrite:
 *       true}, so of several writers exactly one creates it; it holds the holder's {@link LockInfo}
 *       JSON (not encrypted), which a waiting user is shown. Unlocking deletes it after checking it
 *       is the caller's lock.
 *   <li>{@code .forma/journal/S/GGGGGGGGGGGGGGGGGGGG/SSSSSSSSSS}: the journal, one small object per
 *       record (generation {@code G}, sequence {@code S}, both zero-padded so names sort in order),
 *       in a folder of its own outside the workspace prefix (Terraform would list anything under
 *       the prefix as a workspace). An operation writes record 0 (begin, with the create intents
 *       still pending) and then one object per change, each stored before the call returns; at the
 *       end it writes the state and deletes the journal. Reading replays the newest generation
 *       whose record 0 exists onto the state, exactly as the local backend replays its journal
 *       file: a crash mid-apply leaves no orphan. Deleting a journal removes its record 0 first, so
 *       a deletion cut short leaves a generation without a beginning, which reading ignores; older
 *       generations are superseded by a newer one's record 0, which carries their pending intents.
 * </ul>
 *
 * <p>Cost: each recorded change is one PutObject of its own size (the bytes sent grow linearly with
 * the changes, not with the state); reading costs one GetObject and one ListObjects, plus one
 * GetObject per record after a crash; finishing an operation one PutObject of the state, one
 * DeleteObject and a DeleteMultipleObjects per thousand records.
 *
 * <p>Locking is up to the caller ({@code -lock=false} does not call {@link #lock}). Safe to call
 * from several threads; one transaction at a time.
 */
public final class OssStateStore implements StateStore {
  /** What follows the state object's name in the lock object's name, as Terraform names it. */
  public static final String LOCK_SUFFIX = ".tflock";

  /**
   * The folder of the journals: {@code .forma/journal/S/} for the state object {@code S}, outside
   * the workspace prefix, so that Terraform, which takes every object under the prefix for a
   * workspace, does not list journal records as workspaces.
   */
  public static final String JOURNAL_FOLDER = ".forma/journal/";

  private final OssClient client;
  private final String stateKey;
  private final String displayName;
  private final String programVersion;
  private final StateCodec codec;
  private final StateEncryption encryption;
  private final AtomicLong bytesSent = new AtomicLong();

  private boolean loaded;
  private State persisted;
  private State fresh;
  private JournalReplay.Replayed leftover;
  private long lastGeneration;
  private OpenJournal open;

  OssStateStore(
      OssClient client, String stateKey, String programVersion, StateEncryption encryption) {
    this.client = client;
    this.stateKey = stateKey;
    this.displayName = "oss://" + client.settings().bucket() + "/" + stateKey;
    this.programVersion = programVersion;
    this.codec = new StateCodec(programVersion);
    this.encryption = encryption;
  }

  @Override
  public String displayName() {
    return displayName;
  }

  /** The state object's name in the bucket. */
  public String stateKey() {
    return stateKey;
  }

  /** The lock object's name: the state object's followed by {@code .tflock}. */
  public String lockKey() {
    return stateKey + LOCK_SUFFIX;
  }

  /** The journal's folder: {@code .forma/journal/} followed by the state object's name. */
  public String journalPrefix() {
    return JOURNAL_FOLDER + stateKey + "/";
  }

  /** The journal, as named to the user. */
  private String journalName() {
    return "oss://" + client.settings().bucket() + "/" + journalPrefix();
  }

  /** Bytes sent in object bodies (state, journal records, lock) so far. */
  public long bytesSent() {
    return bytesSent.get();
  }

  @Override
  public boolean exists() throws StateException {
    try {
      return client.exists(stateKey);
    } catch (OssException e) {
      throw failure("Failed to load state", "Could not look for " + displayName, e);
    }
  }

  // ---------------------------------------------------------------- reading and writing

  @Override
  public synchronized LoadedState read() throws StateException {
    byte[] stored;
    try {
      stored = client.get(stateKey);
    } catch (OssException e) {
      throw failure("Failed to load state", "Could not read " + displayName, e);
    }
    if (stored == null || stored.length == 0) {
      persisted = null;
    } else {
      persisted = codec.read(encryption.decrypt(stored, displayName), displayName);
    }
    loaded = true;
    State base = persisted != null ? persisted : freshState();
    leftover = replay(base);
    if (leftover == null) {
      return new LoadedState(base, java.util.Optional.empty());
    }
    return new LoadedState(leftover.state(), java.util.Optional.of(leftover.recovery()));
  }

  private State freshState() {
    if (fresh == null) {
      fresh = State.empty();
    }
    return fresh;
  }

  @Override
  public synchronized State write(State state, Collection<InstanceAddress> settled)
      throws StateException {
    ensureLoaded();
    State written = replaceState(state);
    if (leftover != null) {
      finishJournal(
          leftover.recovery().operation(), JournalReplay.pendingIntents(leftover, settled));
    }
    return written;
  }

  @Override
  public synchronized StateTransaction begin(String operation, State base) throws StateException {
    if (open != null) {
      throw new IllegalStateException("a transaction is already open on " + displayName);
    }
    ensureLoaded();
    SortedMap<InstanceAddress, String> pending = JournalReplay.pendingIntents(leftover, List.of());
    State start = replaceState(base);
    long generation = lastGeneration + 1;
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.writeBytes(
        JournalCodec.encode(new JournalRecord.Begin(operation, start.serial(), start.lineage())));
    for (JournalRecord intent : JournalRecord.intents(pending)) {
      head.writeBytes(JournalCodec.encode(intent));
    }
    putRecord(generation, 0, head.toByteArray(), "Could not start the state journal");
    lastGeneration = generation;
    deleteJournalExcept(generation, "Could not start the state journal");
    leftover = null;
    open = new OpenJournal(operation, generation);
    return new StateTransaction(operation, start, pending, open);
  }

  private void ensureLoaded() throws StateException {
    if (!loaded) {
      read();
    }
  }

  private State replaceState(State state) throws StateException {
    if (persisted != null && state.sameContent(persisted)) {
      return persisted;
    }
    long serial =
        persisted == null
            ? Math.max(1, state.serial())
            : Math.max(persisted.serial() + 1, state.serial());
    State toWrite = state.withSerialAndVersion(serial, programVersion);
    byte[] bytes = encryption.encrypt(codec.write(toWrite));
    try {
      client.put(stateKey, bytes, "application/json", false);
      bytesSent.addAndGet(bytes.length);
    } catch (OssException e) {
      throw failure("Failed to save state", "Could not write " + displayName, e);
    }
    persisted = toWrite;
    return toWrite;
  }

  /**
   * Makes the state object with an empty state, only if there is none (a workspace being created).
   *
   * @return false when the object exists already
   */
  boolean createEmpty() throws StateException {
    State empty = State.empty();
    State toWrite =
        new State(1, empty.lineage(), programVersion, empty.outputs(), empty.resources());
    byte[] bytes = encryption.encrypt(codec.write(toWrite));
    try {
      client.put(stateKey, bytes, "application/json", true);
      bytesSent.addAndGet(bytes.length);
    } catch (OssException e) {
      if (e.is("FileAlreadyExists")) {
        return false;
      }
      throw failure("Failed to create workspace", "Could not write " + displayName, e);
    }
    persisted = toWrite;
    loaded = true;
    return true;
  }

  /** Deletes the state object and the journal (the workspace is being deleted). */
  void deleteAll() throws StateException {
    try {
      List<String> keys = new ArrayList<>(client.list(journalPrefix()));
      keys.add(stateKey);
      client.deleteAll(keys);
    } catch (OssException e) {
      throw failure("Failed to delete workspace", "Could not delete " + displayName, e);
    }
    loaded = false;
  }

  // ---------------------------------------------------------------- the journal

  /** The record object's name. */
  String recordKey(long generation, int sequence) {
    return journalPrefix() + String.format("%020d/%010d", generation, sequence);
  }

  private void putRecord(long generation, int sequence, byte[] plain, String doing)
      throws StateException {
    byte[] bytes = encryption.encrypt(plain);
    try {
      client.put(recordKey(generation, sequence), bytes, "application/x-ndjson", false);
      bytesSent.addAndGet(bytes.length);
    } catch (OssException e) {
      throw failure("Failed to save state", doing + " in " + journalName(), e);
    }
  }

  /** The journal's records by generation and sequence, as listed now. */
  private NavigableMap<Long, NavigableMap<Integer, String>> listJournal(String doing)
      throws StateException {
    List<String> keys;
    try {
      keys = client.list(journalPrefix());
    } catch (OssException e) {
      throw failure("Failed to load state", doing + " " + journalName(), e);
    }
    NavigableMap<Long, NavigableMap<Integer, String>> out = new TreeMap<>();
    for (String k : keys) {
      String rest = k.substring(journalPrefix().length());
      int slash = rest.indexOf('/');
      if (slash != 20 || rest.length() != 31) {
        continue;
      }
      try {
        long generation = Long.parseLong(rest.substring(0, slash));
        int sequence = Integer.parseInt(rest.substring(slash + 1));
        out.computeIfAbsent(generation, g -> new TreeMap<>()).put(sequence, k);
      } catch (NumberFormatException e) {
        // not a record of ours
      }
    }
    if (!out.isEmpty()) {
      lastGeneration = Math.max(lastGeneration, out.lastKey());
    }
    return out;
  }

  /**
   * Replays the newest generation of the journal onto {@code base}; null when there is none (or it
   * is being deleted: its record 0 is gone).
   */
  private JournalReplay.Replayed replay(State base) throws StateException {
    NavigableMap<Long, NavigableMap<Integer, String>> journal =
        listJournal("Could not list the state journal");
    if (journal.isEmpty()) {
      return null;
    }
    NavigableMap<Integer, String> newest = journal.lastEntry().getValue();
    if (!newest.containsKey(0)) {
      return null;
    }
    String journalName = journalName();
    List<JournalRecord> records = new ArrayList<>();
    for (Map.Entry<Integer, String> object : newest.entrySet()) {
      String where = "oss://" + client.settings().bucket() + "/" + object.getValue();
      byte[] stored;
      try {
        stored = client.get(object.getValue());
      } catch (OssException e) {
        throw failure("Failed to load state", "Could not read the state journal " + where, e);
      }
      if (stored == null) {
        break; // deleted meanwhile: what follows is being deleted too
      }
      byte[] plain = encryption.decrypt(stored, where);
      int start = 0;
      int line = 0;
      while (start < plain.length) {
        int end = start;
        while (end < plain.length && plain[end] != '\n') {
          end++;
        }
        line++;
        records.add(JournalCodec.decode(Arrays.copyOfRange(plain, start, end), where, line));
        start = end + 1;
      }
    }
    if (records.isEmpty()) {
      throw new StateException(
          "Corrupt state journal",
          "The state journal " + journalName + " does not start with a \"begin\" record.");
    }
    return JournalReplay.replay(
        records,
        false,
        journalName,
        displayName,
        base,
        "Copy its objects elsewhere (keep them: they list changes that may be missing from the"
            + " state), delete them from the bucket, and try again.");
  }

  /**
   * Settles the journal once the state is stored: deleted when no create intent is pending, else
   * replaced by a new generation holding only the pending intents.
   */
  private void finishJournal(String operation, Map<InstanceAddress, String> pendingIntents)
      throws StateException {
    leftover = null;
    if (pendingIntents.isEmpty()) {
      NavigableMap<Long, NavigableMap<Integer, String>> journal =
          listJournal("Could not settle the state journal");
      List<String> rest = new ArrayList<>();
      journal.values().forEach(g -> rest.addAll(g.values()));
      try {
        if (!journal.isEmpty() && journal.lastEntry().getValue().containsKey(0)) {
          // record 0 of the newest generation first: a journal without it is being deleted
          String head = journal.lastEntry().getValue().get(0);
          client.delete(head);
          rest.remove(head);
        }
        client.deleteAll(rest);
      } catch (OssException e) {
        throw failure(
            "Failed to save state",
            "The state is saved, but the state journal " + journalName() + " could not be deleted",
            e);
      }
      return;
    }
    listJournal("Could not settle the state journal");
    long generation = lastGeneration + 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        JournalCodec.encode(
            new JournalRecord.Begin(operation, persisted.serial(), persisted.lineage())));
    for (JournalRecord intent : JournalRecord.intents(pendingIntents)) {
      out.writeBytes(JournalCodec.encode(intent));
    }
    out.writeBytes(JournalCodec.encode(new JournalRecord.Commit()));
    putRecord(generation, 0, out.toByteArray(), "Could not settle the state journal");
    lastGeneration = generation;
    deleteJournalExcept(generation, "Could not settle the state journal");
    // the next operation of this store carries the intents on, as one that reads them would
    leftover =
        new JournalReplay.Replayed(
            persisted,
            new Recovery(
                journalName(), operation, true, List.of(), new TreeMap<>(pendingIntents), false));
  }

  /** Deletes every journal record but those of {@code generation}. */
  private void deleteJournalExcept(long generation, String doing) throws StateException {
    NavigableMap<Long, NavigableMap<Integer, String>> journal = listJournal(doing);
    List<String> old = new ArrayList<>();
    journal.forEach(
        (g, records) -> {
          if (g != generation) {
            old.addAll(records.values());
          }
        });
    try {
      client.deleteAll(old);
    } catch (OssException e) {
      throw failure("Failed to save state", doing + " in " + journalName(), e);
    }
  }

  /** The journal of the open transaction, as the transaction sees it. */
  private final class OpenJournal implements StateTransaction.Journal {
    private final String operation;
    private final long generation;
    private int next = 1;

    OpenJournal(String operation, long generation) {
      this.operation = operation;
      this.generation = generation;
    }

    @Override
    public void record(StateChange change) throws StateException {
      synchronized (OssStateStore.this) {
        putRecord(
            generation,
            next,
            JournalCodec.encode(new JournalRecord.Change(change)),
            "Could not record a change");
        next++;
      }
    }

    @Override
    public void commit() throws StateException {
      synchronized (OssStateStore.this) {
        putRecord(
            generation,
            next,
            JournalCodec.encode(new JournalRecord.Commit()),
            "Could not record the end of the operation");
        next++;
      }
    }

    @Override
    public State finish(State result, SortedMap<InstanceAddress, String> pendingIntents)
        throws StateException {
      synchronized (OssStateStore.this) {
        if (open != this) {
          throw new IllegalStateException("not the open transaction");
        }
        open = null;
        State written = replaceState(result);
        finishJournal(operation, pendingIntents);
        return written;
      }
    }

    @Override
    public void abandon() {
      synchronized (OssStateStore.this) {
        if (open == this) {
          open = null;
        }
        loaded = false;
      }
    }
  }

  // ---------------------------------------------------------------- locking

  @Override
  public LockInfo lock(String operation, String info, Duration timeout) throws StateException {
    return LockRetry.withBackoff(timeout, () -> tryLock(operation, info));
  }

  private LockInfo tryLock(String operation, String info) throws StateException {
    LockInfo mine = LockInfo.create(operation, info, programVersion, displayName);
    byte[] json = mine.toJson();
    try {
      client.put(lockKey(), json, "application/json", true);
      bytesSent.addAndGet(json.length);
      return mine;
    } catch (OssException e) {
      if (!e.is("FileAlreadyExists")) {
        throw failure(
            StateLockException.SUMMARY, "Could not create the lock object " + lockName(), e);
      }
    }
    LockInfo holder = readLock(StateLockException.SUMMARY);
    if (holder != null && holder.id().equals(mine.id())) {
      return mine; // created by an attempt whose answer was lost, then sent again
    }
    throw new StateLockException("the lock object " + lockName() + " already exists", holder);
  }

  /** The lock info in the lock object; null when there is none (or it is not lock info). */
  private LockInfo readLock(String summary) throws StateException {
    try {
      byte[] bytes = client.get(lockKey());
      return bytes == null ? null : LockInfo.fromJson(bytes);
    } catch (OssException e) {
      throw failure(summary, "Could not read the lock object " + lockName(), e);
    }
  }

  private String lockName() {
    return displayName + LOCK_SUFFIX;
  }

  /** The lock info of whoever holds the lock now, or null when nobody does. */
  public LockInfo holder() throws StateException {
    return readLock("Failed to read the state lock");
  }

  @Override
  public void unlock(String id) throws StateException {
    release(id);
  }

  /**
   * Deletes the lock object if its ID is {@code id}. The lock is not tied to a process, so this is
   * what {@link #unlock} does too: OSS has no conditional delete, and between reading the lock and
   * deleting it nobody else can take it (the object exists), unless a force-unlock intervenes.
   */
  @Override
  public void forceUnlock(String id) throws StateException {
    release(id);
  }

  private void release(String id) throws StateException {
    String summary = "Failed to unlock state";
    LockInfo existing = readLock(summary);
    if (existing == null) {
      throw new StateException(
          summary,
          "The state "
              + displayName
              + " is not locked: there is no lock object "
              + lockName()
              + ".");
    }
    if (!existing.id().equals(id)) {
      throw new StateException(
          summary,
          "lock ID \""
              + id
              + "\" does not match existing lock ID \""
              + existing.id()
              + "\"\n\n"
              + existing.table());
    }
    try {
      client.delete(lockKey());
    } catch (OssException e) {
      throw failure(summary, "Could not delete the lock object " + lockName(), e);
    }
  }

  // ---------------------------------------------------------------- errors

  /** A failed OSS call as the user sees it: what failed, where, why, and what to check. */
  StateException failure(String summary, String doing, OssException e) {
    return failure(client.settings(), summary, doing, e);
  }

  static StateException failure(
      OssSettings settings, String summary, String doing, OssException e) {
    StringBuilder detail = new StringBuilder();
    detail
        .append(doing)
        .append(" in ")
        .append(settings.where())
        .append(": ")
        .append(e.describe())
        .append(".");
    String hint = hint(settings, e);
    if (!hint.isEmpty()) {
      detail.append("\n\n").append(hint);
    }
    return new StateException(summary, detail.toString(), e);
  }

  private static String hint(OssSettings settings, OssException e) {
    String source = settings.credentials().source();
    return switch (e.code()) {
      case "InvalidAccessKeyId" ->
          "OSS does not know the access key "
              + settings.credentials().accessKeyId()
              + " (from "
              + source
              + "). Check the oss backend's credentials: access_key and secret_key, or"
              + " ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY, or the profile.";
      case "SignatureDoesNotMatch" ->
          "The secret key does not match the access key "
              + settings.credentials().accessKeyId()
              + " (from "
              + source
              + "). Check the oss backend's secret_key, or ALICLOUD_SECRET_KEY.";
      case "InvalidSecurityToken", "SecurityTokenExpired" ->
          "The security token (from " + source + ") is not valid: get new temporary credentials.";
      case "AccessDenied" ->
          "The access key "
              + settings.credentials().accessKeyId()
              + " (from "
              + source
              + ") may not do this: allow it oss:GetObject, oss:PutObject, oss:DeleteObject and"
              + " oss:ListObjects on the bucket.";
      case "NoSuchBucket" ->
          "Create the bucket first (Forma does not create it), or check bucket, region and"
              + " endpoint.";
      case "RequestTimeTooSkewed" -> "Check this machine's clock.";
      default ->
          e.status() == 0
              ? "Check the oss backend's endpoint and region, and that this machine reaches it."
              : "";
    };
  }
}
