package dev.forma.provider.api.value;

import java.util.List;

/**
 * An operator that cannot apply to its operands. Each {@link Problem} names the operand at fault
 * ({@code 0} the left or only operand, {@code 1} the right, {@code -1} the operation as a whole)
 * with Terraform's summary and detail; {@code "a" < "b"} has a problem with each operand.
 */
public final class OperationException extends Exception {

  /** One diagnostic's worth: which operand, the summary, the detail. */
  public record Problem(int operandIndex, String summary, String detail) {}

  private final List<Problem> problems;

  public OperationException(int operandIndex, String summary, String detail) {
    this(List.of(new Problem(operandIndex, summary, detail)));
  }

  public OperationException(List<Problem> problems) {
    super(problems.getFirst().detail(), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in operand order (at least one). */
  public List<Problem> problems() {
    return problems;
  }

  /** The operand of the first problem: 0 left (or unary), 1 right, -1 neither. */
  public int operandIndex() {
    return problems.getFirst().operandIndex();
  }

  /** The summary of the first problem: "Invalid operand" or "Operation failed". */
  public String summary() {
    return problems.getFirst().summary();
  }

  /** The detail of the first problem, e.g. "Unsuitable value for left operand: ...". */
  public String detail() {
    return problems.getFirst().detail();
  }
}
