package dev.forma.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical copies of JSON trees, so that equal values are equal nodes and write identical bytes:
 * object keys sorted by code point (as Terraform's value encoding sorts attributes and map keys),
 * except that a value of a dynamic type, {@code {"value": v, "type": t}} with {@code t} a type
 * expression, keeps Terraform's order (value first); numbers as exact decimals without trailing
 * zeros, whole numbers as integer nodes.
 *
 * <p>Without the schema, an ordinary object whose only attributes are {@code type} and {@code
 * value}, with {@code type} holding a type name such as {@code "string"}, is taken for a dynamic
 * value and written value first, where Terraform writes type first: the same JSON, other bytes.
 */
public final class JsonTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private JsonTrees() {}

  /** The node factory the state module builds trees with (exact decimals). */
  public static JsonNodeFactory nodes() {
    return NODES;
  }

  /** A canonical deep copy of {@code node}. */
  public static JsonNode canonical(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(CodePointOrder.COMPARATOR);
        if (names.equals(List.of("type", "value")) && isTypeExpression(node.get("type"))) {
          // A value of a dynamic type: Terraform writes {"value": ..., "type": ...}.
          names = List.of("value", "type");
        }
        ObjectNode copy = NODES.objectNode();
        for (String name : names) {
          copy.set(name, canonical(node.get(name)));
        }
        yield copy;
      }
      case ARRAY -> {
        ArrayNode copy = NODES.arrayNode(node.size());
        for (JsonNode element : node) {
          copy.add(canonical(element));
        }
        yield copy;
      }
      case NUMBER -> canonicalNumber(node);
      case STRING -> NODES.textNode(node.textValue());
      case BOOLEAN -> NODES.booleanNode(node.booleanValue());
      case NULL, MISSING -> NODES.nullNode();
      case BINARY, POJO ->
          throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    };
  }

  /**
   * Whether {@code type} is Terraform's JSON encoding of a type: {@code "string"}, {@code
   * "number"}, {@code "bool"}, {@code "dynamic"}, {@code ["list", T]}, {@code ["set", T]}, {@code
   * ["map", T]}, {@code ["object", {...}]} (with optional attribute names), {@code ["tuple",
   * [...]]}.
   */
  static boolean isTypeExpression(JsonNode type) {
    if (type.isTextual()) {
      return switch (type.textValue()) {
        case "string", "number", "bool", "dynamic" -> true;
        default -> false;
      };
    }
    if (!type.isArray() || type.size() < 2 || !type.get(0).isTextual()) {
      return false;
    }
    JsonNode element = type.get(1);
    return switch (type.get(0).textValue()) {
      case "list", "set", "map" -> type.size() == 2 && isTypeExpression(element);
      case "object" -> {
        if (!element.isObject() || type.size() > 3) {
          yield false;
        }
        for (JsonNode attribute : element) {
          if (!isTypeExpression(attribute)) {
            yield false;
          }
        }
        yield type.size() == 2 || type.get(2).isArray();
      }
      case "tuple" -> {
        if (!element.isArray() || type.size() != 2) {
          yield false;
        }
        for (JsonNode member : element) {
          if (!isTypeExpression(member)) {
            yield false;
          }
        }
        yield true;
      }
      default -> false;
    };
  }

  private static JsonNode canonicalNumber(JsonNode node) {
    if (node.isIntegralNumber()) {
      return integer(node.bigIntegerValue());
    }
    if (node.isDouble() || node.isFloat()) {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("not a JSON number: " + d);
      }
    }
    BigDecimal value = node.decimalValue().stripTrailingZeros();
    if (value.scale() <= 0) {
      return integer(value.toBigIntegerExact());
    }
    return NODES.numberNode(value);
  }

  private static JsonNode integer(BigInteger value) {
    if (value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0) {
      return NODES.numberNode(value.intValue());
    }
    if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
      return NODES.numberNode(value.longValue());
    }
    return NODES.numberNode(value);
  }
}
