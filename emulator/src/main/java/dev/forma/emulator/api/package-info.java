/**
 * The cloud APIs the local cloud serves (AIWorkSpace workspaces and connections, PAI-EAS app
 * services, AiContent ModelRouter models): their routes, request validation, server-side rules
 * (unique names, required fields, enums, status transitions, secret masking) and response bodies,
 * field for field as ../shared/API.md describes them.
 *
 * <p>It works on parsed requests and the store; it does not speak HTTP, check signatures or inject
 * faults (package {@code http} does).
 */
package dev.forma.emulator.api;
