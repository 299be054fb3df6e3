package dev.forma.state;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one synchronised writer of the state during an operation: the walker's parallel nodes record
 * their changes here one at a time. Each change is first recorded in the {@link ChangeLog} (for a
 * local backend, an fsynced journal line), then applied in memory, under one lock, so the log's
 * order is the state's order.
 *
 * <p>It also tracks create intents not yet settled by an object or an explicit forget: objects that
 * may exist in the real world without being in the state.
 */
public final class SyncState {
  private final ChangeLog log;
  private final State.Builder builder;
  private final TreeMap<InstanceAddress, String> pendingIntents = new TreeMap<>();
  private State snapshot;

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

  /** Records {@code change} in the log, then applies it. Nothing changes if recording fails. */
  public synchronized void apply(StateChange change) throws StateException {
    log.record(change);
    applyRecorded(change);
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
