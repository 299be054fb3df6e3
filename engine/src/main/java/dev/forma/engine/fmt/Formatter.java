package dev.forma.engine.fmt;

import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.Scanner;
import dev.forma.engine.hcl.Token;
import dev.forma.engine.hcl.TokenKind;
import dev.forma.provider.api.diag.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Terraform's canonical formatter for the HCL native syntax ({@code terraform fmt}): indentation,
 * spacing, alignment of {@code =} and of trailing comments, plus Terraform's few rewrites (quoted
 * block labels, unwrapped interpolation-only values, legacy variable types). It works on the token
 * stream, so comments and heredocs are kept as written.
 */
public final class Formatter {
  private Formatter() {}

  /**
   * The canonical form of a file, byte for byte what {@code terraform fmt} writes back (which adds
   * no final newline when the file has none). A file with syntax errors is not formatted: the
   * result has no value and carries the parser's diagnostics, as {@code terraform fmt} refuses such
   * a file.
   */
  public static Result<String> format(String filename, String source) {
    var parsed = Parser.parseFile(filename, source);
    if (parsed.hasErrors()) {
      return new Result<>(null, parsed.diagnostics());
    }
    List<Token> scanned = Scanner.scan(filename, source).value();
    List<FormatToken> tokens = Canonicaliser.apply(tokens(scanned));
    Layout.apply(tokens);
    StringBuilder sb = new StringBuilder(source.length() + 16);
    for (FormatToken t : tokens) {
      sb.append(" ".repeat(t.spacesBefore)).append(t.text);
    }
    return new Result<>(sb.toString(), parsed.diagnostics());
  }

  /**
   * The formatter's tokens: a line comment absorbs the newline after it; the end-of-file token
   * keeps the whitespace before it, the only whitespace the formatter leaves alone.
   */
  private static List<FormatToken> tokens(List<Token> scanned) {
    List<FormatToken> out = new ArrayList<>(scanned.size());
    for (int i = 0; i < scanned.size(); i++) {
      Token t = scanned.get(i);
      if (t.kind() == TokenKind.COMMENT
          && !t.text().startsWith("/*")
          && i + 1 < scanned.size()
          && scanned.get(i + 1).kind() == TokenKind.NEWLINE) {
        out.add(new FormatToken(TokenKind.COMMENT, t.text() + scanned.get(i + 1).text()));
        i++;
      } else if (t.kind() == TokenKind.EOF) {
        int previousEnd = i == 0 ? 0 : scanned.get(i - 1).range().end().byteOffset();
        out.add(new FormatToken(TokenKind.EOF, "", t.range().start().byteOffset() - previousEnd));
      } else {
        out.add(new FormatToken(t.kind(), t.text()));
      }
    }
    return out;
  }
}
