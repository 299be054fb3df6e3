package dev.forma.emulator.signature;

/** A request the verifier refuses: the HTTP status, the cloud's error code and its message. */
public final class SignatureException extends Exception {
  private final int status;
  private final String code;

  public SignatureException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
