/**
 * The provider SDK: what a provider author reuses on top of the provider API ({@code
 * dev.forma.provider.api}). {@link dev.forma.provider.sdk.Values} reads configuration and state
 * values and builds state objects of a schema; {@code lifecycle} is the remote-object lifecycle
 * written once; {@code http} the HTTP building blocks that are not cloud-specific. The test-jar's
 * {@code testing} package is the contract-test base over WireMock.
 *
 * <p>Depends on the provider API, OkHttp, Jackson and slf4j only: never on the engine, the CLI or a
 * provider.
 */
package dev.forma.provider.sdk;
