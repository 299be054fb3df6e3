package dev.forma.emulator.api;

import java.util.Set;

/**
 * How the local cloud's objects behave over time: how long a new workspace stays INITIALIZING, how
 * long an EAS service stays Creating (or Updating, Scaling) before it is Running, and which service
 * specs or names end Failed instead.
 */
public record CloudSettings(
    long workspaceReadyDelayMillis,
    long serviceReadyDelayMillis,
    Set<String> failServiceSpecs,
    Set<String> failServiceNames) {

  /** The defaults: half a second for workspaces, two seconds for services, nothing fails. */
  public static final CloudSettings DEFAULT = new CloudSettings(500, 2000, Set.of(), Set.of());

  public CloudSettings {
    if (workspaceReadyDelayMillis < 0 || serviceReadyDelayMillis < 0) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    failServiceSpecs = failServiceSpecs == null ? Set.of() : Set.copyOf(failServiceSpecs);
    failServiceNames = failServiceNames == null ? Set.of() : Set.copyOf(failServiceNames);
  }
}
