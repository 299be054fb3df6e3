package dev.forma.engine.fmt;

import dev.forma.engine.hcl.TokenKind;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token as the formatter sees it: its kind, its exact text and the number of spaces to write
 * before it. A line comment ({@code #} or {@code //}) carries the newline that ends it, so it ends
 * its line as a newline does. Only {@link #spacesBefore} changes while formatting.
 */
final class FormatToken {
  private static final Set<TokenKind> OPENERS =
      EnumSet.of(
          TokenKind.OBRACE,
          TokenKind.OBRACK,
          TokenKind.OPAREN,
          TokenKind.TEMPLATE_INTERP,
          TokenKind.TEMPLATE_CONTROL);
  private static final Set<TokenKind> CLOSERS =
      EnumSet.of(TokenKind.CBRACE, TokenKind.CBRACK, TokenKind.CPAREN, TokenKind.TEMPLATE_SEQ_END);
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  final TokenKind kind;
  final String text;
  int spacesBefore;

  FormatToken(TokenKind kind, String text, int spacesBefore) {
    this.kind = kind;
    this.text = text;
    this.spacesBefore = spacesBefore;
  }

  FormatToken(TokenKind kind, String text) {
    this(kind, text, 0);
  }

  /** True for a newline, and for a line comment, which ends with its newline. */
  boolean endsLine() {
    return kind == TokenKind.NEWLINE || (kind == TokenKind.COMMENT && text.endsWith("\n"));
  }

  /** +1 for a token that opens a bracket of any kind, -1 for one that closes it, else 0. */
  int bracketChange() {
    if (OPENERS.contains(kind)) {
      return 1;
    }
    return CLOSERS.contains(kind) ? -1 : 0;
  }

  /** The width this token takes on its line: its spaces and its text in grapheme clusters. */
  int columns() {
    if (text.chars().allMatch(c -> c < 0x80)) {
      return spacesBefore + text.length();
    }
    int n = 0;
    Matcher m = GRAPHEME.matcher(text);
    while (m.find()) {
      n++;
    }
    return spacesBefore + n;
  }

  boolean is(TokenKind k) {
    return kind == k;
  }

  @Override
  public String toString() {
    return kind + "(" + text + ")";
  }
}
