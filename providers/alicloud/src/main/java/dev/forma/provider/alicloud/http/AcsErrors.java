package dev.forma.provider.alicloud.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.provider.sdk.http.ApiError;
import dev.forma.provider.sdk.http.ErrorRules;
import dev.forma.provider.sdk.http.RetryInterceptor;
import java.util.Set;

/**
 * How the Alibaba Cloud APIs say what went wrong: the error code in any of the body shapes they
 * use, the codes that mean throttling, and the {@link ApiError} a response body carries. The {@link
 * ErrorRules} the provider's {@link RetryInterceptor} reads answers with.
 */
public final class AcsErrors implements ErrorRules {
  /** The rules as the retry interceptor takes them. */
  public static final AcsErrors RULES = new AcsErrors();

  /**
   * The error codes that mean "slow down, nothing was done": retried for every call, creates
   * included. {@code ServiceUnavailable} (HTTP 503) is not one of them: a 503 may come from a
   * gateway after the service acted.
   */
  public static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling",
          "Throttling.User",
          "Throttling.Api",
          "Throttling.Concurrent",
          "Rejected.Throttling",
          "EXCEED_CONCURRENT_REQUEST_LIMIT");

  /** Codes that a 2xx body may carry without meaning an error. */
  private static final Set<String> SUCCESS_CODES =
      Set.of("", "OK", "Ok", "ok", "Success", "SUCCESS", "success", "200", "0");

  private AcsErrors() {}

  @Override
  public String codeIn(JsonNode body) {
    return code(body);
  }

  @Override
  public boolean isThrottling(String code) {
    return isThrottlingCode(code);
  }

  /** True for a code that asks the caller to slow down. */
  public static boolean isThrottlingCode(String code) {
    return code != null && THROTTLING_CODES.contains(code);
  }

  /** An error of {@code product}'s {@code action}. */
  public static ApiError error(
      Product product,
      String action,
      int httpStatus,
      String code,
      String message,
      String requestId,
      String recommend) {
    return new ApiError(
        product.displayName(),
        action,
        httpStatus,
        code,
        message,
        requestId,
        recommend,
        isThrottlingCode(code));
  }

  /** The error code of a body in any of the shapes the APIs use; null when it carries none. */
  public static String code(JsonNode body) {
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
    String code = code(body);
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
    return error(
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
