package dev.forma.engine.fmt;

import dev.forma.engine.hcl.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The rewrites {@code terraform fmt} makes beyond whitespace, done on the token stream of a file
 * known to be syntactically valid:
 *
 * <ul>
 *   <li>block labels are written quoted ({@code resource aws_instance x} becomes {@code resource
 *       "aws_instance" "x"}), comments between them dropped;
 *   <li>an attribute whose whole value is one interpolation ({@code "${var.x}"}) gets the bare
 *       expression, parenthesised when it spans lines;
 *   <li>in a top-level {@code variable} block, the legacy type forms {@code "string"}, {@code
 *       "list"}, {@code "map"} become {@code string}, {@code list(string)}, {@code map(string)},
 *       and the bare {@code list}, {@code map}, {@code set} become {@code list(any)} and so on.
 * </ul>
 */
final class Canonicaliser {
  private final List<FormatToken> in;
  private final List<FormatToken> out = new ArrayList<>();
  private int pos;

  private Canonicaliser(List<FormatToken> in) {
    this.in = in;
  }

  /** The rewritten tokens; {@code tokens} must end with the end-of-file token. */
  static List<FormatToken> apply(List<FormatToken> tokens) {
    Canonicaliser c = new Canonicaliser(tokens);
    c.body(List.of(), false);
    while (c.pos < tokens.size()) {
      c.out.add(tokens.get(c.pos++));
    }
    return c.out;
  }

  /** Copies a body's items; a nested body stops before its closing brace. */
  private void body(List<String> blocks, boolean nested) {
    while (pos < in.size()) {
      FormatToken t = in.get(pos);
      if (t.is(TokenKind.EOF) || (nested && t.is(TokenKind.CBRACE))) {
        return;
      }
      if (!t.is(TokenKind.IDENT)) {
        out.add(t);
        pos++;
        continue;
      }
      int next = pos + 1;
      while (isInlineComment(in.get(next))) {
        next++;
      }
      if (in.get(next).is(TokenKind.EQUAL)) {
        attribute(blocks, next);
      } else {
        block(blocks);
      }
    }
  }

  private void attribute(List<String> blocks, int equals) {
    String name = in.get(pos).text;
    while (pos <= equals) {
      out.add(in.get(pos++));
    }
    int start = pos;
    int depth = 0;
    while (true) {
      FormatToken t = in.get(pos);
      if (depth == 0 && (t.is(TokenKind.EOF) || t.endsLine() || t.is(TokenKind.CBRACE))) {
        break;
      }
      depth += t.bracketChange();
      pos++;
    }
    int exprStart = start;
    int exprEnd = pos;
    while (exprStart < exprEnd && isInlineComment(in.get(exprStart))) {
      exprStart++;
    }
    while (exprEnd > exprStart && isInlineComment(in.get(exprEnd - 1))) {
      exprEnd--;
    }
    out.addAll(in.subList(start, exprStart));
    List<FormatToken> expr = in.subList(exprStart, exprEnd);
    boolean variableType =
        blocks.size() == 1 && blocks.getFirst().equals("variable") && name.equals("type");
    out.addAll(variableType ? typeExpr(expr) : valueExpr(expr));
    out.addAll(in.subList(exprEnd, pos));
  }

  private void block(List<String> blocks) {
    FormatToken type = in.get(pos++);
    out.add(type);
    while (!in.get(pos).is(TokenKind.OBRACE)) {
      FormatToken t = in.get(pos);
      if (t.is(TokenKind.IDENT)) {
        quotedLabel(t.text);
        pos++;
      } else if (t.is(TokenKind.OQUOTE)) {
        StringBuilder raw = new StringBuilder();
        pos++;
        while (!in.get(pos).is(TokenKind.CQUOTE)) {
          raw.append(in.get(pos++).text);
        }
        pos++;
        quotedLabel(StringEscapes.unescape(raw.toString()));
      } else {
        pos++; // a comment among the labels: dropped
      }
    }
    out.add(in.get(pos++));
    List<String> inner = new ArrayList<>(blocks);
    inner.add(type.text);
    body(inner, true);
    if (pos < in.size() && in.get(pos).is(TokenKind.CBRACE)) {
      out.add(in.get(pos++));
    }
  }

  private void quotedLabel(String value) {
    out.add(new FormatToken(TokenKind.OQUOTE, "\""));
    String escaped = StringEscapes.escape(value);
    if (!escaped.isEmpty()) {
      out.add(new FormatToken(TokenKind.QUOTED_LIT, escaped));
    }
    out.add(new FormatToken(TokenKind.CQUOTE, "\""));
  }

  private static boolean isInlineComment(FormatToken t) {
    return t.is(TokenKind.COMMENT) && !t.endsLine();
  }

  /** {@code "${expr}"} becomes {@code expr}; anything else is kept. */
  private static List<FormatToken> valueExpr(List<FormatToken> expr) {
    int n = expr.size();
    if (n < 5
        || !expr.getFirst().is(TokenKind.OQUOTE)
        || !expr.get(1).is(TokenKind.TEMPLATE_INTERP)
        || !expr.get(n - 2).is(TokenKind.TEMPLATE_SEQ_END)
        || !expr.getLast().is(TokenKind.CQUOTE)) {
      return expr;
    }
    List<FormatToken> inside = expr.subList(2, n - 2);
    int quotes = 0;
    for (FormatToken t : inside) {
      if (t.is(TokenKind.OQUOTE)) {
        quotes++;
      } else if (t.is(TokenKind.CQUOTE)) {
        quotes--;
      } else if (quotes == 0
          && (t.is(TokenKind.TEMPLATE_INTERP)
              || t.is(TokenKind.TEMPLATE_SEQ_END)
              || t.is(TokenKind.QUOTED_LIT))) {
        return expr; // "${a}${b}" or "${a}-x": more than one interpolation
      }
    }
    int from = 0;
    int to = inside.size();
    while (from < to && inside.get(from).is(TokenKind.NEWLINE)) {
      from++;
    }
    while (to > from && inside.get(to - 1).is(TokenKind.NEWLINE)) {
      to--;
    }
    List<FormatToken> trimmed = inside.subList(from, to);
    boolean multiLine = trimmed.stream().anyMatch(t -> t.is(TokenKind.NEWLINE));
    boolean parenthesised =
        !trimmed.isEmpty()
            && trimmed.getFirst().is(TokenKind.OPAREN)
            && trimmed.getLast().is(TokenKind.CPAREN);
    if (!multiLine || parenthesised) {
      return trimmed;
    }
    List<FormatToken> wrapped = new ArrayList<>();
    wrapped.add(new FormatToken(TokenKind.OPAREN, "("));
    wrapped.addAll(trimmed);
    wrapped.add(new FormatToken(TokenKind.CPAREN, ")"));
    return wrapped;
  }

  /** A variable's legacy type forms, replaced by the type constraint they meant. */
  private static List<FormatToken> typeExpr(List<FormatToken> expr) {
    if (expr.size() == 1 && expr.getFirst().is(TokenKind.IDENT)) {
      String kw = expr.getFirst().text;
      return switch (kw) {
        case "list", "map", "set" -> collection(kw, "any");
        default -> expr;
      };
    }
    if (expr.size() == 3
        && expr.get(0).is(TokenKind.OQUOTE)
        && expr.get(1).is(TokenKind.QUOTED_LIT)
        && expr.get(2).is(TokenKind.CQUOTE)) {
      return switch (expr.get(1).text) {
        case "string" -> List.of(new FormatToken(TokenKind.IDENT, "string"));
        case "list" -> collection("list", "string");
        case "map" -> collection("map", "string");
        default -> expr;
      };
    }
    return expr;
  }

  private static List<FormatToken> collection(String kind, String element) {
    return List.of(
        new FormatToken(TokenKind.IDENT, kind),
        new FormatToken(TokenKind.OPAREN, "("),
        new FormatToken(TokenKind.IDENT, element),
        new FormatToken(TokenKind.CPAREN, ")"));
  }
}
