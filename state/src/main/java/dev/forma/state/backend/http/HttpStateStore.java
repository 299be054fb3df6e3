package dev.forma.state.backend.http;

import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import dev.forma.state.backend.AtomicFiles;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateLockException;
import dev.forma.state.backend.StateStore;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.codec.JournalRecord;
import dev.forma.state.codec.StateCodec;
import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state at one address of Terraform's http backend protocol (what GitLab, Gitea and others
 * serve): read with {@code GET}, replaced whole with the update method and {@code Content-MD5},
 * locked at {@code lock_address} with Terraform's lock info, updated with {@code ?ID=} while
 * locked.
 *
 * <p>The protocol has no place for an operation's changes or its create intents, so a transaction
 * records them in a {@link LocalJournal} in the working directory ({@code
 * .forma/http/HASH.journal}): a crash mid-apply on this machine leaves no orphan, as the next
 * command here replays the journal onto the state it reads. During a long operation the state is
 * also stored at the server at most every {@code persistInterval} (20 s by default, as Terraform),
 * so that a machine that is lost loses at most that much. When the state cannot be stored at the
 * end of an operation, it is written to {@code errored.tfstate} in the working directory, as
 * Terraform does, and the journal is kept.
 *
 * <p>Every payload (the state sent, each journal line, {@code errored.tfstate}) passes through the
 * store's {@link StateEncryption}. Safe to call from several threads; one transaction at a time.
 */
public final class HttpStateStore implements StateStore {
  /** How often a long operation's state is stored at the server, as Terraform 1.5+ does. */
  public static final Duration DEFAULT_PERSIST_INTERVAL = Duration.ofSeconds(20);

  /** Where the state goes when it cannot be stored at the end of an operation. */
  public static final String ERRORED_STATE_FILE = "errored.tfstate";

  private static final Logger LOG = LoggerFactory.getLogger(HttpStateStore.class);
  private static final OffsetDateTime ZERO_TIME =
      OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final HttpBackendConfig config;
  private final HttpStateClient client;
  private final Path workingDirectory;
  private final String programVersion;
  private final StateCodec codec;
  private final StateCodec digestCodec = new StateCodec("");
  private final StateEncryption encryption;
  private final Duration persistInterval;
  private final Path journalPath;
  private final String journalName;

  private boolean loaded;
  private State persisted;
  private State fresh;
  private long highestSent;
  private LocalJournal.Replay leftover;
  private OpenJournal open;
  private String lockId;
  private byte[] lockJson;

  /**
   * The state at {@code config}'s address, journaled in {@code workingDirectory}, stamped with
   * {@code programVersion} (Forma's), its payloads passed through {@code encryption}, stored during
   * long operations every {@code persistInterval} (zero: after every change).
   *
   * @throws StateException when the TLS settings cannot be used
   */
  public HttpStateStore(
      HttpBackendConfig config,
      Path workingDirectory,
      String programVersion,
      StateEncryption encryption,
      Duration persistInterval)
      throws StateException {
    this.config = Objects.requireNonNull(config, "config");
    this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    this.programVersion = Objects.requireNonNull(programVersion, "programVersion");
    this.encryption = Objects.requireNonNull(encryption, "encryption");
    this.persistInterval = Objects.requireNonNull(persistInterval, "persistInterval");
    this.codec = new StateCodec(programVersion);
    this.client = new HttpStateClient(config);
    this.journalName =
        ".forma/http/" + sha256Hex(config.displayName()).substring(0, 32) + ".journal";
    this.journalPath = workingDirectory.resolve(journalName);
  }

  @Override
  public String displayName() {
    return config.displayName();
  }

  /** The local journal of this state, relative to the working directory. */
  public String journalName() {
    return journalName;
  }

  /** The local journal of this state. */
  public Path journalPath() {
    return journalPath;
  }

  @Override
  public boolean exists() throws StateException {
    return fetch() != null;
  }

  // ---------------------------------------------------------------- reading and writing

  /**
   * Reads the state from the server (an empty state with a new lineage when there is none), and
   * replays onto it what a journal left in the working directory by an interrupted operation holds.
   * Writes nothing.
   */
  @Override
  public synchronized LoadedState read() throws StateException {
    byte[] bytes = fetch();
    persisted =
        bytes == null ? null : codec.read(encryption.decrypt(bytes, displayName()), displayName());
    if (persisted != null) {
      highestSent = Math.max(highestSent, persisted.serial());
    }
    loaded = true;
    State base = persisted != null ? persisted : freshState();
    leftover =
        Files.exists(journalPath)
            ? LocalJournal.replay(
                journalPath, journalName, displayName(), base, digest(base), encryption)
            : null;
    if (leftover == null) {
      return new LoadedState(base, Optional.empty());
    }
    return new LoadedState(leftover.state(), leftover.recovery());
  }

  private byte[] fetch() throws StateException {
    try {
      return client.get();
    } catch (HttpStateClient.Failure f) {
      throw new StateException("Failed to load state", f.getMessage(), f);
    }
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

  /**
   * Stores {@code state} at the server if its content differs from the stored state's (the serial
   * one more), and settles what an interrupted operation left in the journal, keeping its pending
   * intents but those of {@code settled}.
   */
  @Override
  public synchronized State write(State state, Collection<InstanceAddress> settled)
      throws StateException {
    ensureLoaded();
    State written = store(state);
    if (leftover != null) {
      SortedMap<InstanceAddress, String> pending = new TreeMap<>(leftover.pendingIntents());
      pending.keySet().removeAll(settled);
      settleJournal(leftover.operation(), written, pending);
    }
    return written;
  }

  /** Stores {@code state} unless the server has its content already; returns it as stored. */
  private State store(State state) throws StateException {
    if (persisted != null && state.sameContent(persisted)) {
      return persisted;
    }
    State toWrite = stamped(state);
    try {
      send(toWrite);
    } catch (HttpStateClient.Failure f) {
      throw new StateException("Failed to save state", "Error saving state: " + f.getMessage(), f);
    }
    persisted = toWrite;
    return toWrite;
  }

  /**
   * {@code state} with this program's version and the next serial: one more than the stored
   * state's, and than any serial sent before (a request that failed may have reached the server).
   */
  private State stamped(State state) {
    long serial =
        Math.max(
            Math.max(persisted == null ? 1 : persisted.serial() + 1, highestSent + 1),
            state.serial());
    return state.withSerialAndVersion(serial, programVersion);
  }

  private void send(State toWrite) throws HttpStateClient.Failure, StateException {
    highestSent = Math.max(highestSent, toWrite.serial());
    client.put(encryption.encrypt(codec.write(toWrite)), lockId);
  }

  /**
   * The state's digest as a checkpoint records it: of its canonical bytes, whatever program version
   * wrote it.
   */
  private String digest(State state) {
    State canonical = state.withSerialAndVersion(state.serial(), "");
    return sha256Hex(new String(digestCodec.write(canonical), StandardCharsets.UTF_8));
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /**
   * Replaces the journal with one that holds only {@code pending} (deletes it when there is none),
   * on top of {@code stored}, the state now at the server.
   */
  private void settleJournal(String operation, State stored, Map<InstanceAddress, String> pending)
      throws StateException {
    leftover = null;
    List<LocalJournal.Entry> entries = new ArrayList<>();
    if (!pending.isEmpty()) {
      entries.addAll(head(operation, stored, pending));
      entries.add(new LocalJournal.Entry.Record(new JournalRecord.Commit()));
    }
    LocalJournal.settle(journalPath, journalName, encryption, entries);
  }

  /** A journal's first lines: begin on {@code stored}, its checkpoint, and the intents pending. */
  private List<LocalJournal.Entry> head(
      String operation, State stored, Map<InstanceAddress, String> pending) {
    List<LocalJournal.Entry> entries = new ArrayList<>();
    entries.add(
        new LocalJournal.Entry.Record(
            new JournalRecord.Begin(operation, stored.serial(), stored.lineage())));
    entries.add(new LocalJournal.Entry.Checkpoint(stored.serial(), digest(stored)));
    entries.add(new LocalJournal.Entry.Pushed(stored.serial()));
    for (JournalRecord intent : JournalRecord.intents(pending)) {
      entries.add(new LocalJournal.Entry.Record(intent));
    }
    return entries;
  }

  /**
   * Starts recording an operation's changes on top of {@code base}: stores {@code base} at the
   * server first if it differs, then starts the local journal with the intents still pending.
   */
  @Override
  public synchronized StateTransaction begin(String operation, State base) throws StateException {
    if (open != null) {
      throw new IllegalStateException("a transaction is already open on " + displayName());
    }
    ensureLoaded();
    SortedMap<InstanceAddress, String> pending =
        leftover == null ? new TreeMap<>() : new TreeMap<>(leftover.pendingIntents());
    State start = store(base);
    LocalJournal journal =
        LocalJournal.start(journalPath, journalName, encryption, head(operation, start, pending));
    leftover = null;
    open = new OpenJournal(operation, journal, start);
    return new StateTransaction(operation, start, pending, open);
  }

  /** The journal of the open transaction, as the transaction sees it. */
  private final class OpenJournal implements StateTransaction.Journal {
    private final String operation;
    private final LocalJournal file;
    private final State.Builder builder;
    private long lastStored = System.nanoTime();

    OpenJournal(String operation, LocalJournal file, State start) {
      this.operation = operation;
      this.file = file;
      this.builder = start.toBuilder();
    }

    @Override
    public void record(StateChange change) throws StateException {
      synchronized (HttpStateStore.this) {
        file.append(new LocalJournal.Entry.Record(new JournalRecord.Change(change)));
        builder.apply(change);
        if (System.nanoTime() - lastStored >= persistInterval.toNanos()) {
          checkpoint();
        }
      }
    }

    /**
     * Stores the state as of now at the server, between two changes; a failure is not the
     * operation's (the journal has every change, and the end of the operation stores them).
     */
    private void checkpoint() throws StateException {
      lastStored = System.nanoTime();
      State snapshot = builder.build();
      if (persisted != null && snapshot.sameContent(persisted)) {
        return;
      }
      State toWrite = stamped(snapshot);
      file.append(new LocalJournal.Entry.Checkpoint(toWrite.serial(), digest(toWrite)));
      try {
        send(toWrite);
      } catch (HttpStateClient.Failure f) {
        LOG.debug("could not store the state during the operation: {}", f.getMessage());
        return;
      }
      persisted = toWrite;
      file.append(new LocalJournal.Entry.Pushed(toWrite.serial()));
    }

    @Override
    public void commit() throws StateException {
      synchronized (HttpStateStore.this) {
        file.append(new LocalJournal.Entry.Record(new JournalRecord.Commit()));
      }
    }

    @Override
    public State finish(State result, SortedMap<InstanceAddress, String> pendingIntents)
        throws StateException {
      synchronized (HttpStateStore.this) {
        if (open != this) {
          throw new IllegalStateException("not the open transaction");
        }
        open = null;
        State stored = persisted;
        if (persisted == null || !result.sameContent(persisted)) {
          State toWrite = stamped(result);
          StateException unrecorded = null;
          try {
            file.append(new LocalJournal.Entry.Checkpoint(toWrite.serial(), digest(toWrite)));
          } catch (StateException e) {
            unrecorded = e; // storing the state matters more: try it all the same
          }
          try {
            send(toWrite);
          } catch (HttpStateClient.Failure f) {
            file.close();
            loaded = false;
            throw erroredState(toWrite, f);
          }
          persisted = toWrite;
          stored = toWrite;
          if (unrecorded != null) {
            file.close();
            throw unrecorded;
          }
        }
        file.close();
        settleJournal(operation, stored, pendingIntents);
        return stored;
      }
    }

    @Override
    public void abandon() {
      synchronized (HttpStateStore.this) {
        if (open == this) {
          open = null;
        }
        file.close();
        loaded = false;
      }
    }
  }

  /**
   * Writes the state that could not be stored to {@code errored.tfstate} in the working directory
   * and says how to store it, as Terraform does; the journal is kept for the next command here.
   */
  private StateException erroredState(State state, HttpStateClient.Failure failure) {
    List<StateProblem> problems = new ArrayList<>();
    problems.add(
        StateProblem.of("Failed to save state", "Error saving state: " + failure.getMessage()));
    String journal =
        "The changes are also kept in the journal "
            + journalName
            + ": the next Forma command in this directory recovers them from it once the backend"
            + " answers.";
    try {
      AtomicFiles.replace(
          workingDirectory.resolve(ERRORED_STATE_FILE), encryption.encrypt(codec.write(state)));
      problems.add(
          StateProblem.of(
              "Failed to persist state to backend",
              "The error shown above has prevented Forma from writing the updated state to the"
                  + " configured backend. To allow for recovery, the state has been written to the"
                  + " file \""
                  + ERRORED_STATE_FILE
                  + "\" in the current working directory.\n\n"
                  + journal
                  + " Running \"forma apply\" in another directory or on another machine at this"
                  + " point will create a forked state, making it harder to recover.\n\n"
                  + "To retry writing this state, use the following command:\n"
                  + "    forma state push "
                  + ERRORED_STATE_FILE));
    } catch (IOException | StateException e) {
      problems.add(
          StateProblem.of(
              "Failed to persist state to backend",
              "The error shown above has prevented Forma from writing the updated state to the"
                  + " configured backend, and the state could not be written to the file \""
                  + ERRORED_STATE_FILE
                  + "\" either: "
                  + e.getMessage()
                  + "\n\n"
                  + journal));
    }
    return new StateException(problems, failure);
  }

  // ---------------------------------------------------------------- locking

  /**
   * Locks the state at {@code lock_address} (no lock is taken when there is none, as in Terraform),
   * retrying while another holds it until {@code timeout} has passed.
   *
   * @throws StateLockException Terraform's "Error acquiring the state lock", with the holder's lock
   *     info when the server sent it
   */
  @Override
  public LockInfo lock(String operation, String info, Duration timeout) throws StateException {
    LockInfo mine =
        LockInfo.create(
            operation,
            info,
            programVersion,
            // where the state is, without what the address may carry in its query (a token)
            config.address().newBuilder().username("").password("").query(null).build().toString());
    if (config.lockAddress() == null) {
      return mine;
    }
    byte[] json = mine.toJson();
    long deadline = System.nanoTime() + timeout.toNanos();
    long delayMillis = 500;
    while (true) {
      HttpStateClient.LockAnswer answer;
      try {
        answer = client.lock(json);
      } catch (HttpStateClient.Failure f) {
        throw new StateLockException(f.getMessage(), null);
      }
      switch (answer) {
        case HttpStateClient.LockAnswer.Done done -> {
          synchronized (this) {
            lockId = mine.id();
            lockJson = json;
          }
          return mine;
        }
        case HttpStateClient.LockAnswer.Held held -> {
          long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
          if (remainingMillis <= 0 || held.holder() == null) {
            throw new StateLockException(held.reason(), held.holder());
          }
          try {
            Thread.sleep(Math.min(delayMillis, remainingMillis));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateLockException(held.reason(), held.holder());
          }
          delayMillis = Math.min(delayMillis * 2, 8000);
        }
      }
    }
  }

  /** Releases the lock {@code id} this store took, at {@code unlock_address}. */
  @Override
  public synchronized void unlock(String id) throws StateException {
    if (config.lockAddress() == null) {
      return; // nothing was locked
    }
    if (lockId == null) {
      throw new StateException("Failed to unlock state", "HTTP remote state not locked");
    }
    if (!lockId.equals(id)) {
      throw new StateException(
          "Failed to unlock state",
          "lock ID \"" + id + "\" does not match existing lock ID \"" + lockId + "\"");
    }
    if (config.unlockAddress() == null) {
      lockId = null; // as Terraform: without unlock_address, nothing is asked
      lockJson = null;
      return;
    }
    String reason;
    try {
      switch (client.unlock(lockJson)) {
        case HttpStateClient.LockAnswer.Done done -> {
          lockId = null;
          lockJson = null;
          return;
        }
        case HttpStateClient.LockAnswer.Held held ->
            reason =
                "lock ID \""
                    + id
                    + "\" does not match existing lock ID \""
                    + held.holder().id()
                    + "\"\n"
                    + held.holder().table();
      }
    } catch (HttpStateClient.Failure f) {
      reason = f.getMessage();
    }
    throw new StateException(
        "Error releasing the state lock",
        "Error message: "
            + reason
            + "\n\nForma acquired a lock on the state, but could not release it: the state may"
            + " still be locked. Once no Forma or Terraform command uses this state, release the"
            + " lock with:\n    forma force-unlock "
            + id);
  }

  /**
   * Asks {@code unlock_address} to release the lock {@code id}, whoever holds it. The request
   * carries the ID, so a server that checks it refuses a wrong one.
   */
  @Override
  public synchronized void forceUnlock(String id) throws StateException {
    if (config.unlockAddress() == null) {
      if (config.lockAddress() == null) {
        return; // no locking: no lock to release
      }
      throw new StateException(
          "Failed to unlock state",
          "the http backend has a lock_address but no unlock_address, so Forma cannot release"
              + " locks on this state: set unlock_address (for GitLab, the lock_address, with"
              + " unlock_method = \"DELETE\")");
    }
    byte[] json = new LockInfo(id, "", "", "", "", ZERO_TIME, "").toJson();
    try {
      switch (client.unlock(json)) {
        case HttpStateClient.LockAnswer.Done done -> {
          if (id.equals(lockId)) {
            lockId = null;
            lockJson = null;
          }
        }
        case HttpStateClient.LockAnswer.Held held ->
            throw new StateException(
                "Failed to unlock state",
                "lock ID \""
                    + id
                    + "\" does not match existing lock ID \""
                    + held.holder().id()
                    + "\"");
      }
    } catch (HttpStateClient.Failure f) {
      throw new StateException("Failed to unlock state", f.getMessage(), f);
    }
  }
}
