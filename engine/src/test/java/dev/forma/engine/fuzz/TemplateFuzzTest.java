package dev.forma.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.forma.engine.functions.FunctionException;
import dev.forma.engine.hcl.Parser;
import dev.forma.provider.api.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the template parser as {@code templatefile} uses it: a bare template (no quotes), parsed
 * and rendered with a few variables. Inputs: {@code TemplateFuzzTestInputs/template}.
 */
class TemplateFuzzTest {
  private static final Map<String, Value> VARS =
      Map.of(
          "name", Value.of("world"),
          "list", Value.tuple(List.of(Value.of("a"), Value.of(2))),
          "flag", Value.TRUE);

  @FuzzTest
  @Timeout(10)
  void template(byte[] input) {
    FuzzChecks.onCommandStack(() -> check(input));
  }

  private static void check(byte[] input) {
    if (input.length > FuzzChecks.MAX_INPUT) {
      return;
    }
    String source = FuzzChecks.text(input);
    if (FuzzChecks.beyondRealNumbers(source)) {
      return;
    }
    FuzzChecks.render(Parser.parseTemplate("t.tpl", source).diagnostics(), "t.tpl", source);
    try {
      // as templatefile("t.tpl", VARS) renders it
      FuzzScope.CALL_CONTEXT.renderTemplate(
          FuzzScope.CALL_CONTEXT.parseTemplate("t.tpl", source),
          VARS,
          FuzzScope.CALL_CONTEXT.functions());
    } catch (FunctionException e) {
      // the user's error, shown as a diagnostic of the templatefile call
    }
  }
}
