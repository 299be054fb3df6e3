/**
 * The alicloud provider plugin: {@link dev.forma.provider.alicloud.AlicloudProviderFactory} (found
 * by {@link java.util.ServiceLoader}) and {@link dev.forma.provider.alicloud.AlicloudProvider},
 * which dispatches each SPI call to the resource type it names.
 *
 * <p>Owns nothing but the dispatch and the provider block's schema. Must not print, touch state
 * files or diff values: the engine does that from the schemas.
 */
package dev.forma.provider.alicloud;
