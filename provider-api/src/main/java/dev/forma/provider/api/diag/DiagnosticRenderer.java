package dev.forma.provider.api.diag;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders diagnostics as Terraform does: the summary, where ({@code on main.tf line 3, in
 * locals:}), the source line(s) with the line number, then the detail. Without colour the output is
 * plain text; with colour each diagnostic sits in a box drawn at its left edge and the subject is
 * underlined, as Terraform shows it on a terminal.
 */
public final class DiagnosticRenderer {
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String BOLD = "\u001b[1m";
  private static final String UNDERLINE = "\u001b[4m";
  private static final String RESET = "\u001b[0m";

  /** Where the renderer finds a file's text and the block a position lies in. */
  public interface Sources {
    /** The full text of the file, or null when not available. */
    String text(String filename);

    /**
     * The header of the block the position lies in ({@code locals}, {@code resource "a" "b"}), or
     * null.
     */
    default String context(String filename, Pos pos) {
      return null;
    }
  }

  /** A simple map-backed {@link Sources}, open to registration as files are read. */
  public static final class SourceMap implements Sources {
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    private final Map<String, ContextFinder> finders = new ConcurrentHashMap<>();

    /** Finds the enclosing block header of a position in one file. */
    public interface ContextFinder {
      String find(Pos pos);
    }

    public void put(String filename, String text) {
      texts.put(filename, text);
    }

    public void putContext(String filename, ContextFinder finder) {
      finders.put(filename, finder);
    }

    @Override
    public String text(String filename) {
      return texts.get(filename);
    }

    @Override
    public String context(String filename, Pos pos) {
      ContextFinder f = finders.get(filename);
      return f == null ? null : f.find(pos);
    }
  }

  /** The width Terraform lays diagnostics out for when it does not know the terminal's. */
  public static final int WIDTH = 78;

  private final Sources sources;
  private final boolean color;

  /**
   * Word-wraps one line greedily at {@code limit} columns, breaking only at spaces (a word longer
   * than the limit stands alone), as Terraform's diagnostics are wrapped.
   */
  public static String wrap(String line, int limit) {
    StringBuilder out = new StringBuilder();
    int col = 0;
    int i = 0;
    int n = line.length();
    while (i < n) {
      int spaceStart = i;
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      int spaces = i - spaceStart;
      int wordStart = i;
      while (i < n && line.charAt(i) != ' ') {
        i++;
      }
      int word = line.codePointCount(wordStart, i);
      if (word == 0) {
        break; // trailing spaces are dropped
      }
      if (col > 0 && col + spaces + word > limit) {
        out.append('\n');
        col = 0;
      } else {
        out.append(line, spaceStart, wordStart);
        col += spaces;
      }
      out.append(line, wordStart, i);
      col += word;
    }
    return out.toString();
  }

  public DiagnosticRenderer(Sources sources, boolean color) {
    this.sources = sources;
    this.color = color;
  }

  /** All diagnostics, each preceded by a blank line (plain) or boxed (colour). */
  public String render(Iterable<Diagnostic> diags) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diags) {
      sb.append(render(d));
    }
    return sb.toString();
  }

  /** One diagnostic, ending in a newline. */
  public String render(Diagnostic d) {
    StringBuilder body = new StringBuilder();
    String label = d.isError() ? "Error: " : "Warning: ";
    if (color) {
      String c = d.isError() ? RED : YELLOW;
      body.append(BOLD).append(c).append(label).append(RESET).append(BOLD).append(d.summary());
      body.append(RESET).append('\n');
    } else {
      body.append(label).append(d.summary()).append('\n');
    }
    if (d.subject() != null) {
      body.append('\n');
      appendSnippet(body, d);
      if (!d.values().isEmpty()) {
        body.append("    ├────────────────\n");
        for (Diagnostic.ExpressionValue v : d.values()) {
          body.append("    │ ")
              .append(color ? BOLD + v.traversal() + RESET : v.traversal())
              .append(' ')
              .append(v.statement())
              .append('\n');
        }
      }
    }
    if (d.detail() != null && !d.detail().isEmpty()) {
      body.append('\n');
      for (String line : d.detail().split("\n", -1)) {
        // Terraform wraps each line of the detail that does not start indented
        body.append(line.startsWith(" ") ? line : wrap(line, WIDTH - 1)).append('\n');
      }
    }
    if (!color) {
      return "\n" + body;
    }
    String c = d.isError() ? RED : YELLOW;
    StringBuilder boxed = new StringBuilder();
    boxed.append(c).append("╷").append(RESET).append('\n');
    String text = body.toString();
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    for (String line : text.split("\n", -1)) {
      boxed.append(c).append("│").append(RESET).append(' ').append(line).append('\n');
    }
    boxed.append(c).append("╵").append(RESET).append('\n');
    return boxed.toString();
  }

  private void appendSnippet(StringBuilder sb, Diagnostic d) {
    Range r = d.subject();
    String ctx = sources == null ? null : sources.context(r.filename(), r.start());
    sb.append("  on ").append(r.filename()).append(" line ").append(r.start().line());
    if (ctx != null) {
      sb.append(", in ").append(ctx);
    }
    sb.append(":\n");
    String text = sources == null ? null : sources.text(r.filename());
    if (text == null) {
      sb.append("  (source code not available)\n");
      return;
    }
    List<String> lines = text.lines().toList();
    if (d.context() != null && d.context().filename().equals(r.filename())) {
      appendContextLines(sb, text, r, d.context());
      return;
    }
    int first = r.start().line();
    int last = Math.max(first, r.end().line());
    if (r.end().line() > first && r.end().column() == 1) {
      last = r.end().line() - 1; // the range ends at the start of the next line
    }
    last = Math.min(last, Math.min(lines.size(), first + 2));
    for (int ln = first; ln <= last && ln <= lines.size(); ln++) {
      String line = lines.get(ln - 1);
      sb.append(String.format("%4d: ", ln));
      if (color) {
        int from = ln == first ? codePointIndex(line, r.start().column() - 1) : 0;
        int to = ln == r.end().line() ? codePointIndex(line, r.end().column() - 1) : line.length();
        from = Math.min(from, line.length());
        to = Math.max(from, Math.min(to, line.length()));
        sb.append(line, 0, from)
            .append(UNDERLINE)
            .append(line, from, to)
            .append(RESET)
            .append(line.substring(to));
      } else {
        sb.append(line);
      }
      sb.append('\n');
    }
  }

  /** A source line shown for a diagnostic with a context range: number, text, first byte. */
  record ContextLine(int number, String text, int startByte) {}

  /**
   * The lines of a diagnostic with a context range, as Terraform picks them: every non-empty line
   * that shares a byte with the context and subject together (an empty range counts as its first
   * byte), so an error at the end of the file shows the construct it is about. Terraform numbers
   * them on from the first, so a skipped empty line shifts the numbers after it; so does this.
   */
  static List<ContextLine> contextLines(String text, Range subject, Range ctx) {
    int from = Math.min(subject.start().byteOffset(), ctx.start().byteOffset());
    int to = Math.max(subject.end().byteOffset(), ctx.end().byteOffset());
    if (to <= from) {
      to = from + 1;
    }
    List<ContextLine> out = new java.util.ArrayList<>();
    int lineStart = 0;
    int lineNumber = 0;
    int shown = -1;
    for (int at = 0; at < text.length(); ) {
      lineNumber++;
      int nl = text.indexOf('\n', at);
      int next = nl < 0 ? text.length() : nl + 1;
      int contentEnd = nl < 0 ? text.length() : nl;
      if (contentEnd > at && text.charAt(contentEnd - 1) == '\r') {
        contentEnd--;
      }
      String line = text.substring(at, contentEnd);
      int lineEnd = lineStart + utf8Length(line);
      boolean overlaps =
          lineEnd > lineStart
              && ((from >= lineStart && from < lineEnd)
                  || (to >= lineStart && to < lineEnd)
                  || (lineStart >= from && lineStart < to)
                  || (lineEnd >= from && lineEnd < to));
      if (overlaps) {
        if (shown < 0) {
          shown = lineNumber;
        }
        out.add(new ContextLine(shown++, line, lineStart));
      }
      lineStart += utf8Length(text.substring(at, next));
      at = next;
    }
    return out;
  }

  private void appendContextLines(StringBuilder sb, String text, Range subject, Range ctx) {
    int hlFrom = subject.start().byteOffset();
    int hlTo = Math.max(subject.end().byteOffset(), hlFrom + 1);
    for (ContextLine l : contextLines(text, subject, ctx)) {
      String line = l.text();
      int lineStart = l.startByte();
      int lineEnd = lineStart + utf8Length(line);
      sb.append(String.format("%4d: ", l.number()));
      if (color && hlFrom < lineEnd && hlTo > lineStart) {
        int a = charIndexOfByte(line, Math.max(0, hlFrom - lineStart));
        int b = charIndexOfByte(line, Math.min(lineEnd, hlTo) - lineStart);
        sb.append(line, 0, a)
            .append(UNDERLINE)
            .append(line, a, b)
            .append(RESET)
            .append(line.substring(b));
      } else {
        sb.append(line);
      }
      sb.append('\n');
    }
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static int charIndexOfByte(String s, int bytes) {
    int n = 0;
    int i = 0;
    while (i < s.length() && n < bytes) {
      n += utf8Length(s.substring(i, i + Character.charCount(s.codePointAt(i))));
      i += Character.charCount(s.codePointAt(i));
    }
    return i;
  }

  private static int codePointIndex(String s, int codePoints) {
    try {
      return s.offsetByCodePoints(0, Math.max(0, codePoints));
    } catch (IndexOutOfBoundsException e) {
      return s.length();
    }
  }
}
