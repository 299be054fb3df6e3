/**
 * The state model: what Forma knows about the real objects it manages, apart from any file format.
 *
 * <p>Owns the immutable {@link dev.forma.state.State} (outputs, resources, instances and their
 * objects), the addresses that identify them inside the state ({@link
 * dev.forma.state.ResourceAddress}, {@link dev.forma.state.InstanceAddress}), the changes an
 * operation records one at a time ({@link dev.forma.state.StateChange}) and the one synchronised
 * writer that applies them ({@link dev.forma.state.SyncState}). Must not read or write files (that
 * is {@code codec} and {@code backend}), must not depend on the engine (the engine depends on this
 * module), and must not interpret attribute values beyond keeping them as JSON trees.
 */
package dev.forma.state;
