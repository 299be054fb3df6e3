/**
 * State and plan encryption at rest, compatible with OpenTofu 1.7+: key providers, methods, the
 * envelope around a payload, fallback for rotation and migration.
 *
 * <p>Works on bytes only: must not parse the state beyond what the envelope needs, must not do I/O
 * of its own, must not print. Must not depend on the engine.
 */
package dev.forma.state.encryption;
