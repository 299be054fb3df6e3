package dev.forma.engine.config;

import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.provider.api.diag.Range;

/**
 * A {@code moved} block. An address without an instance key stands for the whole resource (as in
 * Terraform); {@code fromRange}/{@code toRange} are the argument values. A move of a module call or
 * module instance ({@code from = module.a}, {@code to = module.b["x"]}) has {@code fromModule} and
 * {@code toModule} instead of {@code from} and {@code to} (null then).
 */
public record Moved(
    ResourceInstanceAddress from,
    ResourceInstanceAddress to,
    Range fromRange,
    Range toRange,
    Range declRange,
    ModuleInstance fromModule,
    ModuleInstance toModule) {
  /** A move of a resource or resource instance. */
  public Moved(
      ResourceInstanceAddress from,
      ResourceInstanceAddress to,
      Range fromRange,
      Range toRange,
      Range declRange) {
    this(from, to, fromRange, toRange, declRange, null, null);
  }

  /** Whether this moves a module call or module instance (with everything in it). */
  public boolean isModule() {
    return fromModule != null;
  }
}
