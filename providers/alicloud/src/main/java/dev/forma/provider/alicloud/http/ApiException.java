package dev.forma.provider.alicloud.http;

/** Thrown by {@link AcsClient#call} when the API answered with an error or did not answer. */
public final class ApiException extends Exception {
  private final ApiError error;

  public ApiException(ApiError error, Throwable cause) {
    super(
        error.product().displayName()
            + " "
            + error.action()
            + ": "
            + (error.isTransport() ? "" : "HTTP " + error.httpStatus() + " ")
            + (error.code() == null ? "" : error.code() + " ")
            + error.message(),
        cause);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
