package dev.forma.engine.statebridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NullValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.SensitiveValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.UnknownValue;
import dev.forma.provider.api.value.Value;
import dev.forma.state.AttributePath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values to and from the JSON trees of state attributes, typed by a schema: a {@code dynamic}
 * attribute (type not fixed by the schema, like {@code terraform_data.input}) is written as {@code
 * {"value": ..., "type": ...}}, everything else as plain JSON (sets as arrays, maps and objects as
 * objects). Sensitive marks become {@code sensitive_attributes} paths and back.
 */
public final class StateValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private StateValues() {}

  /** The value of {@code json} read as {@code type}, unmarked. */
  public static Value fromJson(JsonNode json, Type type) throws StateDataException {
    return read(json, type, new ArrayList<>());
  }

  /**
   * The value of an object's attributes read as {@code type}, with the values at {@code sensitive}
   * paths marked sensitive.
   */
  public static Value fromJson(JsonNode json, Type type, List<AttributePath> sensitive)
      throws StateDataException {
    return markPaths(fromJson(json, type), sensitive);
  }

  /**
   * The JSON tree of {@code value} as state keeps it when its declared type is {@code type}.
   * Sensitive marks are dropped (see {@link #sensitivePaths}).
   *
   * @throws IllegalArgumentException when the value is not wholly known: such a value never goes to
   *     state, so this is a bug in the caller
   */
  public static JsonNode toJson(Value value, Type type) {
    if (!value.isWhollyKnown()) {
      throw new IllegalArgumentException("a value with unknowns cannot be written to state");
    }
    return write(value.unmarkDeep(), type);
  }

  /** The paths of every sensitive mark in {@code value} (the outermost mark of each branch). */
  public static List<AttributePath> sensitivePaths(Value value) {
    List<AttributePath> out = new ArrayList<>();
    collect(value, new ArrayList<>(), out);
    return out;
  }

  /** {@code value} with the values at {@code paths} marked sensitive (missing paths ignored). */
  public static Value markPaths(Value value, List<AttributePath> paths) {
    Value out = value;
    for (AttributePath p : paths) {
      out = markAt(out, Paths.fromState(p), 0);
    }
    return out;
  }

  /** {@code value} with the value at {@code path} marked sensitive (unchanged if absent). */
  public static Value markAt(Value value, List<PathStep> path) {
    return markAt(value, path, 0);
  }

  // ---- reading

  private static Value read(JsonNode json, Type type, List<String> path) throws StateDataException {
    if (json == null || json.isNull() || json.isMissingNode()) {
      return Value.nullOf(type);
    }
    if (json.isTextual()
        && !(type instanceof Type.Primitive)
        && json.textValue().startsWith(SchemaValues.FINGERPRINT_PREFIX)) {
      // a write-only attribute of a collection type (a secrets map) is kept as its fingerprint
      return Value.of(json.textValue());
    }
    return switch (type) {
      case Type.Primitive p ->
          switch (p.kind()) {
            case STRING -> {
              if (json.isTextual()) {
                yield Value.of(json.textValue());
              }
              if (json.isNumber() || json.isBoolean()) {
                yield Value.of(json.asText());
              }
              throw wrong(path, "a string", json);
            }
            case NUMBER -> {
              if (json.isNumber()) {
                yield Value.of(
                    json.isIntegralNumber()
                        ? new BigDecimal(json.bigIntegerValue())
                        : json.decimalValue());
              }
              if (json.isTextual()) {
                try {
                  yield Value.of(new BigDecimal(json.textValue()));
                } catch (NumberFormatException e) {
                  throw wrong(path, "a number", json);
                }
              }
              throw wrong(path, "a number", json);
            }
            case BOOL -> {
              if (json.isBoolean()) {
                yield Value.of(json.booleanValue());
              }
              if (json.isTextual()
                  && (json.textValue().equals("true") || json.textValue().equals("false"))) {
                yield Value.of(json.textValue().equals("true"));
              }
              throw wrong(path, "a bool", json);
            }
          };
      case Type.Dynamic d -> {
        if (!json.isObject() || !json.has("value") || !json.has("type")) {
          throw wrong(path, "an object with \"value\" and \"type\"", json);
        }
        Type actual;
        try {
          actual = TypeJson.decode(json.get("type"));
        } catch (StateDataException e) {
          throw new StateDataException(join(path), e.getMessage());
        }
        yield read(json.get("value"), actual, path);
      }
      case Type.ListType l -> Value.list(l.element(), elements(json, l.element(), path));
      case Type.SetType s -> Value.set(s.element(), elements(json, s.element(), path));
      case Type.MapType m -> {
        if (!json.isObject()) {
          throw wrong(path, "an object", json);
        }
        Map<String, Value> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          path.add("[\"" + e.getKey() + "\"]");
          out.put(e.getKey(), read(e.getValue(), m.element(), path));
          path.removeLast();
        }
        yield Value.map(m.element(), out);
      }
      case Type.ObjectType o -> {
        if (!json.isObject()) {
          throw wrong(path, "an object", json);
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<String, Type> a : o.attributes().entrySet()) {
          path.add("." + a.getKey());
          out.put(a.getKey(), read(json.get(a.getKey()), a.getValue(), path));
          path.removeLast();
        }
        yield Value.object(out);
      }
      case Type.TupleType t -> {
        if (!json.isArray() || json.size() != t.elements().size()) {
          throw wrong(path, "an array of " + t.elements().size() + " elements", json);
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
          path.add("[" + i + "]");
          out.add(read(json.get(i), t.elements().get(i), path));
          path.removeLast();
        }
        yield Value.tuple(out);
      }
    };
  }

  private static List<Value> elements(JsonNode json, Type element, List<String> path)
      throws StateDataException {
    if (!json.isArray()) {
      throw wrong(path, "an array", json);
    }
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      path.add("[" + i + "]");
      out.add(read(json.get(i), element, path));
      path.removeLast();
    }
    return out;
  }

  private static StateDataException wrong(List<String> path, String want, JsonNode got) {
    return new StateDataException(join(path), "expected " + want + ", found " + got.getNodeType());
  }

  private static String join(List<String> path) {
    return String.join("", path);
  }

  // ---- writing

  private static JsonNode write(Value value, Type type) {
    if (type instanceof Type.Dynamic && !value.isNull()) {
      ObjectNode wrapped = NODES.objectNode();
      wrapped.set("value", plain(value));
      wrapped.set("type", TypeJson.encode(value.type()));
      return wrapped;
    }
    return switch (value) {
      case NullValue n -> NODES.nullNode();
      case ObjectValue o -> {
        ObjectNode out = NODES.objectNode();
        Map<String, Type> types = type instanceof Type.ObjectType ot ? ot.attributes() : Map.of();
        o.attributes().forEach((k, v) -> out.set(k, write(v, types.getOrDefault(k, v.type()))));
        yield out;
      }
      case MapValue m -> {
        ObjectNode out = NODES.objectNode();
        Type et = type instanceof Type.MapType mt ? mt.element() : m.elementType();
        m.entries().forEach((k, v) -> out.set(k, write(v, et)));
        yield out;
      }
      case ListValue l ->
          array(l.elements(), type instanceof Type.ListType lt ? lt.element() : l.elementType());
      case SetValue s ->
          array(s.elements(), type instanceof Type.SetType st ? st.element() : s.elementType());
      case TupleValue t -> {
        ArrayNode out = NODES.arrayNode();
        List<Type> types = type instanceof Type.TupleType tt ? tt.elements() : null;
        for (int i = 0; i < t.elements().size(); i++) {
          Value e = t.elements().get(i);
          out.add(write(e, types == null ? e.type() : types.get(i)));
        }
        yield out;
      }
      default -> plain(value);
    };
  }

  private static ArrayNode array(List<Value> elements, Type element) {
    ArrayNode out = NODES.arrayNode();
    elements.forEach(e -> out.add(write(e, element)));
    return out;
  }

  private static JsonNode plain(Value value) {
    return switch (value) {
      case NullValue n -> NODES.nullNode();
      case BoolValue b -> NODES.booleanNode(b.value());
      case NumberValue n -> number(n.value());
      case StringValue s -> NODES.textNode(s.value());
      case ListValue l -> plainArray(l.elements());
      case SetValue s -> plainArray(s.elements());
      case TupleValue t -> plainArray(t.elements());
      case MapValue m -> {
        ObjectNode out = NODES.objectNode();
        m.entries().forEach((k, v) -> out.set(k, plain(v)));
        yield out;
      }
      case ObjectValue o -> {
        ObjectNode out = NODES.objectNode();
        o.attributes().forEach((k, v) -> out.set(k, plain(v)));
        yield out;
      }
      case SensitiveValue s -> plain(s.inner());
      case UnknownValue u -> throw new IllegalArgumentException("unknown value");
    };
  }

  private static ArrayNode plainArray(List<Value> elements) {
    ArrayNode out = NODES.arrayNode();
    elements.forEach(e -> out.add(plain(e)));
    return out;
  }

  private static JsonNode number(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    if (s.scale() <= 0) {
      java.math.BigInteger i = s.toBigIntegerExact();
      if (i.bitLength() < 32) {
        return NODES.numberNode(i.intValue());
      }
      return i.bitLength() < 64 ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
    }
    return NODES.numberNode(s);
  }

  // ---- marks

  private static void collect(Value v, List<PathStep> path, List<AttributePath> out) {
    switch (v) {
      case SensitiveValue s -> out.add(Paths.toState(path));
      case ObjectValue o ->
          o.attributes()
              .forEach(
                  (k, e) -> {
                    path.add(PathStep.attr(k));
                    collect(e, path, out);
                    path.removeLast();
                  });
      case MapValue m ->
          m.entries()
              .forEach(
                  (k, e) -> {
                    path.add(PathStep.key(k));
                    collect(e, path, out);
                    path.removeLast();
                  });
      case ListValue l -> indexed(l.elements(), path, out);
      case TupleValue t -> indexed(t.elements(), path, out);
      case SetValue s -> {
        // a set element has no stable index: a mark inside one marks the whole set
        if (s.containsSensitive()) {
          out.add(Paths.toState(path));
        }
      }
      case NullValue n -> {}
      case UnknownValue u -> {}
      case BoolValue b -> {}
      case NumberValue n -> {}
      case StringValue s -> {}
    }
  }

  private static void indexed(List<Value> elements, List<PathStep> path, List<AttributePath> out) {
    for (int i = 0; i < elements.size(); i++) {
      path.add(PathStep.index(i));
      collect(elements.get(i), path, out);
      path.removeLast();
    }
  }

  private static Value markAt(Value value, List<PathStep> path, int at) {
    if (at == path.size()) {
      return value.markSensitive();
    }
    boolean marked = value.isSensitive();
    Value inner = value.unmark();
    PathStep step = path.get(at);
    Value out =
        switch (inner) {
          case ObjectValue o -> {
            if (!(step instanceof PathStep.Attr a) || !o.attributes().containsKey(a.name())) {
              yield inner;
            }
            Map<String, Value> copy = new LinkedHashMap<>(o.attributes());
            copy.put(a.name(), markAt(o.get(a.name()), path, at + 1));
            yield Value.object(copy);
          }
          case MapValue m -> {
            if (!(step instanceof PathStep.Index i)
                || !(i.key().unmark() instanceof StringValue k)
                || !m.entries().containsKey(k.value())) {
              yield inner;
            }
            Map<String, Value> copy = new TreeMap<>(m.entries());
            copy.put(k.value(), markAt(copy.get(k.value()), path, at + 1));
            yield Value.map(m.elementType(), copy);
          }
          case ListValue l -> {
            int i = index(step, l.elements().size());
            if (i < 0) {
              yield inner;
            }
            List<Value> copy = new ArrayList<>(l.elements());
            copy.set(i, markAt(copy.get(i), path, at + 1));
            yield Value.list(l.elementType(), copy);
          }
          case TupleValue t -> {
            int i = index(step, t.elements().size());
            if (i < 0) {
              yield inner;
            }
            List<Value> copy = new ArrayList<>(t.elements());
            copy.set(i, markAt(copy.get(i), path, at + 1));
            yield Value.tuple(copy);
          }
          case SetValue s -> s.markSensitive();
          default -> inner;
        };
    return out.markSensitiveIf(marked);
  }

  private static int index(PathStep step, int size) {
    if (step instanceof PathStep.Index i && i.key().unmark() instanceof NumberValue n) {
      try {
        int k = n.value().intValueExact();
        return k >= 0 && k < size ? k : -1;
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return -1;
  }
}
