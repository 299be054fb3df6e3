package dev.forma.engine.config;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.Diagnostics;
import dev.forma.engine.diag.Result;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.value.BoolValue;
import dev.forma.engine.value.StringValue;
import dev.forma.engine.value.Type;
import dev.forma.engine.value.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The module-level checks and evaluation behind {@code validate} and {@code console}: every
 * reference checked against the declarations and the place it is written in; locals evaluated in
 * dependency order (a cycle is an error naming each local on it); outputs evaluated, with
 * Terraform's "Output refers to sensitive values"; variable validation rules checked.
 *
 * <p>Under {@code validate} variables are unknown values of their declared types and resources
 * are unknown; for {@code console} (and later plan) variables have their real values.
 */
public final class ModuleEvaluator {
  private ModuleEvaluator() {}

  /** Where the module runs: {@code path.root}/{@code path.module}, {@code path.cwd}, workspace. */
  public record Environment(Path moduleDir, Path cwd, String workspace, Instant timestamp) {
    /**
     * The environment of a run in {@code cwd} on module {@code moduleDir}: workspace from {@code
     * TF_WORKSPACE}, else {@code default}.
     */
    public static Environment of(Path moduleDir, Path cwd, Map<String, String> env) {
      String ws = env.getOrDefault("TF_WORKSPACE", "default");
      return new Environment(moduleDir, cwd, ws, Instant.now());
    }
  }

  /** Checks a loaded module as {@code validate} does, without any variable values. */
  public static Diagnostics validate(Module module) {
    return validate(module, Environment.of(module.directory(), Path.of("").toAbsolutePath(), Map.of()));
  }

  /** Checks a loaded module as {@code validate} does, in the given environment. */
  public static Diagnostics validate(Module module, Environment env) {
    Diagnostics diags = new Diagnostics();
    ReferenceChecker.check(module, diags);
    if (!diags.hasErrors()) {
      Map<String, Value> vars = new LinkedHashMap<>();
      module.variables().values().forEach(v -> vars.put(v.name(), InputVariables.unknownOf(v)));
      evaluate(module, vars, env, diags);
    } else {
      LocalOrder.order(module.locals(), diags);
    }
    return ConfigLoader.sorted(diags, List.copyOf(module.sources().keySet()));
  }

  /**
   * The context {@code console} evaluates expressions in: {@code var}, {@code local}, {@code
   * path}, {@code terraform}, and each resource type (its resources unknown: no state yet), with
   * the standard functions. Variable validation rules are checked and outputs evaluated on the
   * way; their diagnostics come with the context.
   */
  public static Result<EvalContext> evalContext(
      Module module, Map<String, Value> variables, Environment env) {
    Diagnostics diags = new Diagnostics();
    ReferenceChecker.check(module, diags);
    EvalContext ctx = evaluate(module, variables, env, diags);
    return new Result<>(ctx, ConfigLoader.sorted(diags, List.copyOf(module.sources().keySet())));
  }

  /** The module's locals in an order where each comes after those it refers to. */
  public static List<Local> localsInOrder(Module module, Diagnostics diags) {
    return LocalOrder.order(module.locals(), diags);
  }

  private static EvalContext evaluate(
      Module module, Map<String, Value> variables, Environment env, Diagnostics diags) {
    Map<String, Value> names = new LinkedHashMap<>();
    Map<String, Value> vars = new LinkedHashMap<>();
    for (Variable v : module.variables().values()) {
      vars.put(v.name(), variables.getOrDefault(v.name(), InputVariables.unknownOf(v)));
    }
    names.put("var", Value.object(vars));
    String moduleDir = displayPath(env.moduleDir());
    names.put(
        "path",
        Value.object(
            Map.of(
                "module", Value.of(moduleDir),
                "root", Value.of(moduleDir),
                "cwd", Value.of(env.cwd().toAbsolutePath().normalize().toString()))));
    names.put(
        "terraform",
        Value.object(
            Map.of("workspace", Value.of(env.workspace()), "applying", Value.FALSE)));
    Map<String, Map<String, Value>> managed = new LinkedHashMap<>();
    Map<String, Map<String, Value>> data = new LinkedHashMap<>();
    for (ResourceAddress a : module.resources().keySet()) {
      (a.mode() == ResourceMode.MANAGED ? managed : data)
          .computeIfAbsent(a.type(), t -> new LinkedHashMap<>())
          .put(a.name(), Value.UNKNOWN);
    }
    managed.forEach((type, byName) -> names.put(type, Value.object(byName)));
    Map<String, Value> dataTypes = new LinkedHashMap<>();
    data.forEach((type, byName) -> dataTypes.put(type, Value.object(byName)));
    names.put("data", Value.object(dataTypes));
    ModuleCallContext call = new ModuleCallContext(env.moduleDir(), env.timestamp());
    Map<String, Value> locals = new LinkedHashMap<>();
    names.put("local", Value.object(locals));
    EvalContext ctx = new EvalContext(names, StandardFunctions.INSTANCE, call);
    for (Local l : LocalOrder.order(module.locals(), diags)) {
      Result<Value> r = Evaluator.evaluate(l.expr(), ctx);
      diags.addAll(r.diagnostics());
      locals.put(l.name(), r.value());
      names.put("local", Value.object(locals));
      ctx = new EvalContext(names, StandardFunctions.INSTANCE, call);
    }
    for (Local l : module.locals().values()) {
      locals.putIfAbsent(l.name(), Value.UNKNOWN);
    }
    names.put("local", Value.object(locals));
    ctx = new EvalContext(new LinkedHashMap<>(names), StandardFunctions.INSTANCE, call);
    for (Variable v : module.variables().values()) {
      validations(v, vars.get(v.name()), ctx, diags);
    }
    for (Output o : module.outputs().values()) {
      if (o.value() == null) {
        continue;
      }
      Result<Value> r = Evaluator.evaluate(o.value(), ctx);
      diags.addAll(r.diagnostics());
      if (!o.sensitive() && r.value() != null && r.value().containsSensitive()) {
        diags.add(
            Diagnostic.error(
                "Output refers to sensitive values",
                "To reduce the risk of accidentally exporting sensitive data that was intended to"
                    + " be only internal, Forma requires that any root module output containing"
                    + " sensitive data be explicitly marked as sensitive, to confirm your intent.\n"
                    + "\nIf you do intend to export this data, annotate the output value as"
                    + " sensitive by adding the following argument:\n    sensitive = true",
                o.declRange()));
      }
    }
    return ctx;
  }

  private static String displayPath(Path p) {
    String s = p.normalize().toString();
    return s.isEmpty() ? "." : s;
  }

  /** Checks a variable's validation rules against its value (skipped while it is unknown). */
  private static void validations(Variable v, Value value, EvalContext ctx, Diagnostics diags) {
    if (value == null || !value.isWhollyKnown()) {
      return;
    }
    for (CheckRule rule : v.validations()) {
      Result<Value> cond = Evaluator.evaluate(rule.condition(), ctx, Type.BOOL, "condition");
      diags.addAll(cond.diagnostics());
      if (cond.hasErrors() || !cond.value().isKnown() || cond.value().isNull()) {
        continue;
      }
      if (cond.value().unmark() instanceof BoolValue b && !b.value()) {
        Result<Value> msg = Evaluator.evaluate(rule.errorMessage(), ctx, Type.STRING, "error message");
        diags.addAll(msg.diagnostics());
        String text =
            msg.value() != null && msg.value().unmark() instanceof StringValue s
                ? (msg.value().isSensitive()
                    ? "The error message included a sensitive value, so it will not be displayed."
                    : s.value())
                : "";
        diags.add(
            Diagnostic.error(
                "Invalid value for variable",
                text + "\n\nThis was checked by the validation rule at " + rule.declRange() + ".",
                v.declRange()));
      }
    }
  }
}
