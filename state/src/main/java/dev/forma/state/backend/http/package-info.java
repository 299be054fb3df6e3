/**
 * Terraform's {@code http} backend: the state at one address of the REST protocol GitLab, Gitea and
 * others serve ({@code GET} to read, an update method to replace, {@code LOCK}/{@code UNLOCK} or a
 * lock address to lock, {@code ?ID=} on updates while locked), its settings with their {@code
 * TF_HTTP_*} variables, TLS with client certificates, retries with backoff, and the local journal
 * that keeps an operation's changes and create intents, which the protocol has no place for.
 *
 * <p>Owns the HTTP calls (OkHttp, one concern per interceptor) and the journal file. Must not
 * interpret the state beyond serial, lineage and content equality, must not encode state bytes
 * itself (that is {@code codec}), must not print: problems go back to the caller as {@link
 * dev.forma.state.StateException}s. Must not depend on the engine.
 */
package dev.forma.state.backend.http;
