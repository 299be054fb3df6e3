package dev.forma.emulator.fault;

/**
 * Thrown by a handler to end the exchange without (the rest of) an answer: the server closes the
 * connection, and the caller sees an I/O error.
 */
public final class LostResponse extends RuntimeException {
  public LostResponse() {
    super("response dropped on purpose", null, false, false);
  }
}
