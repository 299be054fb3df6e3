package dev.forma.engine.fmt;

/**
 * Reading and writing the literal text of a quoted string (a block label): the escapes {@code
 * \n \r \t \" \\ \\uNNNN \\UNNNNNNNN} and the doubled template introducers {@code $${} and {@code
 * %%{}.
 */
final class StringEscapes {
  private StringEscapes() {}

  /** The string a quoted literal's text stands for. */
  static String unescape(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char e = raw.charAt(i + 1);
        int hex = e == 'u' ? 4 : e == 'U' ? 8 : 0;
        if (hex > 0 && i + 2 + hex <= raw.length()) {
          sb.appendCodePoint(Integer.parseInt(raw.substring(i + 2, i + 2 + hex), 16));
          i += 2 + hex;
          continue;
        }
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          default -> sb.append(e); // \" and \\
        }
        i += 2;
      } else if ((c == '$' || c == '%') && raw.startsWith(String.valueOf(c) + c + "{", i)) {
        sb.append(c).append('{');
        i += 3;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  /** The quoted-literal text for a string: the inverse of {@link #unescape}. */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '$', '%' -> {
          sb.appendCodePoint(cp);
          if (i < value.length() && value.charAt(i) == '{') {
            sb.appendCodePoint(cp);
          }
        }
        default -> {
          if (printable(cp)) {
            sb.appendCodePoint(cp);
          } else if (cp < 0x10000) {
            sb.append(String.format("\\u%04x", cp));
          } else {
            sb.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    return sb.toString();
  }

  /** Letters, marks, numbers, punctuation, symbols and the ASCII space. */
  private static boolean printable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
