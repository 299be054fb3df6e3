package dev.forma.state;

import java.util.List;

/**
 * A state could not be read, written or locked, for a reason the user must see: carries one or more
 * {@link StateProblem}s with Terraform's texts. This module cannot depend on the engine's
 * diagnostics, so it reports through this checked exception and the engine converts the problems.
 */
public class StateException extends Exception {
  private final List<StateProblem> problems;

  /** An exception carrying the given problems (at least one). */
  public StateException(List<StateProblem> problems) {
    this(problems, null);
  }

  /** An exception carrying the given problems, caused by {@code cause}. */
  public StateException(List<StateProblem> problems, Throwable cause) {
    super(message(problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a StateException needs a problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** An exception carrying one problem. */
  public StateException(String summary, String detail) {
    this(List.of(StateProblem.of(summary, detail)));
  }

  /** An exception carrying one problem, caused by {@code cause}. */
  public StateException(String summary, String detail, Throwable cause) {
    this(List.of(StateProblem.of(summary, detail)), cause);
  }

  /** The problems, in the order found. */
  public List<StateProblem> problems() {
    return problems;
  }

  private static String message(List<StateProblem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder out = new StringBuilder(problems.size() + " problems:\n");
    for (StateProblem problem : problems) {
      out.append("\n- ").append(problem);
    }
    return out.toString();
  }
}
