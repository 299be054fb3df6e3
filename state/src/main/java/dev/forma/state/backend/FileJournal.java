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

/**
 * The write-ahead journal of one operation: JSON lines appended beside the state file, each one
 * fsynced before {@link #record} returns. Replaying it onto the state file it began from gives the
 * state as of its last durable record. With encryption, each line holds its record encrypted
 * (OpenTofu's envelope, one line of JSON).
 */
final class FileJournal implements ChangeLog, AutoCloseable {
  private final Path path;
  private final String displayName;
  private final FileChannel channel;
  private final LocalStateStore.Counter counter;
  private final StateEncryption encryption;

  private FileJournal(
      Path path,
      String displayName,
      FileChannel channel,
      LocalStateStore.Counter counter,
      StateEncryption encryption) {
    this.path = path;
    this.displayName = displayName;
    this.channel = channel;
    this.counter = counter;
    this.encryption = encryption;
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
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.write(line(begin, encryption));
    for (JournalRecord intent : JournalRecord.intents(pendingIntents)) {
      head.write(line(intent, encryption));
    }
    AtomicFiles.write(path, head.toByteArray(), counter);
    FileChannel channel =
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new FileJournal(path, displayName, channel, counter, encryption);
  }

  @Override
  public void record(StateChange change) throws StateException {
    append(new JournalRecord.Change(change));
  }

  /** Records that the operation finished. */
  void commit() throws StateException {
    append(new JournalRecord.Commit());
  }

  private void append(JournalRecord record) throws StateException {
    ByteBuffer bytes = ByteBuffer.wrap(line(record, encryption));
    try {
      int size = bytes.remaining();
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
      counter.add(size);
    } catch (IOException e) {
      throw new StateException(
          "Failed to save state",
          "Could not record a change in the state journal " + displayName + ": " + e.getMessage(),
          e);
    }
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
