package dev.forma.provider.sdk.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import dev.forma.provider.sdk.http.ApiError;
import dev.forma.provider.sdk.http.ApiException;
import java.util.Set;

/**
 * What differs between the remote object types that {@link Lifecycle} manages: the API calls that
 * read and look up one object, which answers mean "not found", the mapping from the API's JSON to
 * the schema's values, and the words messages use for it. {@code C} is the provider's session (its
 * API client and region), given to every call.
 */
public interface RemoteObject<C> {
  /**
   * The words and names the lifecycle needs of a type: what an object is called in messages ({@code
   * workspace}), the attribute holding its natural name (what a lost create is found by), what
   * {@code forma import} takes ({@code WORKSPACE_ID}), and the error codes that mean "no such
   * object" besides HTTP 404.
   */
  record Kind(String noun, String nameAttribute, String importIdName, Set<String> notFoundCodes) {
    public Kind {
      notFoundCodes = Set.copyOf(notFoundCodes);
    }
  }

  Kind kind();

  /** What an object of this type is called in messages: {@code workspace}, {@code service}. */
  default String noun() {
    return kind().noun();
  }

  /**
   * Names the object whose id (import ID) is {@code id} in messages: by default {@code noun id}
   * ({@code workspace ws-1}).
   */
  default String subject(String id) {
    return noun() + " " + id;
  }

  /** Names the object by its natural name in messages: by default {@code noun "name"}. */
  default String named(String name) {
    return noun() + " \"" + name + "\"";
  }

  /** What {@code forma import} takes for this type, in messages: {@code WORKSPACE_ID}. */
  default String importIdName() {
    return kind().importIdName();
  }

  /** The id of the object a state value describes: by default its {@code id} attribute. */
  default String idIn(Value state) {
    return Values.string(state, "id");
  }

  /** The natural name of the object a planned state describes (what a lost create is found by). */
  default String nameIn(Value planned) {
    return Values.string(planned, kind().nameAttribute());
  }

  /**
   * Reads the object with this id: the API's JSON for it, or null when the answer itself says there
   * is none (a list marked deleted, say). An error answer is thrown; {@link #isNotFound} tells
   * which of them mean "gone".
   */
  JsonNode fetch(C c, String id) throws ApiException;

  /** True when the error says the object does not exist: HTTP 404 or a not-found code. */
  default boolean isNotFound(ApiError e) {
    return e.isNotFound(kind().notFoundCodes());
  }

  /**
   * The state value of the object the API describes with {@code remote}; {@code prior} (state,
   * plan, or null at import) gives what the API never returns (write-only values, timeouts).
   */
  Value state(JsonNode remote, Value prior);

  /**
   * Looks the object a create would make up by its natural name (after a create whose answer was
   * lost, or an interrupted run): null when there is none.
   */
  Found findByName(C c, Value planned) throws ApiException;

  /**
   * The detail of the error for an import of an id that does not exist: {@code No PAI workspace
   * with id "x" exists in this account and region.}
   */
  String missingOnImport(C c, String id);

  /** A diagnostic for an import ID that cannot be one of this type; by default null (any is). */
  default ProviderDiagnostic checkImportId(String id) {
    return null;
  }

  /**
   * An object found by name: its id, and the API's JSON for it when the lookup already gave the
   * whole object (null: the lifecycle reads it by id).
   */
  record Found(String id, JsonNode object) {
    public static Found id(String id) {
      return id == null ? null : new Found(id, null);
    }
  }
}
