package dev.forma.provider.sdk.http;

import java.time.Duration;

/** Waits; a seam so that tests of backoff and polling run without real delays. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM =
      d -> {
        if (!d.isNegative() && !d.isZero()) {
          Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
      };

  void sleep(Duration d) throws InterruptedException;
}
