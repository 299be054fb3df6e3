package dev.forma.provider.alicloud.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.http.ApiException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the resources' list calls share: the page size asked for, the page tokens of the APIs that
 * page by number (the token is the next page's number), the filter values sent to the API, the
 * diagnostics, and refresh by listing ({@link #readListed}).
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

  /**
   * One page of a list call made for refresh by listing: the objects as the API gives them, the
   * token of the next page (null after the last) and the total the answer gives (null if none).
   */
  record Page(JsonNode items, String next, Long total) {}

  /** Fetches the page a token names (null: the first). */
  @FunctionalInterface
  interface Pages {
    Page fetch(String token) throws ApiException;
  }

  /** Refresh by listing of one list: {@link #readListed} of all {@code reads}. */
  static List<Requests.ReadResult> readListed(
      List<Requests.Read> reads,
      Function<Value, String> priorId,
      Function<JsonNode, String> listedId,
      BiFunction<JsonNode, Value, Value> state,
      Pages pages) {
    List<Requests.ReadResult> out = new ArrayList<>(Collections.nCopies(reads.size(), null));
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      all.add(i);
    }
    readListed(reads, all, priorId, listedId, state, pages, out);
    return out;
  }

  /**
   * Refresh by listing: reads {@code which} of {@code reads} with the pages of one list, matching
   * each listed object to its prior state by id ({@code priorId} of the prior state, {@code
   * listedId} of the listed object; a listed object whose id is null is skipped) and setting {@code
   * out}'s entry to exactly what a single read gives: {@code state} of the object and the prior
   * state, with the read's private data. An object the list does not show keeps its null (only a
   * single read may say it is gone); so do all that are left when a page fails (the single reads
   * say what is wrong), and when the pages left (by the answer's total) would cost more calls than
   * reading the rest alone.
   */
  static void readListed(
      List<Requests.Read> reads,
      List<Integer> which,
      Function<Value, String> priorId,
      Function<JsonNode, String> listedId,
      BiFunction<JsonNode, Value, Value> state,
      Pages pages,
      List<Requests.ReadResult> out) {
    Map<String, Integer> wanted = new HashMap<>();
    for (int i : which) {
      String id = priorId.apply(reads.get(i).priorState());
      if (id != null) {
        wanted.put(id, i);
      }
    }
    String token = null;
    long listed = 0;
    try {
      while (!wanted.isEmpty()) {
        Page page = pages.fetch(token);
        int count = 0;
        for (JsonNode item : page.items()) {
          count++;
          String id = listedId.apply(item);
          Integer i = id == null ? null : wanted.remove(id);
          if (i != null) {
            Requests.Read r = reads.get(i);
            out.set(
                i,
                new Requests.ReadResult(
                    state.apply(item, r.priorState()), r.privateData(), List.of()));
          }
        }
        listed += count;
        token = count == 0 ? null : page.next();
        if (token == null) {
          break;
        }
        if (page.total() != null) {
          long pagesLeft = (page.total() - listed + PAGE_SIZE - 1) / PAGE_SIZE;
          if (pagesLeft > wanted.size()) {
            break; // reading the rest alone costs fewer calls
          }
        }
      }
    } catch (ApiException e) {
      // the single reads of what is left say what is wrong (or that it is gone)
    }
  }
}
