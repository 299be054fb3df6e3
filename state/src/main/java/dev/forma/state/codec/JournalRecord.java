package dev.forma.state.codec;

import dev.forma.state.InstanceAddress;
import dev.forma.state.StateChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One line of a state journal: the start of an operation, one change, or its successful end. */
public sealed interface JournalRecord {
  /**
   * One intent change per create still pending ({@code pendingIntents}: address to idempotency
   * token, in the map's order): what a new journal carries on from the one it replaces.
   */
  static List<JournalRecord> intents(Map<InstanceAddress, String> pendingIntents) {
    List<JournalRecord> out = new ArrayList<>();
    pendingIntents.forEach(
        (address, token) -> out.add(new Change(new StateChange.Intent(address, token))));
    return out;
  }

  /**
   * An operation starts on the state file whose serial and lineage are given; the changes after it
   * apply on top of that state.
   */
  record Begin(String operation, long serial, String lineage) implements JournalRecord {
    public Begin {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(lineage, "lineage");
    }
  }

  /** A change, recorded before the operation went on. */
  record Change(StateChange change) implements JournalRecord {
    public Change {
      Objects.requireNonNull(change, "change");
    }
  }

  /** The operation finished: no change follows. */
  record Commit() implements JournalRecord {}
}
