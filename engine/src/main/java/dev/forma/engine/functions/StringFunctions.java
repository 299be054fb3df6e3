package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.BOOL;
import static dev.forma.provider.api.value.Type.DYNAMIC;
import static dev.forma.provider.api.value.Type.NUMBER;
import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * chomp, endswith, format, formatlist, indent, join, lower, regex, regexall, replace, split,
 * startswith, strcontains, strrev, substr, title, trim, trimprefix, trimsuffix, trimspace, upper.
 */
final class StringFunctions {
  private static final Pattern TRAILING_NEWLINES = Pattern.compile("[\\r\\n]+\\z");

  private StringFunctions() {}

  static List<Builtin> all() {
    return List.of(
        Builtin.named("chomp")
            .param("str", STRING)
            .returns(STRING)
            .body(a -> Value.of(TRAILING_NEWLINES.matcher(a.string(0)).replaceAll(""))),
        Builtin.named("endswith")
            .param("str", STRING)
            .param("suffix", STRING)
            .returns(BOOL)
            .body(a -> Value.of(a.string(0).endsWith(a.string(1)))),
        Builtin.named("startswith")
            .param("str", STRING)
            .param("prefix", STRING)
            .returns(BOOL)
            .body(a -> Value.of(a.string(0).startsWith(a.string(1)))),
        Builtin.named("strcontains")
            .param("str", STRING)
            .param("substr", STRING)
            .returns(BOOL)
            .body(a -> Value.of(a.string(0).contains(a.string(1)))),
        Builtin.named("format")
            .param("format", STRING)
            .variadic(Param.of("args", DYNAMIC).nullable())
            .returns(STRING)
            .body(a -> Value.of(GoFormat.format(a.string(0), a.from(1)))),
        Builtin.named("formatlist")
            .param("format", STRING)
            .variadic(Param.of("args", DYNAMIC).nullable())
            .returns(Type.list(STRING))
            .body(StringFunctions::formatlist),
        Builtin.named("indent")
            .param("spaces", NUMBER)
            .param("str", STRING)
            .returns(STRING)
            .body(
                a -> {
                  long n = Values.longArg(a, 0, "spaces");
                  String pad = " ".repeat((int) Math.max(0, n));
                  return Value.of(a.string(1).replace("\n", "\n" + pad));
                }),
        Builtin.named("join")
            .param("separator", STRING)
            .variadic(Param.of("lists", Type.list(STRING)))
            .returns(STRING)
            .body(StringFunctions::join),
        Builtin.named("lower")
            .param("str", STRING)
            .returns(STRING)
            .body(a -> Value.of(a.string(0).toLowerCase(Locale.ROOT))),
        Builtin.named("upper")
            .param("str", STRING)
            .returns(STRING)
            .body(a -> Value.of(a.string(0).toUpperCase(Locale.ROOT))),
        Builtin.named("regex")
            .param("pattern", STRING)
            .param("string", STRING)
            .returns(a -> regexType(a.get(0)))
            .body(StringFunctions::regex),
        Builtin.named("regexall")
            .param("pattern", STRING)
            .param("string", STRING)
            .returns(a -> Type.list(regexType(a.get(0))))
            .body(StringFunctions::regexall),
        Builtin.named("replace")
            .param("str", STRING)
            .param("substr", STRING)
            .param("replace", STRING)
            .returns(STRING)
            .body(StringFunctions::replace),
        Builtin.named("split")
            .param("separator", STRING)
            .param("str", STRING)
            .returns(Type.list(STRING))
            .body(a -> Value.list(STRING, split(a.string(0), a.string(1)))),
        Builtin.named("strrev")
            .param("str", STRING)
            .returns(STRING)
            .body(
                a -> {
                  List<String> g = Values.graphemes(a.string(0));
                  Collections.reverse(g);
                  return Value.of(String.join("", g));
                }),
        Builtin.named("substr")
            .param("str", STRING)
            .param("offset", NUMBER)
            .param("length", NUMBER)
            .returns(STRING)
            .body(StringFunctions::substr),
        Builtin.named("title")
            .param("str", STRING)
            .returns(STRING)
            .body(a -> Value.of(title(a.string(0)))),
        Builtin.named("trim")
            .param("str", STRING)
            .param("cutset", STRING)
            .returns(STRING)
            .body(a -> Value.of(trim(a.string(0), a.string(1)))),
        Builtin.named("trimprefix")
            .param("str", STRING)
            .param("prefix", STRING)
            .returns(STRING)
            .body(
                a -> {
                  String s = a.string(0);
                  String p = a.string(1);
                  return Value.of(s.startsWith(p) ? s.substring(p.length()) : s);
                }),
        Builtin.named("trimsuffix")
            .param("str", STRING)
            .param("suffix", STRING)
            .returns(STRING)
            .body(
                a -> {
                  String s = a.string(0);
                  String p = a.string(1);
                  return Value.of(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
                }),
        Builtin.named("trimspace")
            .param("str", STRING)
            .returns(STRING)
            .body(a -> Value.of(trimSpace(a.string(0)))));
  }

  private static Value formatlist(CallArgs a) throws FunctionException {
    String fmt = a.string(0);
    List<Value> args = a.from(1);
    int length = -1;
    int lengthArg = -1;
    for (int i = 0; i < args.size(); i++) {
      Value v = args.get(i);
      if (v.isNull() || !v.type().isCollection() && !(v.type() instanceof Type.TupleType)) {
        continue;
      }
      if (v.type() instanceof Type.MapType) {
        continue;
      }
      int n = Values.elements(v).size();
      if (length < 0) {
        length = n;
        lengthArg = i;
      } else if (n != length) {
        throw new FunctionException(
            i + 1,
            "args",
            "argument "
                + (i + 1)
                + " has length "
                + n
                + ", which is inconsistent with argument "
                + (lengthArg + 1)
                + " of length "
                + length);
      }
    }
    if (length < 0) {
      length = 1;
    }
    List<Value> out = new ArrayList<>(length);
    for (int iter = 0; iter < length; iter++) {
      List<Value> row = new ArrayList<>(args.size());
      for (Value v : args) {
        List<Value> elems =
            v.isNull() || v.type() instanceof Type.MapType ? null : Values.elements(v);
        row.add(elems == null ? v : elems.get(iter));
      }
      try {
        out.add(Value.of(GoFormat.format(fmt, row)));
      } catch (FunctionException e) {
        throw new FunctionException("error on format iteration " + iter + ": " + e.getMessage());
      }
    }
    return Value.list(STRING, out);
  }

  private static Value join(CallArgs a) throws FunctionException {
    List<Value> lists = a.from(1);
    if (lists.isEmpty()) {
      throw new FunctionException("at least one list is required");
    }
    List<String> parts = new ArrayList<>();
    for (int li = 0; li < lists.size(); li++) {
      List<Value> elems = Values.elements(lists.get(li));
      for (int ei = 0; ei < elems.size(); ei++) {
        Value e = elems.get(ei);
        if (e.isNull()) {
          throw new FunctionException(
              li + 1,
              "lists",
              lists.size() > 1
                  ? "element "
                      + ei
                      + " of list "
                      + (li + 1)
                      + " is null; cannot concatenate null values"
                  : "element " + ei + " is null; cannot concatenate null values");
        }
        parts.add(Values.str(e));
      }
    }
    return Value.of(String.join(a.string(0), parts));
  }

  private static Re2 compile(Value pattern) throws FunctionException {
    try {
      return Re2.compile(Values.str(pattern));
    } catch (Re2.SyntaxError e) {
      throw new FunctionException(0, "pattern", "invalid regexp pattern: " + e.getMessage());
    }
  }

  /** string for no groups, a tuple of strings for unnamed groups, an object for named ones. */
  private static Type regexType(Value pattern) throws FunctionException {
    if (!pattern.isKnown()) {
      return DYNAMIC;
    }
    Re2 re = compile(pattern);
    if (re.hasNamedGroups() && re.hasUnnamedGroups()) {
      throw new FunctionException(
          0, "pattern", "invalid regexp pattern: cannot mix both named and unnamed capture groups");
    }
    if (re.groupCount() == 0) {
      return STRING;
    }
    if (re.hasNamedGroups()) {
      Map<String, Type> attrs = new LinkedHashMap<>();
      for (String n : re.groupNames().subList(1, re.groupNames().size())) {
        attrs.put(n, STRING);
      }
      return Type.object(attrs);
    }
    return Type.tuple(Collections.nCopies(re.groupCount(), STRING));
  }

  private static Value matchValue(Re2 re, String s, Re2.MatchResultView m) {
    if (re.groupCount() == 0) {
      return Value.of(m.group(s, 0));
    }
    if (re.hasNamedGroups()) {
      Map<String, Value> attrs = new LinkedHashMap<>();
      for (int g = 1; g <= re.groupCount(); g++) {
        String text = m.group(s, g);
        attrs.put(re.groupNames().get(g), text == null ? Value.nullOf(STRING) : Value.of(text));
      }
      return Value.object(attrs);
    }
    List<Value> elems = new ArrayList<>();
    for (int g = 1; g <= re.groupCount(); g++) {
      String text = m.group(s, g);
      elems.add(text == null ? Value.nullOf(STRING) : Value.of(text));
    }
    return Value.tuple(elems);
  }

  private static Value regex(CallArgs a) throws FunctionException {
    Re2 re = compile(a.get(0));
    String s = a.string(1);
    List<Re2.MatchResultView> all = re.findAll(s);
    if (all.isEmpty()) {
      throw new FunctionException("pattern did not match any part of the given string");
    }
    return matchValue(re, s, all.get(0));
  }

  private static Value regexall(CallArgs a) throws FunctionException {
    Re2 re = compile(a.get(0));
    String s = a.string(1);
    List<Value> out = new ArrayList<>();
    for (Re2.MatchResultView m : re.findAll(s)) {
      out.add(matchValue(re, s, m));
    }
    Type elem = a.returnType().elementType();
    return Value.list(elem, out);
  }

  private static Value replace(CallArgs a) throws FunctionException {
    String str = a.string(0);
    String substr = a.string(1);
    String with = a.string(2);
    if (substr.length() >= 2 && substr.startsWith("/") && substr.endsWith("/")) {
      Re2 re;
      try {
        re = Re2.compile(substr.substring(1, substr.length() - 1));
      } catch (Re2.SyntaxError e) {
        throw new FunctionException(1, "substr", "invalid regexp pattern: " + e.getMessage());
      }
      StringBuilder out = new StringBuilder();
      int last = 0;
      for (Re2.MatchResultView m : re.findAll(str)) {
        out.append(str, last, m.starts()[0]);
        expand(out, with, re, str, m);
        last = m.ends()[0];
      }
      out.append(str.substring(last));
      return Value.of(out.toString());
    }
    if (substr.isEmpty()) {
      StringBuilder out = new StringBuilder(with);
      str.codePoints().forEach(cp -> out.appendCodePoint(cp).append(with));
      return Value.of(out.toString());
    }
    return Value.of(str.replace(substr, with));
  }

  /** Go's Regexp.Expand: {@code $1}, {@code $name}, {@code ${name}}, {@code $$}. */
  private static void expand(
      StringBuilder out, String template, Re2 re, String s, Re2.MatchResultView m) {
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        out.append(c);
        i++;
        continue;
      }
      char n = template.charAt(i + 1);
      if (n == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String name;
      int end;
      if (n == '{') {
        int close = template.indexOf('}', i + 2);
        name = close < 0 ? "" : template.substring(i + 2, close);
        end = close + 1;
        if (close < 0 || name.isEmpty() || !name.matches("[A-Za-z0-9_]+")) {
          out.append('$');
          i++;
          continue;
        }
      } else {
        int j = i + 1;
        while (j < template.length()
            && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')
            && template.charAt(j) < 0x80) {
          j++;
        }
        if (j == i + 1) {
          out.append('$');
          i++;
          continue;
        }
        name = template.substring(i + 1, j);
        end = j;
      }
      int group = -1;
      if (name.matches("[0-9]+")) {
        try {
          group = Integer.parseInt(name);
        } catch (NumberFormatException e) {
          group = -1;
        }
      } else {
        group = re.groupNumber(name);
      }
      if (group >= 0 && group <= re.groupCount()) {
        String text = m.group(s, group);
        if (text != null) {
          out.append(text);
        }
      }
      i = end;
    }
  }

  /** Go's strings.Split: an empty separator splits into characters (code points). */
  static List<Value> split(String sep, String s) {
    List<Value> out = new ArrayList<>();
    if (sep.isEmpty()) {
      s.codePoints().forEach(cp -> out.add(Value.of(new String(Character.toChars(cp)))));
      return out;
    }
    int from = 0;
    while (true) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        out.add(Value.of(s.substring(from)));
        return out;
      }
      out.add(Value.of(s.substring(from, at)));
      from = at + sep.length();
    }
  }

  private static Value substr(CallArgs a) throws FunctionException {
    long offset = Values.longArg(a, 1, "offset");
    long length = Values.longArg(a, 2, "length");
    List<String> g = Values.graphemes(a.string(0));
    int size = g.size();
    if (offset < 0) {
      offset += size;
      if (offset < 0) {
        offset = 0;
      }
    }
    if (offset > size) {
      return Value.of("");
    }
    long end = length < 0 ? size : Math.min(size, offset + length);
    return Value.of(String.join("", g.subList((int) offset, (int) end)));
  }

  /** Go's strings.Title: a letter after a separator (space, ASCII punctuation) is title-cased. */
  static String title(String s) {
    StringBuilder out = new StringBuilder();
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      out.appendCodePoint(isTitleSeparator(prev) ? Character.toTitleCase(cp) : cp);
      prev = cp;
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private static boolean isTitleSeparator(int r) {
    if (r <= 0x7F) {
      return !(Character.isLetterOrDigit(r) || r == '_');
    }
    if (Character.isLetterOrDigit(r)) {
      return false;
    }
    return isSpace(r);
  }

  /** Go's unicode.IsSpace. */
  static boolean isSpace(int r) {
    return switch (r) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
      default -> {
        int t = Character.getType(r);
        yield t == Character.SPACE_SEPARATOR
            || t == Character.LINE_SEPARATOR
            || t == Character.PARAGRAPH_SEPARATOR;
      }
    };
  }

  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static String trim(String s, String cutset) {
    int start = 0;
    int end = s.length();
    while (start < end && cutset.indexOf(s.codePointAt(start)) >= 0) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && cutset.indexOf(s.codePointBefore(end)) >= 0) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }
}
