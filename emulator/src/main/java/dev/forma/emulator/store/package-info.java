/**
 * The local cloud's objects and their file: one JSON document (tables of workspaces, connections,
 * services, models, idempotency records and id counters) written atomically (temp file, fsync,
 * rename) after every change, so objects survive restarts and a crash never leaves a torn file.
 *
 * <p>It holds data and persists it; it does not validate requests or know the APIs' rules.
 */
package dev.forma.emulator.store;
