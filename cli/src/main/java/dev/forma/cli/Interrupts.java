package dev.forma.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The SIGINT (Ctrl-C) handler of an apply: while installed, each interrupt calls the given action
 * instead of ending the process, so that the apply can stop cleanly (the first) or at once (the
 * second). No shutdown hook is involved.
 */
final class Interrupts {
  private Interrupts() {}

  /**
   * Installs {@code onInterrupt}; returns what to give {@link #restore}, or null if unsupported.
   */
  static Object install(Runnable onInterrupt) {
    try {
      return Signal.handle(new Signal("INT"), sig -> onInterrupt.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Puts back the handler {@link #install} replaced. */
  static void restore(Object previous) {
    if (previous instanceof SignalHandler h) {
      try {
        Signal.handle(new Signal("INT"), h);
      } catch (IllegalArgumentException e) {
        // the signal cannot be handled here: nothing was installed
      }
    }
  }
}
