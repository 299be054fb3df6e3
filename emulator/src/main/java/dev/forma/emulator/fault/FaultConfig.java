package dev.forma.emulator.fault;

import java.util.Set;

/**
 * Which faults the cloud APIs inject, as JSON the admin endpoint reads and writes: {@code
 * latencyMillis} added to every API call, and the rates (0 to 1, summing to at most 1) of calls
 * answered with throttling, answered with 503, or executed but never answered. {@code seed} fixes
 * the random sequence; {@code actions}, when not empty, limits the faults to those API actions.
 */
public record FaultConfig(
    long latencyMillis,
    double throttleRate,
    double serverErrorRate,
    double lostResponseRate,
    long seed,
    Set<String> actions) {

  /** No faults. */
  public static final FaultConfig NONE = new FaultConfig(0, 0, 0, 0, 0, Set.of());

  public FaultConfig {
    if (latencyMillis < 0) {
      throw new IllegalArgumentException("latencyMillis must not be negative");
    }
    for (double r : new double[] {throttleRate, serverErrorRate, lostResponseRate}) {
      if (!(r >= 0 && r <= 1)) {
        throw new IllegalArgumentException("rates must be between 0 and 1");
      }
    }
    if (throttleRate + serverErrorRate + lostResponseRate > 1 + 1e-9) {
      throw new IllegalArgumentException("the rates must add up to at most 1");
    }
    actions = actions == null ? Set.of() : Set.copyOf(actions);
  }
}
