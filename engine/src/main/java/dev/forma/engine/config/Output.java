package dev.forma.engine.config;

import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Range;
import java.util.List;

/**
 * An {@code output} block. {@code value} is null only when the block lacks it (an error already
 * reported). {@code declRange} runs from {@code output} through the name label.
 */
public record Output(
    String name,
    Expr value,
    String description,
    boolean sensitive,
    boolean ephemeral,
    List<Expr.ScopeTraversal> dependsOn,
    List<CheckRule> preconditions,
    Range declRange) {
  public Output {
    dependsOn = List.copyOf(dependsOn);
    preconditions = List.copyOf(preconditions);
  }
}
