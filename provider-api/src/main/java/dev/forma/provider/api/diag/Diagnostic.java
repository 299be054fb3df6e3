package dev.forma.provider.api.diag;

import java.util.List;

/**
 * One thing to tell the user: a short summary, a detail that says what is wrong and how to fix it,
 * and where (the subject range, plus an optional wider context range such as the whole expression
 * that contains the subject). {@code subject} may be null for diagnostics about no particular place
 * (a missing file, a bad flag).
 */
public record Diagnostic(
    Severity severity,
    String summary,
    String detail,
    Range subject,
    Range context,
    List<ExpressionValue> values) {

  /**
   * The value of one reference in the expression a diagnostic is about, shown under its source
   * lines as Terraform shows them ({@code var.env is "staging"}, {@code module.app is a object}).
   *
   * @param traversal the reference as written ({@code var.env}, {@code module.app})
   * @param statement what it is ({@code is "staging"}, {@code has a sensitive value})
   */
  public record ExpressionValue(String traversal, String statement) {}

  public Diagnostic {
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** A diagnostic without expression values. */
  public Diagnostic(
      Severity severity, String summary, String detail, Range subject, Range context) {
    this(severity, summary, detail, subject, context, List.of());
  }

  public static Diagnostic error(String summary, String detail, Range subject) {
    return new Diagnostic(Severity.ERROR, summary, detail, subject, null);
  }

  public static Diagnostic error(String summary, String detail) {
    return new Diagnostic(Severity.ERROR, summary, detail, null, null);
  }

  public static Diagnostic warning(String summary, String detail, Range subject) {
    return new Diagnostic(Severity.WARNING, summary, detail, subject, null);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The same diagnostic with a context range (the enclosing expression) added. */
  public Diagnostic withContext(Range ctx) {
    return new Diagnostic(severity, summary, detail, subject, ctx, values);
  }

  /** The same diagnostic with a subject, when it had none. */
  public Diagnostic withSubjectIfMissing(Range s) {
    return subject != null ? this : new Diagnostic(severity, summary, detail, s, context, values);
  }

  /** The same diagnostic with the values of the references in its expression. */
  public Diagnostic withValues(List<ExpressionValue> vs) {
    return new Diagnostic(severity, summary, detail, subject, context, vs);
  }
}
