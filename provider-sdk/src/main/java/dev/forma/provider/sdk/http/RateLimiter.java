package dev.forma.provider.sdk.http;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The request rate limit of one provider configuration: a token bucket every attempt of every call
 * takes a token from (plan, apply and check share it, as they share the provider's client),
 * separate from {@code -parallelism}. It slows down on its own when the cloud throttles: a
 * throttling answer to a call sent after the last slowdown halves the rate (from the rate actually
 * sent when no limit was set; the answers to calls sent before it were already counted in), and
 * each answered call raises it by about one call a second per second of answers (additive increase,
 * multiplicative decrease, as TCP), up to the set limit. So a run that keeps being throttled
 * settles just under what the cloud allows, instead of spending a third of its calls on refusals.
 */
public final class RateLimiter {
  /**
   * The lowest rate a slowdown goes to: five calls a second. Below that a throttled call is left to
   * the retries' backoff: throttling that does not come from this rate (a busy backend, other
   * clients of the account) would otherwise slow a run down to a call a second.
   */
  static final double MIN_RATE = 5;

  private static final long SECOND = 1_000_000_000L;

  private final double limit;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  private double rate;
  private double tokens;
  private long refilled;
  private long tickets;
  private long lastSlowdownTicket = -1;

  // calls sent in the current and the last whole second, for the rate sent when throttled
  private long windowStart;
  private long windowCount;
  private double lastWindowRate;

  /**
   * A bucket of {@code burst} tokens filled at {@code perSecond} (positive infinity: no limit until
   * the cloud throttles).
   */
  public RateLimiter(double perSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.limit = perSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.rate = perSecond;
    this.tokens = burst;
    this.refilled = nanoTime.getAsLong();
    this.windowStart = refilled;
  }

  /** No limit until the cloud throttles. */
  public static RateLimiter unlimited(LongSupplier nanoTime, Sleeper sleeper) {
    return new RateLimiter(Double.POSITIVE_INFINITY, 1, nanoTime, sleeper);
  }

  /** The rate calls may go at now, per second (infinite while unlimited). */
  public synchronized double rate() {
    return rate;
  }

  /**
   * Waits for a token: returns at once while tokens are left. Returns the call's ticket, to give
   * {@link #throttled} if the cloud throttles it.
   */
  public long acquire() throws InterruptedIOException {
    long waitNanos;
    long ticket;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      count(now);
      ticket = tickets++;
      if (Double.isInfinite(rate)) {
        return ticket;
      }
      tokens = Math.min(burst, tokens + (now - refilled) * rate / SECOND);
      refilled = now;
      tokens -= 1; // a reservation: below zero, this call waits for its token to fill
      waitNanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens * SECOND / rate);
    }
    if (waitNanos > 0) {
      try {
        sleeper.sleep(Duration.ofNanos(waitNanos));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the request rate limit");
      }
    }
    return ticket;
  }

  /**
   * The cloud throttled the call of {@code ticket}: slow down, unless the call was sent before the
   * last slowdown (its refusal is what that slowdown answered).
   */
  public synchronized void throttled(long ticket) {
    long now = nanoTime.getAsLong();
    if (ticket <= lastSlowdownTicket) {
      return;
    }
    lastSlowdownTicket = tickets - 1;
    double from = Double.isInfinite(rate) ? sentRate(now) : rate;
    rate = Math.max(MIN_RATE, from / 2);
    tokens = Math.min(tokens, 0); // no burst right after a refusal
    refilled = now;
  }

  /** The cloud answered a call without throttling: speed up a little, up to the limit. */
  public synchronized void answered() {
    if (rate < limit) {
      rate = Math.min(limit, rate + 1 / rate);
    }
  }

  private void count(long now) {
    if (now - windowStart >= SECOND) {
      lastWindowRate = windowCount * (double) SECOND / (now - windowStart);
      windowStart = now;
      windowCount = 0;
    }
    windowCount++;
  }

  /** The rate calls were sent at lately, per second. */
  private double sentRate(long now) {
    double current = windowCount * (double) SECOND / Math.max(now - windowStart, SECOND / 10);
    return Math.max(lastWindowRate, current);
  }
}
