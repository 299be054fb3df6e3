/**
 * Values and types of the configuration language, with Terraform's semantics.
 *
 * <p>Owns the immutable {@link dev.forma.provider.api.value.Value} hierarchy (null, bool, number as
 * BigDecimal, string, list, set, map, object, tuple, unknown, and the sensitive mark), the {@link
 * dev.forma.provider.api.value.Type} hierarchy, conversions and unification ({@link
 * dev.forma.provider.api.value.Convert}), the operators ({@link
 * dev.forma.provider.api.value.Operations}), the console rendering ({@link
 * dev.forma.provider.api.value.ValueRenderer}) and JSON ({@link
 * dev.forma.provider.api.value.ValueJson}). Must not know about files, syntax or providers; type
 * constraints written as expressions are read by the engine ({@code
 * dev.forma.engine.config.TypeConstraints}).
 */
package dev.forma.provider.api.value;
