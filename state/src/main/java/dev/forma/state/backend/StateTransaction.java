package dev.forma.state.backend;

import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.SyncState;

/**
 * One operation's changes to a local state: record them through {@link #state()} (each one is in
 * the journal, fsynced, before the call returns), then {@link #commit()} to write the resulting
 * state file and drop the journal. Closing without committing compacts too (an operation that
 * failed part way keeps what it did); a process that dies leaves the journal for the next read to
 * recover.
 */
public final class StateTransaction implements AutoCloseable {
  private final LocalBackend backend;
  private final String operation;
  private final Journal journal;
  private final SyncState state;
  private boolean finished;

  StateTransaction(LocalBackend backend, String operation, Journal journal, SyncState state) {
    this.backend = backend;
    this.operation = operation;
    this.journal = journal;
    this.state = state;
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
   * @return the state as written, with its new serial
   */
  public State commit() throws StateException {
    synchronized (backend) {
      if (finished) {
        throw new IllegalStateException("the transaction is already finished");
      }
      journal.commit();
      return compact();
    }
  }

  /**
   * Writes the resulting state atomically (serial increased if anything changed) and deletes the
   * journal; intents still pending are kept in a fresh journal until settled. Ends the transaction.
   */
  public State compact() throws StateException {
    synchronized (backend) {
      if (finished) {
        throw new IllegalStateException("the transaction is already finished");
      }
      finished = true;
      return backend.finish(this, journal, state.snapshot(), state.pendingIntents());
    }
  }

  /** Compacts unless already committed or compacted. */
  @Override
  public void close() throws StateException {
    synchronized (backend) {
      if (!finished) {
        compact();
      }
    }
  }

  /** Stops recording without compacting, as a crash would (for tests of recovery). */
  void abandon() {
    synchronized (backend) {
      finished = true;
      backend.abandoned(this, journal);
    }
  }
}
