/**
 * Fault injection for the cloud APIs: added latency, throttling ({@code Throttling.User}, HTTP
 * 400), unavailability ({@code ServiceUnavailable}, HTTP 503) and responses lost after the change
 * was made, each at a configured rate, drawn from a seeded random sequence so a test sees the same
 * faults on every run.
 *
 * <p>It decides; it does not touch requests, objects or connections (package {@code http} acts).
 */
package dev.forma.emulator.fault;
