package dev.forma.provider.sdk.http;

import com.fasterxml.jackson.databind.JsonNode;

/** How one cloud's API says what went wrong: what {@link RetryInterceptor} reads of an answer. */
public interface ErrorRules {
  /** The error code a JSON answer carries, in whatever shape the API uses; null when none. */
  String codeIn(JsonNode body);

  /**
   * True for a code that means "slow down, nothing was done": such a call is retried whatever it
   * is, creates included. A code that may come after the service acted (a gateway's 503) is not.
   */
  boolean isThrottling(String code);
}
