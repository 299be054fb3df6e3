package dev.forma.provider.sdk.http;

/**
 * What {@link RetryInterceptor} needs to know of a request, carried as its OkHttp tag ({@code
 * Request.Builder.tag(CallTag.class, ...)}): the action (for the log) and whether sending it twice
 * cannot do twice what it does. A request without this tag is not idempotent.
 */
public record CallTag(String action, boolean idempotent) {}
