package dev.forma.provider.sdk.http;

import java.time.Duration;

/**
 * How {@link RetryInterceptor} retries, with exponential backoff from {@code baseDelay} up to
 * {@code maxDelay} and full jitter (each wait uniform between zero and the exponential cap, never
 * less than a wait the server asks for), and never past {@code maxTotal} since the first try.
 *
 * <p>Two kinds of answers are retried, bounded differently:
 *
 * <ul>
 *   <li>throttling (a code the API's {@link ErrorRules} calls throttling, or HTTP 429): the cloud
 *       refused the call before acting on it, so waiting and asking again is always safe and is the
 *       only way through; it is bounded by {@code maxTotal} (and {@link #MAX_THROTTLED_ATTEMPTS}),
 *       not by {@code maxAttempts};
 *   <li>failures (HTTP 5xx, no answer): at most {@code maxAttempts} tries in all.
 * </ul>
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotal) {
  /** The default number of retries of a failed call (provider argument {@code max_retries}). */
  public static final int DEFAULT_MAX_RETRIES = 5;

  /** A bound on throttled tries of one call, whatever time is left. */
  public static final int MAX_THROTTLED_ATTEMPTS = 30;

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /**
   * {@code maxRetries} retries of a failed call after its first try, 0.5s base, 20s cap, 2 minutes
   * in all (throttled calls are retried for those 2 minutes).
   */
  public static RetryPolicy withRetries(int maxRetries) {
    return new RetryPolicy(
        maxRetries + 1, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(2));
  }
}
