package dev.forma.engine.config;

import dev.forma.engine.diag.Range;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.value.Type;
import java.util.List;

/**
 * A {@code variable} block. {@code type} is the declared type constraint ({@link Type#DYNAMIC}
 * when none is given, the {@code typeExpr} null); {@code defaultExpr} is null for a required
 * variable. {@code declRange} runs from {@code variable} through the name label.
 */
public record Variable(
    String name,
    Expr typeExpr,
    Type type,
    Expr defaultExpr,
    String description,
    boolean sensitive,
    boolean nullable,
    boolean ephemeral,
    List<CheckRule> validations,
    Range declRange) {
  public Variable {
    validations = List.copyOf(validations);
  }

  /** True when the variable has no default: a value must be given. */
  public boolean required() {
    return defaultExpr == null;
  }
}
