package dev.forma.provider.alicloud.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.provider.ProviderDiagnostic;
import dev.forma.engine.provider.Requests;
import dev.forma.engine.value.StringValue;
import dev.forma.engine.value.Value;
import dev.forma.provider.alicloud.http.ApiException;
import java.util.List;

/**
 * What the resources' list calls share: the page size asked for, the page tokens of the APIs that
 * page by number (the token is the next page's number), the filter values sent to the API, and the
 * diagnostics.
 */
final class Listing {
  /** Objects asked for per page: the most every list API here gives at once. */
  static final int PAGE_SIZE = 100;

  private Listing() {}

  /** The filter's value for {@code name} when it is a known string; null otherwise. */
  static String string(Requests.ListObjects r, String name) {
    Value v = r.filter().get(name);
    return v != null && v.unmarkDeep() instanceof StringValue s ? s.value() : null;
  }

  /** The page number a token stands for: 1 for none, -1 for a token this provider never gave. */
  static int pageNumber(String token) {
    if (token == null) {
      return 1;
    }
    try {
      int n = Integer.parseInt(token);
      return n >= 1 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The token of the page after page {@code page} of {@code size}, which held {@code count} objects
   * of {@code total} (null when the API gave no total): null after the last page.
   */
  static String nextPage(int page, int size, int count, Long total) {
    boolean more = total != null ? (long) page * size < total : count >= size;
    return more && count > 0 ? Integer.toString(page + 1) : null;
  }

  /** The items of a page, the array {@code field} of the answer. */
  static JsonNode items(JsonNode answer, String field) {
    return answer.path(field);
  }

  static Requests.ListResult badToken(String typeName, String token) {
    return Requests.ListResult.failed(
        ProviderDiagnostic.error(
            "Invalid page token",
            "\"" + token + "\" is not a page token the " + typeName + " list gave."));
  }

  /** The list needs the filter attribute {@code name}: it names the scope of the listing. */
  static Requests.ListResult needs(String typeName, String name, String why) {
    return Requests.ListResult.failed(
        ProviderDiagnostic.error(
            "Missing list argument",
            "Listing " + typeName + " needs " + name + " in the list block's config: " + why));
  }

  static Requests.ListResult failed(ApiException e, String subject) {
    return Requests.ListResult.failed(e.error().toDiagnostic(subject));
  }

  static Requests.ListResult page(List<Requests.Listed> objects, String next) {
    return new Requests.ListResult(objects, next, List.of());
  }
}
