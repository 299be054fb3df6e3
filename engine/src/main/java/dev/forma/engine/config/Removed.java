package dev.forma.engine.config;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.provider.api.diag.Range;

/**
 * A {@code removed} block: the resource no longer in configuration, and whether its objects are
 * destroyed ({@code lifecycle { destroy = ... }}, true when unset) or only forgotten.
 */
public record Removed(ResourceAddress from, boolean destroy, Range fromRange, Range declRange) {}
