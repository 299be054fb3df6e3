package dev.forma.engine.config;

import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.TypeConstraint;
import java.util.List;

/**
 * A {@code variable} block. {@code constraint} is the declared type constraint (of {@link
 * Type#DYNAMIC} when none is given, the {@code typeExpr} null); {@code defaultExpr} is null for a
 * required variable. {@code declRange} runs from {@code variable} through the name label.
 */
public record Variable(
    String name,
    Expr typeExpr,
    TypeConstraint constraint,
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

  /** The declared type ({@link Type#DYNAMIC} when none is given). */
  public Type type() {
    return constraint.type();
  }

  /** True when the variable has no default: a value must be given. */
  public boolean required() {
    return defaultExpr == null;
  }
}
