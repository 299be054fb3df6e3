package dev.forma.emulator.fault;

import java.util.Random;

/**
 * Draws, per API call, which fault (if any) it meets. One draw per call from a random sequence
 * seeded by the configuration, so a run of sequential calls meets the same faults every time.
 */
public final class FaultInjector {
  /** What happens to one call. */
  public enum Outcome {
    /** Answered normally. */
    PASS,
    /** Refused with {@code Throttling.User} (HTTP 400) before it runs. */
    THROTTLE,
    /** Refused with {@code ServiceUnavailable} (HTTP 503) before it runs. */
    UNAVAILABLE,
    /** Run, then the connection is closed without an answer. */
    LOSE,
    /** Run, then answered {@code ServiceUnavailable} (HTTP 503), as a gateway that gave up. */
    UNAVAILABLE_AFTER
  }

  /** The decision for one call: the latency to add and the outcome. */
  public record Decision(long latencyMillis, Outcome outcome) {}

  private FaultConfig config = FaultConfig.NONE;
  private Random random = new Random(0);
  private long windowStart = System.nanoTime();
  private long windowCalls;

  /** Replaces the configuration and restarts the random sequence from its seed. */
  public synchronized void configure(FaultConfig c) {
    config = c;
    random = new Random(c.seed());
  }

  public synchronized FaultConfig config() {
    return config;
  }

  /** Decides the fate of a call to {@code action}. */
  public synchronized Decision decide(String action) {
    FaultConfig c = config;
    if (!c.actions().isEmpty() && !c.actions().contains(action)) {
      return new Decision(0, Outcome.PASS);
    }
    if (c.maxCallsPerSecond() > 0) {
      long now = System.nanoTime();
      if (now - windowStart >= 1_000_000_000L) {
        windowStart = now;
        windowCalls = 0;
      }
      if (++windowCalls > c.maxCallsPerSecond()) {
        return new Decision(c.latencyMillis(), Outcome.THROTTLE);
      }
    }
    if (c.throttleRate() == 0
        && c.serverErrorRate() == 0
        && c.lostResponseRate() == 0
        && c.serverErrorAfterRate() == 0) {
      return new Decision(c.latencyMillis(), Outcome.PASS);
    }
    double r = random.nextDouble();
    Outcome o;
    if (r < c.throttleRate()) {
      o = Outcome.THROTTLE;
    } else if (r < c.throttleRate() + c.serverErrorRate()) {
      o = Outcome.UNAVAILABLE;
    } else if (r < c.throttleRate() + c.serverErrorRate() + c.lostResponseRate()) {
      o = Outcome.LOSE;
    } else if (r
        < c.throttleRate()
            + c.serverErrorRate()
            + c.lostResponseRate()
            + c.serverErrorAfterRate()) {
      o = Outcome.UNAVAILABLE_AFTER;
    } else {
      o = Outcome.PASS;
    }
    return new Decision(c.latencyMillis(), o);
  }
}
