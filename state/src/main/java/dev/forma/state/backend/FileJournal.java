package dev.forma.state.backend;

import dev.forma.state.ChangeLog;
import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.codec.JournalCodec;
import dev.forma.state.codec.JournalRecord;
import dev.forma.state.encryption.StateEncryption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write-ahead journal of one operation: JSON lines appended beside the state file, each one
 * fsynced before {@link #record} (or the wait {@link #append} returns) returns. Replaying it onto
 * the state file it began from gives the state as of its last durable record. With encryption, each
 * line holds its record encrypted (OpenTofu's envelope, one line of JSON).
 *
 * <p>Group commit: lines are written as they come; a writer waiting for its line to be durable
 * either runs the fsync itself, covering every line written so far, or, when one is already
 * running, waits for it and then for the next. So the records that complete during one fsync share
 * the next, instead of each waiting in line for its own. Once an fsync fails, the journal takes no
 * more records: what reached the disk is no longer known.
 */
final class FileJournal implements ChangeLog, AutoCloseable {
  private final Path path;
  private final String displayName;
  private final FileChannel channel;
  private final LocalStateStore.Counter counter;
  private final StateEncryption encryption;
  private final Flush flush;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition flushed = lock.newCondition();

  /** Records written, and how many of them an fsync has made durable. */
  private long written;

  private long durable;
  private boolean flushing;
  private IOException broken;

  /** How the journal's written lines are made durable: fsync (tests observe or delay it). */
  @FunctionalInterface
  interface Flush {
    Flush FSYNC = channel -> channel.force(false);

    void force(FileChannel channel) throws IOException;
  }

  private FileJournal(
      Path path,
      String displayName,
      FileChannel channel,
      LocalStateStore.Counter counter,
      StateEncryption encryption,
      Flush flush) {
    this.path = path;
    this.displayName = displayName;
    this.channel = channel;
    this.counter = counter;
    this.encryption = encryption;
    this.flush = flush;
  }

  /** One line of the journal: {@code record}'s JSON, through {@code encryption}, and a newline. */
  static byte[] line(JournalRecord record, StateEncryption encryption) throws StateException {
    byte[] plain = JournalCodec.encode(record);
    if (encryption == StateEncryption.NONE) {
      return plain;
    }
    byte[] sealed = encryption.encrypt(java.util.Arrays.copyOf(plain, plain.length - 1));
    byte[] out = java.util.Arrays.copyOf(sealed, sealed.length + 1);
    out[sealed.length] = '\n';
    return out;
  }

  /**
   * Starts a journal at {@code path} (replacing any, atomically) with a begin record and the
   * intents still pending from before.
   */
  static FileJournal start(
      Path path,
      String displayName,
      JournalRecord.Begin begin,
      Map<InstanceAddress, String> pendingIntents,
      LocalStateStore.Counter counter,
      StateEncryption encryption)
      throws IOException, StateException {
    return start(path, displayName, begin, pendingIntents, counter, encryption, Flush.FSYNC);
  }

  static FileJournal start(
      Path path,
      String displayName,
      JournalRecord.Begin begin,
      Map<InstanceAddress, String> pendingIntents,
      LocalStateStore.Counter counter,
      StateEncryption encryption,
      Flush flush)
      throws IOException, StateException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.write(line(begin, encryption));
    for (JournalRecord intent : JournalRecord.intents(pendingIntents)) {
      head.write(line(intent, encryption));
    }
    AtomicFiles.write(path, head.toByteArray(), counter);
    FileChannel channel =
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new FileJournal(path, displayName, channel, counter, encryption, flush);
  }

  @Override
  public void record(StateChange change) throws StateException {
    append(change).await();
  }

  /** Writes {@code change}'s line; the result waits until it is durable. */
  @Override
  public Pending append(StateChange change) throws StateException {
    long record = write(new JournalRecord.Change(change));
    return () -> awaitDurable(record);
  }

  /** Records that the operation finished. */
  void commit() throws StateException {
    awaitDurable(write(new JournalRecord.Commit()));
  }

  /** Writes {@code record}'s line; returns its number. */
  private long write(JournalRecord record) throws StateException {
    ByteBuffer bytes = ByteBuffer.wrap(line(record, encryption));
    lock.lock();
    try {
      if (broken != null) {
        throw failure(broken);
      }
      int size = bytes.remaining();
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      counter.add(size);
      return ++written;
    } catch (IOException e) {
      broken = e; // a part of a line may be on disk: nothing may follow it
      throw failure(e);
    } finally {
      lock.unlock();
    }
  }

  /** Returns once record number {@code record} and all before it are durable. */
  private void awaitDurable(long record) throws StateException {
    lock.lock();
    try {
      while (durable < record) {
        if (broken != null) {
          throw failure(broken);
        }
        if (flushing) {
          flushed.awaitUninterruptibly();
          continue;
        }
        // this writer flushes, for itself and for every record written so far
        flushing = true;
        long upTo = written;
        IOException error = null;
        lock.unlock();
        try {
          flush.force(channel);
        } catch (IOException e) {
          error = e;
        } finally {
          lock.lock();
          flushing = false;
          flushed.signalAll();
        }
        if (error != null) {
          broken = error;
        } else {
          durable = Math.max(durable, upTo);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private StateException failure(IOException e) {
    return new StateException(
        "Failed to save state",
        "Could not record a change in the state journal " + displayName + ": " + e.getMessage(),
        e);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  Path path() {
    return path;
  }

  /**
   * Replays the journal at {@code path} onto {@code base}, the state read from the state file.
   * Returns null if there is no journal or it is empty.
   */
  static JournalReplay.Replayed replay(
      Path path, String displayName, String stateName, State base, StateEncryption encryption)
      throws StateException {
    JournalReplay.Lines<JournalRecord> lines =
        JournalReplay.readLines(
            path,
            displayName,
            (line, number) ->
                JournalCodec.decode(
                    encryption.decrypt(line, displayName + " line " + number),
                    displayName,
                    number));
    if (lines == null) {
      return null;
    }
    return JournalReplay.replay(lines.entries(), lines.torn(), displayName, stateName, base);
  }
}
