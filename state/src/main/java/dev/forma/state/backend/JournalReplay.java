package dev.forma.state.backend;

import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.codec.JournalRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Replays a journal's records onto the state they began from, whichever backend kept them (a file
 * beside the local state, rows beside a remote one): the state as of the last durable record, and
 * the {@link Recovery} to tell the user (changes recovered, creates still pending).
 */
public final class JournalReplay {
  private JournalReplay() {}

  /** What to do with a journal that was written for another state, when it is a file. */
  public static final String MOVE_ASIDE =
      "Move it aside (keep it: it lists changes that may be missing from the state) and try again.";

  /** The state a journal gives, and what was recovered. */
  public record Replayed(State state, Recovery recovery) {}

  /**
   * The creates {@code leftover} (a replayed journal, or null for none) still has pending, but
   * those of {@code settled}: a copy the caller may change, for the next operation's journal.
   */
  public static SortedMap<InstanceAddress, String> pendingIntents(
      Replayed leftover, Collection<InstanceAddress> settled) {
    SortedMap<InstanceAddress, String> pending =
        leftover == null ? new TreeMap<>() : new TreeMap<>(leftover.recovery().pendingIntents());
    pending.keySet().removeAll(settled);
    return pending;
  }

  /**
   * Replays {@code records} (in order, as written) onto {@code base}, the stored state.
   *
   * @param torn whether a last record was cut short and left out of {@code records}
   * @param journalName the journal, as named to the user
   * @param stateName the state, as named to the user
   * @throws StateException when the journal does not start with a begin record, has two, or was
   *     written for another state (lineage, or a serial the stored state has not reached)
   */
  public static Replayed replay(
      List<JournalRecord> records, boolean torn, String journalName, String stateName, State base)
      throws StateException {
    return replay(records, torn, journalName, stateName, base, MOVE_ASIDE);
  }

  /**
   * As {@link #replay(List, boolean, String, String, State)}, telling the user {@code remedy} when
   * the journal was written for another state (what to do with it where the journal is not one
   * file).
   */
  public static Replayed replay(
      List<JournalRecord> records,
      boolean torn,
      String journalName,
      String stateName,
      State base,
      String remedy)
      throws StateException {
    if (records.isEmpty()) {
      return new Replayed(
          base, new Recovery(journalName, "operation", false, List.of(), new TreeMap<>(), torn));
    }
    if (!(records.get(0) instanceof JournalRecord.Begin begin)) {
      throw new StateException(
          "Corrupt state journal",
          "The state journal " + journalName + " does not start with a \"begin\" record.");
    }
    if (!begin.lineage().equals(base.lineage()) || base.serial() < begin.serial()) {
      throw new StateException(
          "State journal does not match the state",
          "The state journal "
              + journalName
              + " was written for the state with lineage "
              + begin.lineage()
              + " at serial "
              + begin.serial()
              + ", but "
              + stateName
              + " has lineage "
              + base.lineage()
              + " at serial "
              + base.serial()
              + ". It cannot be replayed onto this state. "
              + remedy);
    }
    boolean alreadyApplied = base.serial() > begin.serial();
    State.Builder builder = base.toBuilder();
    TreeMap<InstanceAddress, String> pending = new TreeMap<>();
    List<StateChange> replayed = new ArrayList<>();
    boolean committed = false;
    for (JournalRecord record : records.subList(1, records.size())) {
      switch (record) {
        case JournalRecord.Begin again ->
            throw new StateException(
                "Corrupt state journal",
                "The state journal " + journalName + " has a second \"begin\" record.");
        case JournalRecord.Commit commit -> committed = true;
        case JournalRecord.Change change -> {
          StateChange c = change.change();
          StateChange.trackIntents(c, pending);
          if (!alreadyApplied && !StateChange.isIntentOnly(c)) {
            builder.apply(c);
            replayed.add(c);
          }
        }
      }
    }
    return new Replayed(
        builder.build(),
        new Recovery(journalName, begin.operation(), committed, replayed, pending, torn));
  }

  /** Decodes one line of a journal file (without its newline); {@code number} counts from 1. */
  @FunctionalInterface
  public interface LineDecoder<T> {
    T decode(byte[] line, int number) throws StateException;
  }

  /**
   * The lines of a journal file, decoded, and whether the last one was cut short (the process
   * stopped while writing it) and left out.
   */
  public record Lines<T>(List<T> entries, boolean torn) {}

  /**
   * Reads the journal file at {@code path}, one entry a line: a last line without its newline, or
   * one that cannot be decoded, was cut short and is left out; any other line that cannot be
   * decoded is an error. Null when there is no file or it is empty.
   *
   * @param journalName the journal, as named to the user
   */
  public static <T> Lines<T> readLines(Path path, String journalName, LineDecoder<T> decoder)
      throws StateException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StateException(
          "Failed to load state",
          "Could not read the state journal " + journalName + ": " + e.getMessage(),
          e);
    }
    if (bytes.length == 0) {
      return null;
    }
    List<T> entries = new ArrayList<>();
    boolean torn = false;
    int start = 0;
    int number = 0;
    while (start < bytes.length) {
      number++;
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end == bytes.length) {
        torn = true; // no newline: the write of this line never completed
        break;
      }
      try {
        entries.add(decoder.decode(Arrays.copyOfRange(bytes, start, end), number));
      } catch (StateException e) {
        if (end < bytes.length - 1) {
          throw e;
        }
        torn = true;
      }
      start = end + 1;
    }
    return new Lines<>(entries, torn);
  }
}
