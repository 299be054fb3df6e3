/**
 * Where states are kept: the local file backend ({@link dev.forma.state.backend.LocalStateStore})
 * with Terraform's lock-info file and OS lock, atomic replacement with a backup, and a write-ahead
 * journal that records each change durably and is replayed after a crash.
 *
 * <p>Owns files, locks, fsync and recovery. Must not interpret the state beyond serial and lineage,
 * must not encode bytes itself (that is {@code codec}), must not print: problems and recovery
 * notices go back to the caller as data. Must not depend on the engine.
 */
package dev.forma.state.backend;
