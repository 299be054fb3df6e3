/**
 * File formats of the state: Terraform's state file format version 4 ({@link
 * dev.forma.state.codec.StateCodec}) and the journal's line format ({@link
 * dev.forma.state.codec.JournalCodec}), both written byte for byte as Go's JSON encoder writes them
 * ({@link dev.forma.state.codec.GoJson}).
 *
 * <p>Owns the mapping between bytes and the model, and the wording of format errors (with file,
 * line and column). Must not touch the file system, lock, or decide when to write: that is {@code
 * backend}. Must not depend on the engine.
 */
package dev.forma.state.codec;
