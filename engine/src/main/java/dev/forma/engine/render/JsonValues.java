package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
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
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.UnknownValue;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values as Terraform's JSON plan carries them: the known parts as JSON (unknowns left out of
 * objects and maps, null in sequences), plus parallel masks saying which parts are unknown and
 * which are sensitive ({@code true} for a whole value, objects and arrays to go deeper, known
 * primitives {@code false} and left out of objects).
 */
final class JsonValues {
  static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

  private JsonValues() {}

  /** The JSON of the known parts of {@code v}; null when {@code v} itself is unknown. */
  static JsonNode value(Value v) {
    if (v == null) {
      return F.nullNode();
    }
    return switch (v) {
      case SensitiveValue s -> value(s.inner());
      case UnknownValue u -> null;
      case NullValue n -> F.nullNode();
      case BoolValue b -> F.booleanNode(b.value());
      case NumberValue n -> number(n.value());
      case StringValue s -> F.textNode(s.value());
      case ListValue l -> array(l.elements());
      case SetValue s -> array(s.elements());
      case TupleValue t -> array(t.elements());
      case MapValue m -> object(m.entries());
      case ObjectValue o -> object(o.attributes());
    };
  }

  static JsonNode number(BigDecimal d) {
    return F.numberNode(d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros());
  }

  private static ArrayNode array(List<Value> elems) {
    ArrayNode a = F.arrayNode();
    for (Value e : elems) {
      JsonNode j = value(e);
      a.add(j == null ? F.nullNode() : j);
    }
    return a;
  }

  private static ObjectNode object(Map<String, Value> entries) {
    ObjectNode o = F.objectNode();
    for (Map.Entry<String, Value> e : new TreeMap<>(entries).entrySet()) {
      JsonNode j = value(e.getValue());
      if (j != null) {
        o.set(e.getKey(), j);
      }
    }
    return o;
  }

  /** Which parts of {@code v} are unknown. */
  static JsonNode unknownMask(Value v) {
    return mask(v, false);
  }

  /** Which parts of {@code v} are sensitive. */
  static JsonNode sensitiveMask(Value v) {
    return mask(v, true);
  }

  private static JsonNode mask(Value v, boolean sensitive) {
    if (v == null) {
      return BooleanNode.FALSE;
    }
    return switch (v) {
      case SensitiveValue s -> sensitive ? BooleanNode.TRUE : mask(s.inner(), false);
      case UnknownValue u -> sensitive ? unknownSensitivity(u.type()) : BooleanNode.TRUE;
      case NullValue n -> BooleanNode.FALSE;
      case BoolValue b -> BooleanNode.FALSE;
      case NumberValue n -> BooleanNode.FALSE;
      case StringValue s -> BooleanNode.FALSE;
      case ListValue l -> maskArray(l.elements(), sensitive);
      case SetValue s -> maskArray(s.elements(), sensitive);
      case TupleValue t -> maskArray(t.elements(), sensitive);
      case MapValue m -> maskObject(m.entries(), sensitive);
      case ObjectValue o -> maskObject(o.attributes(), sensitive);
    };
  }

  /** What Terraform says of the sensitivity of an unknown: nothing known inside, by its type. */
  private static JsonNode unknownSensitivity(Type t) {
    return switch (t) {
      case Type.ListType l -> F.arrayNode();
      case Type.SetType s -> F.arrayNode();
      case Type.TupleType u -> F.arrayNode();
      case Type.MapType m -> F.objectNode();
      case Type.ObjectType o -> F.objectNode();
      case Type.Primitive p -> BooleanNode.FALSE;
      case Type.Dynamic d -> BooleanNode.FALSE;
    };
  }

  private static JsonNode maskArray(List<Value> elems, boolean sensitive) {
    ArrayNode a = F.arrayNode();
    for (Value e : elems) {
      a.add(mask(e, sensitive));
    }
    return a;
  }

  private static JsonNode maskObject(Map<String, Value> entries, boolean sensitive) {
    ObjectNode o = F.objectNode();
    for (Map.Entry<String, Value> e : new TreeMap<>(entries).entrySet()) {
      JsonNode m = mask(e.getValue(), sensitive);
      if (!(m.isBoolean() && !m.booleanValue())) {
        o.set(e.getKey(), m);
      }
    }
    return o;
  }

  /**
   * {@code v} (an object of {@code schema}) with the attributes the schema calls sensitive marked
   * so, in nested blocks too.
   */
  static Value markSchemaSensitive(Value v, BlockSchema schema) {
    if (schema == null || v == null || !(v.unmark() instanceof ObjectValue o)) {
      return v;
    }
    Map<String, Value> out = new LinkedHashMap<>(o.attributes());
    for (AttributeSchema a : schema.attributes().values()) {
      Value av = out.get(a.name());
      if (av != null && a.sensitive() && !av.isNull()) {
        out.put(a.name(), av.markSensitive());
      }
    }
    for (NestedBlockSchema b : schema.blocks().values()) {
      Value bv = out.get(b.typeName());
      if (bv == null || !containsSensitive(b.block())) {
        continue;
      }
      Value marked =
          switch (bv.unmark()) {
            case ListValue l -> Value.list(l.elementType(), markAll(l.elements(), b.block()));
            case SetValue s -> Value.set(s.elementType(), markAll(s.elements(), b.block()));
            case TupleValue t -> Value.tuple(markAll(t.elements(), b.block()));
            default -> markSchemaSensitive(bv.unmark(), b.block());
          };
      out.put(b.typeName(), marked.markSensitiveIf(bv.isSensitive()));
    }
    return Value.object(out).markSensitiveIf(v.isSensitive());
  }

  private static List<Value> markAll(List<Value> elems, BlockSchema schema) {
    List<Value> out = new ArrayList<>();
    for (Value e : elems) {
      out.add(markSchemaSensitive(e, schema));
    }
    return out;
  }

  static boolean containsSensitive(BlockSchema schema) {
    for (AttributeSchema a : schema.attributes().values()) {
      if (a.sensitive()) {
        return true;
      }
    }
    for (NestedBlockSchema b : schema.blocks().values()) {
      if (containsSensitive(b.block())) {
        return true;
      }
    }
    return false;
  }

  /** A type in Terraform's JSON type encoding: {@code "string"}, {@code ["list","string"]}. */
  static JsonNode type(Type t) {
    return switch (t) {
      case Type.Primitive p -> F.textNode(p.kind().name().toLowerCase(java.util.Locale.ROOT));
      case Type.Dynamic d -> F.textNode("dynamic");
      case Type.ListType l -> F.arrayNode().add("list").add(type(l.element()));
      case Type.SetType s -> F.arrayNode().add("set").add(type(s.element()));
      case Type.MapType m -> F.arrayNode().add("map").add(type(m.element()));
      case Type.ObjectType o -> {
        ObjectNode attrs = F.objectNode();
        o.attributes().forEach((k, at) -> attrs.set(k, type(at)));
        yield F.arrayNode().add("object").add(attrs);
      }
      case Type.TupleType u -> {
        ArrayNode elems = F.arrayNode();
        u.elements().forEach(e -> elems.add(type(e)));
        yield F.arrayNode().add("tuple").add(elems);
      }
    };
  }

  /** The type a JSON type encoding names; {@link Type#DYNAMIC} for what it cannot read. */
  static Type parseType(JsonNode n) {
    if (n == null) {
      return Type.DYNAMIC;
    }
    if (n.isTextual()) {
      return switch (n.textValue()) {
        case "string" -> Type.STRING;
        case "number" -> Type.NUMBER;
        case "bool" -> Type.BOOL;
        default -> Type.DYNAMIC;
      };
    }
    if (n.isArray() && n.size() == 2 && n.get(0).isTextual()) {
      JsonNode arg = n.get(1);
      switch (n.get(0).textValue()) {
        case "list":
          return Type.list(parseType(arg));
        case "set":
          return Type.set(parseType(arg));
        case "map":
          return Type.map(parseType(arg));
        case "object":
          {
            Map<String, Type> attrs = new TreeMap<>();
            arg.fields().forEachRemaining(e -> attrs.put(e.getKey(), parseType(e.getValue())));
            return Type.object(attrs);
          }
        case "tuple":
          {
            List<Type> elems = new ArrayList<>();
            arg.forEach(e -> elems.add(parseType(e)));
            return Type.tuple(elems);
          }
        default:
          return Type.DYNAMIC;
      }
    }
    return Type.DYNAMIC;
  }
}
