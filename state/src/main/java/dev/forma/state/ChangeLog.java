package dev.forma.state;

/**
 * Where a {@link SyncState} records each change durably before applying it in memory: a backend's
 * write-ahead journal. A change whose recording fails is not applied.
 */
@FunctionalInterface
public interface ChangeLog {
  /** A log that records nothing (for plans and tests). */
  ChangeLog NONE = change -> {};

  /** Records {@code change}; returns only once it would survive a crash. */
  void record(StateChange change) throws StateException;
}
