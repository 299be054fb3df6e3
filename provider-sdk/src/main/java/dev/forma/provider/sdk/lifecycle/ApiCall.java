package dev.forma.provider.sdk.lifecycle;

import dev.forma.provider.sdk.http.ApiException;

/** One call of a cloud API, as the lifecycle sends it. */
@FunctionalInterface
public interface ApiCall<T> {
  T call() throws ApiException;
}
