package dev.forma.state.backend;

import dev.forma.state.StateException;
import java.time.Duration;

/**
 * Taking a state lock that another holds, again and again until a timeout, as Terraform's {@code
 * -lock-timeout} does: the backoff the local, OSS and pg stores share.
 */
public final class LockRetry {
  private LockRetry() {}

  /** One attempt to take the lock: its info, or a {@link StateLockException} when it is held. */
  @FunctionalInterface
  public interface Attempt {
    LockInfo tryLock() throws StateException;
  }

  /**
   * Calls {@code attempt} until it takes the lock, waiting between refusals (100 ms, doubling up to
   * 2 s) until {@code timeout} has passed (zero: one attempt); then throws the last refusal, as it
   * does at once when the thread is interrupted. Any other failure is thrown at once.
   */
  public static LockInfo withBackoff(Duration timeout, Attempt attempt) throws StateException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long delayMillis = 100;
    while (true) {
      try {
        return attempt.tryLock();
      } catch (StateLockException e) {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
          throw e;
        }
        try {
          Thread.sleep(Math.min(delayMillis, remainingMillis));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        delayMillis = Math.min(delayMillis * 2, 2000);
      }
    }
  }
}
