/**
 * The provider SPI: what a provider plugin implements so that Forma can manage its resources. A
 * provider is found through {@link java.util.ServiceLoader} of {@link
 * dev.forma.provider.api.ProviderFactory}; the engine's registry and the configuration of providers
 * from {@code provider} blocks live in the engine ({@code dev.forma.engine.providers}), never here.
 *
 * <p>Rules: this module ({@code forma-provider-api}) depends on nothing of Forma (no language, no
 * configuration, no planner, no state) and on Jackson only for the JSON form of values. A provider
 * compiles against it alone. One method per lifecycle step, a request record in, a response with
 * diagnostics out (STYLE 11). A provider never talks to the terminal or the state: it reads and
 * changes remote objects and reports. Diagnostics about a configuration value name the attribute
 * path; the engine maps paths to source ranges.
 */
package dev.forma.provider.api;
