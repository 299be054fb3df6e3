/**
 * The provider SPI: what a provider plugin implements so that the engine can manage its resources,
 * and how providers are found ({@link java.util.ServiceLoader} of {@link
 * dev.forma.engine.provider.ProviderFactory}, in the {@link dev.forma.engine.provider.Providers}
 * registry) and configured from {@code provider} blocks ({@link
 * dev.forma.engine.provider.ProviderConfigs}).
 *
 * <p>One method per lifecycle step, a request record in, a response with diagnostics out (STYLE
 * 11). A provider never talks to the terminal or the state: it reads and changes remote objects and
 * reports. Diagnostics about a configuration value name the attribute path; the engine maps paths
 * to source ranges.
 */
package dev.forma.engine.provider;
