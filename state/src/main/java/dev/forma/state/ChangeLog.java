package dev.forma.state;

/**
 * Where a {@link SyncState} records each change durably before applying it in memory: a backend's
 * write-ahead journal. A change whose recording fails is not applied.
 *
 * <p>A log may split recording in two: {@link #append} writes a change in order (called under the
 * writer's lock, so the log's order is the state's), and {@link Pending#await} waits, outside that
 * lock, until it is durable. Changes that complete at the same time then share one flush (group
 * commit) instead of queueing for one flush each.
 */
@FunctionalInterface
public interface ChangeLog {
  /** A log that records nothing (for plans and tests). */
  ChangeLog NONE = change -> {};

  /** Records {@code change}; returns only once it would survive a crash. */
  void record(StateChange change) throws StateException;

  /**
   * Writes {@code change} after every change appended before it, and returns what waits for it to
   * become durable. The default records it at once (durable on return).
   */
  default Pending append(StateChange change) throws StateException {
    record(change);
    return Pending.DURABLE;
  }

  /** A change written to the log that may not yet survive a crash. */
  @FunctionalInterface
  interface Pending {
    /** Already durable. */
    Pending DURABLE = () -> {};

    /**
     * Returns once the change, and with it every change appended before it, would survive a crash;
     * throws if it cannot be made durable.
     */
    void await() throws StateException;
  }
}
