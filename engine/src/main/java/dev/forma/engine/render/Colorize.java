package dev.forma.engine.render;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns colour markup ({@code [red]}, {@code [bold]}, {@code [reset]}) into ANSI escapes, or
 * removes it, at the same granularity as Terraform: a marked-up piece that holds any colour code
 * gets a reset appended when colour is on. Bracketed text that is not a colour name stays.
 */
final class Colorize {
  private static final Pattern CODE = Pattern.compile("\\[[a-z0-9_-]+\\]");
  private static final Map<String, String> CODES =
      Map.ofEntries(
          Map.entry("reset", "0"),
          Map.entry("bold", "1"),
          Map.entry("underline", "4"),
          Map.entry("red", "31"),
          Map.entry("green", "32"),
          Map.entry("yellow", "33"),
          Map.entry("blue", "34"),
          Map.entry("magenta", "35"),
          Map.entry("cyan", "36"),
          Map.entry("white", "37"),
          Map.entry("dark_gray", "90"),
          Map.entry("light_gray", "37"));

  private final boolean enabled;

  Colorize(boolean enabled) {
    this.enabled = enabled;
  }

  String color(String markup) {
    Matcher m = CODE.matcher(markup);
    StringBuilder out = new StringBuilder(markup.length() + 16);
    int last = 0;
    boolean colored = false;
    while (m.find()) {
      out.append(markup, last, m.start());
      String name = markup.substring(m.start() + 1, m.end() - 1);
      String code = CODES.get(name);
      if (code == null) {
        out.append(m.group());
      } else {
        colored = true;
        if (enabled) {
          out.append("\u001b[").append(code).append('m');
        }
      }
      last = m.end();
    }
    out.append(markup, last, markup.length());
    if (colored && enabled) {
      out.append("\u001b[0m");
    }
    return out.toString();
  }
}
