package dev.forma.state;

/** Whether an instance object is usable or must be replaced on the next apply. */
public enum ObjectStatus {
  /** The object was created completely (no {@code status} in the state file). */
  READY,
  /** The object was created, but something after its creation failed, or a user tainted it. */
  TAINTED
}
