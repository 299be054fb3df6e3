package dev.forma.provider.alicloud.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.provider.alicloud.http.ApiException;
import dev.forma.provider.alicloud.http.ApiRequest;
import java.time.Duration;
import java.util.function.Function;

/**
 * Sends creates that the APIs cannot deduplicate. None of the four create actions in
 * ../shared/API.md takes a ClientToken, so a create is never repeated blindly: when its answer is
 * lost (no answer, or HTTP 5xx after the request went out), the object is first looked up by its
 * natural name, and the create is sent again only when it is not there.
 */
final class Creates {
  static final int MAX_SENDS = 3;

  private Creates() {}

  /** Looks for the object the create would make; its id, or null when there is none. */
  @FunctionalInterface
  interface Finder {
    String find() throws ApiException;
  }

  /** The new object's id. */
  static String send(Session s, ApiRequest create, Function<JsonNode, String> idOf, Finder finder)
      throws ApiException {
    for (int send = 1; ; send++) {
      try {
        return idOf.apply(s.client().call(create));
      } catch (ApiException e) {
        if (!answerLost(e)) {
          throw e;
        }
        String found = finder.find();
        if (found != null) {
          return found;
        }
        if (send >= MAX_SENDS) {
          throw e;
        }
        try {
          s.sleeper().sleep(s.createRetryPause().multipliedBy(send));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** True when the request may or may not have been carried out. */
  static boolean answerLost(ApiException e) {
    return e.error().isTransport() || (e.error().httpStatus() >= 500 && !e.error().isThrottling());
  }

  static Duration orDefault(Duration d, Duration fallback) {
    return d == null ? fallback : d;
  }
}
