package dev.forma.state.backend.oss;

/**
 * An OSS call that failed: OSS's answer (HTTP status, error code, message, request ID), or an I/O
 * failure before any answer (status 0).
 */
final class OssException extends Exception {
  private final int status;
  private final String code;
  private final String requestId;

  OssException(int status, String code, String message, String requestId) {
    super(message);
    this.status = status;
    this.code = code == null ? "" : code;
    this.requestId = requestId;
  }

  OssException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.code = "";
    this.requestId = null;
  }

  int status() {
    return status;
  }

  /** OSS's error code, such as {@code NoSuchKey}; empty for an I/O failure. */
  String code() {
    return code;
  }

  boolean is(String errorCode) {
    return code.equals(errorCode);
  }

  /** What went wrong, in one sentence without a secret. */
  String describe() {
    if (status == 0) {
      return "the endpoint could not be reached: " + getMessage();
    }
    StringBuilder out = new StringBuilder("OSS answered ").append(status);
    if (!code.isEmpty()) {
      out.append(' ').append(code);
    }
    if (getMessage() != null && !getMessage().isEmpty()) {
      out.append(" (").append(getMessage()).append(')');
    }
    if (requestId != null && !requestId.isEmpty()) {
      out.append(", request ID ").append(requestId);
    }
    return out.toString();
  }
}
