package dev.forma.provider.api.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values to and from JSON as Terraform's {@code jsonencode} and {@code jsondecode} do it. Encoding
 * sorts object keys, writes numbers in plain decimal form and escapes {@code < > &}, U+2028 and
 * U+2029 like Go's encoder. Decoding gives objects for JSON objects (a repeated key keeps the last
 * value), tuples for arrays, exact numbers, and an untyped null for {@code null}.
 */
public final class ValueJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ValueJson() {}

  /** A value that cannot be written as JSON, or JSON text that cannot be read. */
  public static final class JsonException extends Exception {
    public JsonException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The value as JSON text. Sensitive marks are ignored (the caller marks the result); an unknown
   * anywhere in the value is an error, as Terraform only encodes known values.
   */
  public static String encode(Value v) throws JsonException {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Value v) throws JsonException {
    switch (v) {
      case SensitiveValue s -> write(sb, s.inner());
      case UnknownValue u -> throw new JsonException("value is not known");
      case NullValue n -> sb.append("null");
      case BoolValue b -> sb.append(b.value());
      case NumberValue n -> sb.append(n);
      case StringValue s -> quote(sb, s.value());
      case ListValue l -> writeArray(sb, l.elements());
      case SetValue s -> writeArray(sb, s.elements());
      case TupleValue t -> writeArray(sb, t.elements());
      case MapValue m -> writeObject(sb, m.entries());
      case ObjectValue o -> writeObject(sb, o.attributes());
    }
  }

  private static void writeArray(StringBuilder sb, List<Value> elems) throws JsonException {
    sb.append('[');
    for (int i = 0; i < elems.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      write(sb, elems.get(i));
    }
    sb.append(']');
  }

  private static void writeObject(StringBuilder sb, Map<String, Value> entries)
      throws JsonException {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Value> e : entries.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      quote(sb, e.getKey());
      sb.append(':');
      write(sb, e.getValue());
    }
    sb.append('}');
  }

  /** {@code s} as a JSON string, escaped as Go's encoder escapes it. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder();
    quote(sb, s);
    return sb.toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else if (Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1)))
              && !(Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(s.charAt(i - 1)))) {
            sb.append("\\ufffd");
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** The value of JSON text, as {@code jsondecode} gives it. */
  public static Value decode(String json) throws JsonException {
    if (json.isBlank()) {
      throw new JsonException("EOF");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new JsonException(describe(e));
    }
    return fromJson(node);
  }

  private static String describe(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m.contains("Trailing token")) {
      return "extraneous data after JSON object";
    }
    if (m.contains("end-of-input")) {
      return m.contains("in VALUE_") || m.contains("token") ? "unexpected EOF" : "EOF";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The value of a JSON tree: objects to objects, arrays to tuples, numbers exact. */
  public static Value fromJson(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Value> attrs = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          attrs.put(e.getKey(), fromJson(e.getValue()));
        }
        yield Value.object(attrs);
      }
      case ARRAY -> {
        List<Value> elems = new ArrayList<>();
        for (JsonNode e : node) {
          elems.add(fromJson(e));
        }
        yield Value.tuple(elems);
      }
      case STRING -> Value.of(node.textValue());
      case NUMBER -> Value.of(number(node));
      case BOOLEAN -> Value.of(node.booleanValue());
      case NULL, MISSING, BINARY, POJO -> Value.NULL;
    };
  }

  /**
   * The value of a JSON tree read for a declared type, as for a variable in a {@code .tfvars.json}
   * file: the JSON value, converted to {@code type}.
   */
  public static Value fromJson(JsonNode node, Type type) throws ConversionException {
    return Convert.convert(fromJson(node), type);
  }

  private static BigDecimal number(JsonNode node) {
    return node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
  }
}
