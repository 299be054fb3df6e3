package dev.forma.state;

import java.util.Objects;

/**
 * One user-facing problem with a state, its file or its lock, worded as Terraform words it: a
 * summary and a detail, and where known the file, line and column (1-based; 0 when unknown). The
 * engine turns each into a diagnostic.
 */
public record StateProblem(String summary, String detail, String file, int line, int column) {
  public StateProblem {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(detail, "detail");
  }

  /** A problem with no file position. */
  public static StateProblem of(String summary, String detail) {
    return new StateProblem(summary, detail, null, 0, 0);
  }

  /** Whether the problem points at a place in a file. */
  public boolean hasPosition() {
    return file != null && line > 0;
  }

  @Override
  public String toString() {
    return summary + ": " + detail;
  }
}
