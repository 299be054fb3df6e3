package dev.forma.emulator.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cloud's own time for status transitions (not for signatures): the system clock plus an offset
 * that tests and demos advance instead of sleeping.
 */
public final class CloudClock {
  private final AtomicLong offsetMillis = new AtomicLong();

  public Instant now() {
    return Instant.now().plusMillis(offsetMillis.get());
  }

  /** Moves the cloud's time forward. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("the cloud's clock only moves forward");
    }
    offsetMillis.addAndGet(d.toMillis());
  }

  /** The time as the APIs print it: ISO-8601 UTC to the second. */
  String stamp() {
    return now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
