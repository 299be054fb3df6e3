package dev.forma.engine.statebridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.provider.api.value.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Terraform's JSON encoding of types, as state outputs and dynamic attributes write them: {@code
 * "string"}, {@code "number"}, {@code "bool"}, {@code "dynamic"}, {@code ["list", T]}, {@code
 * ["set", T]}, {@code ["map", T]}, {@code ["object", {"a": T}]}, {@code ["tuple", [T, ...]]}.
 */
public final class TypeJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TypeJson() {}

  /** The JSON encoding of {@code type}. */
  public static JsonNode encode(Type type) {
    return switch (type) {
      case Type.Primitive p -> NODES.textNode(p.kind().name().toLowerCase(java.util.Locale.ROOT));
      case Type.Dynamic d -> NODES.textNode("dynamic");
      case Type.ListType l -> pair("list", encode(l.element()));
      case Type.SetType s -> pair("set", encode(s.element()));
      case Type.MapType m -> pair("map", encode(m.element()));
      case Type.ObjectType o -> {
        ObjectNode attrs = NODES.objectNode();
        o.attributes().forEach((k, v) -> attrs.set(k, encode(v)));
        ArrayNode out = pair("object", attrs);
        if (!o.optional().isEmpty()) {
          ArrayNode opt = NODES.arrayNode();
          o.optional().forEach(opt::add);
          out.add(opt);
        }
        yield out;
      }
      case Type.TupleType t -> {
        ArrayNode elems = NODES.arrayNode();
        t.elements().forEach(e -> elems.add(encode(e)));
        yield pair("tuple", elems);
      }
    };
  }

  /** The type a JSON type expression stands for. */
  public static Type decode(JsonNode json) throws StateDataException {
    if (json.isTextual()) {
      return switch (json.textValue()) {
        case "string" -> Type.STRING;
        case "number" -> Type.NUMBER;
        case "bool" -> Type.BOOL;
        case "dynamic" -> Type.DYNAMIC;
        default -> throw bad(json);
      };
    }
    if (!json.isArray() || json.size() < 2 || !json.get(0).isTextual()) {
      throw bad(json);
    }
    JsonNode arg = json.get(1);
    return switch (json.get(0).textValue()) {
      case "list" -> Type.list(decode(arg));
      case "set" -> Type.set(decode(arg));
      case "map" -> Type.map(decode(arg));
      case "object" -> {
        if (!arg.isObject()) {
          throw bad(json);
        }
        Map<String, Type> attrs = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = arg.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          attrs.put(e.getKey(), decode(e.getValue()));
        }
        java.util.Set<String> optional = new java.util.TreeSet<>();
        if (json.size() > 2) {
          json.get(2).forEach(n -> optional.add(n.asText()));
        }
        yield new Type.ObjectType(new TreeMap<>(attrs), optional);
      }
      case "tuple" -> {
        if (!arg.isArray()) {
          throw bad(json);
        }
        List<Type> elems = new ArrayList<>();
        for (JsonNode e : arg) {
          elems.add(decode(e));
        }
        yield Type.tuple(elems);
      }
      default -> throw bad(json);
    };
  }

  private static ArrayNode pair(String kind, JsonNode arg) {
    ArrayNode out = NODES.arrayNode();
    out.add(kind);
    out.add(arg);
    return out;
  }

  private static StateDataException bad(JsonNode json) {
    return new StateDataException("", "not a type expression: " + json);
  }
}
