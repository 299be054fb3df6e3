package dev.forma.state.backend;

/** For other backends' tests: stops a transaction as a crash would, leaving its journal. */
public final class Crashes {
  private Crashes() {}

  /** Stops recording without compacting or settling anything. */
  public static void abandon(StateTransaction transaction) {
    transaction.abandon();
  }
}
