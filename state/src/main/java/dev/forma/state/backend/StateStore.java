package dev.forma.state.backend;

import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The state of one workspace, wherever a {@link StateBackend} keeps it: read it (with whatever an
 * interrupted operation left recorded), lock it, replace it whole, or record an operation's changes
 * one by one in a {@link StateTransaction}, each durable before the next step that depends on it.
 *
 * <p>Create intents (a create about to be sent, not yet settled by its object) are part of the
 * contract: every store keeps them beside the state, so a crash mid-apply leaves no orphan
 * whichever backend holds the state; {@link #read()} returns them in its {@link Recovery}.
 *
 * <p>Locking is up to the caller ({@code -lock=false} simply does not call {@link #lock}). Safe to
 * call from several threads; one transaction at a time.
 */
public interface StateStore {
  /** How the state is named to the user: a file path, or the backend's name for it. */
  String displayName();

  /** Whether a state has been stored here (commands that show state say "No state." otherwise). */
  boolean exists() throws StateException;

  /**
   * The state (an empty one with a new lineage when there is none yet), with the changes and
   * intents an interrupted operation recorded replayed onto it. Writes nothing.
   */
  LoadedState read() throws StateException;

  /**
   * Replaces the state with {@code state} (serial one more than the stored one when the content
   * differs), settling what an interrupted operation left: its pending create intents are kept,
   * except those for {@code settled} addresses (dropped: the user said there is no object, or it is
   * now in {@code state}).
   *
   * @return the state as now stored
   */
  State write(State state, Collection<InstanceAddress> settled) throws StateException;

  /** {@link #write(State, Collection)} settling no intent. */
  default State write(State state) throws StateException {
    return write(state, List.of());
  }

  /**
   * Starts recording an operation's changes on top of {@code base} (the state {@link #read()}
   * returned): stores {@code base} first if it differs, and carries over the intents still pending.
   */
  StateTransaction begin(String operation, State base) throws StateException;

  /**
   * Locks the state for {@code operation} (e.g. {@link LockInfo#APPLY}), retrying with backoff
   * until {@code timeout} has passed (zero: one attempt).
   *
   * @throws StateLockException when another holds it, with the holder's lock info
   */
  LockInfo lock(String operation, String info, Duration timeout) throws StateException;

  /** Releases the lock {@code id} this store took. */
  void unlock(String id) throws StateException;

  /** Releases the lock {@code id} whoever holds it (the holder is gone, says the user). */
  void forceUnlock(String id) throws StateException;
}
