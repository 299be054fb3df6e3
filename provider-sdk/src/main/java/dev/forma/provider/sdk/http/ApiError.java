package dev.forma.provider.sdk.http;

import dev.forma.provider.api.ProviderDiagnostic;
import java.util.Set;

/**
 * A failed API call, in terms every cloud API shares: the service (as its documentation names it,
 * for messages) and action, the HTTP status (0 when no answer came), the error code, message,
 * request id and recommendation URL as the API sent them, and whether the API asked the caller to
 * slow down (a throttling code of that API; HTTP 429 always counts). A provider turns its API's
 * error bodies into this record; the lifecycle ({@code dev.forma.provider.sdk.lifecycle}) and the
 * messages users see only read it.
 */
public record ApiError(
    String service,
    String action,
    int httpStatus,
    String code,
    String message,
    String requestId,
    String recommend,
    boolean throttlingCode) {

  /** True when no HTTP answer came back (connection refused, reset, timed out). */
  public boolean isTransport() {
    return httpStatus == 0;
  }

  /** True for a throttling code or HTTP 429: the call was refused before anything was done. */
  public boolean isThrottling() {
    return throttlingCode || httpStatus == 429;
  }

  /** True when the object the call names does not exist: HTTP 404 or one of {@code codes}. */
  public boolean isNotFound(Set<String> codes) {
    return httpStatus == 404 || (code != null && codes.contains(code));
  }

  /** The same error with another message and request id (from the HTTP answer, say). */
  public ApiError withMessage(String message, String requestId) {
    return new ApiError(
        service, action, httpStatus, code, message, requestId, recommend, throttlingCode);
  }

  /** The error of a call that got no answer: {@code failure} says why. */
  public static ApiError transport(String service, String action, String failure) {
    return new ApiError(service, action, 0, null, failure, null, null, false);
  }

  /** The error as a diagnostic; {@code subject} names the object (e.g. a connection id). */
  public ProviderDiagnostic toDiagnostic(String subject) {
    String summary =
        service + " " + action + " failed" + (code == null || code.isEmpty() ? "" : ": " + code);
    StringBuilder detail = new StringBuilder();
    if (subject != null && !subject.isEmpty()) {
      detail.append(subject).append(": ");
    }
    if (isTransport()) {
      detail.append("no answer from the API (").append(message).append(").");
    } else {
      detail.append("HTTP ").append(httpStatus);
      if (code != null && !code.isEmpty()) {
        detail.append(", code ").append(code);
      }
      detail.append(": ").append(message == null || message.isEmpty() ? "(no message)" : message);
    }
    if (requestId != null && !requestId.isEmpty()) {
      detail.append("\nRequestId: ").append(requestId);
    }
    if (recommend != null && !recommend.isEmpty()) {
      detail.append("\nSee: ").append(recommend);
    }
    return ProviderDiagnostic.error(summary, detail.toString());
  }
}
