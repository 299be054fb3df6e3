package dev.forma.state.backend.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.InstanceAddress;
import dev.forma.state.JsonTrees;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.backend.AtomicFiles;
import dev.forma.state.backend.JournalReplay;
import dev.forma.state.backend.Recovery;
import dev.forma.state.codec.GoJson;
import dev.forma.state.codec.JournalCodec;
import dev.forma.state.codec.JournalRecord;
import dev.forma.state.encryption.StateEncryption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The http backend's journal: the protocol has no place for an operation's changes or its create
 * intents, so they are kept in a file in the working directory, one line per entry, each fsynced
 * before {@link #append} returns. A crash mid-apply on this machine leaves it for the next command
 * in this directory to replay onto the state read from the server.
 *
 * <p>The lines are the state journal's records ({@link JournalCodec}: begin, changes and intents,
 * commit) and two of this backend's own: {@code checkpoint} (the state as of this line is being
 * stored at the server with this serial; its SHA-256 digest) and {@code pushed} (the server took
 * the checkpoint with this serial). Replaying starts after the last checkpoint the server's state
 * is (same serial, same digest), so that what the server already has is not applied twice and what
 * it lacks is not lost. Each line passes through the {@link StateEncryption}: an encrypted one is
 * written in base64.
 */
final class LocalJournal implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final String displayName;
  private final StateEncryption encryption;
  private final FileChannel channel;

  /** One line of the journal. */
  sealed interface Entry {
    /** A record of the state journal: begin, a change or an intent, commit. */
    record Record(JournalRecord record) implements Entry {}

    /** The state as of this line is being stored at the server with {@code serial}. */
    record Checkpoint(long serial, String digest) implements Entry {}

    /** The server took the checkpoint with {@code serial}. */
    record Pushed(long serial) implements Entry {}
  }

  private LocalJournal(
      Path path, String displayName, StateEncryption encryption, FileChannel channel) {
    this.path = path;
    this.displayName = displayName;
    this.encryption = encryption;
    this.channel = channel;
  }

  /** Starts a journal at {@code path} with {@code head}, replacing any, atomically. */
  static LocalJournal start(
      Path path, String displayName, StateEncryption encryption, List<Entry> head)
      throws StateException {
    try {
      AtomicFiles.replace(path, encode(head, encryption));
      FileChannel channel =
          FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new LocalJournal(path, displayName, encryption, channel);
    } catch (IOException e) {
      throw new StateException(
          "Failed to save state",
          "Could not start the state journal " + displayName + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Replaces the journal at {@code path} with {@code entries} atomically, or deletes it when there
   * are none.
   */
  static void settle(Path path, String displayName, StateEncryption encryption, List<Entry> entries)
      throws StateException {
    try {
      if (entries.isEmpty()) {
        AtomicFiles.delete(path);
      } else {
        AtomicFiles.replace(path, encode(entries, encryption));
      }
    } catch (IOException e) {
      throw new StateException(
          "Failed to save state",
          "Could not settle the state journal " + displayName + ": " + e.getMessage(),
          e);
    }
  }

  /** Appends {@code entry} durably. */
  void append(Entry entry) throws StateException {
    ByteBuffer bytes = ByteBuffer.wrap(line(entry, encryption));
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new StateException(
          "Failed to save state",
          "Could not record a change in the state journal " + displayName + ": " + e.getMessage(),
          e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // every line is already durable
    }
  }

  // ---------------------------------------------------------------- encoding

  private static byte[] encode(List<Entry> entries, StateEncryption encryption)
      throws StateException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      out.writeBytes(line(e, encryption));
    }
    return out.toByteArray();
  }

  private static byte[] line(Entry entry, StateEncryption encryption) throws StateException {
    byte[] plain =
        switch (entry) {
          case Entry.Record r -> {
            byte[] withNewline = JournalCodec.encode(r.record());
            yield Arrays.copyOf(withNewline, withNewline.length - 1);
          }
          case Entry.Checkpoint c -> {
            ObjectNode node = JsonTrees.nodes().objectNode();
            node.put("op", "checkpoint");
            node.put("serial", c.serial());
            node.put("digest", c.digest());
            yield GoJson.compact(node).getBytes(StandardCharsets.UTF_8);
          }
          case Entry.Pushed p -> {
            ObjectNode node = JsonTrees.nodes().objectNode();
            node.put("op", "pushed");
            node.put("serial", p.serial());
            yield GoJson.compact(node).getBytes(StandardCharsets.UTF_8);
          }
        };
    byte[] stored =
        encryption == StateEncryption.NONE
            ? plain
            : Base64.getEncoder().encode(encryption.encrypt(plain));
    byte[] out = Arrays.copyOf(stored, stored.length + 1);
    out[stored.length] = '\n';
    return out;
  }

  private static Entry decode(byte[] line, String displayName, int number, StateEncryption enc)
      throws StateException {
    byte[] stored = line;
    if (line.length > 0 && line[0] != '{') {
      try {
        stored = Base64.getDecoder().decode(line);
      } catch (IllegalArgumentException e) {
        throw corrupt(displayName, number, "it is neither JSON nor base64");
      }
    }
    byte[] plain = enc.decrypt(stored, displayName);
    JsonNode node;
    try {
      node = JSON.readTree(plain);
    } catch (IOException e) {
      throw corrupt(displayName, number, "it is not JSON");
    }
    String op = node == null ? null : node.path("op").asText(null);
    if ("checkpoint".equals(op)) {
      JsonNode serial = node.get("serial");
      JsonNode digest = node.get("digest");
      if (serial == null || !serial.canConvertToLong() || digest == null || !digest.isTextual()) {
        throw corrupt(displayName, number, "a checkpoint needs a serial and a digest");
      }
      return new Entry.Checkpoint(serial.asLong(), digest.asText());
    }
    if ("pushed".equals(op)) {
      JsonNode serial = node.get("serial");
      if (serial == null || !serial.canConvertToLong()) {
        throw corrupt(displayName, number, "\"pushed\" needs a serial");
      }
      return new Entry.Pushed(serial.asLong());
    }
    return new Entry.Record(JournalCodec.decode(plain, displayName, number));
  }

  private static StateException corrupt(String displayName, int number, String why) {
    return new StateException(
        "Corrupt state journal",
        "Line "
            + number
            + " of the state journal "
            + displayName
            + " cannot be read: "
            + why
            + ".");
  }

  // ---------------------------------------------------------------- replay

  /**
   * The outcome of replaying a journal: the state with the recovered changes, what to tell the user
   * (nothing when there is nothing to say), the operation that wrote it and its pending intents.
   */
  record Replay(
      State state,
      Optional<Recovery> recovery,
      String operation,
      SortedMap<InstanceAddress, String> pendingIntents) {}

  /**
   * Replays the journal at {@code path} onto {@code base}, the state read from the server (named
   * {@code stateName}), whose digest is {@code baseDigest}. Null if there is no journal or it is
   * empty.
   *
   * @throws StateException when the journal cannot be read, or holds changes that may be missing
   *     from a state that has moved on without them
   */
  static Replay replay(
      Path path,
      String displayName,
      String stateName,
      State base,
      String baseDigest,
      StateEncryption encryption)
      throws StateException {
    JournalReplay.Lines<Entry> lines =
        JournalReplay.readLines(
            path, displayName, (line, number) -> decode(line, displayName, number, encryption));
    if (lines == null) {
      return null;
    }
    List<Entry> entries = lines.entries();
    boolean torn = lines.torn();
    if (entries.isEmpty()) {
      return new Replay(
          base,
          Optional.of(
              new Recovery(displayName, "operation", false, List.of(), new TreeMap<>(), torn)),
          "operation",
          new TreeMap<>());
    }
    if (!(entries.getFirst() instanceof Entry.Record(JournalRecord.Begin begin))) {
      throw new StateException(
          "Corrupt state journal",
          "The state journal " + displayName + " does not start with a \"begin\" record.");
    }
    if (!begin.lineage().equals(base.lineage())) {
      throw new StateException(
          "State journal does not match the state",
          "The state journal "
              + displayName
              + " was written for the state with lineage "
              + begin.lineage()
              + ", but the state at "
              + stateName
              + " has lineage "
              + base.lineage()
              + ". It cannot be replayed onto this state. "
              + JournalReplay.MOVE_ASIDE);
    }
    TreeMap<InstanceAddress, String> pending = new TreeMap<>();
    Set<Long> pushed = new HashSet<>();
    boolean committed = false;
    int match = -1;
    for (int i = 0; i < entries.size(); i++) {
      switch (entries.get(i)) {
        case Entry.Pushed p -> pushed.add(p.serial());
        case Entry.Checkpoint c -> {
          if (c.serial() == base.serial() && c.digest().equals(baseDigest)) {
            match = i;
          }
        }
        case Entry.Record(JournalRecord.Begin again) -> {
          if (i > 0) {
            throw new StateException(
                "Corrupt state journal",
                "The state journal " + displayName + " has a second \"begin\" record.");
          }
        }
        case Entry.Record(JournalRecord.Commit commit) -> committed = true;
        case Entry.Record(JournalRecord.Change change) ->
            StateChange.trackIntents(change.change(), pending);
      }
    }
    int from = match;
    if (from < 0) {
      // The server's state is none of the checkpoints: another writer has replaced it since. That
      // is harmless only if every change recorded here reached the server before.
      int lastPushed = -1;
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i) instanceof Entry.Checkpoint c && pushed.contains(c.serial())) {
          lastPushed = i;
        }
      }
      for (int i = lastPushed + 1; i < entries.size(); i++) {
        if (isStateChange(entries.get(i))) {
          throw new StateException(
              "State journal does not match the state",
              "The state journal "
                  + displayName
                  + " holds changes that an interrupted \""
                  + begin.operation()
                  + "\" recorded but may not have stored at "
                  + stateName
                  + ", and the state there has changed since (it is now at serial "
                  + base.serial()
                  + "). They cannot be replayed onto it. Move the journal aside (keep it: it lists"
                  + " changes that may be missing from the state) and try again.");
        }
      }
      from = entries.size();
    }
    State.Builder builder = base.toBuilder();
    List<StateChange> replayed = new ArrayList<>();
    for (int i = from + 1; i < entries.size(); i++) {
      if (isStateChange(entries.get(i))
          && entries.get(i) instanceof Entry.Record(JournalRecord.Change change)) {
        builder.apply(change.change());
        replayed.add(change.change());
      }
    }
    Optional<Recovery> recovery =
        replayed.isEmpty() && pending.isEmpty() && !torn
            ? Optional.empty()
            : Optional.of(
                new Recovery(displayName, begin.operation(), committed, replayed, pending, torn));
    return new Replay(builder.build(), recovery, begin.operation(), pending);
  }

  /** Whether {@code entry} changes the state itself (not an intent, nor a settled intent). */
  private static boolean isStateChange(Entry entry) {
    return entry instanceof Entry.Record(JournalRecord.Change change)
        && !StateChange.isIntentOnly(change.change());
  }
}
