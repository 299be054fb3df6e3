package dev.forma.engine.fmt;

import dev.forma.engine.hcl.TokenKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides the whitespace between tokens, as {@code terraform fmt} does: each line is cut into a
 * lead, an optional assignment (from a single-line attribute's {@code =} to the end of its value)
 * and an optional trailing line comment; lines are indented two spaces per open bracket level;
 * tokens within a cell are spaced by fixed rules; and the {@code =} signs, then the trailing
 * comments, of consecutive lines that have them are aligned. Only whitespace changes.
 */
final class Layout {
  /** Token kinds after which a minus is a negation, not a subtraction. */
  private static final Set<TokenKind> BEFORE_NEGATION =
      EnumSet.of(
          TokenKind.OPAREN,
          TokenKind.OBRACE,
          TokenKind.OBRACK,
          TokenKind.EQUAL,
          TokenKind.COLON,
          TokenKind.COMMA,
          TokenKind.QUESTION,
          TokenKind.PLUS,
          TokenKind.STAR,
          TokenKind.SLASH,
          TokenKind.PERCENT,
          TokenKind.MINUS,
          TokenKind.EQUAL_OP,
          TokenKind.NOT_EQUAL,
          TokenKind.GREATER_THAN,
          TokenKind.GREATER_THAN_EQ,
          TokenKind.LESS_THAN,
          TokenKind.LESS_THAN_EQ,
          TokenKind.AND,
          TokenKind.OR,
          TokenKind.BANG);

  /** Token kinds that are, or end at, literal template text: never spaced from it. */
  private static final Set<TokenKind> TEXT_OPENERS =
      EnumSet.of(TokenKind.QUOTED_LIT, TokenKind.STRING_LIT, TokenKind.OQUOTE, TokenKind.OHEREDOC);

  private static final Set<TokenKind> TEXT_CLOSERS =
      EnumSet.of(TokenKind.QUOTED_LIT, TokenKind.STRING_LIT, TokenKind.CQUOTE, TokenKind.CHEREDOC);

  /** One source line cut into its three cells; {@code assign} and {@code comment} may be null. */
  private static final class Line {
    List<FormatToken> lead;
    List<FormatToken> assign;
    List<FormatToken> comment;

    Line(List<FormatToken> lead) {
      this.lead = lead;
    }
  }

  private Layout() {}

  /**
   * Sets the spaces before every token but the last, which must be the end-of-file token (its
   * spaces, the whitespace at the very end of the file, are kept).
   */
  static void apply(List<FormatToken> tokens) {
    List<Line> lines = lines(tokens);
    indent(lines);
    space(lines);
    align(lines);
  }

  private static List<Line> lines(List<FormatToken> tokens) {
    List<Line> lines = new ArrayList<>();
    List<FormatToken> current = new ArrayList<>();
    for (FormatToken t : tokens) {
      if (t.is(TokenKind.EOF)) {
        break;
      }
      current.add(t);
      if (t.endsLine()) {
        lines.add(new Line(current));
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      lines.add(new Line(current));
    }
    for (Line line : lines) {
      List<FormatToken> lead = line.lead;
      if (lead.size() > 1 && lead.getLast().is(TokenKind.COMMENT)) {
        line.comment = List.of(lead.getLast());
        lead = lead.subList(0, lead.size() - 1);
        line.lead = lead;
      }
      for (int i = 1; i < lead.size(); i++) {
        if (lead.get(i).is(TokenKind.EQUAL)) {
          // Only an assignment whose value closes every bracket it opens on this line is a cell
          // to align; one that opens a multi-line value is part of the lead.
          if (netBrackets(lead.subList(i, lead.size())) == 0) {
            line.assign = lead.subList(i, lead.size());
            line.lead = lead.subList(0, i);
          }
          break;
        }
      }
    }
    return lines;
  }

  /** The brackets opened minus those closed, up to and including a heredoc introducer. */
  private static int netBrackets(List<FormatToken> cell) {
    int net = 0;
    for (FormatToken t : cell) {
      net += t.bracketChange();
      if (t.is(TokenKind.OHEREDOC)) {
        break;
      }
    }
    return net;
  }

  /**
   * A line that opens brackets it does not close indents the following lines one level; a line that
   * closes brackets is itself dedented by the levels those brackets opened. Levels are remembered
   * with how many brackets opened them, so lopsided lines such as {@code ]]} close the right number
   * of levels.
   */
  private static void indent(List<Line> lines) {
    List<Integer> levels = new ArrayList<>();
    for (Line line : lines) {
      if (line.lead.isEmpty()) {
        continue;
      }
      FormatToken first = line.lead.getFirst();
      if (first.is(TokenKind.NEWLINE)) {
        first.spacesBefore = 0;
        continue;
      }
      int net = netBrackets(line.lead) + (line.assign == null ? 0 : netBrackets(line.assign));
      if (net > 0) {
        first.spacesBefore = 2 * levels.size();
        levels.add(net);
        continue;
      }
      int closed = -net;
      while (closed > 0 && !levels.isEmpty()) {
        int top = levels.getLast();
        if (closed >= top) {
          closed -= top;
          levels.removeLast();
        } else {
          levels.set(levels.size() - 1, top - closed);
          closed = 0;
        }
      }
      first.spacesBefore = 2 * levels.size();
    }
  }

  private static void space(List<Line> lines) {
    for (Line line : lines) {
      spaceCell(line.lead);
      if (line.assign != null) {
        line.assign.getFirst().spacesBefore = 1;
        spaceCell(line.assign);
      }
    }
  }

  private static void spaceCell(List<FormatToken> cell) {
    for (int i = 0; i + 1 < cell.size(); i++) {
      FormatToken before = i > 0 ? cell.get(i - 1) : null;
      FormatToken after = cell.get(i + 1);
      after.spacesBefore = spaceBetween(cell.get(i), before, after) ? 1 : 0;
    }
  }

  /** Whether one space goes between {@code subject} and {@code after}; the rules in order. */
  private static boolean spaceBetween(FormatToken subject, FormatToken before, FormatToken after) {
    TokenKind s = subject.kind;
    TokenKind a = after.kind;
    if (a == TokenKind.NEWLINE) {
      return false;
    }
    if (s == TokenKind.IDENT && a == TokenKind.OPAREN) {
      return false; // a function call
    }
    if (s == TokenKind.DOT || a == TokenKind.DOT) {
      return false;
    }
    if (s == TokenKind.DOUBLE_COLON || a == TokenKind.DOUBLE_COLON) {
      return false; // provider::name::function
    }
    if (a == TokenKind.COMMA || a == TokenKind.ELLIPSIS) {
      return false;
    }
    if (s == TokenKind.COMMA) {
      return true;
    }
    if (TEXT_OPENERS.contains(s) || TEXT_CLOSERS.contains(a)) {
      return false; // template text is never padded
    }
    if (s == TokenKind.IDENT
        && subject.text.equals("in")
        && before != null
        && before.is(TokenKind.IDENT)) {
      return true; // the keyword of a for expression, even before a tuple: in [a, b]
    }
    if (a == TokenKind.OBRACK
        && (s == TokenKind.IDENT || s == TokenKind.NUMBER_LIT || subject.bracketChange() < 0)) {
      return false; // an index
    }
    if (s == TokenKind.MINUS) {
      // A minus after something that cannot end an operand is a negation.
      return before != null && !BEFORE_NEGATION.contains(before.kind);
    }
    if (s == TokenKind.BANG) {
      return false;
    }
    if (s == TokenKind.OBRACE || a == TokenKind.CBRACE) {
      return !(s == TokenKind.OBRACE && a == TokenKind.CBRACE); // { a = 1 }, but {}
    }
    if ((s == TokenKind.TEMPLATE_INTERP || s == TokenKind.TEMPLATE_CONTROL)
        && a == TokenKind.OBRACE) {
      return true; // ${ {a = 1} }
    }
    if (s == TokenKind.CBRACE && a == TokenKind.TEMPLATE_SEQ_END) {
      return true;
    }
    if (s == TokenKind.TEMPLATE_SEQ_END
        && (a == TokenKind.TEMPLATE_INTERP || a == TokenKind.TEMPLATE_CONTROL)) {
      return false;
    }
    if (subject.bracketChange() > 0 || after.bracketChange() < 0) {
      return false;
    }
    return true;
  }

  private static void align(List<Line> lines) {
    int chainStart = -1;
    int widest = 0;
    for (int i = 0; i <= lines.size(); i++) {
      Line line = i < lines.size() ? lines.get(i) : null;
      if (line != null && line.assign != null) {
        if (chainStart < 0) {
          chainStart = i;
        }
        widest = Math.max(widest, columns(line.lead));
      } else if (chainStart >= 0) {
        for (Line l : lines.subList(chainStart, i)) {
          l.assign.getFirst().spacesBefore = widest - columns(l.lead) + 1;
        }
        chainStart = -1;
        widest = 0;
      }
    }
    for (int i = 0; i <= lines.size(); i++) {
      Line line = i < lines.size() ? lines.get(i) : null;
      if (line != null && line.comment != null) {
        if (chainStart < 0) {
          chainStart = i;
        }
        widest = Math.max(widest, columns(line.lead) + columns(line.assign));
      } else if (chainStart >= 0) {
        for (Line l : lines.subList(chainStart, i)) {
          l.comment.getFirst().spacesBefore = widest - columns(l.lead) - columns(l.assign) + 1;
        }
        chainStart = -1;
        widest = 0;
      }
    }
  }

  private static int columns(List<FormatToken> cell) {
    int n = 0;
    if (cell != null) {
      for (FormatToken t : cell) {
        n += t.columns();
      }
    }
    return n;
  }
}
