package dev.forma.provider.alicloud.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One call of an Alibaba Cloud ROA API: product, action, method, decoded path segments, query
 * parameters in the order given, an optional JSON body, and whether the call may be repeated
 * without risk of doing twice what it does. Immutable and checked when built (STYLE 12).
 */
public record ApiRequest(
    Product product,
    String action,
    String method,
    List<String> pathSegments,
    List<Map.Entry<String, String>> query,
    JsonNode body,
    boolean idempotent) {

  private static final Pattern ACTION = Pattern.compile("[A-Z][A-Za-z0-9]+");
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");

  public ApiRequest {
    Objects.requireNonNull(product, "product");
    if (action == null || !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("bad action name: " + action);
    }
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("bad method: " + method);
    }
    for (String s : pathSegments) {
      if (s == null || s.isEmpty()) {
        throw new IllegalArgumentException(action + ": empty path segment in " + pathSegments);
      }
    }
    pathSegments = List.copyOf(pathSegments);
    List<Map.Entry<String, String>> q = new ArrayList<>();
    for (Map.Entry<String, String> e : query) {
      q.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
    }
    query = List.copyOf(q);
    if (body != null && (method.equals("GET") || method.equals("DELETE"))) {
      throw new IllegalArgumentException(action + ": " + method + " takes no body");
    }
  }

  /** Starts a request; {@code path} is written with {@code /} and split into segments. */
  public static Builder of(Product product, String action, String method, String... segments) {
    return new Builder(product, action, method, List.of(segments));
  }

  /** Fluent construction; GET, PUT and DELETE are idempotent unless told otherwise. */
  public static final class Builder {
    private final Product product;
    private final String action;
    private final String method;
    private final List<String> segments;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private JsonNode body;
    private boolean idempotent;

    private Builder(Product product, String action, String method, List<String> segments) {
      this.product = product;
      this.action = action;
      this.method = method;
      this.segments = segments;
      this.idempotent = !method.equals("POST");
    }

    /** Adds a query parameter; a null value adds nothing. */
    public Builder query(String name, String value) {
      if (value != null) {
        query.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
      }
      return this;
    }

    public Builder body(JsonNode body) {
      this.body = body;
      return this;
    }

    /** Marks a POST that is safe to repeat (a read-only POST, or a create with a token). */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    public ApiRequest build() {
      return new ApiRequest(product, action, method, segments, query, body, idempotent);
    }
  }
}
