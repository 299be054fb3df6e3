/**
 * Values and types of the configuration language, with Terraform's semantics.
 *
 * <p>Owns the immutable {@link dev.forma.engine.value.Value} hierarchy (null, bool, number as
 * BigDecimal, string, list, set, map, object, tuple, unknown, and the sensitive mark), the {@link
 * dev.forma.engine.value.Type} hierarchy, conversions and unification ({@link
 * dev.forma.engine.value.Convert}), the operators ({@link dev.forma.engine.value.Operations}), the
 * console rendering ({@link dev.forma.engine.value.ValueRenderer}) and JSON ({@link
 * dev.forma.engine.value.ValueJson}). Must not know about files or providers; the only class that
 * reads syntax is {@link dev.forma.engine.value.TypeConstraints}, because a type constraint is
 * written as an expression.
 */
package dev.forma.engine.value;
