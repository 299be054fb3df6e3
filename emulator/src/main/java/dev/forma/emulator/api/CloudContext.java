package dev.forma.emulator.api;

import dev.forma.emulator.store.CloudStore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What every API shares: the store, the cloud's clock, the current behaviour settings, the region
 * the cloud pretends to be in, and the URL it is reachable at (for the endpoints it hands out).
 */
public final class CloudContext {
  /** The account id the local cloud reports as owner and creator of everything. */
  public static final String ACCOUNT_ID = "1000000000000001";

  final CloudStore store;
  final CloudClock clock;
  final AtomicReference<CloudSettings> settings;
  final String region;
  final Supplier<String> baseUrl;

  public CloudContext(
      CloudStore store,
      CloudClock clock,
      AtomicReference<CloudSettings> settings,
      String region,
      Supplier<String> baseUrl) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.region = region;
    this.baseUrl = baseUrl;
  }

  public CloudStore store() {
    return store;
  }

  /** Persists the store; a failure is the cloud's internal error. */
  /** Marks the store changed: the request is answered after the change is written. */
  void save() {
    store.changed();
  }
}
