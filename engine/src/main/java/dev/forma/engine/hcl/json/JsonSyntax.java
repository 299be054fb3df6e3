package dev.forma.engine.hcl.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.BodyItem;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .tf.json} file into the shared syntax model.
 *
 * <p>Terraform's rules: the root is an object (or an array of objects, whose bodies are merged); a
 * property named in the {@link JsonSchema} as a block type holds one object per label level (e.g.
 * {@code "resource": {"type": {"name": {body}}}}), and at the last level an object (one block) or
 * an array of objects (several); a {@code "//"} property of a body is a comment; every other
 * property is an argument. In an argument, a string is a template ({@code "${var.x}"}), except for
 * the arguments the schema lists as expression arguments, whose strings hold a native expression
 * ({@code "depends_on": ["aws_instance.a"]}); numbers, bools and null are literals; arrays are
 * tuples and objects are object constructors whose keys are templates too.
 *
 * <p>Ranges: every node has the line, column and byte of its JSON tokens. Expressions read from
 * inside a string are positioned from the character after the opening quote; an escape sequence
 * before an expression shifts it slightly, as in Terraform.
 *
 * <p>Nested objects of unknown kind: see {@link JsonSchema}. {@link #blocksOf} turns such an
 * argument into blocks, and {@link #isJson} tells whether a node came from a JSON file (where an
 * object argument may stand for blocks; in the native syntax it never does).
 */
public final class JsonSyntax {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final String filename;
  private final String source;
  private final Positions positions;
  private final Diagnostics diags = new Diagnostics();

  private JsonSyntax(String filename, String source) {
    this.filename = filename;
    this.source = source;
    this.positions = new Positions(source);
  }

  /** Parses {@code source} (the text of {@code filename}) with the given root schema. */
  public static Result<ConfigFile> parse(String filename, String source, JsonSchema schema) {
    JsonSyntax s = new JsonSyntax(filename, source);
    Body body = s.parseRoot(schema);
    return new Result<>(new ConfigFile(filename, source, body), s.diags);
  }

  /** True when the range points into a JSON file ({@code .json} suffix). */
  public static boolean isJson(Range range) {
    return range != null && range.filename().endsWith(".json");
  }

  /**
   * The blocks a JSON argument stands for, once the schema says its name is a nested block type
   * (without labels): an object is one block, an array of objects one block per element. The
   * blocks' bodies hold arguments only; apply this again to their object arguments that are blocks
   * too. {@code "//"} properties are dropped as comments.
   */
  public static Result<List<Block>> blocksOf(Attribute attribute) {
    Diagnostics diags = new Diagnostics();
    List<Block> out = new ArrayList<>();
    switch (attribute.expr()) {
      case Expr.ObjectCons o -> out.add(blockOf(attribute, o, diags));
      case Expr.TupleCons t -> {
        for (Expr e : t.elements()) {
          if (e instanceof Expr.ObjectCons o) {
            out.add(blockOf(attribute, o, diags));
          } else {
            diags.add(blockValueTypeError(attribute.name(), e.range()));
          }
        }
      }
      default -> diags.add(blockValueTypeError(attribute.name(), attribute.expr().range()));
    }
    return new Result<>(out, diags);
  }

  private static Block blockOf(Attribute attribute, Expr.ObjectCons o, Diagnostics diags) {
    List<BodyItem> items = new ArrayList<>();
    Map<String, Attribute> seen = new HashMap<>();
    for (Expr.ObjectItem item : o.items()) {
      String name = literalKey(item.key());
      if (name == null) {
        diags.add(
            Diagnostic.error(
                "Invalid argument name",
                "An argument name must be a literal string, without template sequences.",
                item.key().range()));
        continue;
      }
      if (name.equals("//")) {
        continue;
      }
      Range nameRange = item.key().range();
      Range colon = Range.at(nameRange.filename(), nameRange.end());
      Attribute a =
          new Attribute(name, item.value(), nameRange, colon, nameRange.to(item.value().range()));
      Attribute prev = seen.putIfAbsent(name, a);
      if (prev != null) {
        diags.add(duplicateArgument(name, nameRange, prev));
        continue;
      }
      items.add(a);
    }
    Range r = o.range();
    Range open = new Range(r.filename(), r.start(), positionAfter(r.start()));
    Range close = new Range(r.filename(), positionBefore(r.end()), r.end());
    return new Block(
        attribute.name(),
        List.of(),
        new Body(items, r, close),
        attribute.nameRange(),
        List.of(),
        open,
        close,
        attribute.range());
  }

  // Braces are one ASCII byte wide.
  private static Pos positionAfter(Pos p) {
    return new Pos(p.line(), p.column() + 1, p.byteOffset() + 1);
  }

  private static Pos positionBefore(Pos p) {
    return new Pos(p.line(), p.column() - 1, p.byteOffset() - 1);
  }

  private static String literalKey(Expr key) {
    if (key instanceof Expr.Template t
        && t.parts().size() == 1
        && t.parts().getFirst() instanceof Expr.Literal l
        && l.value() instanceof StringValue s) {
      return s.value();
    }
    if (key instanceof Expr.Template t && t.parts().isEmpty()) {
      return "";
    }
    return null;
  }

  private static Diagnostic blockValueTypeError(String type, Range range) {
    return Diagnostic.error(
        "Incorrect JSON value type",
        "Either a JSON object or a JSON array is required, representing the contents of one or"
            + " more \""
            + type
            + "\" blocks.",
        range);
  }

  private static Diagnostic duplicateArgument(String name, Range at, Attribute prev) {
    return Diagnostic.error(
        "Duplicate argument",
        "The argument \"" + name + "\" was already set at " + prev.range() + ".",
        at);
  }

  // ---------------------------------------------------------------- JSON tokens to nodes

  private sealed interface JNode {
    Range range();
  }

  private record JObject(List<JProp> props, Range range) implements JNode {}

  private record JProp(String name, Range nameRange, Range colonRange, JNode value) {}

  private record JArray(List<JNode> items, Range range) implements JNode {}

  private record JString(String value, Range range) implements JNode {}

  private record JNumber(BigDecimal value, Range range) implements JNode {}

  private record JBool(boolean value, Range range) implements JNode {}

  private record JNull(Range range) implements JNode {}

  private Body parseRoot(JsonSchema schema) {
    JNode root;
    try (JsonParser p = FACTORY.createParser(source)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        diags.add(
            Diagnostic.error(
                "Empty JSON value",
                "A JSON value must start with a brace, a bracket, a number, a string, or a"
                    + " keyword.",
                Range.at(filename, positions.pos(0))));
        return emptyBody();
      }
      root = node(p);
      if (p.nextToken() != null) {
        int at = (int) p.currentTokenLocation().getCharOffset();
        diags.add(
            Diagnostic.error(
                "Extraneous data after value",
                "Extra characters appear after the JSON value.",
                charRange(at, at + 1)));
      }
    } catch (JsonProcessingException e) {
      diags.add(syntaxError(e));
      if (keywordError != null && source.substring(0, offsetOfStart(keywordError)).isBlank()) {
        // the keyword is the whole value, so the root is not an object either
        diags.add(
            Diagnostic.error(
                "Root value must be object",
                "The root value in a JSON-based configuration must be either a JSON object or a"
                    + " JSON array of objects.",
                keywordError.subject()));
      }
      return emptyBody();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<JObject> bodies = new ArrayList<>();
    if (root instanceof JObject o) {
      bodies.add(o);
    } else if (root instanceof JArray a && a.items().stream().allMatch(i -> i instanceof JObject)) {
      a.items().forEach(i -> bodies.add((JObject) i));
    } else {
      diags.add(
          Diagnostic.error(
              "Root value must be object",
              "The root value in a JSON-based configuration must be either a JSON object or a"
                  + " JSON array of objects.",
              charRange(offsetOf(root), offsetOf(root) + 1)));
      return emptyBody();
    }
    List<BodyItem> items = new ArrayList<>();
    for (JObject o : bodies) {
      items.addAll(body(o, schema).items());
    }
    Pos end = positions.pos(source.length());
    return new Body(items, new Range(filename, positions.pos(0), end), Range.at(filename, end));
  }

  /** The "Invalid JSON keyword" error of the last syntax error, when it was one. */
  private Diagnostic keywordError;

  private int offsetOfStart(Diagnostic d) {
    return positions.charOffsetOf(d.subject().start());
  }

  private int offsetOf(JNode n) {
    return positions.charOffsetOf(n.range().start());
  }

  private Body emptyBody() {
    Pos end = positions.pos(source.length());
    return new Body(List.of(), new Range(filename, positions.pos(0), end), Range.at(filename, end));
  }

  private Diagnostic syntaxError(JsonProcessingException e) {
    int at = e.getLocation() == null ? 0 : (int) e.getLocation().getCharOffset();
    at = Math.max(0, Math.min(at, source.length()));
    String msg = e.getOriginalMessage();
    int tokenAt = at;
    while (tokenAt > 0
        && (tokenAt >= source.length() || Character.isWhitespace(source.charAt(tokenAt)))) {
      tokenAt--;
    }
    if (tokenAt > 0
        && "}]".indexOf(source.charAt(tokenAt)) < 0
        && "}]".indexOf(source.charAt(tokenAt - 1)) >= 0) {
      tokenAt--;
    }
    char c = tokenAt < source.length() ? source.charAt(tokenAt) : 0;
    int prev = tokenAt - 1;
    while (prev >= 0 && Character.isWhitespace(source.charAt(prev))) {
      prev--;
    }
    if ((c == '}' || c == ']') && prev >= 0 && source.charAt(prev) == ',') {
      boolean object = c == '}';
      return Diagnostic.error(
          object ? "Trailing comma in object" : "Trailing comma in array",
          object
              ? "JSON does not permit a trailing comma after the final property in an object."
              : "JSON does not permit a trailing comma after the final value in an array.",
          charRange(prev, prev + 1));
    }
    String first = msg == null ? "" : msg.lines().findFirst().orElse("");
    if (first.startsWith("Unrecognized token '")) {
      // a bare word: HCL reads it as a keyword JSON does not have
      String word = first.substring(20, Math.max(20, first.indexOf('\'', 20)));
      int wordAt = source.lastIndexOf(word, Math.min(at, source.length() - 1));
      if (!word.isEmpty() && wordAt >= 0) {
        keywordError =
            Diagnostic.error(
                "Invalid JSON keyword",
                "\"" + word + "\" is not a valid JSON keyword.",
                charRange(wordAt, wordAt + word.length()));
        return keywordError;
      }
    }
    return Diagnostic.error(
        "Invalid JSON", first + ".", charRange(tokenAt, Math.min(tokenAt + 1, source.length())));
  }

  private JNode node(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    int start = (int) p.currentTokenLocation().getCharOffset();
    return switch (t) {
      case START_OBJECT -> {
        List<JProp> props = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          int nameStart = (int) p.currentTokenLocation().getCharOffset();
          String name = p.currentName();
          int nameEnd = stringEnd(nameStart);
          int colon = nameEnd;
          while (colon < source.length() && source.charAt(colon) != ':') {
            colon++;
          }
          p.nextToken();
          JNode value = node(p);
          props.add(
              new JProp(
                  Normalizer.normalize(name, Normalizer.Form.NFC),
                  charRange(nameStart, nameEnd),
                  charRange(colon, colon + 1),
                  value));
        }
        int end = (int) p.currentTokenLocation().getCharOffset() + 1;
        yield new JObject(props, charRange(start, end));
      }
      case START_ARRAY -> {
        List<JNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(p));
        }
        int end = (int) p.currentTokenLocation().getCharOffset() + 1;
        yield new JArray(items, charRange(start, end));
      }
      case VALUE_STRING ->
          new JString(
              Normalizer.normalize(p.getText(), Normalizer.Form.NFC),
              charRange(start, stringEnd(start)));
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        String text = p.getText();
        Range range = charRange(start, start + text.length());
        try {
          yield new JNumber(new BigDecimal(text), range);
        } catch (NumberFormatException e) {
          // an exponent too large for any number (Terraform's floats cannot hold it either)
          diags.add(
              Diagnostic.error(
                  "Invalid JSON number",
                  "There is a syntax error in the given JSON number.",
                  range));
          yield new JNull(range);
        }
      }
      case VALUE_TRUE -> new JBool(true, charRange(start, start + 4));
      case VALUE_FALSE -> new JBool(false, charRange(start, start + 5));
      case VALUE_NULL -> new JNull(charRange(start, start + 4));
      default -> throw new IllegalStateException("unexpected JSON token " + t);
    };
  }

  /** The offset just after the closing quote of the string starting at {@code start}. */
  private int stringEnd(int start) {
    int i = start + 1;
    while (i < source.length() && source.charAt(i) != '"') {
      i += source.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, source.length());
  }

  private Range charRange(int from, int to) {
    return new Range(filename, positions.pos(from), positions.pos(to));
  }

  // ---------------------------------------------------------------- nodes to bodies

  private Body body(JObject o, JsonSchema schema) {
    List<BodyItem> items = new ArrayList<>();
    Map<String, Attribute> seen = new HashMap<>();
    for (JProp prop : o.props()) {
      if (prop.name().equals("//")) {
        continue;
      }
      JsonSchema.BlockSpec spec = schema.blocks().get(prop.name());
      if (spec != null) {
        blocks(prop, prop.value(), spec, new ArrayList<>(), new ArrayList<>(), items);
        continue;
      }
      boolean exprMode = schema.expressionAttributes().contains(prop.name());
      Expr e = expr(prop.value(), exprMode);
      Attribute a =
          new Attribute(
              prop.name(), e, prop.nameRange(), prop.colonRange(), prop.nameRange().to(e.range()));
      Attribute prev = seen.putIfAbsent(prop.name(), a);
      if (prev != null) {
        diags.add(duplicateArgument(prop.name(), prop.nameRange(), prev));
        continue;
      }
      items.add(a);
    }
    Range r = o.range();
    Range close = new Range(filename, positionBefore(r.end()), r.end());
    return new Body(items, r, close);
  }

  private void blocks(
      JProp type,
      JNode value,
      JsonSchema.BlockSpec spec,
      List<String> labels,
      List<Range> labelRanges,
      List<BodyItem> out) {
    if (labels.size() < spec.labels()) {
      switch (value) {
        case JObject o -> {
          for (JProp p : o.props()) {
            if (p.name().equals("//")) {
              continue;
            }
            List<String> l = new ArrayList<>(labels);
            l.add(p.name());
            List<Range> lr = new ArrayList<>(labelRanges);
            lr.add(p.nameRange());
            blocks(type, p.value(), spec, l, lr, out);
          }
        }
        case JArray a -> {
          for (JNode item : a.items()) {
            blocks(type, item, spec, labels, labelRanges, out);
          }
        }
        default ->
            diags.add(
                Diagnostic.error(
                    "Incorrect JSON value type",
                    "A JSON object is required here, whose property names are the labels of \""
                        + type.name()
                        + "\" blocks.",
                    value.range()));
      }
      return;
    }
    switch (value) {
      case JObject o -> out.add(block(type, o, spec, labels, labelRanges));
      case JArray a -> {
        for (JNode item : a.items()) {
          if (item instanceof JObject o) {
            out.add(block(type, o, spec, labels, labelRanges));
          } else {
            diags.add(
                Diagnostic.error(
                    "Incorrect JSON value type",
                    "A JSON object is required here, to define arguments and child blocks.",
                    item.range()));
          }
        }
      }
      default -> diags.add(blockValueTypeError(type.name(), value.range()));
    }
  }

  private Block block(
      JProp type, JObject o, JsonSchema.BlockSpec spec, List<String> labels, List<Range> ranges) {
    Body body = body(o, spec.body());
    Range r = o.range();
    Range open = new Range(filename, r.start(), positionAfter(r.start()));
    return new Block(
        type.name(),
        labels,
        body,
        type.nameRange(),
        ranges,
        open,
        body.endRange(),
        type.nameRange().to(r));
  }

  // ---------------------------------------------------------------- nodes to expressions

  private Expr expr(JNode n, boolean exprMode) {
    return switch (n) {
      case JString s -> exprMode ? nativeExpression(s) : template(s);
      case JNumber num -> new Expr.Literal(new NumberValue(num.value()), num.range());
      case JBool b -> new Expr.Literal(Value.of(b.value()), b.range());
      case JNull z -> new Expr.Literal(Value.NULL, z.range());
      case JArray a -> {
        List<Expr> items = new ArrayList<>();
        for (JNode item : a.items()) {
          items.add(expr(item, exprMode));
        }
        yield new Expr.TupleCons(items, a.range());
      }
      case JObject o -> {
        List<Expr.ObjectItem> items = new ArrayList<>();
        for (JProp p : o.props()) {
          Expr key = template(new JString(p.name(), p.nameRange()));
          items.add(new Expr.ObjectItem(key, expr(p.value(), false), false));
        }
        yield new Expr.ObjectCons(items, o.range());
      }
    };
  }

  private Pos contentStart(JString s) {
    Pos p = s.range().start();
    return new Pos(p.line(), p.column() + 1, p.byteOffset() + 1);
  }

  private Expr template(JString s) {
    String text = s.value();
    if (!text.contains("${") && !text.contains("%{")) {
      Range inner = new Range(filename, contentStart(s), positionBefore(s.range().end()));
      if (text.isEmpty()) {
        return new Expr.Template(List.of(), s.range());
      }
      return new Expr.Template(List.of(new Expr.Literal(new StringValue(text), inner)), s.range());
    }
    return embedded(EmbeddedExpressions.template(filename, text, contentStart(s)), s);
  }

  private Expr nativeExpression(JString s) {
    return embedded(EmbeddedExpressions.expression(filename, s.value(), contentStart(s)), s);
  }

  private Expr embedded(Result<Expr> r, JString s) {
    for (Diagnostic d : r.diagnostics()) {
      diags.add(d.withSubjectIfMissing(s.range()));
    }
    if (r.value() == null) {
      return new Expr.Literal(Value.UNKNOWN, s.range());
    }
    return r.value();
  }

  /** Maps character offsets of the source to positions (line, code-point column, UTF-8 byte). */
  private static final class Positions {
    private final int[] line;
    private final int[] column;
    private final int[] bytes;

    Positions(String s) {
      int n = s.length();
      line = new int[n + 1];
      column = new int[n + 1];
      bytes = new int[n + 1];
      int l = 1;
      int c = 1;
      int b = 0;
      for (int i = 0; i <= n; i++) {
        line[i] = l;
        column[i] = c;
        bytes[i] = b;
        if (i == n) {
          break;
        }
        char ch = s.charAt(i);
        if (ch == '\n') {
          l++;
          c = 1;
        } else if (!Character.isLowSurrogate(ch)) {
          c++;
        }
        b += utf8Length(ch);
      }
    }

    private static int utf8Length(char ch) {
      if (ch < 0x80) {
        return 1;
      }
      if (ch < 0x800) {
        return 2;
      }
      if (Character.isSurrogate(ch)) {
        return 2; // each half of a pair: 4 bytes in all
      }
      return 3;
    }

    Pos pos(int offset) {
      return new Pos(line[offset], column[offset], bytes[offset]);
    }

    int charOffsetOf(Pos p) {
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == p.byteOffset()) {
          return i;
        }
      }
      return 0;
    }
  }
}
