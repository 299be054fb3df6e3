/**
 * The engine's side of providers: the registry of provider factories ({@link
 * dev.forma.engine.providers.Providers}: {@link java.util.ServiceLoader} plus the builtin {@code
 * terraform} provider, and the plugin jars of the plugin directories: {@link
 * dev.forma.engine.providers.PluginLoader}, {@link dev.forma.engine.providers.PluginDirectories},
 * with the dependency lock file {@link dev.forma.engine.providers.LockFile}), their schemas by
 * configuration ({@link dev.forma.engine.providers.ProviderSchemas}) and the configuration of
 * provider instances from {@code provider} blocks ({@link
 * dev.forma.engine.providers.ProviderConfigs}).
 *
 * <p>Rules: may use the configuration and evaluation packages, the HCL parser (the lock file) and
 * the version constraints of {@code engine.modules}; providers themselves see only the {@code
 * dev.forma.provider.api} packages.
 */
package dev.forma.engine.providers;
