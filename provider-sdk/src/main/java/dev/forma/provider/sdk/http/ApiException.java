package dev.forma.provider.sdk.http;

/**
 * Thrown by a provider's API client when the API answered with an error or did not answer; what the
 * lifecycle's calls ({@link dev.forma.provider.sdk.lifecycle.ApiCall}) throw.
 */
public final class ApiException extends Exception {
  private final ApiError error;

  public ApiException(ApiError error, Throwable cause) {
    super(
        error.service()
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
