package dev.forma.provider.alicloud.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers to build request bodies and read answers. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Puts a string unless it is null. */
  static void put(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  static ObjectNode stringMap(Map<String, String> m) {
    ObjectNode o = object();
    m.forEach(o::put);
    return o;
  }

  static ArrayNode strings(List<String> items) {
    ArrayNode a = MAPPER.createArrayNode();
    items.forEach(a::add);
    return a;
  }

  /** The text of a field; null when absent, null or empty. */
  static String text(JsonNode n, String name) {
    JsonNode v = n == null ? null : n.get(name);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  /** A JSON object given as text (as DescribeService's AppConfig); null when it is not one. */
  static JsonNode parseObject(String text) {
    try {
      JsonNode n = MAPPER.readTree(text);
      return n != null && n.isObject() ? n : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static Long integer(JsonNode n, String name) {
    JsonNode v = n == null ? null : n.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.canConvertToLong()) {
      return v.asLong();
    }
    try {
      return Long.parseLong(v.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Boolean bool(JsonNode n, String name) {
    JsonNode v = n == null ? null : n.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText());
  }

  static List<String> stringList(JsonNode n, String name) {
    List<String> out = new ArrayList<>();
    JsonNode v = n == null ? null : n.get(name);
    if (v != null && v.isArray()) {
      v.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  /** An object of scalars as a sorted map of strings; null when absent. */
  static Map<String, String> stringMap(JsonNode n, String name) {
    JsonNode v = n == null ? null : n.get(name);
    if (v == null || !v.isObject()) {
      return null;
    }
    Map<String, String> out = new TreeMap<>();
    v.fields()
        .forEachRemaining(
            e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    return out;
  }
}
