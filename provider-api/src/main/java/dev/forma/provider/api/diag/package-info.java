/**
 * Source positions and diagnostics: where a thing was read from, and what is wrong with it.
 *
 * <p>Owns {@link dev.forma.provider.api.diag.Pos}, {@link dev.forma.provider.api.diag.Range},
 * {@link dev.forma.provider.api.diag.Diagnostic} and their Terraform-style rendering. Must not
 * depend on any other engine package: every stage reports through this one.
 */
package dev.forma.provider.api.diag;
