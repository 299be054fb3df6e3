package dev.forma.provider.api.value;

import java.util.List;
import java.util.Map;

/**
 * Renders a value as {@code terraform console} prints it: lists as {@code tolist([...])}, sets as
 * {@code toset([...])}, maps as {@code tomap({...})}, tuples and objects bare, one element per line
 * with two-space indentation, strings quoted like Go's {@code strconv.Quote} or as a heredoc when
 * they span lines, {@code (known after apply)}, {@code (sensitive value)}, and typed nulls such as
 * {@code tostring(null)} or {@code tolist(null) /* of string *}{@code /}.
 */
public final class ValueRenderer {
  private ValueRenderer() {}

  /** The value as the console prints it (no trailing newline). */
  public static String render(Value v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Value v, int indent) {
    switch (v) {
      case SensitiveValue s -> {
        if (s.inner() instanceof UnknownValue) {
          sb.append("(known after apply)");
        } else {
          sb.append("(sensitive value)");
        }
      }
      case UnknownValue u -> sb.append("(known after apply)");
      case NullValue n -> sb.append(nullOf(n.type()));
      case BoolValue b -> sb.append(b.value());
      case NumberValue n -> sb.append(n);
      case StringValue s -> writeString(sb, s.value(), indent);
      case TupleValue t -> writeSequence(sb, t.elements(), indent);
      case ListValue l -> {
        sb.append("tolist(");
        writeSequence(sb, l.elements(), indent);
        sb.append(")");
      }
      case SetValue s -> {
        sb.append("toset(");
        writeSequence(sb, s.elements(), indent);
        sb.append(")");
      }
      case ObjectValue o -> writeMapping(sb, o.attributes(), indent);
      case MapValue m -> {
        sb.append("tomap(");
        writeMapping(sb, m.entries(), indent);
        sb.append(")");
      }
    }
  }

  private static String nullOf(Type t) {
    return switch (t) {
      case Type.Dynamic d -> "null";
      case Type.Primitive p ->
          switch (p.kind()) {
            case STRING -> "tostring(null)";
            case NUMBER -> "tonumber(null)";
            case BOOL -> "tobool(null)";
          };
      case Type.ListType l -> "tolist(null) /* of " + l.element().friendlyName() + " */";
      case Type.SetType s -> "toset(null) /* of " + s.element().friendlyName() + " */";
      case Type.MapType m -> "tomap(null) /* of " + m.element().friendlyName() + " */";
      case Type.ObjectType o -> "null /* object */";
      case Type.TupleType u -> "null /* tuple */";
    };
  }

  private static void writeSequence(StringBuilder sb, List<Value> elems, int indent) {
    if (elems.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append("[\n");
    for (Value e : elems) {
      pad(sb, indent + 2);
      write(sb, e, indent + 2);
      sb.append(",\n");
    }
    pad(sb, indent);
    sb.append("]");
  }

  private static void writeMapping(StringBuilder sb, Map<String, Value> entries, int indent) {
    if (entries.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append("{\n");
    for (Map.Entry<String, Value> e : entries.entrySet()) {
      pad(sb, indent + 2);
      sb.append(quote(e.getKey())).append(" = ");
      write(sb, e.getValue(), indent + 2);
      sb.append("\n");
    }
    pad(sb, indent);
    sb.append("}");
  }

  private static void writeString(StringBuilder sb, String s, int indent) {
    if (s.indexOf('\n') < 0) {
      sb.append(quote(s));
      return;
    }
    if (indent == 0) {
      sb.append("<<EOT\n").append(s).append("\nEOT");
      return;
    }
    sb.append("<<-EOT\n");
    for (String line : s.split("\n", -1)) {
      pad(sb, indent);
      sb.append(line).append("\n");
    }
    pad(sb, indent);
    sb.append("EOT");
  }

  private static void pad(StringBuilder sb, int n) {
    sb.append(" ".repeat(n));
  }

  /**
   * {@code s} in double quotes, escaped as Go's {@code strconv.Quote} does (which is what Terraform
   * uses): {@code \"}, {@code \\}, the C escapes, {@code \xNN} for other control bytes, {@code
   * \\uNNNN} for characters that are not printable; everything else as it is.
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0b -> sb.append("\\v");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format("\\x%02x", cp));
                  } else if (isPrint(cp)) {
                    sb.appendCodePoint(cp);
                  } else if (cp < 0x10000) {
                    sb.append(String.format("\\u%04x", cp));
                  } else {
                    sb.append(String.format("\\U%08x", cp));
                  }
                }
              }
            });
    return sb.append('"').toString();
  }

  /** Go's notion of printable: letters, marks, numbers, punctuation, symbols, and ASCII space. */
  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
