package dev.forma.state.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.StateProblem;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed members out of a located JSON tree, collecting a problem (with file, line and column)
 * for each member that is missing or of the wrong kind instead of stopping at the first.
 */
final class Decoder {
  private final String file;
  private final LocatedJson.Parsed parsed;
  private final String summary;
  private final int lineOffset;
  final List<StateProblem> problems = new ArrayList<>();

  /**
   * A decoder for {@code parsed}, read from {@code file}; problems get {@code summary}. Line
   * numbers are shifted by {@code lineOffset} (a journal line is parsed on its own).
   */
  Decoder(String file, LocatedJson.Parsed parsed, String summary, int lineOffset) {
    this.file = file;
    this.parsed = parsed;
    this.summary = summary;
    this.lineOffset = lineOffset;
  }

  void problem(int[] at, String what) {
    int line = at[0] == 0 ? 0 : at[0] + lineOffset;
    String where =
        line == 0
            ? "In " + file + ": "
            : "In " + file + " at line " + line + ", column " + at[1] + ": ";
    problems.add(new StateProblem(summary, where + what + ".", file, line, at[1]));
  }

  int[] at(JsonNode container) {
    return parsed.at(container);
  }

  int[] field(JsonNode object, String name) {
    return parsed.field(object, name);
  }

  int[] element(JsonNode array, int index) {
    return parsed.element(array, index);
  }

  /** The member's node if present and not null, else null (a problem if required). */
  JsonNode member(ObjectNode object, String name, boolean required) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        problem(at(object), "the required attribute \"" + name + "\" is missing");
      }
      return null;
    }
    return value;
  }

  String string(ObjectNode object, String name, boolean required) {
    JsonNode value = member(object, name, required);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      problem(field(object, name), "\"" + name + "\" must be a string, not " + kind(value));
      return null;
    }
    return value.textValue();
  }

  Long wholeNumber(ObjectNode object, String name, boolean required) {
    JsonNode value = member(object, name, required);
    if (value == null) {
      return null;
    }
    Long number = wholeNumber(value);
    if (number == null || number < 0) {
      problem(
          field(object, name),
          "\"" + name + "\" must be a non-negative whole number, not " + kind(value));
    }
    return number;
  }

  /** The node as a long if it is a whole number that fits, else null. */
  static Long wholeNumber(JsonNode value) {
    if (!value.isNumber()) {
      return null;
    }
    try {
      BigInteger exact = value.decimalValue().toBigIntegerExact();
      return exact.bitLength() < 64 ? exact.longValue() : null;
    } catch (ArithmeticException notWhole) {
      return null;
    }
  }

  boolean bool(ObjectNode object, String name) {
    JsonNode value = member(object, name, false);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      problem(field(object, name), "\"" + name + "\" must be true or false, not " + kind(value));
      return false;
    }
    return value.booleanValue();
  }

  ObjectNode object(ObjectNode object, String name, boolean required) {
    JsonNode value = member(object, name, required);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      problem(field(object, name), "\"" + name + "\" must be an object, not " + kind(value));
      return null;
    }
    return (ObjectNode) value;
  }

  ArrayNode array(ObjectNode object, String name, boolean required) {
    JsonNode value = member(object, name, required);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      problem(field(object, name), "\"" + name + "\" must be an array, not " + kind(value));
      return null;
    }
    return (ArrayNode) value;
  }

  static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY, POJO -> "a value of another kind";
    };
  }
}
