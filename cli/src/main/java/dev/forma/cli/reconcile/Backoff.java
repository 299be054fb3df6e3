package dev.forma.cli.reconcile;

import java.time.Duration;

/**
 * How long the controller waits before its next pass: the interval, or after {@code n} failures in
 * a row the interval times 2^n, at most {@code max} (and never less than the interval).
 */
record Backoff(Duration interval, Duration max) {
  Duration after(int failuresInARow) {
    if (failuresInARow <= 0) {
      return interval;
    }
    Duration d = interval;
    for (int i = 0; i < failuresInARow && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    Duration cap = max.compareTo(interval) < 0 ? interval : max;
    return d.compareTo(cap) > 0 ? cap : d;
  }
}
