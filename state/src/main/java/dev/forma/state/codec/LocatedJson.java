package dev.forma.state.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.JsonTrees;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree that remembers where each node started in its text (line and column, 1-based), so
 * that a problem found after parsing still points at the exact place in the file.
 */
final class LocatedJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
  private static final JsonNodeFactory NODES = JsonTrees.nodes();

  /** A JSON syntax error: what is wrong and where. */
  record SyntaxError(String message, int line, int column) {}

  /**
   * The outcome of parsing: a tree with positions, or a syntax error. Positions are kept for
   * objects and arrays by identity, and for their members by name or index (scalar nodes may be
   * shared singletons, so they cannot carry a position themselves).
   */
  record Parsed(JsonNode root, LocatedJson positions, SyntaxError error) {
    /** The line and column where an object or array starts, or {0, 0} if unknown. */
    int[] at(JsonNode container) {
      int[] p = positions == null ? null : positions.containers.get(container);
      return p == null ? new int[] {0, 0} : p;
    }

    /** Where the value of member {@code name} of {@code object} starts. */
    int[] field(JsonNode object, String name) {
      Map<String, int[]> fields = positions == null ? null : positions.fields.get(object);
      int[] p = fields == null ? null : fields.get(name);
      return p == null ? at(object) : p;
    }

    /** Where element {@code index} of {@code array} starts. */
    int[] element(JsonNode array, int index) {
      List<int[]> elements = positions == null ? null : positions.elements.get(array);
      return elements == null || index >= elements.size() ? at(array) : elements.get(index);
    }
  }

  private final boolean located;
  private final Map<JsonNode, int[]> containers = new IdentityHashMap<>();
  private final Map<JsonNode, Map<String, int[]>> fields = new IdentityHashMap<>();
  private final Map<JsonNode, List<int[]>> elements = new IdentityHashMap<>();

  private LocatedJson(boolean located) {
    this.located = located;
  }

  /** Parses one JSON value filling all of {@code text}, remembering where every node starts. */
  static Parsed parse(byte[] text) {
    return parse(text, true);
  }

  /**
   * Parses one JSON value filling all of {@code text}; with {@code located} false no positions are
   * kept (the tree only: a syntax error still has its line and column). Remembering positions costs
   * a map entry per member and element, a large part of reading a big state file, and they are
   * needed only to point at a problem: readers parse without them and again with them when they
   * have a problem to report.
   */
  static Parsed parse(byte[] text, boolean located) {
    LocatedJson reader = new LocatedJson(located);
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Parsed(null, null, new SyntaxError("the file is empty", 1, 1));
      }
      JsonNode root = reader.value(parser);
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        return new Parsed(
            null,
            null,
            new SyntaxError(
                "unexpected text after the end of the JSON value",
                at.getLineNr(),
                at.getColumnNr()));
      }
      return new Parsed(root, located ? reader : null, null);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : at.getLineNr();
      int column = at == null ? 0 : at.getColumnNr();
      return new Parsed(null, null, new SyntaxError(describe(e), line, column));
    } catch (CharConversionException e) {
      // Bytes that Jackson's encoding detection takes for UTF-16 or UTF-32 and cannot decode.
      return new Parsed(null, null, new SyntaxError("the file is not UTF-8 text", 1, 1));
    } catch (IOException e) {
      // Parsing a byte array does no I/O.
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode value(JsonParser parser) throws IOException {
    JsonNode node =
        switch (parser.currentToken()) {
          case START_OBJECT -> {
            ObjectNode object = NODES.objectNode();
            if (!located) {
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = goString(parser.currentName());
                parser.nextToken();
                object.set(name, value(parser));
              }
              yield object;
            }
            containers.put(object, position(parser));
            Map<String, int[]> members = new HashMap<>();
            fields.put(object, members);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String name = goString(parser.currentName());
              parser.nextToken();
              members.put(name, position(parser));
              object.set(name, value(parser));
            }
            yield object;
          }
          case START_ARRAY -> {
            ArrayNode array = NODES.arrayNode();
            if (!located) {
              while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(parser));
              }
              yield array;
            }
            containers.put(array, position(parser));
            List<int[]> members = new ArrayList<>();
            elements.put(array, members);
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              members.add(position(parser));
              array.add(value(parser));
            }
            yield array;
          }
          case VALUE_STRING -> NODES.textNode(goString(parser.getText()));
          case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
          case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
          case VALUE_TRUE -> NODES.booleanNode(true);
          case VALUE_FALSE -> NODES.booleanNode(false);
          case VALUE_NULL -> NODES.nullNode();
          case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
              throw new IllegalStateException("unexpected token " + parser.currentToken());
        };
    return node;
  }

  /**
   * The string as Go's JSON decoder (Terraform's) reads it: an escaped surrogate that is not half
   * of a pair becomes U+FFFD, so that a state reads, writes and reads again to the same text.
   */
  static String goString(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
              : !Character.isLowSurrogate(c);
      if (Character.isHighSurrogate(c) && paired) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (!paired && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(paired ? c : '\uFFFD');
      }
    }
    return out == null ? s : out.toString();
  }

  private static int[] position(JsonParser parser) {
    JsonLocation at = parser.currentTokenLocation();
    return new int[] {at.getLineNr(), at.getColumnNr()};
  }

  private static String describe(JsonProcessingException e) {
    if (e instanceof JsonEOFException
        || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input")) {
      return "the file ends in the middle of a value (is it truncated?)";
    }
    String message = e.getOriginalMessage();
    int cut = message.indexOf(" (start marker");
    if (cut >= 0) {
      message = message.substring(0, cut);
    }
    cut = message.indexOf('\n');
    if (cut >= 0) {
      message = message.substring(0, cut);
    }
    return message.isEmpty()
        ? message
        : Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }
}
