package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The HCL native-syntax recursive-descent parser: one method per grammar level, one precedence
 * table ({@link Operator#precedence()}). It recovers after an error (to the next line, or to the
 * matching bracket) so one run reports every independent mistake.
 */
public final class Parser {
  private static final String INVALID_EXPR =
      "Expected the start of an expression, but found an" + " invalid expression token.";

  private final String file;
  private final Token[] toks;
  private final Diagnostics diags;
  private int pos;
  private Token prev;
  private boolean[] nl = new boolean[16];
  private int nlTop;

  /** Set after an expression error: further errors of the same item are suppressed. */
  private boolean recovery;

  private Parser(String file, Result<List<Token>> scanned, boolean includeNewlines) {
    this.file = file;
    List<Token> all = scanned.value();
    Token[] kept = new Token[all.size()];
    int count = 0;
    for (Token t : all) {
      if (t.kind() != TokenKind.COMMENT) {
        kept[count++] = t;
      }
    }
    this.toks = count == kept.length ? kept : Arrays.copyOf(kept, count);
    this.diags = new Diagnostics().addAll(scanned.diagnostics());
    this.nl[0] = includeNewlines;
  }

  /** Parses a whole configuration file. The result's body is partial when there are errors. */
  public static Result<ConfigFile> parseFile(String filename, String source) {
    Parser p = new Parser(filename, Scanner.scanFile(filename, source), true);
    List<BodyItem> items = p.parseBodyItems(true);
    Token eof = p.toks[p.toks.length - 1];
    Range end = eof.range();
    Body body = new Body(items, new Range(filename, Pos.START, end.end()), end);
    return new Result<>(new ConfigFile(filename, source, body), p.diags);
  }

  /** Parses one expression: the whole input must be that expression (newlines are ignored). */
  public static Result<Expr> parseExpression(String filename, String source) {
    Parser p = new Parser(filename, Scanner.scan(filename, source), false);
    Expr e = p.parseExpr();
    Token t = p.peek();
    if (t.kind() != TokenKind.EOF && !p.recovery) {
      p.diags.error(
          "Extra characters after expression",
          "An expression was successfully parsed, but extra characters were found after it."
              + p.hint(t),
          p.r(t));
    }
    return new Result<>(e, p.diags);
  }

  /** Parses a bare template (text with {@code ${}} and {@code %{}} sequences, no quotes). */
  public static Result<Expr> parseTemplate(String filename, String source) {
    Parser p = new Parser(filename, Scanner.scanTemplate(filename, source), false);
    Token eof = p.toks[p.toks.length - 1];
    List<Part> parts = p.parseTemplateParts();
    Token t = p.peek();
    if (t.kind() != TokenKind.EOF && !p.recovery) {
      p.diags.error("Unexpected token in template", "This token is not valid here.", p.r(t));
    }
    Range whole = new Range(filename, Pos.START, eof.range().end());
    return new Result<>(p.buildTemplate(parts, whole, whole, true), p.diags);
  }

  // ---------------------------------------------------------------- token access

  private boolean includeNewlines() {
    return nl[nlTop];
  }

  private void pushNl(boolean include) {
    if (++nlTop == nl.length) {
      nl = Arrays.copyOf(nl, nl.length * 2);
    }
    nl[nlTop] = include;
  }

  private void popNl() {
    nlTop--;
  }

  private int peekIndex() {
    int j = pos;
    if (!includeNewlines()) {
      while (toks[j].kind() == TokenKind.NEWLINE) {
        j++;
      }
    }
    return j;
  }

  private Token peek() {
    return toks[peekIndex()];
  }

  /** The token after the next one, newlines skipped as the current mode says. */
  private Token peek2() {
    int j = peekIndex();
    if (toks[j].kind() == TokenKind.EOF) {
      return toks[j];
    }
    j++;
    if (!includeNewlines()) {
      while (toks[j].kind() == TokenKind.NEWLINE) {
        j++;
      }
    }
    return toks[j];
  }

  private Token read() {
    int j = peekIndex();
    Token t = toks[j];
    pos = t.kind() == TokenKind.EOF ? j : j + 1;
    prev = t;
    return t;
  }

  /** A token's range for a diagnostic: the end of file is shown as one column wide, as HCL does. */
  private Range r(Token t) {
    if (t.kind() != TokenKind.EOF) {
      return t.range();
    }
    Pos s = t.range().start();
    return new Range(file, s, new Pos(s.line(), s.column() + 1, s.byteOffset() + 1));
  }

  private void error(String summary, String detail, Range subject) {
    if (!recovery) {
      diags.error(summary, detail, subject);
    }
    recovery = true;
  }

  private static boolean isKeyword(Token t, String word) {
    return t.kind() == TokenKind.IDENT && t.text().equals(word);
  }

  private static boolean adjacent(Token a, Token b) {
    return a != null && a.range().end().byteOffset() == b.range().start().byteOffset();
  }

  /** A "Did you mean ...?" for a token that is a lookalike from another language, or "". */
  private String hint(Token t) {
    return switch (t.kind()) {
      case FAT_ARROW ->
          " Did you mean \">=\"? The \"=>\" symbol is only valid in a 'for'"
              + " expression that builds an object.";
      case BITWISE_AND -> " Did you mean \"&&\"?";
      case BITWISE_OR -> " Did you mean \"||\"?";
      case INVALID ->
          t.text().equals(";")
              ? " Did you mean to end the line here? No \";\" is needed at the end of a line."
              : "";
      case EQUAL -> {
        if (prev != null && adjacent(prev, t) && prev.kind() == TokenKind.EQUAL_OP) {
          yield " Did you mean \"==\"? There is no \"===\" operator.";
        }
        if (prev != null && adjacent(prev, t) && prev.kind() == TokenKind.NOT_EQUAL) {
          yield " Did you mean \"!=\"? There is no \"!==\" operator.";
        }
        yield "";
      }
      case GREATER_THAN ->
          prev != null && adjacent(prev, t) && prev.kind() == TokenKind.EQUAL_OP
              ? " Did you mean \">=\"?"
              : "";
      case IDENT -> {
        if (t.text().equals("and")) {
          yield " Did you mean \"&&\"? The logical AND operator is \"&&\".";
        }
        if (t.text().equals("or")) {
          yield " Did you mean \"||\"? The logical OR operator is \"||\".";
        }
        if (prev != null && isKeyword(prev, "not")) {
          yield " Did you mean \"!\"? The logical NOT operator is \"!\".";
        }
        yield "";
      }
      default -> "";
    };
  }

  // ---------------------------------------------------------------- recovery

  private static int nesting(TokenKind k) {
    return switch (k) {
      case OBRACE, OBRACK, OPAREN, OQUOTE, OHEREDOC, TEMPLATE_INTERP, TEMPLATE_CONTROL -> 1;
      case CBRACE, CBRACK, CPAREN, CQUOTE, CHEREDOC, TEMPLATE_SEQ_END -> -1;
      default -> 0;
    };
  }

  /**
   * Skips to the end of the current line (consuming its newline), over nested brackets. Stops
   * before a closing brace that closes the enclosing block.
   */
  private void recoverAfterBodyItem() {
    int depth = 0;
    while (true) {
      Token t = toks[pos];
      switch (t.kind()) {
        case EOF -> {
          return;
        }
        case NEWLINE -> {
          if (depth <= 0) {
            pos++;
            prev = t;
            return;
          }
        }
        case QUOTED_NEWLINE -> {
          pos++;
          prev = t;
          return;
        }
        case CBRACE -> {
          if (depth <= 0) {
            return;
          }
        }
        default -> {}
      }
      depth = Math.max(0, depth + nesting(t.kind()));
      pos++;
      prev = t;
    }
  }

  /**
   * Skips to the closer matching an opener already read, and reads it. Returns it, or null at the
   * end of the file or before a closer of another kind that closes something enclosing.
   */
  private Token skipToClose(TokenKind close) {
    int depth = 0;
    while (true) {
      Token t = toks[pos];
      if (t.kind() == TokenKind.EOF || (depth == 0 && t.kind() != close && nesting(t.kind()) < 0)) {
        return null;
      }
      pos++;
      prev = t;
      if (depth == 0 && t.kind() == close) {
        return t;
      }
      depth = Math.max(0, depth + nesting(t.kind()));
    }
  }

  // ---------------------------------------------------------------- bodies

  private List<BodyItem> parseBodyItems(boolean top) {
    List<BodyItem> items = new ArrayList<>();
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case NEWLINE -> read();
        case EOF -> {
          return items;
        }
        case IDENT -> {
          recovery = false;
          BodyItem item = parseBodyItem();
          if (item != null) {
            items.add(item);
          }
        }
        case CBRACE -> {
          if (!top) {
            return items;
          }
          diags.error(
              "Argument or block definition required",
              "An argument or block definition is required here.",
              r(t));
          read();
          recoverAfterBodyItem();
        }
        default -> {
          diags.error(
              "Argument or block definition required",
              "An argument or block definition is required here.",
              r(t));
          recoverAfterBodyItem();
        }
      }
    }
  }

  private BodyItem parseBodyItem() {
    Token ident = read();
    Token next = peek();
    switch (next.kind()) {
      case EQUAL -> {
        Attribute a = parseAttribute(ident);
        Token end = peek();
        if (end.kind() == TokenKind.NEWLINE) {
          read();
        } else if (end.kind() != TokenKind.EOF && prev.kind() != TokenKind.QUOTED_NEWLINE) {
          if (end.kind() == TokenKind.COMMA) {
            error(
                "Unexpected comma after argument",
                "Argument definitions must be separated by"
                    + " newlines, not commas. An argument definition must end with a newline.",
                r(end));
          } else {
            error(
                "Missing newline after argument",
                "An argument definition must end with a newline." + hint(end),
                r(end));
          }
          recoverAfterBodyItem();
        }
        return a;
      }
      case OQUOTE, IDENT, OBRACE -> {
        return parseBlock(ident);
      }
      default -> {
        String detail =
            "An argument or block definition is required here. To set an argument,"
                + " use the equals sign \"=\" to introduce the argument value.";
        Token after = peek2();
        if (next.kind() == TokenKind.COLON
            && after.kind() == TokenKind.EQUAL
            && adjacent(next, after)) {
          detail += " Did you mean \"" + ident.text() + " = ...\"? There is no \":=\" operator.";
        } else if (after.kind() == TokenKind.EQUAL
            && adjacent(next, after)
            && compoundOperator(next.kind()) != null) {
          detail +=
              " Did you mean \""
                  + ident.text()
                  + " = "
                  + ident.text()
                  + " "
                  + compoundOperator(next.kind())
                  + " ...\"? There are no compound assignment"
                  + " operators.";
        }
        diags.error("Argument or block definition required", detail, r(ident));
        recoverAfterBodyItem();
        return null;
      }
    }
  }

  private static String compoundOperator(TokenKind k) {
    return switch (k) {
      case AND -> "&&";
      case OR -> "||";
      case PLUS -> "+";
      case MINUS -> "-";
      case STAR -> "*";
      case SLASH -> "/";
      case PERCENT -> "%";
      default -> null;
    };
  }

  private Attribute parseAttribute(Token ident) {
    Token eq = read();
    Expr e = parseExpr();
    return new Attribute(ident.text(), e, ident.range(), eq.range(), ident.range().to(e.range()));
  }

  private Block parseBlock(Token ident) {
    List<String> labels = new ArrayList<>();
    List<Range> labelRanges = new ArrayList<>();
    boolean quotedLabel = false;
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.IDENT) {
        read();
        labels.add(t.text());
        labelRanges.add(t.range());
      } else if (t.kind() == TokenKind.OQUOTE) {
        quotedLabel = true;
        Range[] rng = new Range[1];
        labels.add(parseQuotedLabel(rng));
        labelRanges.add(rng[0]);
      } else {
        break;
      }
    }
    Token open = peek();
    if (open.kind() != TokenKind.OBRACE) {
      String detail;
      switch (open.kind()) {
        case NEWLINE, EOF -> {
          detail =
              "A block definition must have block content delimited by \"{\" and \"}\","
                  + " starting on the same line as the block header.";
          if (labels.size() == 1 && quotedLabel) {
            detail +=
                " Did you mean to set an argument: "
                    + ident.text()
                    + " = \""
                    + labels.getFirst()
                    + "\"?";
          }
        }
        case EQUAL ->
            detail =
                "The equals sign \"=\" indicates an argument definition, and must"
                    + " not be used when defining a block.";
        default ->
            detail =
                "Either a quoted string block label or an opening brace (\"{\") is"
                    + " expected here.";
      }
      if (!recovery) {
        diags.error("Invalid block definition", detail, r(open));
      }
      recoverAfterBodyItem();
      return null;
    }
    read();
    Token t = peek();
    List<BodyItem> items;
    Token close;
    if (t.kind() == TokenKind.CBRACE) {
      items = List.of();
      close = read();
    } else if (t.kind() == TokenKind.NEWLINE) {
      read();
      items = parseBodyItems(false);
      close = peek();
      if (close.kind() == TokenKind.CBRACE) {
        read();
      } else {
        if (!recovery) {
          // after an error that swallowed the rest of the file (an unterminated template), the
          // missing brace is the same mistake: HCL does not report it again
          diags.error(
              "Unclosed configuration block",
              "There is no closing brace for this block"
                  + " before the end of the file. This may be caused by incorrect brace nesting"
                  + " elsewhere in this file.",
              r(open));
        }
        close = null;
      }
    } else {
      items = new ArrayList<>();
      close = parseSingleLineBody(open, items);
    }
    Range closeRange = close != null ? close.range() : r(toks[pos]);
    Body body = new Body(items, open.range().to(closeRange), closeRange);
    Block block =
        new Block(
            ident.text(),
            labels,
            body,
            ident.range(),
            labelRanges,
            open.range(),
            closeRange,
            ident.range().to(closeRange));
    if (close != null) {
      Token end = peek();
      if (end.kind() == TokenKind.NEWLINE) {
        read();
      } else if (end.kind() != TokenKind.EOF && end.kind() != TokenKind.CBRACE) {
        diags.error(
            "Missing newline after block definition",
            "A block definition must end with a newline.",
            r(end));
        recoverAfterBodyItem();
      }
    }
    return block;
  }

  /** The body of {@code a { b = 1 }} after its open brace; returns the closing brace or null. */
  private Token parseSingleLineBody(Token open, List<BodyItem> items) {
    Token t = peek();
    recovery = false;
    if (t.kind() != TokenKind.IDENT) {
      diags.error(
          "Argument or block definition required",
          "An argument or block definition is required here.",
          r(t));
      return closeSingleLine(open);
    }
    Token ident = read();
    Token next = peek();
    if (next.kind() == TokenKind.EQUAL) {
      items.add(parseAttribute(ident));
      Token end = peek();
      switch (end.kind()) {
        case CBRACE -> {
          return read();
        }
        case COMMA ->
            diags.error(
                "Invalid single-argument block definition",
                "Single-line block"
                    + " syntax can include only one argument definition. To define multiple arguments,"
                    + " use the multi-line block syntax with one argument definition per line.",
                r(end));
        case NEWLINE ->
            diags.error(
                "Invalid single-argument block definition",
                "An argument"
                    + " definition on the same line as its containing block creates a single-line block"
                    + " definition, which must also be closed on the same line. Place the block's closing"
                    + " brace immediately after the argument definition.",
                new Range(file, end.range().start(), end.range().end()));
        case EOF -> {}
        default -> {
          if (!recovery) {
            diags.error(
                "Invalid single-argument block definition",
                "A single-line block"
                    + " definition must end with a closing brace immediately after its single"
                    + " argument definition."
                    + hint(end),
                r(end));
          }
        }
      }
      return closeSingleLine(open);
    }
    if (next.kind() == TokenKind.IDENT
        || next.kind() == TokenKind.OQUOTE
        || next.kind() == TokenKind.OBRACE) {
      Range subject = ident.range();
      for (int j = pos;
          toks[j].kind() != TokenKind.EOF && toks[j].kind() != TokenKind.NEWLINE;
          j++) {
        if (toks[j].kind() == TokenKind.OBRACE) {
          subject = subject.to(toks[j].range());
          break;
        }
      }
      diags.error(
          "Argument definition required",
          "A single-line block definition can contain"
              + " only a single argument. If you meant to define argument \""
              + ident.text()
              + "\", use an equals sign to assign it a value. To define a nested block, place it on"
              + " a line of its own within its parent block.",
          subject);
      return closeSingleLine(open);
    }
    diags.error(
        "Argument or block definition required",
        "An argument or block definition is"
            + " required here. To set an argument, use the equals sign \"=\" to introduce the"
            + " argument value.",
        r(ident));
    return closeSingleLine(open);
  }

  private Token closeSingleLine(Token open) {
    Token close = skipToClose(TokenKind.CBRACE);
    if (close == null) {
      diags.error(
          "Unclosed configuration block",
          "There is no closing brace for this block"
              + " before the end of the file. This may be caused by incorrect brace nesting"
              + " elsewhere in this file.",
          r(open));
    }
    return close;
  }

  /** A quoted block label: a string without template sequences. */
  private String parseQuotedLabel(Range[] rangeOut) {
    Token open = read();
    StringBuilder sb = new StringBuilder();
    Range end = open.range();
    while (true) {
      Token t = toks[pos];
      switch (t.kind()) {
        case QUOTED_LIT -> {
          pos++;
          sb.append(decodeQuoted(t));
          end = t.range();
        }
        case CQUOTE -> {
          pos++;
          rangeOut[0] = open.range().to(t.range());
          return nfc(sb.toString());
        }
        case TEMPLATE_INTERP, TEMPLATE_CONTROL -> {
          diags.error(
              "Invalid string literal",
              "Template sequences are not allowed in this"
                  + " string. To include a literal \""
                  + t.text().charAt(0)
                  + "\", double it (as \""
                  + t.text().charAt(0)
                  + t.text().charAt(0)
                  + "\") to escape it.",
              t.range());
          recovery = true;
          pos++;
          int depth = 0;
          while (toks[pos].kind() != TokenKind.EOF
              && !(depth == 0 && toks[pos].kind() == TokenKind.TEMPLATE_SEQ_END)) {
            depth = Math.max(0, depth + nesting(toks[pos].kind()));
            pos++;
          }
          if (toks[pos].kind() == TokenKind.TEMPLATE_SEQ_END) {
            end = toks[pos].range();
            pos++;
          }
        }
        case QUOTED_NEWLINE -> {
          pos++;
          multiLineString(t);
          rangeOut[0] = open.range().to(t.range());
          return nfc(sb.toString());
        }
        default -> {
          if (!recovery) {
            diags.error(
                "Unterminated template string",
                "No closing marker was found for the" + " string.",
                r(t));
          }
          recovery = true;
          rangeOut[0] = open.range().to(end);
          return nfc(sb.toString());
        }
      }
    }
  }

  private void multiLineString(Token t) {
    if (!recovery) {
      diags.error(
          "Invalid multi-line string",
          "Quoted strings may not be split over multiple"
              + " lines. To produce a multi-line string, either use the \\n escape to represent a"
              + " newline character or use the \"heredoc\" multi-line template syntax.",
          t.range());
      diags.error(
          "Unterminated template string", "No closing marker was found for the string.", t.range());
    }
    recovery = true;
  }

  // ---------------------------------------------------------------- expressions

  private Expr placeholder(Range r) {
    return new Expr.Literal(Value.UNKNOWN, r);
  }

  private Expr parseExpr() {
    Expr cond = parseBinary(1);
    if (peek().kind() != TokenKind.QUESTION) {
      return cond;
    }
    read();
    Expr yes = parseExpr();
    Token colon = peek();
    if (colon.kind() != TokenKind.COLON) {
      error(
          "Missing false expression in conditional",
          "The conditional operator (...?...:...)"
              + " requires a false expression, delimited by a colon.",
          r(colon));
      return new Expr.Conditional(cond, yes, placeholder(r(colon)), cond.range().to(yes.range()));
    }
    read();
    Expr no = parseExpr();
    return new Expr.Conditional(cond, yes, no, cond.range().to(no.range()));
  }

  private static Operator binaryOperator(TokenKind k) {
    return switch (k) {
      case OR -> Operator.OR;
      case AND -> Operator.AND;
      case EQUAL_OP -> Operator.EQUAL;
      case NOT_EQUAL -> Operator.NOT_EQUAL;
      case GREATER_THAN -> Operator.GREATER_THAN;
      case GREATER_THAN_EQ -> Operator.GREATER_OR_EQUAL;
      case LESS_THAN -> Operator.LESS_THAN;
      case LESS_THAN_EQ -> Operator.LESS_OR_EQUAL;
      case PLUS -> Operator.ADD;
      case MINUS -> Operator.SUBTRACT;
      case STAR -> Operator.MULTIPLY;
      case SLASH -> Operator.DIVIDE;
      case PERCENT -> Operator.MODULO;
      default -> null;
    };
  }

  private Expr parseBinary(int minPrecedence) {
    Expr lhs = parseTerm();
    while (true) {
      Operator op = binaryOperator(peek().kind());
      if (op == null || op.precedence() < minPrecedence) {
        return lhs;
      }
      read();
      Expr rhs = parseBinary(op.precedence() + 1);
      lhs = new Expr.BinaryOp(op, lhs, rhs, lhs.range().to(rhs.range()));
    }
  }

  private Expr parseTerm() {
    Token t = peek();
    switch (t.kind()) {
      case MINUS, BANG -> {
        read();
        Expr operand = parseTerm();
        Range range = t.range().to(operand.range());
        if (t.kind() == TokenKind.MINUS
            && operand instanceof Expr.Literal l
            && l.value() instanceof NumberValue n) {
          return new Expr.Literal(new NumberValue(n.value().negate()), range);
        }
        return new Expr.UnaryOp(
            t.kind() == TokenKind.MINUS ? Operator.NEGATE : Operator.NOT, operand, range);
      }
      default -> {
        return parseTraversals(parsePrimary());
      }
    }
  }

  private Expr parsePrimary() {
    Token t = peek();
    switch (t.kind()) {
      case OPAREN -> {
        read();
        pushNl(false);
        Expr inner = parseExpr();
        Token close = peek();
        Range range;
        if (close.kind() == TokenKind.CPAREN) {
          read();
          range = t.range().to(close.range());
        } else {
          error(
              "Unbalanced parentheses",
              "Expected a closing parenthesis to terminate the expression." + hint(close),
              r(close));
          range = t.range().to(inner.range());
        }
        popNl();
        return new Expr.Parens(inner, range);
      }
      case NUMBER_LIT -> {
        read();
        try {
          return new Expr.Literal(new NumberValue(new BigDecimal(t.text())), t.range());
        } catch (NumberFormatException | ArithmeticException e) {
          error(
              "Invalid number literal",
              "Failed to recognize the value of this number" + " literal.",
              t.range());
          return placeholder(t.range());
        }
      }
      case IDENT -> {
        Token next = peek2();
        if (next.kind() == TokenKind.OPAREN || next.kind() == TokenKind.DOUBLE_COLON) {
          return parseFunctionCall();
        }
        read();
        return switch (t.text()) {
          case "true" -> new Expr.Literal(Value.TRUE, t.range());
          case "false" -> new Expr.Literal(Value.FALSE, t.range());
          case "null" -> new Expr.Literal(Value.NULL, t.range());
          default ->
              new Expr.ScopeTraversal(List.of(new Traverser.Root(t.text(), t.range())), t.range());
        };
      }
      case OQUOTE -> {
        return parseQuotedTemplate();
      }
      case OHEREDOC -> {
        return parseHeredoc();
      }
      case OBRACK -> {
        read();
        pushNl(false);
        Expr e =
            isKeyword(peek(), "for") && peek2().kind() == TokenKind.IDENT
                ? parseFor(t, false)
                : parseTuple(t);
        popNl();
        return e;
      }
      case OBRACE -> {
        read();
        pushNl(false);
        boolean isFor = isKeyword(peek(), "for") && peek2().kind() == TokenKind.IDENT;
        popNl();
        if (isFor) {
          pushNl(false);
          Expr e = parseFor(t, true);
          popNl();
          return e;
        }
        pushNl(true);
        Expr e = parseObject(t);
        popNl();
        return e;
      }
      case EOF -> {
        error(
            "Missing expression",
            "Expected the start of an expression, but found the end of the file.",
            r(t));
        return placeholder(r(t));
      }
      default -> {
        error("Invalid expression", INVALID_EXPR + hint(t), r(t));
        return placeholder(r(t));
      }
    }
  }

  private Expr parseFunctionCall() {
    Token first = read();
    StringBuilder name = new StringBuilder(first.text());
    Range nameRange = first.range();
    while (peek().kind() == TokenKind.DOUBLE_COLON) {
      Token sep = read();
      Token part = peek();
      if (part.kind() != TokenKind.IDENT) {
        error(
            "Missing function name",
            "Function scope resolution symbol :: must be followed by"
                + " a function name in this scope.",
            r(part));
        return placeholder(nameRange.to(sep.range()));
      }
      read();
      name.append("::").append(part.text());
      nameRange = nameRange.to(part.range());
    }
    Token open = peek();
    if (open.kind() != TokenKind.OPAREN) {
      error(
          "Missing open parenthesis",
          "Function selector must be followed by an open"
              + " parenthesis to begin the function call.",
          r(open));
      return placeholder(nameRange);
    }
    read();
    pushNl(false);
    List<Expr> args = new ArrayList<>();
    boolean expand = false;
    Token close = null;
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.CPAREN) {
        close = read();
        break;
      }
      if (t.kind() == TokenKind.EOF) {
        error(
            "Unterminated function call",
            "There is no closing parenthesis for this function"
                + " call before the end of the file. This may be caused by incorrect parenthesis"
                + " nesting elsewhere in this file.",
            nameRange.to(open.range()));
        break;
      }
      args.add(parseExpr());
      t = peek();
      if (t.kind() == TokenKind.ELLIPSIS) {
        read();
        expand = true;
        if (peek().kind() != TokenKind.CPAREN) {
          error(
              "Missing closing parenthesis",
              "An expanded function argument (with ...) must be"
                  + " immediately followed by closing parentheses.",
              t.range());
          close = skipToClose(TokenKind.CPAREN);
          break;
        }
        continue;
      }
      if (t.kind() == TokenKind.COMMA) {
        read();
        continue;
      }
      if (t.kind() == TokenKind.CPAREN || t.kind() == TokenKind.EOF) {
        continue;
      }
      error(
          "Missing argument separator",
          "A comma is required to separate each function" + " argument from the next." + hint(t),
          r(t));
      close = skipToClose(TokenKind.CPAREN);
      break;
    }
    popNl();
    Range end =
        close != null ? close.range() : args.isEmpty() ? open.range() : args.getLast().range();
    return new Expr.FunctionCall(
        name.toString(),
        args,
        expand,
        nameRange,
        open.range(),
        close != null ? close.range() : null,
        nameRange.to(end));
  }

  private Expr parseTuple(Token open) {
    List<Expr> elems = new ArrayList<>();
    Token close = null;
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.CBRACK) {
        close = read();
        break;
      }
      if (t.kind() == TokenKind.EOF) {
        error(
            "Unterminated tuple constructor expression",
            "There is no corresponding closing"
                + " bracket before the end of the file. This may be caused by incorrect bracket"
                + " nesting elsewhere in this file.",
            open.range());
        break;
      }
      elems.add(parseExpr());
      t = peek();
      if (t.kind() == TokenKind.COMMA) {
        read();
      } else if (t.kind() != TokenKind.CBRACK && t.kind() != TokenKind.EOF) {
        error(
            "Missing item separator",
            "Expected a comma to mark the beginning of the next item." + hint(t),
            r(t));
        close = skipToClose(TokenKind.CBRACK);
        break;
      }
    }
    Range end =
        close != null ? close.range() : elems.isEmpty() ? open.range() : elems.getLast().range();
    return new Expr.TupleCons(elems, open.range().to(end));
  }

  private Expr parseObject(Token open) {
    List<Expr.ObjectItem> items = new ArrayList<>();
    Token close = null;
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.NEWLINE) {
        read();
        continue;
      }
      if (t.kind() == TokenKind.CBRACE) {
        close = read();
        break;
      }
      Token keyStart = peek();
      Expr key = parseExpr();
      boolean bare = false;
      if (key instanceof Expr.ScopeTraversal s && s.traversal().size() == 1) {
        key = new Expr.Literal(new StringValue(s.rootName()), s.range());
        bare = true;
      } else if (key instanceof Expr.Literal l
          && keyStart.kind() == TokenKind.IDENT
          && l.range().equals(keyStart.range())) {
        // true, false and null written as keys are names, as in Terraform: { null = 1 }
        key = new Expr.Literal(new StringValue(keyStart.text()), l.range());
        bare = true;
      }
      if (recovery) {
        close = skipToClose(TokenKind.CBRACE);
        break;
      }
      Token sep = peek();
      if (sep.kind() != TokenKind.EQUAL && sep.kind() != TokenKind.COLON) {
        String hint =
            sep.kind() == TokenKind.FAT_ARROW
                ? " Did you mean \"=\"? Object attributes are written key = value."
                : "";
        error(
            "Missing key/value separator",
            "Expected an equals sign (\"=\") to mark the"
                + " beginning of the attribute value. If you intended to given an attribute name"
                + " containing periods or spaces, write the name in quotes to create a string"
                + " literal."
                + hint,
            r(sep));
        close = skipToClose(TokenKind.CBRACE);
        break;
      }
      read();
      Expr value = parseExpr();
      items.add(new Expr.ObjectItem(key, value, bare));
      if (recovery) {
        close = skipToClose(TokenKind.CBRACE);
        break;
      }
      t = peek();
      if (t.kind() == TokenKind.COMMA || t.kind() == TokenKind.NEWLINE) {
        read();
      } else if (t.kind() != TokenKind.CBRACE) {
        if (t.kind() == TokenKind.EOF) {
          error(
              "Unterminated object constructor expression",
              "There is no corresponding"
                  + " closing brace before the end of the file. This may be caused by incorrect"
                  + " brace nesting elsewhere in this file.",
              open.range());
          break;
        }
        error(
            "Missing attribute separator",
            "Expected a newline or comma to mark the beginning"
                + " of the next attribute."
                + hint(t),
            r(t));
        close = skipToClose(TokenKind.CBRACE);
        break;
      }
    }
    Range end =
        close != null
            ? close.range()
            : items.isEmpty() ? open.range() : items.getLast().value().range();
    return new Expr.ObjectCons(items, open.range().to(end));
  }

  private Expr parseFor(Token open, boolean object) {
    TokenKind closeKind = object ? TokenKind.CBRACE : TokenKind.CBRACK;
    read(); // for
    Token v1 = read(); // an identifier: checked by the caller
    String keyVar = null;
    String valueVar = v1.text();
    if (peek().kind() == TokenKind.COMMA) {
      read();
      Token v2 = peek();
      if (v2.kind() != TokenKind.IDENT) {
        error(
            "Invalid 'for' expression",
            "For expression requires value variable name after comma.",
            r(v2));
        return forRecover(open, closeKind);
      }
      read();
      keyVar = valueVar;
      valueVar = v2.text();
    }
    Token in = peek();
    if (!isKeyword(in, "in")) {
      error(
          "Invalid 'for' expression",
          "For expression requires the 'in' keyword after its name declarations.",
          r(in));
      return forRecover(open, closeKind);
    }
    read();
    Expr coll = parseExpr();
    Token colon = peek();
    if (colon.kind() != TokenKind.COLON) {
      error(
          "Invalid 'for' expression",
          "For expression requires a colon after the collection expression.",
          r(colon));
      return forRecover(open, closeKind);
    }
    read();
    Expr first = parseExpr();
    Expr keyExpr = null;
    Expr valueExpr = first;
    if (object) {
      if (peek().kind() != TokenKind.FAT_ARROW) {
        error(
            "Invalid 'for' expression",
            "Key expression is required when building an object.",
            first.range());
        return forRecover(open, closeKind);
      }
      read();
      keyExpr = first;
      valueExpr = parseExpr();
    } else if (peek().kind() == TokenKind.FAT_ARROW) {
      error(
          "Invalid 'for' expression",
          "Key expression is not valid when building a tuple.",
          first.range());
      return forRecover(open, closeKind);
    }
    boolean grouping = false;
    if (peek().kind() == TokenKind.ELLIPSIS) {
      Token ell = read();
      if (!object) {
        error(
            "Invalid 'for' expression",
            "Grouping ellipsis (...) cannot be used when building a tuple.",
            ell.range());
        return forRecover(open, closeKind);
      }
      grouping = true;
    }
    Expr cond = null;
    if (isKeyword(peek(), "if")) {
      read();
      cond = parseExpr();
    }
    Token close = peek();
    if (close.kind() != closeKind) {
      error(
          "Invalid 'for' expression",
          "Extra characters after the end of the 'for' expression.",
          r(close));
      return forRecover(open, closeKind);
    }
    read();
    return new Expr.For(
        keyVar,
        valueVar,
        coll,
        keyExpr,
        valueExpr,
        cond,
        grouping,
        open.range().to(close.range()),
        open.range(),
        close.range());
  }

  private Expr forRecover(Token open, TokenKind closeKind) {
    Token close = skipToClose(closeKind);
    Range range = close != null ? open.range().to(close.range()) : open.range();
    return placeholder(range);
  }

  // ---------------------------------------------------------------- traversals

  private Expr parseTraversals(Expr from) {
    Expr base = from;
    List<Traverser> steps = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.DOT) {
        Token dot = read();
        Token name = peek();
        switch (name.kind()) {
          case IDENT -> {
            read();
            steps.add(new Traverser.Attr(name.text(), dot.range().to(name.range())));
          }
          case NUMBER_LIT -> {
            read();
            steps.add(legacyIndex(dot, name));
          }
          case STAR -> {
            Token star = read();
            base = attrSplat(withSteps(base, steps), dot, star);
            steps = new ArrayList<>();
          }
          default -> {
            error("Invalid attribute name", "An attribute name is required after a dot.", r(name));
            return withSteps(base, steps);
          }
        }
      } else if (t.kind() == TokenKind.OBRACK) {
        Token open = read();
        pushNl(false);
        if (peek().kind() == TokenKind.STAR) {
          read();
          Token close = peek();
          if (close.kind() == TokenKind.CBRACK) {
            read();
          } else {
            error(
                "Missing close bracket on splat index",
                "The star for a full splat operator"
                    + " must be immediately followed by a closing bracket (\"]\").",
                r(close));
            close = prev;
          }
          popNl();
          Range marker = open.range().to(close.range());
          Expr.SplatItem item = new Expr.SplatItem(marker);
          Expr each = parseTraversals(item);
          Expr source = withSteps(base, steps);
          steps = new ArrayList<>();
          base = new Expr.Splat(source, each, source.range().to(each.range()), marker);
          continue;
        }
        Expr key = parseExpr();
        Token close = peek();
        Range range;
        if (close.kind() == TokenKind.CBRACK) {
          read();
          range = open.range().to(close.range());
        } else {
          error(
              "Missing close bracket on index",
              "The index operator must end with a closing bracket (\"]\").",
              r(close));
          range = open.range().to(key.range());
        }
        popNl();
        Value staticKey = staticKey(key);
        if (staticKey != null) {
          steps.add(new Traverser.Index(staticKey, range));
        } else {
          Expr coll = withSteps(base, steps);
          steps = new ArrayList<>();
          base = new Expr.Index(coll, key, coll.range().to(range), range);
        }
      } else {
        return withSteps(base, steps);
      }
    }
  }

  private static Value staticKey(Expr key) {
    if (key instanceof Expr.Literal l && l.value().isKnown()) {
      return l.value();
    }
    if (key instanceof Expr.Template t
        && t.parts().size() == 1
        && t.parts().getFirst() instanceof Expr.Literal l) {
      return l.value();
    }
    return null;
  }

  private Traverser legacyIndex(Token dot, Token num) {
    Range range = dot.range().to(num.range());
    int d = num.text().indexOf('.');
    if (d >= 0) {
      error(
          "Invalid legacy index syntax",
          "When using the legacy index syntax, chaining two"
              + " indexes together is not permitted. Use the proper index syntax instead, like ["
              + num.text().substring(0, d)
              + "]["
              + num.text().substring(d + 1)
              + "].",
          num.range());
      return new Traverser.Index(Value.UNKNOWN, range);
    }
    return new Traverser.Index(new NumberValue(new BigDecimal(num.text())), range);
  }

  /** {@code source.*.a.b}: only attribute (and legacy index) steps apply per element. */
  private Expr attrSplat(Expr source, Token dot, Token star) {
    List<Traverser> each = new ArrayList<>();
    Range last = null;
    while (peek().kind() == TokenKind.DOT) {
      Token d = read();
      Token name = peek();
      if (name.kind() == TokenKind.IDENT) {
        read();
        each.add(new Traverser.Attr(name.text(), d.range().to(name.range())));
        last = name.range();
      } else if (name.kind() == TokenKind.NUMBER_LIT) {
        read();
        each.add(legacyIndex(d, name));
        last = name.range();
      } else {
        if (name.kind() == TokenKind.STAR) {
          error(
              "Nested splat expression not allowed",
              "A splat expression (*) cannot be used"
                  + " inside another attribute-only splat expression.",
              r(name));
        } else {
          error("Invalid attribute name", "An attribute name is required after a dot.", r(name));
        }
        break;
      }
    }
    Range marker = dot.range().to(star.range());
    Expr.SplatItem item = new Expr.SplatItem(marker);
    Expr eachExpr =
        each.isEmpty() ? item : new Expr.RelativeTraversal(item, each, star.range().to(last));
    return new Expr.Splat(source, eachExpr, source.range().to(eachExpr.range()), marker);
  }

  /** {@code base} with static traversal steps appended (extending a traversal it already is). */
  private static Expr withSteps(Expr base, List<Traverser> steps) {
    if (steps.isEmpty()) {
      return base;
    }
    Range range = base.range().to(steps.getLast().range());
    if (base instanceof Expr.ScopeTraversal s) {
      List<Traverser> all = new ArrayList<>(s.traversal());
      all.addAll(steps);
      return new Expr.ScopeTraversal(all, range);
    }
    if (base instanceof Expr.RelativeTraversal rt) {
      List<Traverser> all = new ArrayList<>(rt.traversal());
      all.addAll(steps);
      return new Expr.RelativeTraversal(rt.source(), all, range);
    }
    return new Expr.RelativeTraversal(base, steps, range);
  }

  // ---------------------------------------------------------------- templates

  private enum PartKind {
    LITERAL,
    INTERP,
    IF,
    ELSE,
    ENDIF,
    FOR,
    ENDFOR
  }

  /** One flat piece of a template before if/for nesting is resolved. */
  private static final class Part {
    final PartKind kind;
    String text;
    Range range;
    Expr expr;
    String keyVar;
    String valueVar;

    Part(PartKind kind, Range range) {
      this.kind = kind;
      this.range = range;
    }
  }

  private Expr parseQuotedTemplate() {
    Token open = read();
    Token first = peek();
    List<Part> parts = parseTemplateParts();
    Token end = peek();
    Range range;
    if (end.kind() == TokenKind.CQUOTE) {
      read();
      range = open.range().to(end.range());
    } else if (end.kind() == TokenKind.QUOTED_NEWLINE) {
      read();
      multiLineString(end);
      range = open.range().to(end.range());
    } else {
      unterminatedTemplate(first, end);
      range = parts.isEmpty() ? open.range() : open.range().to(parts.getLast().range);
    }
    Range inner =
        new Range(
            file,
            open.range().end(),
            end.kind() == TokenKind.CQUOTE ? end.range().start() : range.end());
    return buildTemplate(parts, range, inner, true);
  }

  private Expr parseHeredoc() {
    Token open = read();
    boolean flush = open.text().startsWith("<<-");
    Token first = peek();
    List<Part> parts = parseTemplateParts();
    Token end = peek();
    Range range;
    if (end.kind() == TokenKind.CHEREDOC) {
      read();
      range = open.range().to(end.range());
    } else {
      unterminatedTemplate(first, end);
      range = parts.isEmpty() ? open.range() : open.range().to(parts.getLast().range);
    }
    if (flush) {
      flushHeredoc(parts);
    }
    Range inner = new Range(file, open.range().end(), end.range().start());
    return buildTemplate(parts, range, inner, false);
  }

  /**
   * "Unterminated template string" at {@code end} (often the end of the file), with the template's
   * text from {@code first} on as context, so that the source lines shown are the template's.
   */
  private void unterminatedTemplate(Token first, Token end) {
    if (!recovery) {
      diags.add(
          Diagnostic.error(
                  "Unterminated template string",
                  "No closing marker was found for the string.",
                  r(end))
              .withContext(first.range().to(r(end))));
    }
    recovery = true;
  }

  /** Reads literal, interpolation and directive tokens up to whatever ends the template. */
  private List<Part> parseTemplateParts() {
    List<Part> parts = new ArrayList<>();
    boolean stripNext = false;
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case QUOTED_LIT, STRING_LIT -> {
          read();
          Part p = new Part(PartKind.LITERAL, t.range());
          String text = t.kind() == TokenKind.QUOTED_LIT ? decodeQuoted(t) : decodeHeredoc(t);
          p.text = nfc(text);
          if (stripNext) {
            p.text = trimLeft(p.text);
            stripNext = false;
          }
          parts.add(p);
        }
        case TEMPLATE_INTERP -> {
          read();
          stripPrevious(parts, t);
          pushNl(false);
          Expr e = parseExpr();
          Token end = sequenceEnd(t, true);
          popNl();
          Part p = new Part(PartKind.INTERP, t.range().to(end != null ? end.range() : e.range()));
          p.expr = e;
          parts.add(p);
          stripNext = end != null && end.text().startsWith("~");
        }
        case TEMPLATE_CONTROL -> {
          read();
          stripPrevious(parts, t);
          pushNl(false);
          Part p = parseDirective(t);
          Token end = sequenceEnd(t, false);
          popNl();
          if (p != null) {
            p.range = t.range().to(end != null ? end.range() : prev.range());
            parts.add(p);
          }
          stripNext = end != null && end.text().startsWith("~");
        }
        default -> {
          return parts;
        }
      }
    }
  }

  private Part parseDirective(Token open) {
    Token kw = peek();
    if (kw.kind() != TokenKind.IDENT) {
      error(
          "Invalid template directive",
          "A template directive keyword (\"if\", \"for\", etc)"
              + " is expected at the beginning of a %{ sequence.",
          r(kw));
      return null;
    }
    read();
    switch (kw.text()) {
      case "if" -> {
        Part p = new Part(PartKind.IF, kw.range());
        p.expr = parseExpr();
        return p;
      }
      case "else" -> {
        return new Part(PartKind.ELSE, kw.range());
      }
      case "endif" -> {
        return new Part(PartKind.ENDIF, kw.range());
      }
      case "endfor" -> {
        return new Part(PartKind.ENDFOR, kw.range());
      }
      case "for" -> {
        Part p = new Part(PartKind.FOR, kw.range());
        Token v1 = peek();
        if (v1.kind() != TokenKind.IDENT) {
          error(
              "Invalid 'for' directive",
              "For directive requires variable name after 'for'.",
              r(v1));
          return null;
        }
        read();
        p.valueVar = v1.text();
        if (peek().kind() == TokenKind.COMMA) {
          read();
          Token v2 = peek();
          if (v2.kind() != TokenKind.IDENT) {
            error(
                "Invalid 'for' directive",
                "For directive requires value variable name after comma.",
                r(v2));
            return null;
          }
          read();
          p.keyVar = p.valueVar;
          p.valueVar = v2.text();
        }
        Token in = peek();
        if (!isKeyword(in, "in")) {
          error(
              "Invalid 'for' directive", "For directive requires 'in' keyword after names.", r(in));
          return null;
        }
        read();
        p.expr = parseExpr();
        return p;
      }
      default -> {
        String suggestion = null;
        for (String k : List.of("if", "else", "endif", "for", "endfor")) {
          if (editDistance(kw.text(), k) <= 2) {
            suggestion = k;
            break;
          }
        }
        error(
            "Invalid template control keyword",
            "\""
                + kw.text()
                + "\" is not a valid template"
                + " control keyword."
                + (suggestion != null ? " Did you mean \"" + suggestion + "\"?" : ""),
            kw.range());
        return null;
      }
    }
  }

  /** Reads the {@code }} that ends a sequence opened by {@code open}; null when missing. */
  private Token sequenceEnd(Token open, boolean interp) {
    Token end = peek();
    if (end.kind() == TokenKind.TEMPLATE_SEQ_END) {
      return read();
    }
    switch (end.kind()) {
      case CQUOTE, QUOTED_NEWLINE, EOF, CHEREDOC, OQUOTE -> {
        error(
            interp ? "Unclosed template interpolation sequence" : "Unclosed template directive",
            "There is no closing brace for this "
                + (interp ? "interpolation" : "directive")
                + " sequence before the end of the quoted template. This might be caused by"
                + " incorrect nesting inside the given expression.",
            open.range());
        return null;
      }
      default -> {
        if (interp) {
          error(
              "Extra characters after interpolation expression",
              "Expected a closing brace to"
                  + " end the interpolation expression, but found extra characters.\n\nThis can"
                  + " happen when you include interpolation syntax for another language, such as"
                  + " shell scripting, but forget to escape the interpolation start token. If this is"
                  + " an embedded sequence for another language, escape it by starting with \"$${\""
                  + " instead of just \"${\"."
                  + hint(end),
              r(end));
        } else {
          error(
              "Extra characters in template directive",
              "Expected a closing brace to end the"
                  + " template directive, but found extra characters.",
              r(end));
        }
        int depth = 0;
        while (true) {
          Token t = toks[pos];
          switch (t.kind()) {
            case EOF -> {
              // the end of input ends the search whatever is still open: never read past it
              return null;
            }
            case CQUOTE, QUOTED_NEWLINE, CHEREDOC -> {
              if (depth == 0) {
                return null;
              }
            }
            case TEMPLATE_SEQ_END -> {
              if (depth == 0) {
                pos++;
                prev = t;
                return t;
              }
            }
            default -> {}
          }
          depth = Math.max(0, depth + nesting(t.kind()));
          pos++;
          prev = t;
        }
      }
    }
  }

  private static void stripPrevious(List<Part> parts, Token opener) {
    if (opener.text().endsWith("~")
        && !parts.isEmpty()
        && parts.getLast().kind == PartKind.LITERAL) {
      Part p = parts.getLast();
      p.text = trimRight(p.text);
    }
  }

  private static boolean isSpace(int c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || c == 0x0B
        || c == '\f'
        || c == 0x85
        || (c > 0x7f && Character.isSpaceChar(c));
  }

  private static String trimLeft(String s) {
    int k = 0;
    while (k < s.length() && isSpace(s.charAt(k))) {
      k++;
    }
    return s.substring(k);
  }

  private static String trimRight(String s) {
    int k = s.length();
    while (k > 0 && isSpace(s.charAt(k - 1))) {
      k--;
    }
    return s.substring(0, k);
  }

  /**
   * {@code <<-} heredocs: removes from every line the smallest leading-whitespace width (in
   * characters) of the lines. A line that is only whitespace does not count; a line that starts
   * with an interpolation or directive counts as zero.
   */
  private static void flushHeredoc(List<Part> parts) {
    int min = Integer.MAX_VALUE;
    boolean lineStart = true;
    List<Part> adjust = new ArrayList<>();
    for (Part p : parts) {
      if (lineStart) {
        lineStart = false;
        int spaces;
        if (p.kind == PartKind.LITERAL) {
          String trimmed = trimLeft(p.text);
          if (trimmed.isEmpty() && p.text.endsWith("\n")) {
            spaces = Integer.MAX_VALUE;
          } else {
            String lead = p.text.substring(0, p.text.length() - trimmed.length());
            spaces = lead.codePointCount(0, lead.length());
            adjust.add(p);
          }
        } else {
          spaces = 0;
        }
        min = Math.min(min, spaces);
      }
      if (p.kind == PartKind.LITERAL && p.text.endsWith("\n")) {
        lineStart = true;
      }
    }
    if (min == Integer.MAX_VALUE || min == 0) {
      return;
    }
    for (Part p : adjust) {
      int cut = p.text.offsetByCodePoints(0, min);
      String removed = p.text.substring(0, cut);
      p.text = p.text.substring(cut);
      Pos s = p.range.start();
      int bytes = utf8Length(removed);
      p.range =
          new Range(
              p.range.filename(),
              new Pos(s.line(), s.column() + min, s.byteOffset() + bytes),
              p.range.end());
    }
  }

  private static int utf8Length(String s) {
    int bytes = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && k + 1 < s.length()) {
        bytes += 4;
        k++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * Turns the flat parts into a template: nests if/for directives, merges adjacent literal text. A
   * quoted template that is exactly one interpolation becomes a {@link Expr.TemplateWrap}.
   */
  private Expr buildTemplate(List<Part> parts, Range range, Range inner, boolean mayWrap) {
    if (mayWrap && parts.size() == 1 && parts.getFirst().kind == PartKind.INTERP) {
      return new Expr.TemplateWrap(parts.getFirst().expr, range);
    }
    int[] idx = {0};
    List<Expr> out = new ArrayList<>();
    while (true) {
      out.addAll(buildSequence(parts, idx, inner));
      if (idx[0] >= parts.size()) {
        break;
      }
      Part stray = parts.get(idx[0]++);
      if (!recovery) {
        diags.error(
            "Unexpected " + stray.kind.name().toLowerCase() + " directive",
            "The control directives within this template are unbalanced.",
            stray.range);
      }
    }
    if (out.isEmpty()) {
      out.add(new Expr.Literal(new StringValue(""), Range.at(file, inner.start())));
    }
    return new Expr.Template(out, range);
  }

  /** Parts up to (not including) an else/endif/endfor or the end. */
  private List<Expr> buildSequence(List<Part> parts, int[] idx, Range inner) {
    List<Expr> out = new ArrayList<>();
    StringBuilder lit = null;
    Range litRange = null;
    while (idx[0] < parts.size()) {
      Part p = parts.get(idx[0]);
      if (p.kind == PartKind.LITERAL) {
        idx[0]++;
        if (lit == null) {
          lit = new StringBuilder(p.text);
          litRange = p.range;
        } else {
          lit.append(p.text);
          litRange = litRange.to(p.range);
        }
        continue;
      }
      if (p.kind == PartKind.ELSE || p.kind == PartKind.ENDIF || p.kind == PartKind.ENDFOR) {
        break;
      }
      if (lit != null) {
        out.add(new Expr.Literal(new StringValue(lit.toString()), litRange));
        lit = null;
      }
      idx[0]++;
      switch (p.kind) {
        case INTERP -> out.add(p.expr);
        case IF -> out.add(buildIf(p, parts, idx, inner));
        case FOR -> out.add(buildFor(p, parts, idx, inner));
        case LITERAL, ELSE, ENDIF, ENDFOR ->
            throw new IllegalStateException("handled above: " + p.kind);
      }
    }
    if (lit != null) {
      out.add(new Expr.Literal(new StringValue(lit.toString()), litRange));
    }
    return out;
  }

  private Expr.Template subTemplate(List<Expr> items, Range after) {
    if (items.isEmpty()) {
      return new Expr.Template(List.of(), Range.at(file, after.end()));
    }
    return new Expr.Template(items, items.getFirst().range().to(items.getLast().range()));
  }

  private Expr buildIf(Part open, List<Part> parts, int[] idx, Range inner) {
    Expr.Template then = subTemplate(buildSequence(parts, idx, inner), open.range);
    Expr.Template otherwise = null;
    if (idx[0] < parts.size() && parts.get(idx[0]).kind == PartKind.ELSE) {
      Part els = parts.get(idx[0]++);
      otherwise = subTemplate(buildSequence(parts, idx, inner), els.range);
    }
    Range end;
    if (idx[0] < parts.size() && parts.get(idx[0]).kind == PartKind.ENDIF) {
      end = parts.get(idx[0]++).range;
    } else {
      end = unclosedDirective("if", "endif", open, parts, idx, inner);
    }
    return new Expr.TemplateIf(open.expr, then, otherwise, open.range.to(end));
  }

  private Expr buildFor(Part open, List<Part> parts, int[] idx, Range inner) {
    Expr.Template body = subTemplate(buildSequence(parts, idx, inner), open.range);
    Range end;
    if (idx[0] < parts.size() && parts.get(idx[0]).kind == PartKind.ENDFOR) {
      end = parts.get(idx[0]++).range;
    } else {
      end = unclosedDirective("for", "endfor", open, parts, idx, inner);
    }
    return new Expr.TemplateFor(open.keyVar, open.valueVar, open.expr, body, open.range.to(end));
  }

  private Range unclosedDirective(
      String name, String closer, Part open, List<Part> parts, int[] idx, Range inner) {
    if (idx[0] < parts.size()) {
      Part wrong = parts.get(idx[0]++);
      if (!recovery) {
        diags.error(
            "Unexpected " + wrong.kind.name().toLowerCase() + " directive",
            "Expected an"
                + " "
                + closer
                + " directive to end the "
                + name
                + " directive at "
                + open.range
                + ".",
            wrong.range);
      }
      recovery = true;
      return wrong.range;
    }
    Token end = toks[pos > 0 ? pos - 1 : 0];
    Range subject =
        end.kind() == TokenKind.CQUOTE || end.kind() == TokenKind.CHEREDOC
            ? end.range()
            : r(toks[pos]);
    if (!recovery) {
      diags.error(
          "Unexpected end of template",
          "The "
              + name
              + " directive at "
              + open.range
              + " is missing its corresponding "
              + closer
              + " directive.",
          subject);
    }
    recovery = true;
    return open.range;
  }

  private static int editDistance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diag = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int up = row[j];
        row[j] =
            Math.min(
                Math.min(row[j] + 1, row[j - 1] + 1),
                diag + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diag = up;
      }
    }
    return row[b.length()];
  }

  // ---------------------------------------------------------------- literals

  private static String nfc(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) >= 0x300) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC)
            ? s
            : Normalizer.normalize(s, Normalizer.Form.NFC);
      }
    }
    return s;
  }

  /** Heredoc and bare-template text: only {@code $${} and {@code %%{} are escapes. */
  private static String decodeHeredoc(Token t) {
    String s = t.text();
    if (s.indexOf("${") < 0 && s.indexOf("%{") < 0) {
      return s;
    }
    return s.replace("$${", "${").replace("%%{", "%{");
  }

  /** Quoted-string text: backslash escapes, {@code $${} and {@code %%{}. */
  private String decodeQuoted(Token t) {
    String s = t.text();
    if (s.indexOf('\\') < 0 && s.indexOf("${") < 0 && s.indexOf("%{") < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int k = 0;
    int n = s.length();
    while (k < n) {
      char c = s.charAt(k);
      if ((c == '$' || c == '%') && k + 2 < n && s.charAt(k + 1) == c && s.charAt(k + 2) == '{') {
        sb.append(c).append('{');
        k += 3;
        continue;
      }
      if (c != '\\') {
        sb.append(c);
        k++;
        continue;
      }
      if (k + 1 >= n) {
        escapeError(t, k, k + 1, "A backslash must be followed by an escape sequence selector.");
        k++;
        continue;
      }
      char sel = s.charAt(k + 1);
      switch (sel) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case 'u', 'U' -> {
          int want = sel == 'u' ? 4 : 8;
          int j = k + 2;
          while (j < n && j < k + 2 + want && Character.digit(s.charAt(j), 16) >= 0) {
            j++;
          }
          if (j - (k + 2) < want) {
            escapeError(
                t,
                k,
                j,
                "The \\"
                    + sel
                    + " escape sequence must be followed by "
                    + (sel == 'u' ? "four" : "eight")
                    + " hexadecimal digits.");
            k = j;
            continue;
          }
          int cp = (int) Long.parseLong(s.substring(k + 2, j), 16);
          if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF) || cp < 0) {
            escapeError(
                t, k, j, "Cannot encode character U+" + Integer.toHexString(cp) + " in UTF-8.");
          } else {
            sb.appendCodePoint(cp);
          }
          k = j;
          continue;
        }
        default -> {
          int end = k + 1 + Character.charCount(s.codePointAt(k + 1));
          escapeError(
              t,
              k,
              end,
              "The symbol \""
                  + s.substring(k + 1, end)
                  + "\" is not a valid escape sequence selector.");
          sb.append(s, k + 1, end);
          k = end;
          continue;
        }
      }
      k += 2;
    }
    return sb.toString();
  }

  private void escapeError(Token t, int from, int to, String detail) {
    Pos base = t.range().start();
    String s = t.text();
    diags.error(
        "Invalid escape sequence",
        detail,
        new Range(file, offset(base, s, from), offset(base, s, to)));
  }

  private static Pos offset(Pos base, String s, int idx) {
    String prefix = s.substring(0, idx);
    return new Pos(
        base.line(),
        base.column() + prefix.codePointCount(0, prefix.length()),
        base.byteOffset() + utf8Length(prefix));
  }
}
