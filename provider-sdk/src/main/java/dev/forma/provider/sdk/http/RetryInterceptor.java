package dev.forma.provider.sdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries what is safe to retry, with exponential backoff and full jitter.
 *
 * <ul>
 *   <li>A throttling answer (a code {@link ErrorRules#isThrottling} accepts, whatever the HTTP
 *       status, often 400; or HTTP 429) is retried for every call, creates included: the server
 *       refused it without acting. It is retried until {@link RetryPolicy#maxTotal()} has passed,
 *       so that a throttled apply gets through in one run.
 *   <li>HTTP 5xx (503 {@code ServiceUnavailable} included) and I/O errors are retried only for
 *       idempotent calls ({@link CallTag#idempotent()}), at most {@link RetryPolicy#maxAttempts()}
 *       tries: a create may have been carried out before its answer was lost or a gateway answered
 *       503, so it is never repeated here (the lifecycle looks the object up first; see {@code
 *       dev.forma.provider.sdk.lifecycle.Creates}). A connection that could not even be opened is
 *       retried for every call: nothing reached the server.
 * </ul>
 *
 * {@code Retry-After} (seconds or an HTTP date) and {@code x-ratelimit-reset}/{@code
 * x-ratelimit-reset-after}/{@code x-ratelimit-retry-after} (seconds) are honoured as the least
 * wait.
 *
 * <p>It runs outside the interceptor that signs requests, so that every try is signed anew (with
 * its own date and nonce, which signed APIs refuse to see twice).
 *
 * <p>With a {@link RateLimiter}, every try waits for its token first, and each answer tells the
 * limiter whether the cloud throttled.
 */
public final class RetryInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RetryPolicy policy;
  private final ErrorRules rules;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final LongSupplier nanoTime;
  private final RateLimiter limiter;

  public RetryInterceptor(
      RetryPolicy policy,
      ErrorRules rules,
      Sleeper sleeper,
      DoubleSupplier random,
      LongSupplier nanoTime) {
    this(policy, rules, sleeper, random, nanoTime, null);
  }

  /**
   * As above, every try taking a token from {@code limiter} (null: no limit) and telling it how the
   * cloud answered.
   */
  public RetryInterceptor(
      RetryPolicy policy,
      ErrorRules rules,
      Sleeper sleeper,
      DoubleSupplier random,
      LongSupplier nanoTime,
      RateLimiter limiter) {
    this.policy = policy;
    this.rules = rules;
    this.sleeper = sleeper;
    this.random = random;
    this.nanoTime = nanoTime;
    this.limiter = limiter;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallTag api = request.tag(CallTag.class);
    boolean idempotent = api != null && api.idempotent();
    String action = api == null ? request.method() : api.action();
    long start = nanoTime.getAsLong();
    int failures = 0;
    int throttled = 0;
    for (int attempt = 1; ; attempt++) {
      Response response;
      long ticket = limiter == null ? 0 : limiter.acquire();
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        boolean retryable = idempotent || e instanceof ConnectException;
        if (!retryable || e instanceof InterruptedIOException && Thread.interrupted()) {
          throw e;
        }
        failures++;
        Duration wait = backoff(attempt, Duration.ZERO);
        if (failures >= policy.maxAttempts() || !inTime(start, wait)) {
          throw e;
        }
        LOG.debug("{}: {}; retry {} in {} ms", action, e.toString(), attempt, wait.toMillis());
        sleep(wait);
        continue;
      }
      Verdict verdict = verdict(response, idempotent);
      if (limiter != null) {
        if (verdict != null && verdict.throttled()) {
          limiter.throttled(ticket);
        } else {
          limiter.answered();
        }
      }
      if (verdict == null) {
        return response;
      }
      Duration wait = backoff(attempt, serverHint(response));
      boolean more;
      if (verdict.throttled()) {
        throttled++;
        more = throttled < RetryPolicy.MAX_THROTTLED_ATTEMPTS;
      } else {
        failures++;
        more = failures < policy.maxAttempts();
      }
      if (!more || !inTime(start, wait)) {
        return response;
      }
      LOG.debug("{}: {}; retry {} in {} ms", action, verdict.why(), attempt, wait.toMillis());
      response.close();
      sleep(wait);
    }
  }

  /** Whether waiting {@code wait} more stays within the policy's total time. */
  private boolean inTime(long start, Duration wait) {
    Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
    return elapsed.plus(wait).compareTo(policy.maxTotal()) <= 0;
  }

  private void sleep(Duration wait) throws IOException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /** Why an answer is retried, and whether it was throttling. */
  private record Verdict(String why, boolean throttled) {}

  /** Why the response should be retried, or null when it should not. */
  private Verdict verdict(Response response, boolean idempotent) throws IOException {
    int status = response.code();
    if (status < 400 && status != 200) {
      return null;
    }
    String code = errorCode(response);
    if (code != null && rules.isThrottling(code)) {
      return new Verdict("throttled (HTTP " + status + ", " + code + ")", true);
    }
    if (status == 429) {
      return new Verdict("throttled (HTTP 429)", true);
    }
    if (status >= 500 && idempotent) {
      return new Verdict("HTTP " + status + (code == null ? "" : ", " + code), false);
    }
    return null;
  }

  private String errorCode(Response response) throws IOException {
    String type = response.header("Content-Type", "");
    if (!type.contains("json")) {
      return null;
    }
    try {
      JsonNode body = JSON.readTree(response.peekBody(1 << 20).bytes());
      return rules.codeIn(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Full jitter: a uniform wait below the exponential cap; never less than the server's hint. */
  Duration backoff(int attempt, Duration hint) {
    long capMillis =
        Math.min(
            policy.maxDelay().toMillis(),
            policy.baseDelay().toMillis() * (1L << Math.min(attempt - 1, 20)));
    long jitter = (long) (random.getAsDouble() * capMillis);
    return Duration.ofMillis(Math.max(jitter, hint.toMillis()));
  }

  /** The wait the server asked for, from Retry-After or x-ratelimit-* headers; zero when none. */
  static Duration serverHint(Response response) {
    String retryAfter = response.header("Retry-After");
    if (retryAfter != null) {
      Duration d = parseSecondsOrDate(retryAfter.trim());
      if (d != null) {
        return d;
      }
    }
    for (String name :
        new String[] {"x-ratelimit-retry-after", "x-ratelimit-reset-after", "x-ratelimit-reset"}) {
      String v = response.header(name);
      if (v != null) {
        Duration d = parseSecondsOrDate(v.trim());
        if (d != null) {
          return d;
        }
      }
    }
    return Duration.ZERO;
  }

  private static Duration parseSecondsOrDate(String v) {
    try {
      double seconds = Double.parseDouble(v);
      if (seconds > 1_000_000_000d) {
        // an epoch time in seconds, as some rate limiters send in x-ratelimit-reset
        long ms = (long) (seconds * 1000) - System.currentTimeMillis();
        return Duration.ofMillis(Math.max(0, ms));
      }
      return Duration.ofMillis(Math.max(0, (long) (seconds * 1000)));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Duration.ofMillis(Math.max(0, at.toEpochMilli() - System.currentTimeMillis()));
      } catch (java.time.format.DateTimeParseException e2) {
        return null;
      }
    }
  }
}
