package dev.forma.provider.api;

import dev.forma.provider.api.value.Value;
import java.time.Duration;
import java.util.Set;

/**
 * An optional capability of a {@link Provider}: checking that the objects of some resource types
 * really answer (what {@code forma check} and {@code plan -check-connectivity} report), such as a
 * model endpoint that is called with one small request. The CLI finds the capability with {@code
 * instanceof} and never names the provider's classes.
 *
 * <p>For each instance of a {@link #checkableTypes() checkable type} in the configuration, the CLI
 * evaluates its configuration as plan does and calls {@link #check}: on an instance configured from
 * the resource's provider configuration when {@link #needsConfiguration} says the check looks the
 * object up through the provider's APIs, else on an unconfigured instance (so that a check of an
 * endpoint named wholly in configuration needs no credentials).
 *
 * <p>A result never contains a secret (a key, a token): the CLI prints every field of it.
 */
public interface ConnectivityChecks {
  /** The resource types whose instances can be checked. */
  Set<String> checkableTypes();

  /**
   * Whether checking an instance of {@code typeName} needs the provider configured (it looks the
   * object up in the cloud first). By default it does.
   */
  default boolean needsConfiguration(String typeName) {
    return true;
  }

  /**
   * Checks one instance; null when there is nothing to check for it (say, a connection that is not
   * to a model service). May be called from one thread at a time per instance; must not throw for
   * anything the user can cause: say it in the result.
   */
  Result check(Request request);

  /**
   * One instance to check.
   *
   * @param typeName its resource type
   * @param address its address, for the result
   * @param config its configuration, evaluated as plan evaluates it (sensitive values marked;
   *     values known only after apply are unknown: the result should say so)
   * @param timeout how long the check may wait for an answer
   * @param localEndpoint the base URL of the local cloud the configuration runs against (see {@link
   *     LocalEndpoint}), else null
   */
  record Request(
      String typeName, String address, Value config, Duration timeout, String localEndpoint) {}

  /**
   * What checking one instance found.
   *
   * @param address the instance's address
   * @param ok whether it answered
   * @param code a short code for what went wrong (the service's error code, or the provider's own,
   *     such as {@code NOT_KNOWN}, {@code TIMEOUT}); null when it answered
   * @param message one or more sentences: what was found and, on failure, what to fix
   * @param url the URL that was called (without credentials); null when none was
   * @param status the object's status as the cloud reports it, when the check looked it up; else
   *     null
   */
  record Result(
      String address, boolean ok, String code, String message, String url, String status) {
    public Result {
      if (address == null || message == null) {
        throw new IllegalArgumentException("a check result needs an address and a message");
      }
    }

    /** A failed check saying that {@code attribute} is not known until apply. */
    public static Result notKnown(String address, String attribute) {
      return new Result(
          address,
          false,
          "NOT_KNOWN",
          attribute
              + " is not known until apply (it refers to an object not created yet): apply first,"
              + " then check.",
          null,
          null);
    }
  }
}
