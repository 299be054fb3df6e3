package dev.forma.engine.hcl;

/**
 * The binary and unary operators of HCL, with their spelling and precedence level (higher binds
 * tighter). The parser's one precedence table is {@link #precedence()}.
 */
public enum Operator {
  OR("||", 1),
  AND("&&", 2),
  EQUAL("==", 3),
  NOT_EQUAL("!=", 3),
  GREATER_THAN(">", 4),
  GREATER_OR_EQUAL(">=", 4),
  LESS_THAN("<", 4),
  LESS_OR_EQUAL("<=", 4),
  ADD("+", 5),
  SUBTRACT("-", 5),
  MULTIPLY("*", 6),
  DIVIDE("/", 6),
  MODULO("%", 6),
  /** Unary {@code !}. */
  NOT("!", 7),
  /** Unary {@code -}. */
  NEGATE("-", 7);

  private final String symbol;
  private final int precedence;

  Operator(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }
}
