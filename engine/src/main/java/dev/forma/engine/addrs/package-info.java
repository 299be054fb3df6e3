/**
 * Addresses of configuration objects: resources, resource instances, provider configurations.
 *
 * <p>Every address is an immutable record that prints in Terraform's syntax and parses back to an
 * equal record, and sorts stably. Addresses are built from parsed parts (a traversal, a string read
 * with {@link dev.forma.engine.addrs.AddressParser}), never glued together from strings. Must not
 * depend on configuration loading or evaluation.
 */
package dev.forma.engine.addrs;
