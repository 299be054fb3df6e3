package dev.forma.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueRenderer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the expression evaluator as {@code forma console} and every attribute use it: parse one
 * expression, evaluate it in {@link FuzzScope} (all functions) and print the value. A result or
 * diagnostics are fine; any exception, a hang (over the timeout) or running out of memory is a
 * crash. Inputs: {@code ExpressionFuzzTestInputs/expression}.
 */
class ExpressionFuzzTest {
  /** Longer than any expression one writes in a configuration or types into the console. */
  static final int MAX_EXPRESSION = 2048;

  /**
   * A format width or precision of a million or more: {@code format("%9999999s", "")} pads to that
   * many characters in Terraform as in Forma, which is the machine's limit, not Forma's.
   */
  private static final Pattern HUGE_FORMAT_WIDTH = Pattern.compile("%[^%\\d]{0,8}\\d{7,}");

  @FuzzTest
  @Timeout(10)
  void expression(byte[] input) {
    FuzzChecks.onCommandStack(() -> check(input));
  }

  private static void check(byte[] input) {
    if (input.length > MAX_EXPRESSION) {
      return;
    }
    String source = FuzzChecks.text(input);
    if (FuzzChecks.beyondRealNumbers(source) || HUGE_FORMAT_WIDTH.matcher(source).find()) {
      return;
    }
    Result<Expr> parsed = Parser.parseExpression("<console-input>", source);
    FuzzChecks.render(parsed.diagnostics(), "<console-input>", source);
    if (parsed.diagnostics().hasErrors()) {
      return;
    }
    Result<Value> value = Evaluator.evaluate(parsed.value(), FuzzScope.context());
    FuzzChecks.render(value.diagnostics(), "<console-input>", source);
    if (!value.diagnostics().hasErrors()) {
      ValueRenderer.render(value.value());
    }
  }
}
