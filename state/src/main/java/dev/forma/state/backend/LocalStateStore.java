package dev.forma.state.backend;

import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.codec.JournalRecord;
import dev.forma.state.codec.StateCodec;
import dev.forma.state.encryption.StateEncryption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A state kept in a local file, as Terraform's local backend keeps it ({@code terraform.tfstate} in
 * the working directory by default), with Terraform's lock-info file and backup, and a write-ahead
 * journal that makes each recorded change durable at the cost of one line.
 *
 * <p>Files beside the state {@code S}: {@code .S.lock.info} (the lock: whoever holds the OS lock on
 * it holds the state lock, and writes its lock info into it; created owner-only when absent,
 * deleted on unlock; one left by a killed holder carries no OS lock and is taken over), {@code
 * S.backup} (the state as it was before this backend first replaced it), {@code S.journal} (the
 * running operation's changes).
 *
 * <p>With a {@link StateEncryption}, the state file, the backup and each journal line hold their
 * payload encrypted (OpenTofu's envelope); a state read in an outdated form (plain while the
 * primary method encrypts, or decrypted by a fallback) is written again at the next write, even if
 * it did not change, and the backup is written in the current form too.
 *
 * <p>Locking is up to the caller ({@code -lock=false} simply does not call {@link #lock}). Read,
 * write and transactions are safe to call from several threads; one transaction at a time.
 */
public final class LocalStateStore implements StateStore {
  /** The state file's name when none is configured. */
  public static final String DEFAULT_STATE_FILE = "terraform.tfstate";

  /** Locks held by this JVM, by lock-info path: a second holder must not even open the file. */
  private static final Map<Path, HeldLock> HELD = new HashMap<>();

  private static final String NOT_LOCKED = "LocalState not locked";

  private final Path statePath;
  private final String displayName;
  private final String programVersion;
  private final StateCodec codec;
  private final StateEncryption encryption;
  private final Counter counter = new Counter();

  private boolean loaded;
  private State persisted;

  /** The plain bytes of the state file as read or last written (what the backup keeps). */
  private byte[] persistedBytes;

  /** The state file is in an outdated encryption form: the next write rewrites it. */
  private boolean outdated;

  private State fresh;
  private boolean backedUp;
  private JournalReplay.Replayed leftover;
  private OpenJournal open;

  /** Counts bytes written to the state, its backup and its journal. */
  static final class Counter {
    private final AtomicLong bytes = new AtomicLong();

    void add(long count) {
      bytes.addAndGet(count);
    }

    long get() {
      return bytes.get();
    }
  }

  private record HeldLock(
      LockInfo info, FileChannel channel, FileLock fileLock, LocalStateStore owner) {}

  /**
   * A backend for the state file at {@code statePath} (named to the user as given), writing {@code
   * programVersion} (Forma's version) into states and lock info.
   */
  public LocalStateStore(Path statePath, String programVersion) {
    this(statePath, statePath.toString(), programVersion);
  }

  /**
   * A backend for the state file at {@code statePath}, named to the user (in messages and lock
   * info) as {@code displayName}, such as {@code terraform.tfstate} relative to the working
   * directory.
   */
  public LocalStateStore(Path statePath, String displayName, String programVersion) {
    this(statePath, displayName, programVersion, StateEncryption.NONE);
  }

  /**
   * As {@link #LocalStateStore(Path, String, String)}, passing the state file, its backup and its
   * journal's records through {@code encryption}.
   */
  public LocalStateStore(
      Path statePath, String displayName, String programVersion, StateEncryption encryption) {
    this.statePath = Objects.requireNonNull(statePath, "statePath");
    this.displayName = Objects.requireNonNull(displayName, "displayName");
    this.programVersion = Objects.requireNonNull(programVersion, "programVersion");
    this.codec = new StateCodec(programVersion);
    this.encryption = Objects.requireNonNull(encryption, "encryption");
  }

  /** A backend for {@code terraform.tfstate} in {@code workingDirectory}. */
  public static LocalStateStore inDirectory(Path workingDirectory, String programVersion) {
    return new LocalStateStore(workingDirectory.resolve(DEFAULT_STATE_FILE), programVersion);
  }

  @Override
  public String displayName() {
    return displayName;
  }

  @Override
  public boolean exists() {
    return Files.exists(statePath);
  }

  /** The state file. */
  public Path statePath() {
    return statePath;
  }

  /** The lock-info file: {@code .terraform.tfstate.lock.info} beside the state. */
  public Path lockInfoPath() {
    return sibling("." + statePath.getFileName() + ".lock.info");
  }

  /** The backup of the previous state: {@code terraform.tfstate.backup}. */
  public Path backupPath() {
    return sibling(statePath.getFileName() + ".backup");
  }

  /** The journal of the running operation: {@code terraform.tfstate.journal}. */
  public Path journalPath() {
    return sibling(statePath.getFileName() + ".journal");
  }

  private Path sibling(String name) {
    Path parent = statePath.getParent();
    return parent == null ? Path.of(name) : parent.resolve(name);
  }

  /** Bytes this backend has written to the state file, its backup and its journal so far. */
  public long bytesWritten() {
    return counter.get();
  }

  // ---------------------------------------------------------------- reading and writing

  /**
   * Reads the state file (an empty state with a new lineage if there is none), and replays a
   * journal left by an interrupted operation onto it. Writes nothing: the recovered changes reach
   * the state file with the next write, transaction or {@link #compact()}.
   */
  @Override
  public synchronized LoadedState read() throws StateException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(statePath);
    } catch (NoSuchFileException e) {
      bytes = null;
    } catch (IOException e) {
      throw new StateException(
          "Failed to load state", "Could not read " + displayName + ": " + e.getMessage(), e);
    }
    if (bytes == null || bytes.length == 0) {
      persisted = null;
      persistedBytes = null;
      outdated = false;
    } else {
      StateEncryption.Decrypted plain = encryption.open(bytes, displayName);
      persisted = codec.read(plain.plain(), displayName);
      persistedBytes = plain.plain();
      outdated = plain.outdated();
    }
    loaded = true;
    State base = persisted != null ? persisted : freshState();
    leftover =
        FileJournal.replay(journalPath(), journalPath().toString(), displayName, base, encryption);
    if (leftover == null) {
      return new LoadedState(base, Optional.empty());
    }
    return new LoadedState(leftover.state(), Optional.of(leftover.recovery()));
  }

  private State freshState() {
    if (fresh == null) {
      fresh = State.empty();
    }
    return fresh;
  }

  /**
   * Replaces the state file with {@code state} atomically, if its content differs from the file's:
   * the serial becomes one more than the file's, {@code terraform_version} this program's version.
   * The first replacement by this backend keeps the previous file as the backup. A journal left by
   * an interrupted operation is settled (its pending intents kept).
   *
   * @return the state as now persisted
   */
  @Override
  public synchronized State write(State state) throws StateException {
    return write(state, Set.of());
  }

  /**
   * As {@link #write(State)}, and drops the pending create intents of {@code settled} (the user
   * adopted their objects or knows they were never made, e.g. {@code forma state rm}).
   */
  @Override
  public synchronized State write(State state, Collection<InstanceAddress> settled)
      throws StateException {
    ensureLoaded();
    State written = replaceStateFile(state);
    if (leftover != null) {
      finishJournal(
          leftover.recovery().operation(), JournalReplay.pendingIntents(leftover, settled));
    }
    return written;
  }

  /**
   * Writes the state recovered from a leftover journal, if any, and settles the journal (keeping
   * its pending intents). Returns the state as persisted.
   */
  public synchronized State compact() throws StateException {
    if (open != null) {
      throw new IllegalStateException("a transaction is open: compact it instead");
    }
    LoadedState loadedState = read();
    return write(loadedState.state());
  }

  /**
   * Starts recording an operation's changes on top of {@code base} (typically the state {@link
   * #read()} returned, refreshed): writes {@code base} first if it differs from the file, then
   * starts the journal with intents still pending from an earlier operation.
   */
  @Override
  public synchronized StateTransaction begin(String operation, State base) throws StateException {
    if (open != null) {
      throw new IllegalStateException("a transaction is already open on " + displayName);
    }
    ensureLoaded();
    SortedMap<InstanceAddress, String> pending = JournalReplay.pendingIntents(leftover, Set.of());
    State start = replaceStateFile(base);
    FileJournal journal;
    try {
      journal =
          FileJournal.start(
              journalPath(),
              journalPath().toString(),
              new JournalRecord.Begin(operation, start.serial(), start.lineage()),
              pending,
              counter,
              encryption);
    } catch (IOException e) {
      throw new StateException(
          "Failed to save state",
          "Could not start the state journal " + journalPath() + ": " + e.getMessage(),
          e);
    }
    leftover = null;
    open = new OpenJournal(operation, journal);
    return new StateTransaction(operation, start, pending, open);
  }

  /** The journal file of the open transaction, as the transaction sees it. */
  private final class OpenJournal implements StateTransaction.Journal {
    private final String operation;
    private final FileJournal file;

    OpenJournal(String operation, FileJournal file) {
      this.operation = operation;
      this.file = file;
    }

    @Override
    public void record(StateChange change) throws StateException {
      file.record(change);
    }

    @Override
    public Pending append(StateChange change) throws StateException {
      return file.append(change);
    }

    @Override
    public void commit() throws StateException {
      file.commit();
    }

    @Override
    public State finish(State result, SortedMap<InstanceAddress, String> pendingIntents)
        throws StateException {
      synchronized (LocalStateStore.this) {
        if (open != this) {
          throw new IllegalStateException("not the open transaction");
        }
        open = null;
        try {
          file.close();
        } catch (IOException e) {
          // The journal's records are already durable; closing cannot lose any.
        }
        State written = replaceStateFile(result);
        finishJournal(operation, pendingIntents);
        return written;
      }
    }

    @Override
    public void abandon() {
      synchronized (LocalStateStore.this) {
        if (open == this) {
          open = null;
        }
        try {
          file.close();
        } catch (IOException e) {
          // Nothing to do: a crash would not close it either.
        }
        loaded = false;
      }
    }
  }

  private void ensureLoaded() throws StateException {
    if (!loaded) {
      read();
    }
  }

  private State replaceStateFile(State state) throws StateException {
    boolean unchanged = persisted != null && state.sameContent(persisted);
    if (unchanged && !outdated) {
      return persisted;
    }
    // Unchanged but outdated: the same state (same serial) in the current encryption form.
    long serial =
        persisted == null
            ? Math.max(1, state.serial())
            : unchanged ? persisted.serial() : Math.max(persisted.serial() + 1, state.serial());
    State toWrite = unchanged ? persisted : state.withSerialAndVersion(serial, programVersion);
    byte[] plain = unchanged ? persistedBytes : codec.write(toWrite);
    byte[] bytes = encryption.encrypt(plain);
    try {
      if (!backedUp && persistedBytes != null) {
        AtomicFiles.write(backupPath(), encryption.encrypt(persistedBytes), counter);
      }
      backedUp = true;
      AtomicFiles.write(statePath, bytes, counter);
    } catch (IOException e) {
      throw new StateException(
          "Failed to save state", "Could not write " + displayName + ": " + e.getMessage(), e);
    }
    persisted = toWrite;
    persistedBytes = plain;
    outdated = false;
    return toWrite;
  }

  private void finishJournal(String operation, Map<InstanceAddress, String> pendingIntents)
      throws StateException {
    leftover = null;
    try {
      if (pendingIntents.isEmpty()) {
        AtomicFiles.delete(journalPath());
        return;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(
          FileJournal.line(
              new JournalRecord.Begin(operation, persisted.serial(), persisted.lineage()),
              encryption));
      for (JournalRecord intent : JournalRecord.intents(pendingIntents)) {
        out.write(FileJournal.line(intent, encryption));
      }
      out.write(FileJournal.line(new JournalRecord.Commit(), encryption));
      AtomicFiles.write(journalPath(), out.toByteArray(), counter);
    } catch (IOException e) {
      throw new StateException(
          "Failed to save state",
          "Could not settle the state journal " + journalPath() + ": " + e.getMessage(),
          e);
    }
  }

  // ---------------------------------------------------------------- locking

  /**
   * Locks the state for {@code operation} (e.g. {@link LockInfo#APPLY}), retrying with backoff
   * until {@code timeout} has passed (zero: one attempt). A lock whose holder died (its OS lock is
   * gone) is taken over, as Terraform does.
   *
   * @return the lock info written, whose ID {@link #unlock} needs
   * @throws StateLockException Terraform's "Error acquiring the state lock", with the holder's info
   */
  @Override
  public LockInfo lock(String operation, String info, Duration timeout) throws StateException {
    return LockRetry.withBackoff(timeout, () -> tryLock(operation, info));
  }

  private LockInfo tryLock(String operation, String info) throws StateException {
    Path lockPath = lockInfoPath();
    Path key = lockPath.toAbsolutePath().normalize();
    synchronized (HELD) {
      HeldLock held = HELD.get(key);
      if (held != null) {
        throw new StateLockException("resource temporarily unavailable", held.info());
      }
      for (int attempt = 0; ; attempt++) {
        HeldLock acquired = acquire(lockPath, operation, info);
        if (acquired != null) {
          HELD.put(key, acquired);
          return acquired.info();
        }
        if (attempt >= 10) {
          throw new StateLockException(
              "the lock file kept changing while being locked", readLockInfo(lockPath));
        }
      }
    }
  }

  /**
   * One attempt; null if the lock file was replaced meanwhile and the attempt must be redone.
   *
   * <p>The protocol: the lock is the OS lock on the lock-info file that is at the path. Open the
   * file (creating it, owner-only from the start, if there is none), take the OS lock without
   * waiting, and refuse whenever that fails, whoever created the file: another process may open a
   * file this one just created and lock it first. Holding the OS lock, check that the file is still
   * the one at the path (a holder that unlocks deletes the file before it lets go of the OS lock,
   * so a contender may lock a deleted file), then write this lock's info over whatever a dead
   * holder left. Unlocking deletes the file, then releases the OS lock.
   *
   * <p>Where the file system has no OS locks, creating the file exclusively decides alone, and a
   * file left by a dead holder stays until {@code force-unlock}.
   */
  private HeldLock acquire(Path lockPath, String operation, String info) throws StateException {
    FileChannel channel;
    boolean created;
    try {
      try {
        channel = createOwnerOnly(lockPath);
        created = true;
      } catch (FileAlreadyExistsException exists) {
        try {
          channel = FileChannel.open(lockPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException gone) {
          return null;
        }
        created = false;
      }
    } catch (IOException e) {
      throw new StateException(
          "Error acquiring the state lock",
          "Error message: "
              + e.getMessage()
              + "\n\nCould not create the lock file "
              + lockPath
              + ".",
          e);
    }
    boolean keep = false;
    try {
      FileLock fileLock;
      try {
        fileLock = channel.tryLock();
      } catch (OverlappingFileLockException inThisJvm) {
        fileLock = null;
      } catch (IOException unsupported) {
        // No OS locks here (some network file systems): exclusive creation alone decides.
        if (!created) {
          throw new StateLockException(
              "lock file " + lockPath + " already exists", readLockInfo(lockPath));
        }
        LockInfo mine = writeLockInfo(channel, lockPath, true, operation, info);
        keep = true;
        return new HeldLock(mine, channel, null, this);
      }
      if (fileLock == null) {
        // Held by another process, even when this one created the file a moment ago.
        throw new StateLockException("resource temporarily unavailable", readLockInfo(lockPath));
      }
      if (!sameFile(channel, lockPath)) {
        return null;
      }
      LockInfo mine = writeLockInfo(channel, lockPath, created, operation, info);
      keep = true;
      return new HeldLock(mine, channel, fileLock, this);
    } catch (IOException e) {
      throw new StateException(
          "Error acquiring the state lock",
          "Error message: "
              + e.getMessage()
              + "\n\nCould not write the lock file "
              + lockPath
              + ".",
          e);
    } finally {
      if (!keep) {
        closeQuietly(channel);
      }
    }
  }

  /** Creates the lock-info file, owner-only from the start where permissions are POSIX. */
  private static FileChannel createOwnerOnly(Path lockPath) throws IOException {
    Set<StandardOpenOption> options =
        EnumSet.of(
            StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      return FileChannel.open(
          lockPath,
          options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return FileChannel.open(lockPath, options);
    }
  }

  /**
   * Writes this lock's info over the file's content (the info of a dead holder, or nothing), once
   * the lock is held; refuses if Terraform holds the state file itself.
   */
  private LockInfo writeLockInfo(
      FileChannel channel, Path lockPath, boolean created, String operation, String info)
      throws IOException, StateLockException {
    if (terraformHoldsStateFile()) {
      throw new StateLockException(
          "resource temporarily unavailable", created ? null : LockInfo.fromJson(readAll(channel)));
    }
    LockInfo mine = LockInfo.create(operation, info, programVersion, displayName);
    channel.truncate(0);
    ByteBuffer bytes = ByteBuffer.wrap(mine.toJson());
    while (bytes.hasRemaining()) {
      channel.write(bytes, channel.size());
    }
    channel.force(true);
    if (created) {
      AtomicFiles.syncDirectory(AtomicFiles.directory(lockPath));
    }
    return mine;
  }

  /**
   * Releases the lock this backend holds with ID {@code id}: deletes the lock-info file, then
   * releases the OS lock.
   */
  @Override
  public void unlock(String id) throws StateException {
    Path key = lockInfoPath().toAbsolutePath().normalize();
    synchronized (HELD) {
      HeldLock held = HELD.get(key);
      if (held == null || held.owner() != this) {
        throw new StateException("Failed to unlock state", NOT_LOCKED);
      }
      if (!held.info().id().equals(id)) {
        throw new StateException("Failed to unlock state", idMismatch(id, held.info()));
      }
      release(key, held);
    }
  }

  /**
   * Removes a lock whatever backend holds it, if {@code id} is its ID: one held in this JVM is
   * released; a lock-info file whose holder died is deleted. A lock held by a running process
   * cannot be broken from outside it: that is an error naming the holder.
   */
  @Override
  public void forceUnlock(String id) throws StateException {
    Path lockPath = lockInfoPath();
    Path key = lockPath.toAbsolutePath().normalize();
    synchronized (HELD) {
      HeldLock held = HELD.get(key);
      if (held != null) {
        if (!held.info().id().equals(id)) {
          throw new StateException("Failed to unlock state", idMismatch(id, held.info()));
        }
        release(key, held);
        return;
      }
      LockInfo existing = readLockInfo(lockPath);
      if (existing == null) {
        throw new StateException("Failed to unlock state", NOT_LOCKED);
      }
      if (!existing.id().equals(id)) {
        throw new StateException("Failed to unlock state", idMismatch(id, existing));
      }
      try (FileChannel channel =
          FileChannel.open(lockPath, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock fileLock;
        try {
          fileLock = channel.tryLock();
        } catch (IOException unsupported) {
          AtomicFiles.delete(lockPath);
          return;
        }
        if (fileLock == null) {
          throw new StateException(
              "Failed to unlock state",
              "The lock "
                  + id
                  + " is held by a running process ("
                  + existing.who()
                  + ", "
                  + existing.operation()
                  + "); it is released when that process ends.");
        }
        // The holder may have let go and another taken a new lock file meanwhile: delete only
        // the file whose lock this is.
        LockInfo locked = LockInfo.fromJson(readAll(channel));
        if (!sameFile(channel, lockPath) || locked == null || !locked.id().equals(id)) {
          fileLock.release();
          LockInfo now = readLockInfo(lockPath);
          throw new StateException(
              "Failed to unlock state", now == null ? NOT_LOCKED : idMismatch(id, now));
        }
        AtomicFiles.delete(lockPath);
        fileLock.release();
      } catch (NoSuchFileException gone) {
        // Released meanwhile: nothing left to unlock.
      } catch (IOException e) {
        throw new StateException(
            "Failed to unlock state", "Could not remove " + lockPath + ": " + e.getMessage(), e);
      }
    }
  }

  private void release(Path key, HeldLock held) throws StateException {
    HELD.remove(key);
    try {
      AtomicFiles.delete(lockInfoPath());
    } catch (IOException e) {
      throw new StateException(
          "Failed to unlock state",
          "Could not remove " + lockInfoPath() + ": " + e.getMessage(),
          e);
    } finally {
      try {
        if (held.fileLock() != null) {
          held.fileLock().release();
        }
      } catch (IOException e) {
        // Closing the channel releases it too.
      }
      closeQuietly(held.channel());
    }
  }

  private static String idMismatch(String id, LockInfo existing) {
    return "lock ID \"" + id + "\" does not match existing lock ID \"" + existing.id() + "\"";
  }

  /**
   * Whether another process holds an OS lock on the state file itself: Terraform's local backend
   * locks the state file, and writes the same lock-info file.
   */
  private boolean terraformHoldsStateFile() {
    try (FileChannel channel = FileChannel.open(statePath, StandardOpenOption.READ)) {
      FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (IOException | OverlappingFileLockException e) {
      return false;
    }
  }

  /** The lock info in the file, waiting briefly for a holder that has not written it yet. */
  private static LockInfo readLockInfo(Path lockPath) {
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        LockInfo info = LockInfo.fromJson(Files.readAllBytes(lockPath));
        if (info != null) {
          return info;
        }
      } catch (IOException e) {
        return null;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private static byte[] readAll(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 20));
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // keep reading
    }
    return java.util.Arrays.copyOf(buffer.array(), buffer.position());
  }

  /**
   * Whether the open {@code channel} is still the file at {@code path}: an unlock deletes the
   * lock-info file before releasing its OS lock, so a contender that opened it just before may lock
   * a deleted file. Compares the file keys (device and inode) of the path and of the open file,
   * found through {@code /proc/self/fd} where there is one; elsewhere only checks the path exists.
   * Must run while no other channel of this JVM has the file open (callers hold {@code HELD}).
   */
  private static boolean sameFile(FileChannel channel, Path path) throws IOException {
    Object onDisk;
    try {
      onDisk = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException gone) {
      return false;
    }
    Path fds = Path.of("/proc/self/fd");
    if (onDisk == null || !channel.isOpen() || !Files.isDirectory(fds)) {
      return true;
    }
    // /proc shows the path with symbolic links resolved
    Path absolute = path.toAbsolutePath().normalize();
    String target = absolute.getParent().toRealPath().resolve(absolute.getFileName()).toString();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
      for (Path fd : entries) {
        String link;
        try {
          link = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
          continue;
        }
        if (link.equals(target + " (deleted)")) {
          return false;
        }
        if (link.equals(target)) {
          Object opened = Files.readAttributes(fd, BasicFileAttributes.class).fileKey();
          if (opened != null && !opened.equals(onDisk)) {
            return false;
          }
        }
      }
    } catch (IOException e) {
      return true;
    }
    return true;
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing releases the OS lock; nothing else to do.
    }
  }

  /**
   * {@code user@host}, as Terraform's lock info names the holder: {@link LockInfo#currentWho()}.
   */
  public static String who() {
    return LockInfo.currentWho();
  }
}
