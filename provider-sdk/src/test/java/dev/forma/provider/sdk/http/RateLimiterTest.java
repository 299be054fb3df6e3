package dev.forma.provider.sdk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token bucket and its slowdown on throttling, on a clock the test moves. */
class RateLimiterTest {
  private long now = 1_000_000_000_000L;
  private final List<Duration> sleeps = new ArrayList<>();

  /** Sleeping moves the clock: the limiter sees the time it waited. */
  private final Sleeper sleeper =
      d -> {
        sleeps.add(d);
        now += d.toNanos();
      };

  private void advanceMillis(long ms) {
    now += ms * 1_000_000;
  }

  @Test
  void aBurstGoesAtOnceThenCallsAreSpacedAtTheRate() throws Exception {
    RateLimiter l = new RateLimiter(10, 3, () -> now, sleeper);
    for (int i = 0; i < 3; i++) {
      l.acquire();
    }
    assertEquals(List.of(), sleeps, "the burst of 3 waits for nothing");
    l.acquire();
    l.acquire();
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(100)), sleeps);
    advanceMillis(1000);
    sleeps.clear();
    for (int i = 0; i < 3; i++) {
      l.acquire();
    }
    assertEquals(List.of(), sleeps, "a second idle refills the bucket to its burst, no more");
    l.acquire();
    assertEquals(List.of(Duration.ofMillis(100)), sleeps);
  }

  @Test
  void throttlingOfACallSentAfterTheLastSlowdownHalvesTheRateAndAnswersBringItBack()
      throws Exception {
    RateLimiter l = new RateLimiter(40, 1, () -> now, sleeper);
    long first = l.acquire();
    long second = l.acquire();
    l.throttled(first);
    assertEquals(20, l.rate());
    l.throttled(second);
    assertEquals(20, l.rate(), "a call sent before the slowdown does not slow down again");
    l.throttled(l.acquire());
    assertEquals(10, l.rate(), "a call sent after it does");
    for (int i = 0; i < 10; i++) {
      l.answered();
    }
    assertEquals(11, l.rate(), 0.05, "ten answers at 10 a second: about one more a second");
    for (int i = 0; i < 10_000; i++) {
      l.answered();
    }
    assertEquals(40, l.rate(), "never above the limit set");
    for (int i = 0; i < 20; i++) {
      l.throttled(l.acquire());
    }
    assertEquals(RateLimiter.MIN_RATE, l.rate(), "never below the floor");
  }

  @Test
  void withoutALimitTheFirstThrottlingSetsHalfTheRateCallsWereSentAt() throws Exception {
    RateLimiter l = RateLimiter.unlimited(() -> now, sleeper);
    for (int i = 0; i < 100; i++) {
      l.acquire(); // 100 calls in half a second: 200 a second
      advanceMillis(5);
    }
    assertEquals(List.of(), sleeps);
    assertTrue(Double.isInfinite(l.rate()));
    l.throttled(99);
    assertEquals(100, l.rate(), 1e-6);
    l.acquire();
    assertEquals(List.of(Duration.ofMillis(10)), sleeps, "no burst right after a refusal");
  }
}
