package dev.forma.engine.config;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.diag.Range;

/**
 * A {@code moved} block. An address without an instance key stands for the whole resource (as in
 * Terraform); {@code fromRange}/{@code toRange} are the argument values.
 */
public record Moved(
    ResourceInstanceAddress from,
    ResourceInstanceAddress to,
    Range fromRange,
    Range toRange,
    Range declRange) {}
