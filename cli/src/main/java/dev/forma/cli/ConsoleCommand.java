package dev.forma.cli;

import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.InputVariables;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.VariableArg;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.Scanner;
import dev.forma.engine.hcl.Token;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueRenderer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code forma console}: evaluates expressions read from standard input against the configuration
 * in the working directory (its variables, locals and functions) and prints their values as
 * Terraform's console does. Scriptable: {@code echo 'upper("a")' | forma console}. An expression
 * may span lines while brackets are open. A failing expression stops the run with exit 1, as in
 * Terraform; {@code exit} or the end of input ends it.
 */
@Command(
    name = "console",
    header = "Try Forma expressions at an interactive command prompt",
    description = {
      "Evaluates expressions against the configuration in the working directory (its variables, locals and functions) and prints their values. It reads one expression per line from standard input, going on to the next line while brackets are open, so scripts can use it too:\n    echo 'upper(\"forma\")' | forma console",
      "This command never changes the state or the infrastructure."
    })
public final class ConsoleCommand implements Callable<Integer> {
  private static final String INPUT = "<console-input>";

  @Mixin VariableOptions variables = new VariableOptions();

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Mixin HelpOption help = new HelpOption();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private final Terminal terminal;

  public ConsoleCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (noColor) {
      terminal.disableColor();
    }
    Result<Module> loaded =
        ConfigLoader.load(terminal.workingDirectory(), terminal.workingDirectory());
    Module module = loaded.value();
    DiagnosticRenderer.Sources sources = module == null ? null : module.diagnosticSources();
    if (loaded.hasErrors() || module == null) {
      terminal.printDiagnostics(loaded.diagnostics(), sources);
      return ExitCodes.ERROR;
    }
    Result<java.util.Map<String, Value>> vars =
        InputVariables.resolveOrUnknown(
            module, terminal.workingDirectory(), variableArgs(), terminal.env());
    Diagnostics setup = new Diagnostics().addAll(loaded.diagnostics()).addAll(vars.diagnostics());
    Result<EvalContext> ctx = null;
    if (!setup.hasErrors()) {
      ctx = ModuleEvaluator.evalContext(module, vars.value(), Workspaces.environment(terminal));
      setup.addAll(ctx.diagnostics());
    }
    terminal.printDiagnostics(setup, sources);
    if (setup.hasErrors()) {
      return ExitCodes.ERROR;
    }
    return loop(module, ctx.value());
  }

  private int loop(Module module, EvalContext ctx) {
    StringBuilder pending = new StringBuilder();
    while (true) {
      if (terminal.interactive()) {
        terminal.out().print(pending.isEmpty() ? "> " : ". ");
        terminal.out().flush();
      }
      String line = terminal.readLine();
      if (line == null) {
        if (!pending.isEmpty() && !evaluate(pending.toString(), module, ctx)) {
          return ExitCodes.ERROR;
        }
        return ExitCodes.OK;
      }
      if (pending.isEmpty() && line.trim().equals("exit")) {
        return ExitCodes.OK;
      }
      if (pending.isEmpty() && line.isBlank()) {
        continue;
      }
      pending.append(line).append('\n');
      if (stillOpen(pending.toString())) {
        continue;
      }
      boolean ok = evaluate(pending.toString(), module, ctx);
      pending.setLength(0);
      if (!ok && !terminal.interactive()) {
        return ExitCodes.ERROR;
      }
    }
  }

  /** True while the input has more opening brackets, quotes or heredocs than closing ones. */
  static boolean stillOpen(String text) {
    Result<List<Token>> scanned = Scanner.scan(INPUT, text);
    int depth = 0;
    for (Token t : scanned.value()) {
      switch (t.kind()) {
        case OBRACE, OBRACK, OPAREN, OHEREDOC, TEMPLATE_INTERP, TEMPLATE_CONTROL -> depth++;
        case CBRACE, CBRACK, CPAREN, CHEREDOC, TEMPLATE_SEQ_END -> depth--;
        default -> {}
      }
    }
    return depth > 0;
  }

  private boolean evaluate(String text, Module module, EvalContext ctx) {
    Result<Expr> parsed = Parser.parseExpression(INPUT, text.stripTrailing());
    Diagnostics diags = new Diagnostics().addAll(parsed.diagnostics());
    if (!parsed.hasErrors()) {
      // as Terraform: references are checked against the configuration before evaluating
      diags.addAll(ModuleEvaluator.checkReferences(module, parsed.value()));
    }
    Value value = null;
    if (!diags.hasErrors()) {
      Result<Value> r = Evaluator.evaluate(parsed.value(), ctx);
      diags.addAll(r.diagnostics());
      value = r.value();
    }
    DiagnosticRenderer.SourceMap src = new DiagnosticRenderer.SourceMap();
    src.put(INPUT, text);
    terminal.printDiagnostics(diags, src);
    if (diags.hasErrors()) {
      return false;
    }
    terminal.out().println(ValueRenderer.render(value));
    return true;
  }

  private List<VariableArg> variableArgs() {
    return variables.args(spec);
  }
}
