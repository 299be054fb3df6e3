package dev.forma.engine.config;

import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.functions.CallContext;
import dev.forma.engine.functions.FunctionException;
import dev.forma.engine.functions.FunctionTable;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.Traversals;
import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What functions see of a module being evaluated: its directory, the run's timestamp, and template
 * parsing and rendering for {@code templatefile} and {@code templatestring}.
 */
public record ModuleCallContext(Path baseDirectory, Instant planTimestamp) implements CallContext {

  private record ParsedTemplate(Expr expr) implements CallContext.Template {}

  @Override
  public CallContext.Template parseTemplate(String filename, String text) throws FunctionException {
    Result<Expr> parsed = Parser.parseTemplate(filename, text);
    throwFirstError(parsed.diagnostics());
    return new ParsedTemplate(parsed.value());
  }

  @Override
  public Value renderTemplate(
      CallContext.Template template, Map<String, Value> variables, FunctionTable functions)
      throws FunctionException {
    Expr expr = ((ParsedTemplate) template).expr();
    // Terraform checks every name the template uses before evaluating it, so that a missing one
    // is reported as the vars argument's fault.
    for (Expr.ScopeTraversal t : Traversals.of(expr)) {
      if (!variables.containsKey(t.rootName())) {
        throw new FunctionException(
            1,
            "vars",
            "vars map does not contain key \""
                + t.rootName()
                + "\", referenced at "
                + ((Traverser.Root) t.traversal().getFirst()).range());
      }
    }
    Result<Value> r = Evaluator.evaluate(expr, new EvalContext(variables, functions, this));
    throwFirstError(r.diagnostics());
    return r.value();
  }

  private static void throwFirstError(Iterable<Diagnostic> diags) throws FunctionException {
    for (Diagnostic d : diags) {
      if (d.isError()) {
        // Terraform ends the call's message with a period after this detail's own: "..".
        String detail = d.detail().endsWith(".") ? d.detail() + "." : d.detail();
        throw new FunctionException(d.subject() + ": " + d.summary() + "; " + detail);
      }
    }
  }
}
