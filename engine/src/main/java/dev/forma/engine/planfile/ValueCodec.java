package dev.forma.engine.planfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.statebridge.StateDataException;
import dev.forma.engine.statebridge.TypeJson;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NullValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SensitiveValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.UnknownValue;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values in a plan file: a lossless, typed JSON form (nulls and unknowns keep their types, numbers
 * their exact decimal text), except that a sensitive value is written as a salted fingerprint only
 * ({@code {"sensitive": "fp1:...", "type": T}}), or as {@code {"sensitive": null, "type": T}} when
 * it is not wholly known. Read back, such a value is a <em>redacted</em> value: a sensitive string
 * holding the fingerprint (or a sensitive unknown), to be restored from the same sources before the
 * plan is applied (see {@link SensitiveRestorer}).
 */
final class ValueCodec {
  static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

  private ValueCodec() {}

  /** Thrown for a plan file value that is not in the expected form. */
  static final class BadValue extends Exception {
    BadValue(String message) {
      super(message, null, false, false);
    }
  }

  static JsonNode encode(Value v, byte[] salt) {
    if (v == null) {
      return F.nullNode();
    }
    return switch (v) {
      case SensitiveValue s -> {
        ObjectNode o = F.objectNode();
        if (s.isWhollyKnown()) {
          o.put("sensitive", SchemaValues.fingerprint(s.inner(), salt));
        } else {
          o.putNull("sensitive");
        }
        o.set("type", TypeJson.encode(s.type()));
        yield o;
      }
      case NullValue n -> typed("null", n.type());
      case UnknownValue u -> typed("unknown", u.type());
      case BoolValue b -> F.booleanNode(b.value());
      case NumberValue n -> F.objectNode().put("number", n.value().toString());
      case StringValue s -> F.textNode(s.value());
      case ListValue l -> collection("list", l.elementType(), l.elements(), salt);
      case SetValue s -> collection("set", s.elementType(), s.elements(), salt);
      case TupleValue t -> {
        ArrayNode a = F.arrayNode();
        t.elements().forEach(e -> a.add(encode(e, salt)));
        yield F.objectNode().set("tuple", a);
      }
      case MapValue m -> {
        ObjectNode entries = F.objectNode();
        m.entries().forEach((k, e) -> entries.set(k, encode(e, salt)));
        ObjectNode o = F.objectNode();
        o.set("map", TypeJson.encode(m.elementType()));
        o.set("entries", entries);
        yield o;
      }
      case ObjectValue ov -> {
        ObjectNode attrs = F.objectNode();
        ov.attributes().forEach((k, e) -> attrs.set(k, encode(e, salt)));
        yield F.objectNode().set("object", attrs);
      }
    };
  }

  private static JsonNode typed(String kind, dev.forma.provider.api.value.Type type) {
    return F.objectNode().set(kind, TypeJson.encode(type));
  }

  private static JsonNode collection(
      String kind, dev.forma.provider.api.value.Type element, List<Value> elements, byte[] salt) {
    ArrayNode a = F.arrayNode();
    elements.forEach(e -> a.add(encode(e, salt)));
    ObjectNode o = F.objectNode();
    o.set(kind, TypeJson.encode(element));
    o.set("elements", a);
    return o;
  }

  /** The value {@code json} encodes; null for JSON null (no value). */
  static Value decode(JsonNode json) throws BadValue {
    if (json == null || json.isNull()) {
      return null;
    }
    if (json.isBoolean()) {
      return Value.of(json.booleanValue());
    }
    if (json.isTextual()) {
      return Value.of(json.textValue());
    }
    if (!json.isObject()) {
      throw new BadValue("unexpected value " + json);
    }
    try {
      if (json.has("sensitive")) {
        dev.forma.provider.api.value.Type t = TypeJson.decode(json.get("type"));
        JsonNode fp = json.get("sensitive");
        return (fp.isTextual() ? (Value) Value.of(fp.textValue()) : Value.unknown(t))
            .markSensitive();
      }
      if (json.has("null")) {
        return Value.nullOf(TypeJson.decode(json.get("null")));
      }
      if (json.has("unknown")) {
        return Value.unknown(TypeJson.decode(json.get("unknown")));
      }
      if (json.has("number")) {
        return Value.of(new BigDecimal(json.get("number").asText()));
      }
      if (json.has("list")) {
        return new ListValue(TypeJson.decode(json.get("list")), elements(json.get("elements")));
      }
      if (json.has("set")) {
        return new SetValue(TypeJson.decode(json.get("set")), elements(json.get("elements")));
      }
      if (json.has("tuple")) {
        return new TupleValue(elements(json.get("tuple")));
      }
      if (json.has("map")) {
        java.util.SortedMap<String, Value> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("entries").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          entries.put(e.getKey(), decode(e.getValue()));
        }
        return new MapValue(TypeJson.decode(json.get("map")), entries);
      }
      if (json.has("object")) {
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("object").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          attrs.put(e.getKey(), decode(e.getValue()));
        }
        return new ObjectValue(attrs);
      }
    } catch (StateDataException | NumberFormatException | NullPointerException e) {
      throw new BadValue("unexpected value " + json + ": " + e.getMessage());
    }
    throw new BadValue("unexpected value " + json);
  }

  private static List<Value> elements(JsonNode array) throws BadValue {
    if (array == null || !array.isArray()) {
      throw new BadValue("expected an array of elements");
    }
    List<Value> out = new ArrayList<>();
    for (JsonNode e : array) {
      out.add(decode(e));
    }
    return out;
  }
}
