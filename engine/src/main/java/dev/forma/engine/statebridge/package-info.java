/**
 * The bridge between the state module's model (JSON attribute trees, {@code sensitive_attributes}
 * paths, state addresses, provider strings) and the engine's (typed {@link
 * dev.forma.provider.api.value.Value}s with sensitive marks, {@link dev.forma.engine.addrs}
 * addresses).
 *
 * <p>Owns the conversions both ways: attributes decoded by a schema's implied type, values encoded
 * as Terraform writes them (a {@code dynamic} attribute as {@code {"value": ..., "type": ...}}),
 * sensitive marks to paths and back, Terraform's JSON type expressions, and the {@code
 * provider["..."]} strings. Must not evaluate configuration, talk to providers or write state: a
 * value that is not wholly known never becomes state (that is a bug, reported by an exception).
 */
package dev.forma.engine.statebridge;
