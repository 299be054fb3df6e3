/**
 * The builtin {@code terraform} provider: the {@code terraform_data} managed resource, with
 * Terraform's semantics, so that configurations and tests need no cloud.
 *
 * <p>Owns only that provider's schema and lifecycle. Must not reach outside the provider SPI: no
 * state, no terminal, no configuration loading.
 */
package dev.forma.engine.builtin;
