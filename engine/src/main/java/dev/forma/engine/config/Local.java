package dev.forma.engine.config;

import dev.forma.engine.diag.Range;
import dev.forma.engine.hcl.Expr;

/**
 * One local value, {@code name = expr} inside a {@code locals} block. {@code declRange} is the
 * whole attribute.
 */
public record Local(String name, Expr expr, Range nameRange, Range declRange) {}
