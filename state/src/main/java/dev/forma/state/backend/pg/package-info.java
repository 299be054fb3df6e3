/**
 * Terraform's {@code pg} backend: states in a PostgreSQL database, one row per workspace of {@code
 * SCHEMA.states}, locked with Terraform's advisory locks, so that Terraform and Forma share a
 * database; plus what Forma keeps beside it and Terraform ignores: a journal of the running
 * operation's changes and create intents ({@code forma_journal}), and who holds each lock ({@code
 * forma_locks}).
 *
 * <p>Owns the connection string, sessions, SQL and lock protocol. Must not interpret the state
 * beyond serial and lineage, must not encode bytes itself (that is {@code codec}), must not print.
 * Every payload it stores passes through the {@link dev.forma.state.encryption.StateEncryption} it
 * is given. Must not depend on the engine.
 */
package dev.forma.state.backend.pg;
