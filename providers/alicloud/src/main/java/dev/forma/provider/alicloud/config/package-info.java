/**
 * Provider configuration: resolving the provider block, the environment and the CLI profile file
 * into credentials, region and endpoints ({@link
 * dev.forma.provider.alicloud.config.ProviderSettings}), and the hook through which the CLI points
 * {@code endpoint = "local"} at the embedded local cloud ({@link
 * dev.forma.provider.alicloud.config.LocalCloud}).
 *
 * <p>Reads only; makes no HTTP call. A missing credential is a diagnostic that says where Forma
 * looked, never an exception.
 */
package dev.forma.provider.alicloud.config;
