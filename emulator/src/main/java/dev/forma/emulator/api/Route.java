package dev.forma.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One API action: its product, HTTP method and path pattern ({@code {}} stands for one path
 * segment, a parameter), whether it changes objects, and the code that answers it.
 */
public record Route(
    Product product,
    String action,
    String method,
    List<String> pattern,
    boolean mutating,
    Handler handler) {

  /** Answers an action: the request and the path parameters in, the response body out. */
  @FunctionalInterface
  public interface Handler {
    ObjectNode handle(ApiRequest request, List<String> params);
  }

  static Route of(
      Product product, String action, String method, String path, boolean mutating, Handler h) {
    List<String> segs = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        segs.add(s);
      }
    }
    return new Route(product, action, method, List.copyOf(segs), mutating, h);
  }

  /** The path parameters when {@code path} matches the pattern, else null. */
  public List<String> match(List<String> path) {
    if (path.size() != pattern.size()) {
      return null;
    }
    List<String> params = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      String p = pattern.get(i);
      if (p.equals("{}")) {
        params.add(path.get(i));
      } else if (!p.equals(path.get(i))) {
        return null;
      }
    }
    return params;
  }
}
