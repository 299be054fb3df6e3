package dev.forma.provider.alicloud.http;

import java.time.Duration;
import java.util.Set;

/**
 * How {@link RetryInterceptor} retries: at most {@code maxAttempts} tries in all, exponential
 * backoff from {@code baseDelay} up to {@code maxDelay} with full jitter, and never past {@code
 * maxTotal} since the first try.
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotal) {
  /** The error codes that mean "slow down": retried whatever the HTTP status. */
  public static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling",
          "Throttling.User",
          "Throttling.Api",
          "Throttling.Concurrent",
          "Rejected.Throttling",
          "ServiceUnavailable",
          "EXCEED_CONCURRENT_REQUEST_LIMIT");

  /** The default number of retries after the first try (provider argument {@code max_retries}). */
  public static final int DEFAULT_MAX_RETRIES = 5;

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** {@code maxRetries} retries after the first try, 0.5s base, 20s cap, 2 minutes in all. */
  public static RetryPolicy withRetries(int maxRetries) {
    return new RetryPolicy(
        maxRetries + 1, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(2));
  }

  /** True for a code that asks the caller to slow down. */
  public static boolean isThrottling(String code) {
    return code != null && THROTTLING_CODES.contains(code);
  }
}
