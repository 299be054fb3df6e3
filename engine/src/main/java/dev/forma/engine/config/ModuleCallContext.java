package dev.forma.engine.config;

import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.Result;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.functions.CallContext;
import dev.forma.engine.functions.FunctionException;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.value.MapValue;
import dev.forma.engine.value.ObjectValue;
import dev.forma.engine.value.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What functions see of a module being evaluated: its directory, the run's timestamp, and {@code
 * templatefile} rendering with the standard functions.
 */
public record ModuleCallContext(Path baseDirectory, Instant planTimestamp) implements CallContext {
  @Override
  public Value renderTemplate(String filename, String text, Value variables)
      throws FunctionException {
    Result<Expr> parsed = Parser.parseTemplate(filename, text);
    for (Diagnostic d : parsed.diagnostics()) {
      if (d.isError()) {
        throw new FunctionException(d.subject() + ": " + d.summary() + "; " + d.detail());
      }
    }
    Map<String, Value> vars = new LinkedHashMap<>();
    switch (variables.unmark()) {
      case ObjectValue o -> vars.putAll(o.attributes());
      case MapValue m -> vars.putAll(m.entries());
      default -> {}
    }
    Result<Value> r =
        Evaluator.evaluate(parsed.value(), new EvalContext(vars, StandardFunctions.INSTANCE, this));
    for (Diagnostic d : r.diagnostics()) {
      if (d.isError()) {
        throw new FunctionException(d.subject() + ": " + d.summary() + "; " + d.detail());
      }
    }
    return r.value();
  }
}
