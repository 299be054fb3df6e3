package dev.forma.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A parsed API request: method, decoded path segments, decoded query parameters, headers by
 * lower-case name, body bytes, the request id the answer will carry, and the caller's access key.
 */
public record ApiRequest(
    String method,
    List<String> path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body,
    String requestId,
    String accessKeyId) {

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The body as a JSON object; an empty body is an empty object. */
  public ObjectNode json() {
    if (body.length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ApiException(400, "InvalidParameter", "The request body is not valid JSON.");
    }
    if (!(n instanceof ObjectNode o)) {
      throw new ApiException(400, "InvalidParameter", "The request body must be a JSON object.");
    }
    return o;
  }
}
