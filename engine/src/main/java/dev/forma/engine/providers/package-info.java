/**
 * The engine's side of providers: the registry of provider factories ({@link
 * dev.forma.engine.providers.Providers}: {@link java.util.ServiceLoader} plus the builtin {@code
 * terraform} provider), their schemas by configuration ({@link
 * dev.forma.engine.providers.ProviderSchemas}) and the configuration of provider instances from
 * {@code provider} blocks ({@link dev.forma.engine.providers.ProviderConfigs}).
 *
 * <p>Rules: may use the configuration and evaluation packages; providers themselves see only the
 * {@code dev.forma.provider.api} packages.
 */
package dev.forma.engine.providers;
