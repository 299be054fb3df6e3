package dev.forma.engine.config;

import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Range;

/**
 * One local value, {@code name = expr} inside a {@code locals} block. {@code declRange} is the
 * whole attribute.
 */
public record Local(String name, Expr expr, Range nameRange, Range declRange) {}
