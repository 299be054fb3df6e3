/**
 * The lifecycle every remote object shares ({@link dev.forma.provider.sdk.lifecycle.Lifecycle}),
 * parameterised by what differs per type ({@link dev.forma.provider.sdk.lifecycle.RemoteObject}):
 * get with not-found mapping, find by name after a lost create ({@link
 * dev.forma.provider.sdk.lifecycle.Creates}), import by ID, create then wait, update, delete then
 * wait, the {@code timeouts} block ({@link dev.forma.provider.sdk.lifecycle.Timeouts}), polling
 * with progress ({@link dev.forma.provider.sdk.lifecycle.Waiter}), and the texts users see ({@link
 * dev.forma.provider.sdk.lifecycle.Results}). No HTTP: calls are {@link
 * dev.forma.provider.sdk.lifecycle.ApiCall}s.
 */
package dev.forma.provider.sdk.lifecycle;
