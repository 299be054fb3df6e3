package dev.forma.engine.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression in RE2 syntax (what Terraform's regex functions take), translated to {@link
 * java.util.regex}: {@code (?P<name>...)} groups, POSIX classes, RE2's {@code $}, {@code \s} and
 * {@code \v}, literal braces, and RE2's refusals (backreferences, lookaround, nested repetition).
 * Capture groups are kept by number; their RE2 names (null when unnamed) are in {@link
 * #groupNames()}, index 0 being the whole match.
 */
record Re2(Pattern pattern, List<String> groupNames) {

  private static final Pattern REPEAT = Pattern.compile("\\{[0-9]+(,[0-9]*)?}");
  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("alnum", "\\p{Alnum}"),
          Map.entry("alpha", "\\p{Alpha}"),
          Map.entry("ascii", "\\p{ASCII}"),
          Map.entry("blank", "\\p{Blank}"),
          Map.entry("cntrl", "\\p{Cntrl}"),
          Map.entry("digit", "\\p{Digit}"),
          Map.entry("graph", "\\p{Graph}"),
          Map.entry("lower", "\\p{Lower}"),
          Map.entry("print", "\\p{Print}"),
          Map.entry("punct", "\\p{Punct}"),
          Map.entry("space", "\\p{Space}"),
          Map.entry("upper", "\\p{Upper}"),
          Map.entry("word", "\\w"),
          Map.entry("xdigit", "\\p{XDigit}"));

  /** A pattern RE2 would refuse, with Go's wording ({@code missing closing ) in (}). */
  static final class SyntaxError extends Exception {
    SyntaxError(String code, String expr) {
      super(code + " in " + expr, null, false, false);
    }
  }

  /** Number of capture groups (not counting the whole match). */
  int groupCount() {
    return groupNames.size() - 1;
  }

  boolean hasNamedGroups() {
    return groupNames.stream().skip(1).anyMatch(n -> n != null);
  }

  boolean hasUnnamedGroups() {
    return groupNames.stream().skip(1).anyMatch(n -> n == null);
  }

  /** The group number of a name, or -1. */
  int groupNumber(String name) {
    return groupNames.indexOf(name);
  }

  static Re2 compile(String re2) throws SyntaxError {
    Translator t = new Translator(re2);
    String java = t.translate();
    try {
      return new Re2(
          Pattern.compile(java, Pattern.UNIX_LINES), Collections.unmodifiableList(t.names));
    } catch (PatternSyntaxException e) {
      String code = goCode(e.getDescription());
      String expr = re2;
      if (code.equals("missing argument to repetition operator")
          && e.getIndex() >= 0
          && e.getIndex() < java.length()) {
        expr = String.valueOf(java.charAt(e.getIndex()));
      }
      throw new SyntaxError(code, expr);
    }
  }

  private static String goCode(String javaDescription) {
    String d = javaDescription;
    if (d.startsWith("Unclosed group")) {
      return "missing closing )";
    }
    if (d.startsWith("Unmatched closing")) {
      return "unexpected )";
    }
    if (d.startsWith("Dangling meta character")) {
      return "missing argument to repetition operator";
    }
    if (d.startsWith("Unclosed character class")) {
      return "missing closing ]";
    }
    if (d.startsWith("Illegal character range")) {
      return "invalid character class range";
    }
    if (d.contains("escape sequence")) {
      return "invalid escape sequence";
    }
    return d.toLowerCase(java.util.Locale.ROOT);
  }

  /** Finds every match as Go's FindAll does: an empty match right after a match is skipped. */
  List<MatchResultView> findAll(String s) {
    List<MatchResultView> out = new ArrayList<>();
    Matcher m = pattern.matcher(s);
    int prevEnd = -1;
    int from = 0;
    while (from <= s.length() && m.find(from)) {
      if (m.end() == m.start() && m.start() == prevEnd) {
        from = m.end() + (m.end() < s.length() ? Character.charCount(s.codePointAt(m.end())) : 1);
        continue;
      }
      out.add(MatchResultView.of(m));
      prevEnd = m.end();
      from =
          m.end() == m.start()
              ? m.end() + (m.end() < s.length() ? Character.charCount(s.codePointAt(m.end())) : 1)
              : m.end();
    }
    return out;
  }

  /**
   * One match: the start and end of the whole match and of each group (-1 when not taking part).
   */
  record MatchResultView(int[] starts, int[] ends) {
    static MatchResultView of(Matcher m) {
      int n = m.groupCount() + 1;
      int[] starts = new int[n];
      int[] ends = new int[n];
      for (int i = 0; i < n; i++) {
        starts[i] = m.start(i);
        ends[i] = m.end(i);
      }
      return new MatchResultView(starts, ends);
    }

    String group(String s, int i) {
      return starts[i] < 0 ? null : s.substring(starts[i], ends[i]);
    }
  }

  /** Walks the RE2 pattern once, emitting the java.util.regex equivalent. */
  private static final class Translator {
    private final String src;
    private final StringBuilder out = new StringBuilder();
    private final List<String> names = new ArrayList<>();

    /** Flags saved at each open group: bit 0 multi-line, bit 1 ungreedy. */
    private final ArrayList<Integer> flagStack = new ArrayList<>();

    private boolean multiline;
    private boolean ungreedy;
    private int i;

    Translator(String src) {
      this.src = src;
      names.add(null);
    }

    String translate() throws SyntaxError {
      while (i < src.length()) {
        char c = src.charAt(i);
        switch (c) {
          case '\\' -> escape(false);
          case '[' -> charClass();
          case '(' -> openGroup();
          case ')' -> {
            if (!flagStack.isEmpty()) {
              int saved = flagStack.remove(flagStack.size() - 1);
              multiline = (saved & 1) != 0;
              ungreedy = (saved & 2) != 0;
            }
            out.append(')');
            i++;
          }
          case '$' -> {
            out.append(multiline ? "(?=\\n|\\z)" : "\\z");
            i++;
          }
          case '{' -> {
            Matcher m = REPEAT.matcher(src).region(i, src.length());
            if (m.lookingAt()) {
              out.append(m.group());
              i = m.end();
              lazyAndNestedCheck();
            } else {
              out.append("\\{");
              i++;
            }
          }
          case '}' -> {
            out.append("\\}");
            i++;
          }
          case '*', '+', '?' -> {
            out.append(c);
            i++;
            lazyAndNestedCheck();
          }
          default -> {
            out.appendCodePoint(src.codePointAt(i));
            i += Character.charCount(src.codePointAt(i));
          }
        }
      }
      return out.toString();
    }

    private void lazyAndNestedCheck() throws SyntaxError {
      int start = i - 1;
      boolean lazy = i < src.length() && src.charAt(i) == '?';
      if (lazy) {
        i++;
      }
      if (lazy != ungreedy) {
        out.append('?');
      }
      if (i < src.length()) {
        char n = src.charAt(i);
        boolean repeat =
            n == '*'
                || n == '+'
                || n == '?'
                || (n == '{' && REPEAT.matcher(src).region(i, src.length()).lookingAt());
        if (repeat) {
          throw new SyntaxError(
              "invalid nested repetition operator", src.substring(Math.max(0, start), i + 1));
        }
      }
    }

    private void openGroup() throws SyntaxError {
      flagStack.add((multiline ? 1 : 0) | (ungreedy ? 2 : 0));
      if (src.startsWith("(?P<", i)
          || (src.startsWith("(?<", i)
              && !src.startsWith("(?<=", i)
              && !src.startsWith("(?<!", i))) {
        int nameStart = src.indexOf('<', i) + 1;
        int close = src.indexOf('>', nameStart);
        if (close < 0) {
          throw new SyntaxError("invalid named capture", src.substring(i));
        }
        String name = src.substring(nameStart, close);
        if (name.isEmpty() || !name.matches("[A-Za-z0-9_]+")) {
          throw new SyntaxError("invalid named capture", src.substring(i, close + 1));
        }
        names.add(name);
        out.append('(');
        i = close + 1;
        return;
      }
      if (src.startsWith("(?", i)) {
        int j = i + 2;
        boolean negate = false;
        boolean newMultiline = multiline;
        boolean newUngreedy = ungreedy;
        StringBuilder flags = new StringBuilder();
        while (j < src.length() && src.charAt(j) != ')' && src.charAt(j) != ':') {
          char f = src.charAt(j);
          switch (f) {
            case '-' -> negate = true;
            case 'm' -> newMultiline = !negate;
            case 'U' -> newUngreedy = !negate;
            case 'i', 's' -> {}
            default ->
                throw new SyntaxError(
                    "invalid or unsupported Perl syntax",
                    src.substring(i, Math.min(j + 1, src.length())));
          }
          if (f != 'U') {
            flags.append(f);
          }
          j++;
        }
        if (j >= src.length()) {
          throw new SyntaxError("missing closing )", src);
        }
        if (src.charAt(j) == ')') {
          // (?flags) changes the rest of the enclosing group.
          flagStack.remove(flagStack.size() - 1);
          multiline = newMultiline;
          ungreedy = newUngreedy;
          out.append(flags.isEmpty() || flags.toString().equals("-") ? "" : "(?" + flags + ")");
        } else {
          multiline = newMultiline;
          ungreedy = newUngreedy;
          out.append(flags.isEmpty() || flags.toString().equals("-") ? "(?:" : "(?" + flags + ":");
        }
        i = j + 1;
        return;
      }
      names.add(null);
      out.append('(');
      i++;
    }

    private void escape(boolean inClass) throws SyntaxError {
      if (i + 1 >= src.length()) {
        throw new SyntaxError("trailing backslash at end of expression", "");
      }
      char n = src.charAt(i + 1);
      switch (n) {
        case 's' -> out.append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]");
        case 'S' -> out.append(inClass ? "\\S" : "[^\\t\\n\\f\\r ]");
        case 'v' -> out.append("\\x0B");
        case 'Q' -> {
          int end = src.indexOf("\\E", i + 2);
          String lit = end < 0 ? src.substring(i + 2) : src.substring(i + 2, end);
          out.append(Pattern.quote(lit));
          i = end < 0 ? src.length() : end + 2;
          return;
        }
        case 'Z', 'G', 'R', 'X', 'h', 'H', 'V', 'K', 'N', 'c', 'e', 'k', 'g' ->
            throw new SyntaxError("invalid escape sequence", "\\" + n);
        default -> {
          if (n >= '1' && n <= '9') {
            throw new SyntaxError("invalid escape sequence", "\\" + n);
          }
          if (n == 'p' || n == 'P') {
            // \pL or \p{Greek}: RE2's script names need Java's "Is" prefix.
            if (i + 2 < src.length() && src.charAt(i + 2) == '{') {
              int close = src.indexOf('}', i + 3);
              if (close < 0) {
                throw new SyntaxError("invalid character class range", src.substring(i));
              }
              String name = src.substring(i + 3, close);
              boolean neg = name.startsWith("^");
              if (neg) {
                name = name.substring(1);
              }
              char kind = (n == 'P') != neg ? 'P' : 'p';
              String javaName = name.length() <= 2 ? name : "Is" + name;
              out.append('\\').append(kind).append('{').append(javaName).append('}');
              i = close + 1;
              return;
            }
          }
          out.append('\\').append(n);
        }
      }
      i += 2;
    }

    private void charClass() throws SyntaxError {
      out.append('[');
      i++;
      if (i < src.length() && src.charAt(i) == '^') {
        out.append('^');
        i++;
      }
      boolean first = true;
      while (true) {
        if (i >= src.length()) {
          throw new SyntaxError("missing closing ]", src.substring(src.lastIndexOf('[')));
        }
        char c = src.charAt(i);
        if (c == ']' && !first) {
          out.append(']');
          i++;
          return;
        }
        first = false;
        if (c == '[' && src.startsWith("[:", i)) {
          int close = src.indexOf(":]", i + 2);
          if (close > 0) {
            String name = src.substring(i + 2, close);
            boolean neg = name.startsWith("^");
            String cls = POSIX.get(neg ? name.substring(1) : name);
            if (cls == null) {
              throw new SyntaxError("invalid character class range", src.substring(i, close + 2));
            }
            if (neg) {
              cls = cls.equals("\\w") ? "\\W" : cls.replace("\\p", "\\P");
            }
            out.append(cls);
            i = close + 2;
            continue;
          }
        }
        switch (c) {
          case '\\' -> escape(true);
          case '[', '&', ']' -> {
            out.append('\\').append(c);
            i++;
          }
          default -> {
            int lo = src.codePointAt(i);
            int after = i + Character.charCount(lo);
            if (after + 1 < src.length()
                && src.charAt(after) == '-'
                && src.charAt(after + 1) != ']'
                && src.charAt(after + 1) != '\\'
                && src.charAt(after + 1) != '[') {
              int hi = src.codePointAt(after + 1);
              if (hi < lo) {
                throw new SyntaxError(
                    "invalid character class range",
                    src.substring(i, after + 1 + Character.charCount(hi)));
              }
            }
            out.appendCodePoint(lo);
            i = after;
          }
        }
      }
    }
  }
}
