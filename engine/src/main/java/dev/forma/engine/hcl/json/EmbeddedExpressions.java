package dev.forma.engine.hcl.json;

import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Result;

/**
 * Parses an expression written inside a string (a JSON string, or a legacy quoted reference such as
 * {@code depends_on = ["aws_instance.a"]}), positioned where the string's content starts.
 */
public final class EmbeddedExpressions {
  private EmbeddedExpressions() {}

  /** Parses {@code text} as a native expression whose first character is at {@code start}. */
  public static Result<Expr> expression(String filename, String text, Pos start) {
    return shifted(Parser.parseExpression(filename, text), start);
  }

  /** Parses {@code text} as a template whose first character is at {@code start}. */
  public static Result<Expr> template(String filename, String text, Pos start) {
    return shifted(Parser.parseTemplate(filename, text), start);
  }

  private static Result<Expr> shifted(Result<Expr> r, Pos start) {
    RangeShift shift = new RangeShift(start);
    Diagnostics diags = new Diagnostics();
    for (Diagnostic d : r.diagnostics()) {
      diags.add(
          new Diagnostic(
              d.severity(),
              d.summary(),
              d.detail(),
              shift.range(d.subject()),
              shift.range(d.context())));
    }
    return new Result<>(r.value() == null ? null : shift.expr(r.value()), diags);
  }
}
