package dev.forma.state;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one synchronised writer of the state during an operation: the walker's parallel nodes record
 * their changes here. Each change is first appended to the {@link ChangeLog} under one lock, so the
 * log's order is the state's order; then its caller waits, outside the lock, until the log says it
 * is durable (for a local backend, an fsync shared by the changes that completed meanwhile); only
 * then is it applied in memory and the call returns. So a change is durable before anything that
 * depends on it starts, and the state in memory never holds a change a crash could lose.
 *
 * <p>It also tracks create intents not yet settled by an object or an explicit forget: objects that
 * may exist in the real world without being in the state.
 */
public final class SyncState {
  private final ChangeLog log;
  private final State.Builder builder;
  private final TreeMap<InstanceAddress, String> pendingIntents = new TreeMap<>();

  /** Changes appended to the log and not yet applied, in the log's order. */
  private final ArrayDeque<Appended> unapplied = new ArrayDeque<>();

  private State snapshot;

  private static final class Appended {
    final StateChange change;
    boolean failed;

    Appended(StateChange change) {
      this.change = change;
    }
  }

  /** A writer over {@code base} that records nowhere. */
  public SyncState(State base) {
    this(base, Map.of(), ChangeLog.NONE);
  }

  /**
   * A writer over {@code base}, with intents left pending by an earlier operation (address to
   * idempotency token), recording every change in {@code log}.
   */
  public SyncState(State base, Map<InstanceAddress, String> pendingIntents, ChangeLog log) {
    this.builder = base.toBuilder();
    this.pendingIntents.putAll(pendingIntents);
    this.log = Objects.requireNonNull(log, "log");
    this.snapshot = base;
  }

  /**
   * Records {@code change} in the log, waits until it is durable, then applies it (with any changes
   * appended before it, in the log's order). Nothing changes if recording fails.
   */
  public void apply(StateChange change) throws StateException {
    Appended appended = new Appended(change);
    ChangeLog.Pending pending;
    synchronized (this) {
      pending = log.append(change);
      unapplied.addLast(appended);
    }
    boolean durable = false;
    try {
      pending.await();
      durable = true;
    } finally {
      settle(appended, durable);
    }
  }

  /**
   * After {@code appended}'s wait: when durable, so is every change appended before it (the log's
   * promise), so they are all applied, in the log's order; when not, it is dropped unapplied.
   */
  private synchronized void settle(Appended appended, boolean durable) {
    appended.failed = !durable;
    if (!durable && unapplied.peekFirst() != appended) {
      return; // dropped when the changes before it are applied
    }
    while (!unapplied.isEmpty()) {
      Appended head = unapplied.removeFirst();
      if (!head.failed) {
        applyRecorded(head.change);
      }
      if (head == appended) {
        return;
      }
    }
  }

  /** Records that a create for {@code address} is about to be sent with {@code token}. */
  public void recordIntent(InstanceAddress address, String token) throws StateException {
    apply(new StateChange.Intent(address, token));
  }

  /** Settles the intent for {@code address} without an object. */
  public void forgetIntent(InstanceAddress address) throws StateException {
    apply(new StateChange.ForgetIntent(address));
  }

  /** Sets the current object of an instance after a completed create, update, read or import. */
  public void setCurrent(InstanceAddress address, String provider, InstanceObject object)
      throws StateException {
    apply(new StateChange.SetCurrent(address, provider, object));
  }

  /** Removes the current object of an instance after it was deleted. */
  public void removeCurrent(InstanceAddress address) throws StateException {
    apply(new StateChange.RemoveCurrent(address));
  }

  /** Moves the objects of instance {@code from} to {@code to} (a {@code moved} block). */
  public void move(InstanceAddress from, InstanceAddress to) throws StateException {
    apply(new StateChange.Move(from, to));
  }

  /** Moves the current object of an instance aside under {@code deposedKey}. */
  public void depose(InstanceAddress address, String deposedKey) throws StateException {
    apply(new StateChange.Depose(address, deposedKey));
  }

  /** Sets a deposed object of an instance. */
  public void setDeposed(
      InstanceAddress address, String deposedKey, String provider, InstanceObject object)
      throws StateException {
    apply(new StateChange.SetDeposed(address, deposedKey, provider, object));
  }

  /** Removes a deposed object of an instance after it was deleted. */
  public void removeDeposed(InstanceAddress address, String deposedKey) throws StateException {
    apply(new StateChange.RemoveDeposed(address, deposedKey));
  }

  /**
   * Makes the deposed object {@code deposedKey} current again, after the create that was to replace
   * it failed without making an object.
   */
  public void undepose(InstanceAddress address, String deposedKey) throws StateException {
    apply(new StateChange.Undepose(address, deposedKey));
  }

  /** Sets a root module output. */
  public void setOutput(String name, OutputValue value) throws StateException {
    apply(new StateChange.SetOutput(name, value));
  }

  /** Replaces the results of the configuration's checks. */
  public void setCheckResults(java.util.List<CheckResult> results) throws StateException {
    apply(new StateChange.SetCheckResults(results));
  }

  /** Removes a root module output. */
  public void removeOutput(String name) throws StateException {
    apply(new StateChange.RemoveOutput(name));
  }

  /** The state as of the last change. */
  public synchronized State snapshot() {
    if (snapshot == null) {
      snapshot = builder.build();
    }
    return snapshot;
  }

  /** The current object at {@code address}, if there is one. */
  public synchronized Optional<InstanceObject> currentObject(InstanceAddress address) {
    return builder.currentObject(address);
  }

  /** Create intents not yet settled: address to idempotency token. */
  public synchronized SortedMap<InstanceAddress, String> pendingIntents() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(pendingIntents));
  }

  private void applyRecorded(StateChange change) {
    StateChange.trackIntents(change, pendingIntents);
    builder.apply(change);
    snapshot = null;
  }
}
