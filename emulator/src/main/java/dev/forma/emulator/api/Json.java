package dev.forma.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON mapper and the small field readers and checkers the APIs share. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A string field that must be present and not blank. */
  static String required(ObjectNode o, String name) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      throw ApiException.missing(name);
    }
    if (!n.isValueNode() || n.isBoolean()) {
      throw ApiException.invalid(name, "must be a string.");
    }
    return n.asText();
  }

  /** A string field, or null when absent or null. */
  static String optional(ObjectNode o, String name) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw ApiException.invalid(name, "must be a string.");
    }
    return n.asText();
  }

  /** A value that must be one of {@code allowed}. */
  static String oneOf(String name, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      List<String> sorted = new ArrayList<>(allowed);
      sorted.sort(null);
      throw ApiException.invalid(
          name, "has an invalid value \"" + value + "\"; valid values: " + sorted + ".");
    }
    return value;
  }

  /** A map of strings (Configs, Secrets): an object whose values are strings, or null if absent. */
  static ObjectNode stringMap(ObjectNode o, String name) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!(n instanceof ObjectNode m)) {
      throw ApiException.invalid(name, "must be an object of string values.");
    }
    ObjectNode out = MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw ApiException.invalid(name + "." + e.getKey(), "must be a string.");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** A string set. */
  static Set<String> set(String... values) {
    return Set.copyOf(Arrays.asList(values));
  }

  /** A copy of {@code o} without the fields whose names start with "_" (the store's own). */
  public static ObjectNode publicView(ObjectNode o) {
    ObjectNode out = o.deepCopy();
    List<String> internal = new ArrayList<>();
    out.fieldNames()
        .forEachRemaining(
            n -> {
              if (n.startsWith("_")) {
                internal.add(n);
              }
            });
    out.remove(internal);
    return out;
  }

  /** The values of a table as a list. */
  static List<ObjectNode> values(ObjectNode table) {
    List<ObjectNode> out = new ArrayList<>();
    table.elements().forEachRemaining(n -> out.add((ObjectNode) n));
    return out;
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** A comma-separated query list ("a,b" or a JSON array text), empty when absent. */
  static List<String> list(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    String s = raw.trim();
    if (s.startsWith("[")) {
      try {
        List<String> out = new ArrayList<>();
        MAPPER.readTree(s).forEach(n -> out.add(n.asText()));
        return out;
      } catch (java.io.IOException e) {
        throw new ApiException(400, "InvalidParameter", "The list \"" + raw + "\" is not valid.");
      }
    }
    List<String> out = new ArrayList<>();
    for (String p : s.split(",")) {
      if (!p.isBlank()) {
        out.add(p.trim());
      }
    }
    return out;
  }

  /** A positive integer query parameter with a default and a maximum. */
  static int pageParam(String name, String raw, int dflt, int max) {
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    int v;
    try {
      v = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, "must be an integer.");
    }
    if (v < 1 || v > max) {
      throw ApiException.invalid(name, "must be between 1 and " + max + ".");
    }
    return v;
  }
}
