/**
 * HTTP to Alibaba Cloud: ACS3-HMAC-SHA256 signing (an OkHttp interceptor, STYLE 12), the APIs'
 * products and endpoints, their error bodies and throttling codes ({@link
 * dev.forma.provider.alicloud.http.AcsErrors}), and {@link
 * dev.forma.provider.alicloud.http.AcsClient}, which turns answers into JSON or the SDK's {@link
 * dev.forma.provider.sdk.http.ApiException}s. What is not Alibaba-specific (retries re-signed on
 * every try, the rate limiter, the redacting log) is the provider SDK's ({@code
 * dev.forma.provider.sdk.http}).
 *
 * <p>Knows requests, not resources. Must never log or put in a message a secret, a signature, an
 * Authorization header or a security token.
 */
package dev.forma.provider.alicloud.http;
