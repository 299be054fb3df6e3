package dev.forma.state.backend;

import dev.forma.state.ChangeLog;
import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.SyncState;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * One operation's changes to a {@link StateStore}: record them through {@link #state()} (each is
 * durable in the store's journal before the call returns), then {@link #commit()} to store the
 * resulting state and settle the journal. Closing without committing compacts too (an operation
 * that failed part way keeps what it did); a process that dies leaves the journal for the next read
 * to recover.
 */
public final class StateTransaction implements AutoCloseable {
  /**
   * What a store does behind a transaction: its journal (the {@link ChangeLog} every change is
   * recorded in first), the record that the operation finished, and storing the result.
   */
  public interface Journal extends ChangeLog {
    /** Records, durably, that the operation finished: only compacting is left. */
    void commit() throws StateException;

    /**
     * Stores {@code result} as the state and settles the journal, keeping {@code pendingIntents}
     * (creates with no recorded outcome) for the next operation.
     *
     * @return the state as stored, with its new serial
     */
    State finish(State result, SortedMap<InstanceAddress, String> pendingIntents)
        throws StateException;

    /** Stops recording without storing anything, as a crash would (for tests of recovery). */
    void abandon();
  }

  private final String operation;
  private final Journal journal;
  private final SyncState state;
  private boolean finished;

  /**
   * A transaction over {@code start} (the stored state it begins from), with the intents still
   * pending from earlier operations, recording in {@code journal}.
   */
  public StateTransaction(
      String operation, State start, Map<InstanceAddress, String> pending, Journal journal) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.state = new SyncState(start, pending, journal);
  }

  /** The synchronised writer every change of this operation goes through. */
  public SyncState state() {
    return state;
  }

  /** The operation's name, as recorded in the journal. */
  public String operation() {
    return operation;
  }

  /**
   * Records that the operation finished, then compacts.
   *
   * @return the state as stored, with its new serial
   */
  public synchronized State commit() throws StateException {
    if (finished) {
      throw new IllegalStateException("the transaction is already finished");
    }
    journal.commit();
    return compact();
  }

  /**
   * Stores the resulting state (serial increased if anything changed) and settles the journal;
   * intents still pending are kept until settled. Ends the transaction.
   */
  public synchronized State compact() throws StateException {
    if (finished) {
      throw new IllegalStateException("the transaction is already finished");
    }
    finished = true;
    return journal.finish(state.snapshot(), state.pendingIntents());
  }

  /** Compacts unless already committed or compacted. */
  @Override
  public synchronized void close() throws StateException {
    if (!finished) {
      compact();
    }
  }

  /** Stops recording without compacting, as a crash would (for tests of recovery). */
  synchronized void abandon() {
    finished = true;
    journal.abandon();
  }
}
