package dev.forma.emulator.api;

/** A request the cloud refuses: HTTP status, error code and message, as the cloud reports them. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  static ApiException missing(String name) {
    return new ApiException(400, "MissingParameter", "The parameter " + name + " is required.");
  }

  static ApiException invalid(String name, String why) {
    return new ApiException(400, "InvalidParameter", "The parameter " + name + " " + why);
  }

  static ApiException exists(String what) {
    return new ApiException(409, "ResourceAlreadyExists", what + " already exists.");
  }
}
