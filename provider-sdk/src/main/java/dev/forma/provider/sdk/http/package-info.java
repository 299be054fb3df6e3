/**
 * HTTP building blocks that are not cloud-specific, as OkHttp interceptors (one concern each):
 * {@link dev.forma.provider.sdk.http.RetryInterceptor} (backoff with full jitter, throttling
 * retried for every call, failures only for idempotent ones; it runs outside the provider's signing
 * interceptor so that every try is signed anew), {@link dev.forma.provider.sdk.http.RateLimiter} (a
 * token bucket per provider configuration that slows down when the cloud throttles), {@link
 * dev.forma.provider.sdk.http.RedactingLogInterceptor}, and the error model ({@link
 * dev.forma.provider.sdk.http.ApiError}, {@link dev.forma.provider.sdk.http.ApiException}). What a
 * cloud's API says is the provider's: how to sign, and its {@link
 * dev.forma.provider.sdk.http.ErrorRules} (error codes and which mean throttling).
 *
 * <p>Must never log or put in a message a secret, a signature or a token.
 */
package dev.forma.provider.sdk.http;
