package dev.forma.engine.config;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.diag.Range;
import dev.forma.engine.hcl.Expr;

/**
 * An {@code import} block. {@code to} is the target expression as written (its key may refer to
 * {@code each} under {@code for_each}); {@code toResource} the resource it names. {@code provider}
 * and {@code forEach} are null when not set.
 */
public record Import(
    Expr to,
    ResourceAddress toResource,
    Expr id,
    ProviderConfigAddress provider,
    Expr forEach,
    Range declRange) {}
