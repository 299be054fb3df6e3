package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The HCL native-syntax scanner: turns source text into every token, comments and newlines
 * included, each with its exact range. Reports characters the language does not use ("Invalid
 * character"); everything else is the parser's business.
 */
public final class Scanner {
  private enum Mode {
    /** Expressions and bodies. */
    NORMAL,
    /** Expression inside {@code ${...}} or {@code %{...}}: a {@code }} at depth 0 ends it. */
    SEQUENCE,
    QUOTED,
    HEREDOC,
    /** A bare template (templatefile): literal text up to the end of input. */
    BARE
  }

  private static final class Frame {
    final Mode mode;
    final String marker;
    int depth;
    boolean lineStart = true;

    Frame(Mode mode, String marker) {
      this.mode = mode;
      this.marker = marker;
    }
  }

  private final String file;
  private final String src;
  private final int n;
  private int i;
  private int line = 1;
  private int col = 1;
  private int byteOff;
  private final List<Token> out;

  /** The last position made: tokens that touch share their boundary position. */
  private Pos lastPos = Pos.START;

  private final Diagnostics diags = new Diagnostics();
  private final ArrayDeque<Frame> frames = new ArrayDeque<>();

  private Scanner(String file, String src, Mode initial) {
    this.file = file;
    this.src = src;
    this.n = src.length();
    this.out = new ArrayList<>(Math.max(16, n / 3));
    frames.push(new Frame(initial, null));
  }

  /**
   * Scans an expression (or a file, leniently): a heredoc's closing marker may end the input
   * without a newline after it.
   */
  public static Result<List<Token>> scan(String filename, String source) {
    return new Scanner(filename, source, Mode.NORMAL).run();
  }

  /**
   * Scans a configuration file as Terraform does: a heredoc's closing marker must end its line, so
   * one at the very end of a file without a newline leaves the heredoc unterminated.
   */
  public static Result<List<Token>> scanFile(String filename, String source) {
    Scanner s = new Scanner(filename, source, Mode.NORMAL);
    s.markerNeedsNewline = true;
    return s.run();
  }

  /** True for files: see {@link #scanFile}. */
  private boolean markerNeedsNewline;

  /** Scans a bare template, as {@code templatefile} reads one. */
  public static Result<List<Token>> scanTemplate(String filename, String source) {
    return new Scanner(filename, source, Mode.BARE).run();
  }

  private Result<List<Token>> run() {
    while (i < n) {
      Frame f = frames.peek();
      switch (f.mode) {
        case NORMAL, SEQUENCE -> scanNormal(f);
        case QUOTED -> scanQuoted();
        case HEREDOC, BARE -> scanHeredoc(f);
      }
    }
    Pos end = pos();
    out.add(new Token(TokenKind.EOF, "", new Range(file, end, end)));
    return new Result<>(out, diags);
  }

  private Pos pos() {
    if (lastPos.byteOffset() != byteOff) {
      lastPos = new Pos(line, col, byteOff);
    }
    return lastPos;
  }

  private char at(int k) {
    return k < n ? src.charAt(k) : '\0';
  }

  private void advance() {
    char c = src.charAt(i);
    if (c == '\n') {
      i++;
      line++;
      col = 1;
      byteOff++;
    } else if (c < 0x80) {
      i++;
      col++;
      byteOff++;
    } else if (Character.isHighSurrogate(c)
        && i + 1 < n
        && Character.isLowSurrogate(src.charAt(i + 1))) {
      i += 2;
      col++;
      byteOff += 4;
    } else {
      i++;
      col++;
      byteOff += c < 0x800 ? 2 : 3;
    }
  }

  private void advance(int count) {
    for (int k = 0; k < count; k++) {
      advance();
    }
  }

  /** Advances over plain ASCII characters that are not newlines. */
  private void advanceAscii(int count) {
    i += count;
    col += count;
    byteOff += count;
  }

  private Token emit(TokenKind kind, int startIdx, Pos start) {
    Token t = new Token(kind, src.substring(startIdx, i), new Range(file, start, pos()));
    out.add(t);
    return t;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** An identifier starts with a letter (Unicode {@code ID_Start}) or an underscore, as in HCL. */
  static boolean isIdentStart(int cp) {
    return cp < 0x80
        ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_'
        : Character.isUnicodeIdentifierStart(cp);
  }

  static boolean isIdentPart(int cp) {
    return cp < 0x80
        ? (cp >= 'a' && cp <= 'z')
            || (cp >= 'A' && cp <= 'Z')
            || (cp >= '0' && cp <= '9')
            || cp == '_'
            || cp == '-'
        : Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
  }

  private void scanNormal(Frame f) {
    char c = src.charAt(i);
    int s = i;
    Pos start = pos();
    switch (c) {
      case ' ', '\t' -> advanceAscii(1);
      case '\n' -> {
        advance();
        emit(TokenKind.NEWLINE, s, start);
      }
      case '\r' -> {
        if (at(i + 1) == '\n') {
          advanceAscii(1);
          advance();
          emit(TokenKind.NEWLINE, s, start);
        } else {
          advanceAscii(1);
          invalid(s, start, "This character is not used within the language.");
        }
      }
      case '#' -> lineComment(s, start);
      case '/' -> {
        if (at(i + 1) == '/') {
          lineComment(s, start);
        } else if (at(i + 1) == '*' && src.indexOf("*/", i + 2) >= 0) {
          int end = src.indexOf("*/", i + 2) + 2;
          while (i < end) {
            advance();
          }
          emit(TokenKind.COMMENT, s, start);
        } else {
          op(TokenKind.SLASH, 1, s, start);
        }
      }
      case '{' -> {
        f.depth++;
        op(TokenKind.OBRACE, 1, s, start);
      }
      case '}' -> {
        if (f.mode == Mode.SEQUENCE && f.depth == 0) {
          op(TokenKind.TEMPLATE_SEQ_END, 1, s, start);
          frames.pop();
        } else {
          if (f.depth > 0) {
            f.depth--;
          }
          op(TokenKind.CBRACE, 1, s, start);
        }
      }
      case '~' -> {
        if (f.mode == Mode.SEQUENCE && f.depth == 0 && at(i + 1) == '}') {
          op(TokenKind.TEMPLATE_SEQ_END, 2, s, start);
          frames.pop();
        } else {
          op(TokenKind.BITWISE_NOT, 1, s, start);
        }
      }
      case '[' -> op(TokenKind.OBRACK, 1, s, start);
      case ']' -> op(TokenKind.CBRACK, 1, s, start);
      case '(' -> op(TokenKind.OPAREN, 1, s, start);
      case ')' -> op(TokenKind.CPAREN, 1, s, start);
      case '"' -> {
        op(TokenKind.OQUOTE, 1, s, start);
        frames.push(new Frame(Mode.QUOTED, null));
      }
      case '*' -> op(TokenKind.STAR, 1, s, start);
      case '+' -> op(TokenKind.PLUS, 1, s, start);
      case '-' -> op(TokenKind.MINUS, 1, s, start);
      case '%' -> op(TokenKind.PERCENT, 1, s, start);
      case '=' -> {
        if (at(i + 1) == '=') {
          op(TokenKind.EQUAL_OP, 2, s, start);
        } else if (at(i + 1) == '>') {
          op(TokenKind.FAT_ARROW, 2, s, start);
        } else {
          op(TokenKind.EQUAL, 1, s, start);
        }
      }
      case '!' ->
          op(
              at(i + 1) == '=' ? TokenKind.NOT_EQUAL : TokenKind.BANG,
              at(i + 1) == '=' ? 2 : 1,
              s,
              start);
      case '<' -> {
        if (at(i + 1) == '<' && heredocIntro(s, start)) {
          return;
        }
        op(
            at(i + 1) == '=' ? TokenKind.LESS_THAN_EQ : TokenKind.LESS_THAN,
            at(i + 1) == '=' ? 2 : 1,
            s,
            start);
      }
      case '>' ->
          op(
              at(i + 1) == '=' ? TokenKind.GREATER_THAN_EQ : TokenKind.GREATER_THAN,
              at(i + 1) == '=' ? 2 : 1,
              s,
              start);
      case '&' ->
          op(
              at(i + 1) == '&' ? TokenKind.AND : TokenKind.BITWISE_AND,
              at(i + 1) == '&' ? 2 : 1,
              s,
              start);
      case '|' ->
          op(
              at(i + 1) == '|' ? TokenKind.OR : TokenKind.BITWISE_OR,
              at(i + 1) == '|' ? 2 : 1,
              s,
              start);
      case '^' -> op(TokenKind.BITWISE_XOR, 1, s, start);
      case '.' -> {
        if (at(i + 1) == '.' && at(i + 2) == '.') {
          op(TokenKind.ELLIPSIS, 3, s, start);
        } else {
          op(TokenKind.DOT, 1, s, start);
        }
      }
      case ',' -> op(TokenKind.COMMA, 1, s, start);
      case '?' -> op(TokenKind.QUESTION, 1, s, start);
      case ':' ->
          op(
              at(i + 1) == ':' ? TokenKind.DOUBLE_COLON : TokenKind.COLON,
              at(i + 1) == ':' ? 2 : 1,
              s,
              start);
      case '\'' -> {
        advanceAscii(1);
        if (start.line() == singleQuoteLine) {
          // the closing quote of 'text': one mistake, one error (as Terraform reports it)
          emit(TokenKind.INVALID, s, start);
        } else {
          singleQuoteLine = start.line();
          invalid(
              s, start, "Single quotes are not valid. Use double quotes (\") to enclose strings.");
        }
      }
      case ';' -> {
        advanceAscii(1);
        invalid(
            s,
            start,
            "The \";\" character is not valid. Use newlines to separate arguments"
                + " and blocks, and commas to separate items in collection values.");
      }
      case '`' -> {
        advanceAscii(1);
        invalid(
            s,
            start,
            "The \"`\" character is not valid. To create a multi-line string, use"
                + " the \"heredoc\" syntax, like \"<<EOT\".");
      }
      default -> {
        if (isDigit(c)) {
          number(s, start);
          return;
        }
        int cp = src.codePointAt(i);
        if (isIdentStart(cp)) {
          advance();
          while (i < n) {
            int d = src.codePointAt(i);
            if (!isIdentPart(d)) {
              break;
            }
            if (d < 0x80) {
              advanceAscii(1);
            } else {
              advance();
            }
          }
          emit(TokenKind.IDENT, s, start);
          return;
        }
        advance();
        invalid(s, start, "This character is not used within the language.");
      }
    }
  }

  private void op(TokenKind kind, int len, int s, Pos start) {
    advanceAscii(len);
    emit(kind, s, start);
  }

  /** The line of the last single quote reported, so that its closing partner is not. */
  private int singleQuoteLine = -1;

  private void invalid(int s, Pos start, String detail) {
    Token t = emit(TokenKind.INVALID, s, start);
    diags.error("Invalid character", detail, t.range());
  }

  private void lineComment(int s, Pos start) {
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n' || (c == '\r' && at(i + 1) == '\n')) {
        break;
      }
      if (c < 0x80) {
        advanceAscii(1);
      } else {
        advance();
      }
    }
    emit(TokenKind.COMMENT, s, start);
  }

  private void number(int s, Pos start) {
    int j = i;
    while (isDigit(at(j))) {
      j++;
    }
    if (at(j) == '.' && isDigit(at(j + 1))) {
      j++;
      while (isDigit(at(j))) {
        j++;
      }
    }
    if (at(j) == 'e' || at(j) == 'E') {
      int k = j + 1;
      if (at(k) == '+' || at(k) == '-') {
        k++;
      }
      if (isDigit(at(k))) {
        while (isDigit(at(k))) {
          k++;
        }
        j = k;
      }
    }
    advanceAscii(j - i);
    emit(TokenKind.NUMBER_LIT, s, start);
  }

  /** At {@code <<}: scans a heredoc introducer if there is one; false when it is not. */
  private boolean heredocIntro(int s, Pos start) {
    int j = i + 2;
    boolean flush = at(j) == '-';
    if (flush) {
      j++;
    }
    int markStart = j;
    if (j >= n || !isIdentStart(src.codePointAt(j))) {
      return false;
    }
    j += Character.charCount(src.codePointAt(j));
    while (j < n && isIdentPart(src.codePointAt(j))) {
      j += Character.charCount(src.codePointAt(j));
    }
    String marker = src.substring(markStart, j);
    if (at(j) == '\r' && at(j + 1) == '\n') {
      j++;
    }
    if (at(j) != '\n') {
      return false;
    }
    while (i <= j) {
      advance();
    }
    emit(TokenKind.OHEREDOC, s, start);
    frames.push(new Frame(Mode.HEREDOC, marker));
    return true;
  }

  private void scanQuoted() {
    int s = i;
    Pos start = pos();
    char c = src.charAt(i);
    if (c == '"') {
      advanceAscii(1);
      emit(TokenKind.CQUOTE, s, start);
      frames.pop();
      return;
    }
    if (c == '\n' || (c == '\r' && at(i + 1) == '\n')) {
      if (c == '\r') {
        advanceAscii(1);
      }
      advance();
      emit(TokenKind.QUOTED_NEWLINE, s, start);
      // A newline ends the broken string and any sequence nested around it on this line.
      while (frames.size() > 1
          && (frames.peek().mode == Mode.QUOTED || frames.peek().mode == Mode.SEQUENCE)) {
        frames.pop();
      }
      return;
    }
    if (sequenceStart(s, start)) {
      return;
    }
    while (i < n) {
      c = src.charAt(i);
      if (c == '"' || c == '\n' || (c == '\r' && at(i + 1) == '\n')) {
        break;
      }
      if (c == '\\') {
        advanceAscii(1);
        if (i < n && at(i) != '\n' && !(at(i) == '\r' && at(i + 1) == '\n')) {
          advance();
        }
        continue;
      }
      if ((c == '$' || c == '%') && at(i + 1) == c && at(i + 2) == '{') {
        advanceAscii(3);
        continue;
      }
      if ((c == '$' || c == '%') && at(i + 1) == '{') {
        break;
      }
      if (c < 0x80) {
        advanceAscii(1);
      } else {
        advance();
      }
    }
    emit(TokenKind.QUOTED_LIT, s, start);
  }

  /** At {@code ${} or {@code %{}: emits the opener and enters the sequence. */
  private boolean sequenceStart(int s, Pos start) {
    char c = src.charAt(i);
    if ((c == '$' || c == '%') && at(i + 1) == '{') {
      advanceAscii(at(i + 2) == '~' ? 3 : 2);
      emit(c == '$' ? TokenKind.TEMPLATE_INTERP : TokenKind.TEMPLATE_CONTROL, s, start);
      frames.push(new Frame(Mode.SEQUENCE, null));
      return true;
    }
    return false;
  }

  /**
   * At the start of a heredoc line: where the closing marker token ends (before the line's {@code
   * \n} or {@code \r\n}) when the line is the marker with only white space around it, as HCL reads
   * it; -1 otherwise.
   */
  private int closingMarkerEnd(String marker) {
    int nl = src.indexOf('\n', i);
    if (nl < 0) {
      if (markerNeedsNewline) {
        return -1;
      }
      nl = n;
    }
    int from = i;
    int to = nl;
    while (from < to && isSpace(src.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(src.charAt(to - 1))) {
      to--;
    }
    if (!src.regionMatches(from, marker, 0, marker.length()) || to - from != marker.length()) {
      return -1;
    }
    return nl > i && src.charAt(nl - 1) == '\r' ? nl - 1 : nl;
  }

  /** White space as Go's {@code unicode.IsSpace} (which HCL trims around a heredoc marker). */
  private static boolean isSpace(char c) {
    return switch (c) {
      case ' ', '\t', '\n', '\u000b', '\f', '\r', '\u0085', '\u00a0' -> true;
      default -> c > 0xff && Character.isSpaceChar(c);
    };
  }

  private void scanHeredoc(Frame f) {
    int s = i;
    Pos start = pos();
    if (f.mode == Mode.HEREDOC && f.lineStart) {
      int end = closingMarkerEnd(f.marker);
      if (end >= 0) {
        advance(end - i);
        emit(TokenKind.CHEREDOC, s, start);
        frames.pop();
        return;
      }
    }
    f.lineStart = false;
    if (sequenceStart(s, start)) {
      return;
    }
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n') {
        advance();
        f.lineStart = true;
        break;
      }
      if ((c == '$' || c == '%') && at(i + 1) == c && at(i + 2) == '{') {
        advanceAscii(3);
        continue;
      }
      if ((c == '$' || c == '%') && at(i + 1) == '{') {
        break;
      }
      if (c < 0x80) {
        advanceAscii(1);
      } else {
        advance();
      }
    }
    emit(TokenKind.STRING_LIT, s, start);
  }
}
