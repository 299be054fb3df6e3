/**
 * {@link dev.forma.provider.alicloud.support.Values}, the provider SDK's value helpers under their
 * old name for code outside the resources that still imports it. The timeouts block and polling are
 * the SDK's ({@code dev.forma.provider.sdk.lifecycle}).
 */
package dev.forma.provider.alicloud.support;
