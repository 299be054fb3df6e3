package dev.forma.provider.alicloud.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.provider.api.ProviderDiagnostic;
import java.util.Set;

/**
 * A failed API call: the product and action, the HTTP status (0 when no answer came), the error
 * code, message, RequestId and recommendation URL as the API sent them, or the I/O failure.
 */
public record ApiError(
    Product product,
    String action,
    int httpStatus,
    String code,
    String message,
    String requestId,
    String recommend) {

  /** Codes that a 2xx body may carry without meaning an error. */
  private static final Set<String> SUCCESS_CODES =
      Set.of("", "OK", "Ok", "ok", "Success", "SUCCESS", "success", "200", "0");

  /** True when no HTTP answer came back (connection refused, reset, timed out). */
  public boolean isTransport() {
    return httpStatus == 0;
  }

  /** True for a throttling code or HTTP 429: the call was refused before anything was done. */
  public boolean isThrottling() {
    return RetryPolicy.isThrottling(code) || httpStatus == 429;
  }

  /** True when the object the call names does not exist: HTTP 404 or one of {@code codes}. */
  public boolean isNotFound(Set<String> codes) {
    return httpStatus == 404 || (code != null && codes.contains(code));
  }

  /** The error as a diagnostic; {@code subject} names the object (e.g. a connection id). */
  public ProviderDiagnostic toDiagnostic(String subject) {
    String summary =
        product.displayName()
            + " "
            + action
            + " failed"
            + (code == null || code.isEmpty() ? "" : ": " + code);
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

  /** The error code of a body in any of the shapes the APIs use; null when it carries none. */
  public static String codeIn(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    for (String f : new String[] {"Code", "code", "errCode", "ErrorCode"}) {
      JsonNode n = body.get(f);
      if (n != null && !n.isNull() && !n.isContainerNode()) {
        return n.asText();
      }
    }
    JsonNode error = body.get("error");
    if (error != null && error.isObject()) {
      JsonNode n = error.get("code");
      return n == null || n.isNull() ? null : n.asText();
    }
    return null;
  }

  /**
   * The error a response body carries, or null when it carries none. A status of 400 or more is
   * always an error; a 2xx body is one when its {@code Code} is not a success code, or
   * (ModelRouter) when {@code success} is false.
   */
  public static ApiError fromBody(Product product, String action, int status, JsonNode body) {
    boolean failed = status >= 400;
    JsonNode success = body == null ? null : body.get("success");
    if (success != null && success.isBoolean() && !success.asBoolean()) {
      failed = true;
    }
    String code = codeIn(body);
    if (!failed
        && code != null
        && !SUCCESS_CODES.contains(code)
        && (success == null || !success.isBoolean())) {
      failed = true;
    }
    if (!failed) {
      return null;
    }
    String message = text(body, "Message", "message", "errMessage", "ErrorMessage");
    if (message == null && body != null && body.path("error").isObject()) {
      message = text(body.get("error"), "message");
    }
    int effective = status;
    if (status < 400 && body != null && body.path("httpStatusCode").canConvertToInt()) {
      int s = body.get("httpStatusCode").asInt();
      if (s >= 400) {
        effective = s;
      }
    }
    return new ApiError(
        product,
        action,
        effective,
        code,
        message,
        text(body, "RequestId", "requestId"),
        text(body, "Recommend", "recommend"));
  }

  private static String text(JsonNode body, String... names) {
    if (body == null) {
      return null;
    }
    for (String n : names) {
      JsonNode v = body.get(n);
      if (v != null && !v.isNull() && !v.isContainerNode()) {
        return v.asText();
      }
    }
    return null;
  }
}
