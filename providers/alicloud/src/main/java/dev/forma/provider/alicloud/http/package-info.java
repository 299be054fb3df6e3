/**
 * HTTP to Alibaba Cloud: ACS3-HMAC-SHA256 signing, retries with backoff and jitter, a redacting
 * logger (each an OkHttp interceptor, one concern each, STYLE 12), and {@link
 * dev.forma.provider.alicloud.http.AcsClient}, which turns answers into JSON or {@link
 * dev.forma.provider.alicloud.http.ApiError}s.
 *
 * <p>Knows requests, not resources. Must never log or put in a message a secret, a signature, an
 * Authorization header or a security token.
 */
package dev.forma.provider.alicloud.http;
