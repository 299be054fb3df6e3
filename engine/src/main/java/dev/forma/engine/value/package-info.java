/**
 * Values and types of the configuration language, with Terraform's semantics.
 *
 * <p>Owns the immutable {@link dev.forma.engine.value.Value} hierarchy (null, bool, number as
 * BigDecimal, string, list, set, map, object, tuple, unknown, and the sensitive mark), the {@link
 * dev.forma.engine.value.Type} hierarchy, conversions between them, and the operators. Must not
 * know about syntax, files or providers.
 */
package dev.forma.engine.value;
