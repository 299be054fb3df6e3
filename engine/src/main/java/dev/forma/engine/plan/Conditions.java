package dev.forma.engine.plan;

import dev.forma.engine.config.CheckRule;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.eval.ExpressionValues;
import dev.forma.engine.scope.InstanceBinding;
import dev.forma.engine.scope.Scope;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Severity;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Convert;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom conditions of one checkable object instance evaluated as Terraform evaluates them: a
 * resource's {@code precondition} and {@code postcondition} blocks, an output's {@code
 * precondition} blocks, a {@code check} block's {@code assert} blocks. A false condition is a
 * diagnostic at the condition with the evaluated {@code error_message} (an error, or a warning for
 * a check block); a condition not yet known is neither pass nor fail.
 */
public final class Conditions {
  private Conditions() {}

  private static final String KNOWN_AFTER_APPLY = "Check block assertion known after apply";

  /**
   * Whether {@code d} is a plan's warning that a check block's assertion is known only after apply
   * (an apply checks the assertion again, and does not show it).
   */
  public static boolean isKnownAfterApply(Diagnostic d) {
    return d.severity() == Severity.WARNING && KNOWN_AFTER_APPLY.equals(d.summary());
  }

  /** The kind of rule, with Terraform's summary for its failure. */
  public enum Kind {
    RESOURCE_PRECONDITION("Resource precondition failed"),
    RESOURCE_POSTCONDITION("Resource postcondition failed"),
    OUTPUT_PRECONDITION("Module output value precondition failed"),
    CHECK_ASSERTION("Check block assertion failed");

    private final String failure;

    Kind(String failure) {
      this.failure = failure;
    }

    /** The summary of the diagnostic about a false condition. */
    public String failureSummary() {
      return failure;
    }
  }

  /** The result of one object's rules, as the state's {@code check_results} name it. */
  public enum Status {
    PASS("pass"),
    FAIL("fail"),
    ERROR("error"),
    UNKNOWN("unknown");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    /** The status as the state file writes it. */
    public String text() {
      return text;
    }

    /** The status of several results together: an error wins, then a failure, then unknown. */
    public static Status aggregate(List<Status> all) {
      if (all.contains(ERROR)) {
        return ERROR;
      }
      if (all.contains(FAIL)) {
        return FAIL;
      }
      return all.contains(UNKNOWN) ? UNKNOWN : PASS;
    }
  }

  /** What an object's rules came to: its status and the messages of the rules that failed. */
  public record Outcome(Status status, List<String> failureMessages) {
    public Outcome {
      failureMessages = List.copyOf(failureMessages);
    }

    /** No rule to check. */
    public static final Outcome PASS = new Outcome(Status.PASS, List.of());
  }

  /**
   * Checks {@code rules} of {@code kind} in {@code scope} with {@code binding}'s names ({@code
   * self} bound for postconditions); diagnostics go to {@code d}.
   */
  public static Outcome check(
      Kind kind, List<CheckRule> rules, Scope scope, InstanceBinding binding, Diagnostics d) {
    return check(kind, rules, scope, binding, kind == Kind.CHECK_ASSERTION, d);
  }

  /**
   * As {@link #check(Kind, List, Scope, InstanceBinding, Diagnostics)}, the failures warnings when
   * {@code warn} (a refresh-only plan's, as Terraform's).
   */
  public static Outcome check(
      Kind kind,
      List<CheckRule> rules,
      Scope scope,
      InstanceBinding binding,
      boolean warn,
      Diagnostics d) {
    List<Status> statuses = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Severity severity = warn ? Severity.WARNING : Severity.ERROR;
    for (CheckRule rule : rules) {
      statuses.add(checkOne(kind, severity, rule, scope, binding, d, failures));
    }
    return new Outcome(Status.aggregate(statuses), failures);
  }

  private static Status checkOne(
      Kind kind,
      Severity severity,
      CheckRule rule,
      Scope scope,
      InstanceBinding binding,
      Diagnostics d,
      List<String> failures) {
    var ctx = scope.forExpression(rule.condition(), binding);
    Diagnostics here = new Diagnostics().addAll(ctx.diagnostics());
    var cond = Evaluator.evaluate(rule.condition(), ctx.value());
    here.addAll(withValues(cond.diagnostics(), rule.condition(), ctx.value()));
    if (here.hasErrors() || cond.value() == null) {
      d.addAll(here);
      return Status.ERROR;
    }
    d.addAll(here);
    Value v = cond.value();
    if (!v.isWhollyKnown()) {
      if (kind == Kind.CHECK_ASSERTION) {
        d.add(
            Diagnostic.warning(
                    KNOWN_AFTER_APPLY,
                    "The condition could not be evaluated at this time, a result will be known"
                        + " when this plan is applied.",
                    rule.condition().range())
                .withValues(ExpressionValues.of(rule.condition(), ctx.value())));
      }
      return Status.UNKNOWN;
    }
    if (v.isNull()) {
      d.add(
          invalidResult(
              severity,
              rule,
              ctx.value(),
              "Condition expression must return either true or false, not null."));
      return Status.ERROR;
    }
    boolean ok;
    try {
      ok = Convert.convert(v.unmark(), Type.BOOL).unmark() instanceof BoolValue b && b.value();
    } catch (ConversionException e) {
      d.add(
          invalidResult(
              severity,
              rule,
              ctx.value(),
              "Invalid condition result value: " + e.describe() + "."));
      return Status.ERROR;
    }
    if (ok) {
      return Status.PASS;
    }
    var mctx = scope.forExpression(rule.errorMessage(), binding);
    Diagnostics md = new Diagnostics().addAll(mctx.diagnostics());
    var msg = Evaluator.evaluate(rule.errorMessage(), mctx.value());
    md.addAll(withValues(msg.diagnostics(), rule.errorMessage(), mctx.value()));
    String text = null;
    if (!md.hasErrors() && msg.value() != null) {
      Value m = msg.value();
      try {
        m = Convert.convert(m, Type.STRING);
        if (m.isNull()) {
          md.add(invalidMessage(rule, mctx.value(), "must not be null."));
        } else if (!m.isKnown()) {
          text = "";
        } else if (m.isSensitive()) {
          md.add(
              Diagnostic.warning(
                      "Error message refers to sensitive values",
                      "The error expression used to explain this condition refers to sensitive"
                          + " values, so Forma will not display the resulting message.\n\n"
                          + "You can correct this by removing references to sensitive values, or"
                          + " by carefully using the nonsensitive() function if the expression"
                          + " will not reveal the sensitive data.",
                      rule.errorMessage().range())
                  .withValues(ExpressionValues.of(rule.errorMessage(), mctx.value())));
          text = "";
        } else if (m.unmark() instanceof StringValue s) {
          text = s.value().strip();
        }
      } catch (ConversionException e) {
        md.add(invalidMessage(rule, mctx.value(), e.describe() + "."));
      }
    }
    d.addAll(md);
    if (text == null) {
      return Status.ERROR;
    }
    failures.add(text);
    d.add(
        new Diagnostic(
            severity,
            kind.failureSummary(),
            text,
            rule.condition().range(),
            null,
            ExpressionValues.of(rule.condition(), ctx.value())));
    return Status.FAIL;
  }

  private static Diagnostic invalidResult(
      Severity severity, CheckRule rule, EvalContext ctx, String detail) {
    return new Diagnostic(
        severity,
        "Invalid condition result",
        detail,
        rule.condition().range(),
        null,
        ExpressionValues.of(rule.condition(), ctx));
  }

  /** {@code ds}, each without expression values given those of {@code expr}, as Terraform shows. */
  private static Diagnostics withValues(
      Diagnostics ds, dev.forma.engine.hcl.Expr expr, EvalContext ctx) {
    Diagnostics out = new Diagnostics();
    for (Diagnostic x : ds) {
      out.add(x.values().isEmpty() ? x.withValues(ExpressionValues.of(expr, ctx)) : x);
    }
    return out;
  }

  private static Diagnostic invalidMessage(CheckRule rule, EvalContext ctx, String why) {
    return Diagnostic.error(
            "Invalid error message",
            "Unsuitable value for error message: " + why,
            rule.errorMessage().range())
        .withValues(ExpressionValues.of(rule.errorMessage(), ctx));
  }
}
