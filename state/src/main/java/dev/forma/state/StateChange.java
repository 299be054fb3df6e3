package dev.forma.state;

import java.util.Map;
import java.util.Objects;

/**
 * One change an operation records in the state, in the order it happened. The same changes are
 * applied to the in-memory state ({@link SyncState}) and written to a backend's journal, so
 * replaying a journal gives exactly the state the operation had built.
 */
public sealed interface StateChange {
  /** The address of the instance the change is about, or null for output changes. */
  InstanceAddress instanceAddress();

  /**
   * Keeps {@code pendingIntents} (address to idempotency token) up to date with {@code change}: the
   * one rule of which changes settle a create intent, for the writer of an operation and for every
   * journal replay. An {@link Intent} makes its address pending; a {@link ForgetIntent}, {@link
   * SetCurrent} or {@link RemoveCurrent} for the address settles it; the other changes leave the
   * intents as they are.
   */
  static void trackIntents(StateChange change, Map<InstanceAddress, String> pendingIntents) {
    switch (change) {
      case Intent intent -> pendingIntents.put(intent.address(), intent.token());
      case ForgetIntent forget -> pendingIntents.remove(forget.address());
      case SetCurrent set -> pendingIntents.remove(set.address());
      case RemoveCurrent remove -> pendingIntents.remove(remove.address());
      case SetDeposed set -> {}
      case RemoveDeposed remove -> {}
      case Depose depose -> {}
      case Undepose undepose -> {}
      case SetOutput set -> {}
      case RemoveOutput remove -> {}
      case Move move -> {}
      case SetCheckResults set -> {}
    }
  }

  /**
   * Whether {@code change} is about a create intent only ({@link Intent}, {@link ForgetIntent}): it
   * changes no object or output, so a replay applies it to the pending intents and not the state.
   */
  static boolean isIntentOnly(StateChange change) {
    return change instanceof Intent || change instanceof ForgetIntent;
  }

  /**
   * A create is about to be sent with this idempotency token. Changes no object; until a later
   * {@link SetCurrent}, {@link RemoveCurrent} or {@link ForgetIntent} for the same address, the
   * object may exist in the real world without being in the state.
   */
  record Intent(InstanceAddress address, String token) implements StateChange {
    public Intent {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(token, "token");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return address;
    }
  }

  /** The intent for {@code address} is settled without an object (the create surely failed). */
  record ForgetIntent(InstanceAddress address) implements StateChange {
    public ForgetIntent {
      Objects.requireNonNull(address, "address");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return address;
    }
  }

  /** The current object of an instance after a completed create, update, read or import. */
  record SetCurrent(InstanceAddress address, String provider, InstanceObject object)
      implements StateChange {
    public SetCurrent {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(object, "object");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return address;
    }
  }

  /** A deposed object of an instance (written back, e.g. when its destroy failed). */
  record SetDeposed(
      InstanceAddress address, String deposedKey, String provider, InstanceObject object)
      implements StateChange {
    public SetDeposed {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(deposedKey, "deposedKey");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(object, "object");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return address;
    }
  }

  /** The current object of an instance is gone (deleted, or forgotten). */
  record RemoveCurrent(InstanceAddress address) implements StateChange {
    public RemoveCurrent {
      Objects.requireNonNull(address, "address");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return address;
    }
  }

  /** A deposed object of an instance is gone. */
  record RemoveDeposed(InstanceAddress address, String deposedKey) implements StateChange {
    public RemoveDeposed {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(deposedKey, "deposedKey");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return address;
    }
  }

  /**
   * The current object of an instance becomes deposed under {@code deposedKey}, before its
   * successor is created (create-before-destroy). Nothing happens if there is no current object.
   */
  record Depose(InstanceAddress address, String deposedKey) implements StateChange {
    public Depose {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(deposedKey, "deposedKey");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return address;
    }
  }

  /**
   * The deposed object {@code deposedKey} of an instance becomes its current object again: the
   * create that was to replace it (create-before-destroy) failed and made nothing. Nothing happens
   * if the instance has a current object or no such deposed object.
   */
  record Undepose(InstanceAddress address, String deposedKey) implements StateChange {
    public Undepose {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(deposedKey, "deposedKey");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return address;
    }
  }

  /** A root module output's new value. */
  record SetOutput(String name, OutputValue value) implements StateChange {
    public SetOutput {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return null;
    }
  }

  /** A root module output no longer exists. */
  record RemoveOutput(String name) implements StateChange {
    public RemoveOutput {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return null;
    }
  }

  /**
   * The objects of instance {@code from} (current and deposed) now live at {@code to}: a {@code
   * moved} block renamed the resource or changed its instance key. The object is not changed, and
   * the resource at {@code to} keeps the provider {@code from}'s resource had. Nothing happens if
   * there is no instance at {@code from} or there already is one at {@code to}.
   */
  record Move(InstanceAddress from, InstanceAddress to) implements StateChange {
    public Move {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public InstanceAddress instanceAddress() {
      return to;
    }
  }

  /** The results of the configuration's checks as of this operation, replacing the previous. */
  record SetCheckResults(java.util.List<CheckResult> results) implements StateChange {
    public SetCheckResults {
      results = java.util.List.copyOf(results);
    }

    @Override
    public InstanceAddress instanceAddress() {
      return null;
    }
  }
}
