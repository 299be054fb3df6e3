package dev.forma.emulator.fault;

import java.util.Set;

/**
 * Which faults the cloud APIs inject, as JSON the admin endpoint reads and writes: {@code
 * latencyMillis} added to every API call, and the rates (0 to 1, summing to at most 1) of calls
 * answered with throttling, answered with 503 before they run, executed but never answered, and
 * executed but answered with 503 (a gateway that gave up on a service that went on). {@code seed}
 * fixes the random sequence; {@code actions}, when not empty, limits the faults to those API
 * actions. {@code retryAfterSeconds}, when above 0, is sent as {@code Retry-After} with throttling
 * and 503 answers (API.md documents no such header from the real cloud, but a gateway may send one;
 * 0, the default, sends none). {@code maxCallsPerSecond}, when above 0, is the account's rate
 * limit: calls beyond that many in one second (of those the faults apply to) are refused with
 * throttling before they run, as the real cloud's per-account limits do.
 */
public record FaultConfig(
    long latencyMillis,
    double throttleRate,
    double serverErrorRate,
    double lostResponseRate,
    long seed,
    Set<String> actions,
    double serverErrorAfterRate,
    long retryAfterSeconds,
    long maxCallsPerSecond) {

  /** No faults. */
  public static final FaultConfig NONE = new FaultConfig(0, 0, 0, 0, 0, Set.of());

  public FaultConfig {
    if (latencyMillis < 0) {
      throw new IllegalArgumentException("latencyMillis must not be negative");
    }
    if (maxCallsPerSecond < 0) {
      throw new IllegalArgumentException("maxCallsPerSecond must not be negative");
    }
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must not be negative");
    }
    for (double r :
        new double[] {throttleRate, serverErrorRate, lostResponseRate, serverErrorAfterRate}) {
      if (!(r >= 0 && r <= 1)) {
        throw new IllegalArgumentException("rates must be between 0 and 1");
      }
    }
    if (throttleRate + serverErrorRate + lostResponseRate + serverErrorAfterRate > 1 + 1e-9) {
      throw new IllegalArgumentException("the rates must add up to at most 1");
    }
    actions = actions == null ? Set.of() : Set.copyOf(actions);
  }

  /** Faults with no 503 after execution and no Retry-After. */
  public FaultConfig(
      long latencyMillis,
      double throttleRate,
      double serverErrorRate,
      double lostResponseRate,
      long seed,
      Set<String> actions) {
    this(latencyMillis, throttleRate, serverErrorRate, lostResponseRate, seed, actions, 0, 0, 0);
  }

  /** As the canonical constructor, without a rate limit. */
  public FaultConfig(
      long latencyMillis,
      double throttleRate,
      double serverErrorRate,
      double lostResponseRate,
      long seed,
      Set<String> actions,
      double serverErrorAfterRate,
      long retryAfterSeconds) {
    this(
        latencyMillis,
        throttleRate,
        serverErrorRate,
        lostResponseRate,
        seed,
        actions,
        serverErrorAfterRate,
        retryAfterSeconds,
        0);
  }

  /** This configuration refusing with throttling every call beyond {@code max} in a second. */
  public FaultConfig withMaxCallsPerSecond(long max) {
    return new FaultConfig(
        latencyMillis,
        throttleRate,
        serverErrorRate,
        lostResponseRate,
        seed,
        actions,
        serverErrorAfterRate,
        retryAfterSeconds,
        max);
  }

  /** This configuration with {@code rate} of calls executed and then answered 503. */
  public FaultConfig withServerErrorAfterRate(double rate) {
    return new FaultConfig(
        latencyMillis,
        throttleRate,
        serverErrorRate,
        lostResponseRate,
        seed,
        actions,
        rate,
        retryAfterSeconds,
        maxCallsPerSecond);
  }

  /** This configuration sending {@code Retry-After: seconds} with throttling and 503 answers. */
  public FaultConfig withRetryAfterSeconds(long seconds) {
    return new FaultConfig(
        latencyMillis,
        throttleRate,
        serverErrorRate,
        lostResponseRate,
        seed,
        actions,
        serverErrorAfterRate,
        seconds,
        maxCallsPerSecond);
  }
}
