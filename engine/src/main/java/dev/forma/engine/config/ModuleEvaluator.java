package dev.forma.engine.config;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.eval.SchemaDecoder;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
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
 * <p>Under {@code validate} variables are unknown values of their declared types and resources are
 * unknown; for {@code console} (and later plan) variables have their real values.
 */
public final class ModuleEvaluator {
  private ModuleEvaluator() {}

  /**
   * Where the module runs: its directory (file functions resolve relative paths against it), the
   * working directory ({@code path.cwd}), the workspace and the run's timestamp.
   */
  public record Environment(
      Path moduleDir, Path cwd, String workspace, Instant timestamp, String modulePath) {
    /** The environment of the root module ({@code path.module} is {@code "."}). */
    public Environment(Path moduleDir, Path cwd, String workspace, Instant timestamp) {
      this(moduleDir, cwd, workspace, timestamp, ROOT_MODULE_PATH);
    }

    /**
     * The environment of a module of the tree in this run: {@code path.module} is its directory
     * relative to the root module's; file functions still resolve relative paths against the root
     * module's directory, as Terraform's do (so {@code file("${path.module}/x")} works in any
     * module).
     */
    public Environment forModule(ConfigTree module, ConfigTree root) {
      return new Environment(moduleDir, cwd, workspace, timestamp, module.relativeDirectory(root));
    }

    /**
     * The environment of a run in {@code cwd} on module {@code moduleDir}: workspace from {@code
     * TF_WORKSPACE}, else {@code default}.
     */
    public static Environment of(Path moduleDir, Path cwd, Map<String, String> env) {
      String ws = env.getOrDefault("TF_WORKSPACE", "default");
      return new Environment(moduleDir, cwd, ws, Instant.now());
    }

    /**
     * The {@code path} object of the module, as Terraform gives it: {@code path.root} is {@code
     * "."} and {@code path.module} the module's directory relative to the root module's ({@code
     * "."} in the root module; relative, so values do not change from machine to machine or with
     * {@code -chdir}; file functions resolve them against the root module's directory), {@code
     * path.cwd} is the absolute working directory.
     */
    public Value pathValue() {
      return Value.object(
          Map.of(
              "module", Value.of(modulePath),
              "root", Value.of(ROOT_MODULE_PATH),
              "cwd", Value.of(cwd.toAbsolutePath().normalize().toString())));
    }
  }

  /** What {@code path.module} and {@code path.root} are in the root module. */
  private static final String ROOT_MODULE_PATH = ".";

  /**
   * Checks every module of a configuration tree as {@code validate} does: each module's references
   * against its own declarations (named in diagnostics by its module path), its expressions
   * evaluated with its input variables unknown, as Terraform validates a child module.
   */
  public static Diagnostics validate(
      ConfigTree tree, Environment env, dev.forma.engine.providers.Providers providers) {
    Diagnostics diags = new Diagnostics();
    for (ConfigTree t : tree.all()) {
      diags.addAll(validate(t.module(), env.forModule(t, tree), providers, t.displayName()));
    }
    importsIntoModules(tree, diags);
    return diags;
  }

  /**
   * Terraform's errors for import blocks into a module the tree does not have, or into a resource a
   * child module does not declare (a resource the root module lacks may be generated instead).
   */
  private static void importsIntoModules(ConfigTree tree, Diagnostics diags) {
    for (Import im : tree.module().imports()) {
      ResourceAddress to = im.toResource();
      if (to == null || to.module().isRoot()) {
        continue;
      }
      ConfigTree t = tree.descendant(to.module().module());
      if (t != null && t.module().resources().containsKey(to.local())) {
        continue;
      }
      diags.add(
          Diagnostic.error(
              "Configuration for import target does not exist",
              t == null
                  ? "The configuration for the given import target "
                      + ImportTo.resolve(im.to(), null).value()
                      + " does not exist. All target instances must have an associated"
                      + " configuration to be imported."
                  : "Resource "
                      + to.config()
                      + " not found. Only resources within the root module are eligible for"
                      + " config generation.",
              im.to().range()));
    }
  }

  /** Checks a loaded module as {@code validate} does, without any variable values. */
  public static Diagnostics validate(Module module) {
    return validate(
        module, Environment.of(module.directory(), Path.of("").toAbsolutePath(), Map.of()));
  }

  /** Checks a loaded module as {@code validate} does, in the given environment. */
  public static Diagnostics validate(Module module, Environment env) {
    return validate(module, env, null);
  }

  /**
   * Checks a loaded module as {@code validate} does, with resource, data source and provider bodies
   * checked against the schemas of {@code providers} (unknown provider and resource types
   * reported); without providers (null), resource arguments are only evaluated.
   */
  public static Diagnostics validate(
      Module module, Environment env, dev.forma.engine.providers.Providers providers) {
    return validate(module, env, providers, "the root module");
  }

  private static Diagnostics validate(
      Module module,
      Environment env,
      dev.forma.engine.providers.Providers providers,
      String where) {
    Diagnostics diags = new Diagnostics();
    ReferenceChecker.check(module, where, diags);
    Map<String, Value> vars = new LinkedHashMap<>();
    module.variables().values().forEach(v -> vars.put(v.name(), InputVariables.unknownOf(v)));
    Evaluation ev = new Evaluation(diags);
    EvalContext ctx = evaluate(module, vars, env, ev);
    dev.forma.engine.providers.ProviderSchemas schemas =
        providers == null ? null : new dev.forma.engine.providers.ProviderSchemas(providers);
    if (schemas != null) {
      for (ProviderConfig pc : module.providers()) {
        dev.forma.provider.api.schema.BlockSchema bs = schemas.providerBlockSchema(pc, diags);
        if (bs != null) {
          diags.addAll(
              dev.forma.engine.eval.SchemaDecoder.decode(pc.config(), bs, ctx, ev::skipped)
                  .diagnostics());
        }
      }
      dev.forma.engine.providers.ProviderConfigs.checkReferences(module, providers, diags);
    }
    for (Resource r : module.resources().values()) {
      resourceExpressions(r, ctx, ev, schemas);
    }
    for (Import i : module.imports()) {
      importForEach(i, ctx, ev);
    }
    return ConfigLoader.sorted(diags, List.copyOf(module.sources().keySet()));
  }

  /**
   * The context {@code console} evaluates expressions in: {@code var}, {@code local}, {@code path},
   * {@code terraform}, and each resource type (its resources unknown: no state yet), with the
   * standard functions. Variable validation rules are checked and outputs evaluated on the way;
   * their diagnostics come with the context.
   */
  public static Result<EvalContext> evalContext(
      Module module, Map<String, Value> variables, Environment env) {
    Diagnostics diags = new Diagnostics();
    ReferenceChecker.check(module, diags);
    EvalContext ctx = evaluate(module, variables, env, new Evaluation(diags));
    return new Result<>(ctx, ConfigLoader.sorted(diags, List.copyOf(module.sources().keySet())));
  }

  /**
   * Checks the references of one expression typed at the console, which stands outside any block
   * ({@code count}, {@code each} and {@code self} are not available), with the diagnostics {@code
   * validate} gives: "Reference to undeclared input variable" with "Did you mean", undeclared
   * locals and resources, {@code count.index} in a non-counted context, and so on.
   */
  public static Diagnostics checkReferences(Module module, Expr expr) {
    Diagnostics diags = new Diagnostics();
    ReferenceChecker.check(module, expr, ReferenceChecker.Scope.PLAIN, diags);
    return diags;
  }

  /** The module's locals in an order where each comes after those it refers to. */
  public static List<Local> localsInOrder(Module module, Diagnostics diags) {
    return LocalOrder.order(module.locals(), diags);
  }

  /**
   * Evaluates expressions into one diagnostics list, skipping any expression in which reference
   * checking already found an error: evaluating it would only say the same thing again, worse.
   */
  private record Evaluation(Diagnostics diags, List<Range> badReferences) {
    Evaluation(Diagnostics diags) {
      this(diags, errorRanges(diags));
    }

    private static List<Range> errorRanges(Diagnostics diags) {
      List<Range> out = new java.util.ArrayList<>();
      for (Diagnostic d : diags) {
        if (d.isError() && d.subject() != null) {
          out.add(d.subject());
        }
      }
      return out;
    }

    /** True when reference checking found an error inside {@code e}. */
    boolean skipped(Expr e) {
      return hasBadReferenceIn(e.range());
    }

    /** True when reference checking found an error inside {@code range}. */
    boolean hasBadReferenceIn(Range range) {
      for (Range r : badReferences) {
        if (r.filename().equals(range.filename())
            && r.start().byteOffset() >= range.start().byteOffset()
            && r.end().byteOffset() <= range.end().byteOffset()) {
          return true;
        }
      }
      return false;
    }

    Value eval(Expr e, EvalContext ctx) {
      if (skipped(e)) {
        return Value.UNKNOWN;
      }
      Result<Value> r = Evaluator.evaluate(e, ctx);
      diags.addAll(r.diagnostics());
      return r.value();
    }
  }

  /**
   * An import block's {@code for_each}, when its value is known already: it must be a collection (a
   * map, set, object, list or tuple), as Terraform's validate checks it.
   */
  private static void importForEach(Import i, EvalContext ctx, Evaluation ev) {
    if (i.forEach() == null) {
      return;
    }
    Value v = ev.eval(i.forEach(), ctx);
    if (v == null || !v.isKnown() || v.isNull()) {
      return;
    }
    switch (v.unmark()) {
      case dev.forma.provider.api.value.MapValue m -> {}
      case dev.forma.provider.api.value.SetValue st -> {}
      case dev.forma.provider.api.value.ObjectValue o -> {}
      case dev.forma.provider.api.value.ListValue l -> {}
      case dev.forma.provider.api.value.TupleValue t -> {}
      default ->
          ev.diags()
              .add(
                  Diagnostic.error(
                      "Invalid for_each argument",
                      "The \"for_each\" expression must be a collection.",
                      i.forEach().range()));
    }
  }

  /** Meta-arguments of a resource block: not provider arguments, evaluated elsewhere. */
  private static final java.util.Set<String> META_ARGUMENTS =
      java.util.Set.of("depends_on", "provider", "count", "for_each");

  /**
   * Evaluates a resource's arguments as validate does: with {@code count.index}, {@code each.key}
   * and {@code each.value} unknown, so that bad function calls, operators and types show up before
   * any plan.
   */
  private static void resourceExpressions(
      Resource r,
      EvalContext ctx,
      Evaluation ev,
      dev.forma.engine.providers.ProviderSchemas schemas) {
    Map<String, Value> names = new LinkedHashMap<>();
    if (r.count() != null) {
      ev.eval(r.count(), ctx);
      names.put("count", Value.object(Map.of("index", Value.unknown(Type.NUMBER))));
    }
    if (r.forEach() != null) {
      ev.eval(r.forEach(), ctx);
      names.put(
          "each", Value.object(Map.of("key", Value.unknown(Type.STRING), "value", Value.UNKNOWN)));
    }
    EvalContext inner = names.isEmpty() ? ctx : ctx.child(names);
    if (schemas != null && ev.hasBadReferenceIn(r.config().range())) {
      // as Terraform: a body whose references are wrong is not decoded against its schema
      schemas.resourceSchema(r, ev.diags());
      return;
    }
    dev.forma.provider.api.schema.BlockSchema schema =
        schemas == null ? null : schemas.resourceSchema(r, ev.diags());
    if (schema != null) {
      Result<Value> decoded =
          dev.forma.engine.eval.SchemaDecoder.decode(r.config(), schema, inner, ev::skipped);
      ev.diags().addAll(decoded.diagnostics());
      if (!decoded.hasErrors() && decoded.value() != null) {
        validateWithProvider(r, schema, decoded.value(), schemas, ev.diags());
      }
      return;
    }
    bodyExpressions(r.config(), inner, ev, true);
  }

  /**
   * The provider's own checks of a managed resource's configuration, with what is known before
   * planning (variables unknown), as Terraform's validate walk makes them: a value no plan could
   * accept (a misspelt service spec, say) is an error before any plan is shown.
   */
  private static void validateWithProvider(
      Resource r,
      dev.forma.provider.api.schema.BlockSchema schema,
      Value config,
      dev.forma.engine.providers.ProviderSchemas schemas,
      Diagnostics diags) {
    if (r.address().mode() != ResourceMode.MANAGED) {
      return;
    }
    Provider p = schemas.unconfigured(r.providerAddress().localName());
    if (p == null) {
      return;
    }
    Requests.Diagnostics checked;
    try {
      checked =
          p.validateResource(
              new Requests.ValidateResource(
                  r.address().type(),
                  config,
                  SchemaDecoder.blockFormAttributes(r.config(), schema)));
    } catch (RuntimeException e) {
      // The planner asks again with known values and reports a failing provider there.
      return;
    }
    for (ProviderDiagnostic pd : checked.diagnostics()) {
      diags.add(SchemaDecoder.toDiagnostic(pd, r.config(), r.declRange()));
    }
  }

  private static void bodyExpressions(
      dev.forma.engine.hcl.Body body, EvalContext ctx, Evaluation ev, boolean top) {
    if (body == null) {
      return;
    }
    for (dev.forma.engine.hcl.BodyItem item : body.items()) {
      switch (item) {
        case dev.forma.engine.hcl.Attribute a -> {
          if (!(top && META_ARGUMENTS.contains(a.name()))) {
            ev.eval(a.expr(), ctx);
          }
        }
        case dev.forma.engine.hcl.Block b -> {
          switch (b.type()) {
            case "lifecycle", "provisioner", "connection" -> {
              // lifecycle holds references as data; provisioners see self: checked elsewhere
            }
            case "dynamic" -> {
              dev.forma.engine.hcl.Attribute fe = b.body().attribute("for_each");
              if (fe != null) {
                ev.eval(fe.expr(), ctx);
              }
            }
            default -> bodyExpressions(b.body(), ctx, ev, false);
          }
        }
      }
    }
  }

  private static EvalContext evaluate(
      Module module, Map<String, Value> variables, Environment env, Evaluation ev) {
    Diagnostics diags = ev.diags();
    Map<String, Value> names = new LinkedHashMap<>();
    Map<String, Value> vars = new LinkedHashMap<>();
    for (Variable v : module.variables().values()) {
      vars.put(v.name(), variables.getOrDefault(v.name(), InputVariables.unknownOf(v)));
    }
    names.put("var", Value.object(vars));
    names.put("path", env.pathValue());
    names.put(
        "terraform",
        Value.object(Map.of("workspace", Value.of(env.workspace()), "applying", Value.FALSE)));
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
    if (!module.calls().isEmpty()) {
      // a module call's value (its outputs) is known only once the child is planned
      Map<String, Value> calls = new LinkedHashMap<>();
      module.calls().keySet().forEach(n -> calls.put(n, Value.UNKNOWN));
      names.put("module", Value.object(calls));
    }
    ModuleCallContext call = new ModuleCallContext(env.moduleDir(), env.timestamp());
    Map<String, Value> locals = new LinkedHashMap<>();
    names.put("local", Value.object(locals));
    EvalContext ctx = new EvalContext(names, StandardFunctions.INSTANCE, call);
    for (Local l : LocalOrder.order(module.locals(), diags)) {
      // Each local sees only the locals it names (all evaluated before it, in dependency order):
      // rebuilding the whole `local` object per local would cost O(n^2) for n locals.
      Map<String, Value> visible = new LinkedHashMap<>();
      for (Expr.ScopeTraversal t : Traversals.of(l.expr())) {
        String name = dev.forma.engine.addrs.Reference.localName(t);
        if (name != null && locals.containsKey(name)) {
          visible.put(name, locals.get(name));
        }
      }
      EvalContext localCtx = ctx.child(Map.of("local", Value.object(visible)));
      locals.put(l.name(), ev.eval(l.expr(), localCtx));
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
      Value value = ev.eval(o.value(), ctx);
      if (!o.sensitive() && value != null && value.containsSensitive()) {
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
        Result<Value> msg =
            Evaluator.evaluate(rule.errorMessage(), ctx, Type.STRING, "error message");
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
                    text
                        + "\n\nThis was checked by the validation rule at "
                        + rule.declRange()
                        + ".",
                    v.declRange())
                .withValues(dev.forma.engine.eval.ExpressionValues.of(rule.condition(), ctx)));
      }
    }
  }
}
