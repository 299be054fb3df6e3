package dev.forma.state.codec;

import dev.forma.state.StateChange;
import java.util.Objects;

/** One line of a state journal: the start of an operation, one change, or its successful end. */
public sealed interface JournalRecord {
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
