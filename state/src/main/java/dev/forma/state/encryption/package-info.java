/**
 * State and plan encryption at rest, compatible with OpenTofu 1.7+: the {@code pbkdf2} key
 * provider, the {@code aes_gcm} and {@code unencrypted} methods, OpenTofu's envelope around a
 * payload, fallback for rotation and migration, {@code enforced}. {@link
 * dev.forma.state.encryption.EncryptionConfig} is the configuration as plain data (the engine reads
 * it from {@code terraform { encryption { ... } }} and {@code TF_ENCRYPTION}); {@link
 * dev.forma.state.encryption.Encryption} builds the {@link
 * dev.forma.state.encryption.StateEncryption} every store passes its payloads through.
 *
 * <p>Works on bytes only: must not parse the state beyond what the envelope needs (serial and
 * lineage), must not do I/O of its own, must not print. Must not depend on the engine.
 */
package dev.forma.state.encryption;
