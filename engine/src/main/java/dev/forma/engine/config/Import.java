package dev.forma.engine.config;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Range;

/**
 * An {@code import} block. {@code to} is the target expression as written (its keys, of the
 * resource or of module calls, may refer to {@code each} under {@code for_each}; see {@link
 * ImportTo}); {@code toResource} the resource it names, without the keys given by expressions.
 * {@code provider} and {@code forEach} are null when not set.
 */
public record Import(
    Expr to,
    ResourceAddress toResource,
    Expr id,
    ProviderConfigAddress provider,
    Expr forEach,
    Range declRange) {}
