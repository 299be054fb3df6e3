package dev.forma.provider.sdk.lifecycle;

import dev.forma.provider.api.Progress;
import dev.forma.provider.sdk.http.ApiException;
import dev.forma.provider.sdk.http.Sleeper;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Polls a remote object until it reaches a wanted state, fails, or the operation's timeout runs
 * out, telling {@link Progress} what it sees at each poll.
 */
public final class Waiter {
  private final Sleeper sleeper;
  private final Duration interval;
  private final LongSupplier nanoTime;

  public Waiter(Sleeper sleeper, Duration interval, LongSupplier nanoTime) {
    this.sleeper = sleeper;
    this.interval = interval;
    this.nanoTime = nanoTime;
  }

  /** What one poll saw. */
  public sealed interface Step<T> {
    /** The wanted state is reached. */
    record Done<T>(T value) implements Step<T> {}

    /** Not yet; {@code status} is shown to the user. */
    record Pending<T>(String status) implements Step<T> {}

    /** The object reached a state it will not leave by itself. */
    record Failed<T>(String summary, String detail) implements Step<T> {}
  }

  /** One poll. */
  @FunctionalInterface
  public interface Poll<T> {
    Step<T> poll() throws ApiException;
  }

  /** How the wait ended. */
  public sealed interface Outcome<T> {
    record Reached<T>(T value) implements Outcome<T> {}

    record Failed<T>(String summary, String detail) implements Outcome<T> {}

    record TimedOut<T>(Duration after, String lastStatus) implements Outcome<T> {}

    record Interrupted<T>() implements Outcome<T> {}
  }

  /** Polls until done, failed or {@code timeout}; the first poll is immediate. */
  public <T> Outcome<T> until(Duration timeout, Progress progress, Poll<T> poll)
      throws ApiException {
    long start = nanoTime.getAsLong();
    String last = null;
    while (true) {
      Step<T> step = poll.poll();
      switch (step) {
        case Step.Done<T> d -> {
          return new Outcome.Reached<>(d.value());
        }
        case Step.Failed<T> f -> {
          return new Outcome.Failed<>(f.summary(), f.detail());
        }
        case Step.Pending<T> p -> {
          if (!p.status().equals(last)) {
            progress.status(p.status());
            last = p.status();
          }
        }
      }
      Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
      if (elapsed.compareTo(timeout) >= 0) {
        return new Outcome.TimedOut<>(timeout, last);
      }
      try {
        Duration left = timeout.minus(elapsed);
        sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome.Interrupted<>();
      }
    }
  }
}
