package dev.forma.provider.sdk.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.provider.sdk.http.ApiError;
import dev.forma.provider.sdk.http.ApiException;
import java.net.ConnectException;
import java.util.function.Function;

/**
 * Sends creates that the API cannot deduplicate, and reads back what they made.
 *
 * <p>A create without an idempotency token (none of alicloud's create actions takes a ClientToken)
 * is never repeated blindly. Throttling was answered before the cloud acted, and a connection that
 * could not be opened carried nothing: those the HTTP client retries itself. Any other failure
 * without a clear refusal (no answer, a lost answer, HTTP 5xx including 503 ServiceUnavailable,
 * which a gateway may send after the service acted) is followed by a lookup of the object by its
 * natural name: found, it is the created object; not found, the create is sent again (at most
 * {@link #MAX_SENDS} sends). A create sent again and refused because the name is taken means an
 * earlier send did act: the object is looked up once more and adopted. When the lookup itself
 * fails, the outcome cannot be known: {@link OutcomeUnknown} is thrown, and the provider answers
 * the create with {@link dev.forma.provider.api.Requests.ApplyResult#unknownOutcome}, which keeps
 * the engine's create intent pending so that the next plan looks again before creating anything.
 */
public final class Creates {
  public static final int MAX_SENDS = 3;

  /** Reads after a create that find nothing yet, before giving up (the cloud may lag). */
  public static final int READ_BACK_TRIES = 3;

  private Creates() {}

  /** Looks for the object the create would make; its id, or null when there is none. */
  @FunctionalInterface
  public interface Finder {
    String find() throws ApiException;
  }

  /** Reads an object; null when it is not (yet) there. */
  @FunctionalInterface
  public interface Reader<T> {
    T read() throws ApiException;
  }

  /** A create that was carried out: the new object's id, and the create's answer (null if lost). */
  public record Created(String id, JsonNode answer) {}

  /**
   * The create's outcome could not be learned: its answer was lost and the lookup by name failed.
   * Thrown out of a resource's create; the provider turns it into an answer whose outcome is
   * unknown, so that the engine keeps the create intent pending.
   */
  public static final class OutcomeUnknown extends RuntimeException {
    OutcomeUnknown(String subject, ApiException lost, ApiException lookup) {
      super(
          lost.error().action()
              + " may or may not have been carried out ("
              + reason(lost.error())
              + "), and looking for "
              + subject
              + " by its name failed too ("
              + lookup.getMessage()
              + ")",
          lookup);
    }

    private static String reason(ApiError e) {
      return e.isTransport()
          ? "no answer: " + e.message()
          : "HTTP " + e.httpStatus() + (e.code() == null ? "" : " " + e.code());
    }
  }

  /**
   * Sends {@code create}; {@code subject} names the object in messages (e.g. {@code connection
   * "c"}).
   *
   * @throws ApiException when the cloud refused the create (nothing was made)
   * @throws OutcomeUnknown when whether it was made cannot be learned
   */
  public static Created send(
      LifecycleContext s,
      ApiCall<JsonNode> create,
      Function<JsonNode, String> idOf,
      Finder finder,
      String subject)
      throws ApiException {
    for (int send = 1; ; send++) {
      try {
        JsonNode answer = create.call();
        return new Created(idOf.apply(answer), answer);
      } catch (ApiException e) {
        if (send > 1 && alreadyExists(e)) {
          String found = find(finder, subject, e);
          if (found != null) {
            return new Created(found, null);
          }
          throw e;
        }
        if (!answerLost(e)) {
          throw e;
        }
        String found = find(finder, subject, e);
        if (found != null) {
          return new Created(found, null);
        }
        if (send >= MAX_SENDS) {
          throw e;
        }
        try {
          s.sleeper().sleep(s.createRetryPause().multipliedBy(send));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          // the lookup has just found nothing: nothing was made
          throw e;
        }
      }
    }
  }

  private static String find(Finder finder, String subject, ApiException lost) {
    try {
      return finder.find();
    } catch (ApiException lookup) {
      throw new OutcomeUnknown(subject, lost, lookup);
    }
  }

  /**
   * Reads back what a create made, trying again (after the create pause) while the cloud does not
   * show it yet; null when it still does not. Errors were already retried by the HTTP client.
   */
  public static <T> T readBack(LifecycleContext s, Reader<T> reader) throws ApiException {
    for (int attempt = 1; ; attempt++) {
      T found = reader.read();
      if (found != null || attempt >= READ_BACK_TRIES) {
        return found;
      }
      try {
        s.sleeper().sleep(s.createRetryPause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /**
   * True when the request may or may not have been carried out: no answer (other than a connection
   * that could not be opened), or HTTP 5xx that is not throttling.
   */
  public static boolean answerLost(ApiException e) {
    ApiError error = e.error();
    if (error.isTransport()) {
      return !(e.getCause() instanceof ConnectException);
    }
    return error.httpStatus() >= 500 && !error.isThrottling();
  }

  /** True when the cloud refused a create because an object of that name exists. */
  public static boolean alreadyExists(ApiException e) {
    String code = e.error().code();
    return e.error().httpStatus() == 409 || (code != null && code.contains("AlreadyExist"));
  }
}
