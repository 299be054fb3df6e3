package dev.forma.state.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON trees byte for byte as Go's {@code encoding/json} does, which is how Terraform writes
 * its state and lock files: keys in the tree's order, {@code <}, {@code >}, {@code &}, U+2028 and
 * U+2029 escaped as {@code \}{@code u003c} and so on, other control characters as Go escapes them,
 * and {@code MarshalIndent}'s layout with two-space indentation.
 */
public final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  /** {@code json.MarshalIndent(v, "", " ")}: one value per line, two-space indentation. */
  public static String indented(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out, 0, true);
    return out.toString();
  }

  /** {@code json.Marshal(v)}: no whitespace at all. */
  public static String compact(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out, 0, false);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out, int depth, boolean indent) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        if (node.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (!first) {
            out.append(',');
          }
          first = false;
          newline(out, depth + 1, indent);
          string(field.getKey(), out);
          out.append(indent ? ": " : ":");
          write(field.getValue(), out, depth + 1, indent);
        }
        newline(out, depth, indent);
        out.append('}');
      }
      case ARRAY -> {
        if (node.isEmpty()) {
          out.append("[]");
          return;
        }
        out.append('[');
        boolean first = true;
        for (JsonNode element : node) {
          if (!first) {
            out.append(',');
          }
          first = false;
          newline(out, depth + 1, indent);
          write(element, out, depth + 1, indent);
        }
        newline(out, depth, indent);
        out.append(']');
      }
      case STRING -> string(node.textValue(), out);
      case NUMBER -> out.append(number(node));
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case NULL, MISSING -> out.append("null");
      case BINARY, POJO ->
          throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void newline(StringBuilder out, int depth, boolean indent) {
    if (indent) {
      out.append('\n');
      out.append("  ".repeat(depth));
    }
  }

  private static String number(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    BigDecimal value = node.decimalValue().stripTrailingZeros();
    return value.toPlainString();
  }

  /** Appends {@code s} as a Go-escaped JSON string. */
  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(c, out);
        default -> {
          if (c < 0x20) {
            unicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            // A lone surrogate is not valid UTF-8; Go writes the replacement character.
            out.append("\\ufffd");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
