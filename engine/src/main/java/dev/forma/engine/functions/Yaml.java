package dev.forma.engine.functions;

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
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML as Terraform's {@code yamlencode} writes it (block style, every string double-quoted or,
 * when it has line breaks, a literal block; keys quoted; long quoted strings folded after column
 * 80) and as {@code yamldecode} reads it (YAML 1.1 booleans such as {@code yes} and {@code on},
 * {@code 0x} and {@code 0o} integers, plain dates as RFC 3339 timestamps).
 */
final class Yaml {
  private static final int WIDTH = 80;
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern TRUE = Pattern.compile("y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON");
  private static final Pattern FALSE =
      Pattern.compile("n|N|no|No|NO|false|False|FALSE|off|Off|OFF");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private Yaml() {}

  // ---- encoding ----

  static String encode(Value v) {
    Value u = v.unmark();
    StringBuilder out = new StringBuilder();
    if (isBlock(u)) {
      block(out, u, 0);
      return out.toString();
    }
    scalar(out, u, 0, 0);
    out.append('\n');
    if (u instanceof NullValue || u instanceof BoolValue || u instanceof NumberValue) {
      out.append("...\n");
    }
    return out.toString();
  }

  private static boolean isBlock(Value v) {
    List<Value> elems = Values.elements(v);
    if (elems != null) {
      return !elems.isEmpty();
    }
    Map<String, Value> entries = Values.entries(v);
    return entries != null && !entries.isEmpty();
  }

  /** Writes a non-empty map or sequence whose first line starts at the current position. */
  private static void block(StringBuilder out, Value v, int indent) {
    Map<String, Value> entries = Values.entries(v);
    boolean first = true;
    if (entries != null) {
      for (Map.Entry<String, Value> e : entries.entrySet()) {
        if (!first) {
          out.append(" ".repeat(indent));
        }
        first = false;
        String key = GoFormat.quote(e.getKey());
        out.append(doubleQuoted(e.getKey(), indent, indent, false)).append(':');
        Value child = e.getValue().unmark();
        if (isBlock(child)) {
          out.append('\n');
          int childIndent = Values.entries(child) != null ? indent + 2 : indent;
          out.append(" ".repeat(childIndent));
          block(out, child, childIndent);
        } else {
          out.append(' ');
          scalar(out, child, indent, indent + key.length() + 2);
          out.append('\n');
        }
      }
      return;
    }
    for (Value item : Values.elements(v)) {
      if (!first) {
        out.append(" ".repeat(indent));
      }
      first = false;
      out.append("- ");
      Value child = item.unmark();
      if (isBlock(child)) {
        block(out, child, indent + 2);
      } else {
        scalar(out, child, indent, indent + 2);
        out.append('\n');
      }
    }
  }

  /** Writes a scalar or empty collection without the final line break. */
  private static void scalar(StringBuilder out, Value v, int indent, int column) {
    switch (v) {
      case NullValue n -> out.append("null");
      case BoolValue b -> out.append(b.value());
      case NumberValue n -> out.append(n);
      case StringValue s -> {
        if (s.value().indexOf('\n') >= 0 && literalAllowed(s.value())) {
          literal(out, s.value(), indent + 2);
        } else {
          out.append(doubleQuoted(s.value(), indent + 2, column, true));
        }
      }
      case ListValue l -> out.append("[]");
      case SetValue l -> out.append("[]");
      case TupleValue l -> out.append("[]");
      case MapValue m -> out.append("{}");
      case ObjectValue o -> out.append("{}");
      case SensitiveValue s -> scalar(out, s.inner(), indent, column);
      case UnknownValue u -> throw new IllegalArgumentException("unknown value in yamlencode");
    }
  }

  private static boolean literalAllowed(String s) {
    if (s.endsWith(" ")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        continue;
      }
      if (c < 0x20 || c == 0x7F || c == 0xFEFF || !GoFormat.isPrintable(s.codePointAt(i))) {
        if (!Character.isSurrogate(c)) {
          return false;
        }
      }
      if (c == ' ' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        return false;
      }
    }
    return true;
  }

  private static void literal(StringBuilder out, String s, int contentIndent) {
    out.append('|');
    if (s.startsWith(" ") || s.startsWith("\n")) {
      out.append('2');
    }
    if (!s.endsWith("\n")) {
      out.append('-');
    } else if (s.length() == 1 || s.charAt(s.length() - 2) == '\n') {
      out.append('+');
    }
    out.append('\n');
    boolean lineStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        out.append('\n');
        lineStart = true;
        continue;
      }
      if (lineStart) {
        out.append(" ".repeat(contentIndent));
        lineStart = false;
      }
      out.append(c);
    }
    if (out.charAt(out.length() - 1) == '\n') {
      out.setLength(out.length() - 1);
    }
  }

  /** A double-quoted scalar with YAML escapes, folded at spaces after column 80 when allowed. */
  private static String doubleQuoted(String s, int indent, int column, boolean fold) {
    StringBuilder b = new StringBuilder("\"");
    int col = column + 1;
    int[] cps = s.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      if (fold
          && cp == ' '
          && col > WIDTH
          && i != 0
          && i != cps.length - 1
          && cps[i - 1] != ' '
          && cps[i + 1] != ' ') {
        b.append('\n').append(" ".repeat(indent));
        col = indent;
        continue;
      }
      String esc =
          switch (cp) {
            case 0 -> "\\0";
            case 7 -> "\\a";
            case 8 -> "\\b";
            case 9 -> "\\t";
            case 10 -> "\\n";
            case 11 -> "\\v";
            case 12 -> "\\f";
            case 13 -> "\\r";
            case 27 -> "\\e";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case 0x85 -> "\\N";
            case 0xA0 -> "\\_";
            case 0x2028 -> "\\L";
            case 0x2029 -> "\\P";
            default -> {
              if (cp == 0xFEFF || (cp != ' ' && !GoFormat.isPrintable(cp))) {
                yield cp <= 0xFF
                    ? String.format("\\x%02X", cp)
                    : cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\U%08X", cp);
              }
              yield null;
            }
          };
      if (esc != null) {
        b.append(esc);
        col += esc.length();
      } else {
        b.appendCodePoint(cp);
        col++;
      }
    }
    return b.append('"').toString();
  }

  // ---- decoding ----

  static Value decode(String src) throws FunctionException {
    Node node;
    try {
      LoaderOptions options = new LoaderOptions();
      Composer composer =
          new Composer(
              new ParserImpl(new StreamReader(new StringReader(src)), options),
              new PlainResolver(),
              options);
      if (!composer.checkNode()) {
        throw new FunctionException("on line 1, column 1: missing start of document");
      }
      node = composer.getNode();
      if (composer.checkNode()) {
        throw new FunctionException("on line 1, column 1: unexpected extra content after value");
      }
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      int col = e.getProblemMark() == null ? 1 : e.getProblemMark().getColumn() + 1;
      throw new FunctionException("on line " + line + ", column " + col + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new FunctionException(e.getMessage());
    }
    return value(node);
  }

  private static Value value(Node node) throws FunctionException {
    String tag = node.getTag().getValue();
    switch (node) {
      case MappingNode m -> {
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
          if (!(t.getKeyNode() instanceof ScalarNode k)) {
            throw new FunctionException("only strings are allowed as mapping keys");
          }
          attrs.put(k.getValue(), value(t.getValueNode()));
        }
        return Value.object(attrs);
      }
      case SequenceNode s -> {
        List<Value> elems = new ArrayList<>();
        for (Iterator<Node> it = s.getValue().iterator(); it.hasNext(); ) {
          elems.add(value(it.next()));
        }
        return Value.tuple(elems);
      }
      case ScalarNode s -> {
        return scalarValue(s, tag);
      }
      default -> throw new FunctionException("unsupported YAML node");
    }
  }

  private static Value scalarValue(ScalarNode s, String tag) throws FunctionException {
    String text = s.getValue();
    if (!tag.equals(PLAIN.getValue())
        && !tag.equals(Tag.INT.getValue())
        && !tag.equals(Tag.FLOAT.getValue())
        && !tag.equals(Tag.BOOL.getValue())
        && !tag.equals(Tag.NULL.getValue())) {
      return Value.of(text);
    }
    if (NULL.matcher(text).matches()) {
      return Value.NULL;
    }
    if (TRUE.matcher(text).matches()) {
      return Value.TRUE;
    }
    if (FALSE.matcher(text).matches()) {
      return Value.FALSE;
    }
    if (DECIMAL.matcher(text).matches()) {
      return Value.of(
          new BigDecimal(new BigInteger(text.startsWith("+") ? text.substring(1) : text)));
    }
    if (HEX.matcher(text).matches()) {
      return Value.of(new BigDecimal(new BigInteger(text.substring(2), 16)));
    }
    if (OCTAL.matcher(text).matches()) {
      return Value.of(new BigDecimal(new BigInteger(text.substring(2), 8)));
    }
    if (FLOAT.matcher(text).matches()
        && !text.equals(".")
        && !text.equals("+.")
        && !text.equals("-.")) {
      return Value.of(new BigDecimal(text));
    }
    if (INF.matcher(text).matches()) {
      throw new FunctionException("floating point infinity is not supported");
    }
    if (NAN.matcher(text).matches()) {
      throw new FunctionException("floating point NaN is not supported");
    }
    if (DATE.matcher(text).matches()) {
      return Value.of(text + "T00:00:00Z");
    }
    return Value.of(text);
  }

  /** Marks plain scalars, so that this class (not SnakeYAML) decides what they are. */
  private static final Tag PLAIN = new Tag("tag:forma.dev,2024:plain");

  /** Leaves every untagged plain scalar to {@link #scalarValue}; everything else is a string. */
  private static final class PlainResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {}

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      return kind == NodeId.scalar && implicit ? PLAIN : super.resolve(kind, value, implicit);
    }
  }
}
