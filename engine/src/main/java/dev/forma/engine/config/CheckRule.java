package dev.forma.engine.config;

import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Range;

/**
 * A {@code validation}, {@code precondition}, {@code postcondition} or {@code assert} block: a
 * condition and the error message shown when it is false. {@code declRange} is the block type
 * keyword, as Terraform's "This was checked by the validation rule at ..." points at it.
 */
public record CheckRule(Expr condition, Expr errorMessage, Range declRange) {}
