package dev.forma.engine.scope;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.Reference;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.config.Local;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleCallContext;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.Resource;
import dev.forma.engine.diag.Diagnostics;
import dev.forma.engine.diag.Result;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.functions.CallContext;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import dev.forma.engine.value.ObjectValue;
import dev.forma.engine.value.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values resource expressions are evaluated against during one plan or apply, updated as
 * instances are planned or applied. Thread-safe: {@link #setExpansion}, {@link #setInstance} and
 * the context builders may be called from several threads at once.
 *
 * <p>A resource not yet expanded is unknown; an expanded resource is its instance's value (no
 * {@code count} or {@code for_each}), a tuple by index ({@code count}) or an object by key ({@code
 * for_each}), each instance unknown until set. Locals are evaluated on first use and kept: callers
 * walk the graph, so a local is first used only once every resource it refers to is final.
 */
public final class Scope {
  private final Module module;
  private final Value var;
  private final Value path;
  private final Value terraform;
  private final CallContext callContext;
  private final Map<ResourceAddress, Expansion> expansions = new ConcurrentHashMap<>();
  private final Map<ResourceInstanceAddress, Value> instances = new ConcurrentHashMap<>();
  private final Map<String, Value> locals = new HashMap<>();

  /**
   * A scope over {@code module} with its input variable values (missing ones are unknown), in
   * {@code env}; {@code applying} is what {@code terraform.applying} says.
   */
  public Scope(
      Module module,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env,
      boolean applying) {
    this.module = module;
    Map<String, Value> vars = new LinkedHashMap<>();
    module
        .variables()
        .values()
        .forEach(
            v -> vars.put(v.name(), variables.getOrDefault(v.name(), Value.unknown(v.type()))));
    this.var = Value.object(vars);
    this.path = env.pathValue();
    this.terraform =
        Value.object(
            Map.of("workspace", Value.of(env.workspace()), "applying", Value.of(applying)));
    this.callContext = new ModuleCallContext(env.moduleDir(), env.timestamp());
  }

  /** The module this scope evaluates. */
  public Module module() {
    return module;
  }

  // ---- updates

  /** Records how a resource expands (before its instances are set). */
  public void setExpansion(ResourceAddress resource, Expansion expansion) {
    expansions.put(resource, expansion);
  }

  /** Records the value of an instance (planned, with unknowns, or applied). */
  public void setInstance(ResourceInstanceAddress instance, Value value) {
    instances.put(instance, value);
  }

  /** Forgets an instance's value (it is unknown again). */
  public void removeInstance(ResourceInstanceAddress instance) {
    instances.remove(instance);
  }

  /** How a resource expands; {@link Expansion#UNKNOWN} when not recorded. */
  public Expansion expansion(ResourceAddress resource) {
    return expansions.getOrDefault(resource, Expansion.UNKNOWN);
  }

  /** An instance's value: unknown when not yet set. */
  public Value instance(ResourceInstanceAddress instance) {
    return instances.getOrDefault(instance, Value.UNKNOWN);
  }

  /** A whole resource's value as references see it. */
  public Value resource(ResourceAddress resource) {
    Expansion e = expansions.get(resource);
    if (e == null) {
      return Value.UNKNOWN;
    }
    return switch (e) {
      case Expansion.Single s -> instance(resource.instance());
      case Expansion.Count c -> {
        List<Value> out = new ArrayList<>();
        for (InstanceKey k : c.instanceKeys()) {
          out.add(instance(resource.instance(k)));
        }
        yield Value.tuple(out);
      }
      case Expansion.ForEach f -> {
        Map<String, Value> out = new TreeMap<>();
        for (String k : f.keys()) {
          out.put(k, instance(resource.instance(InstanceKey.of(k))));
        }
        yield Value.object(out);
      }
      case Expansion.Unknown u -> Value.UNKNOWN;
    };
  }

  // ---- contexts

  /** The context a resource instance's arguments are evaluated in. */
  public Result<EvalContext> forResource(Resource resource, InstanceBinding binding) {
    List<Expr.ScopeTraversal> refs = new ArrayList<>();
    if (resource.config() != null) {
      refs.addAll(Traversals.of(resource.config()));
    }
    return context(refs, binding);
  }

  /** The context {@code expr} is evaluated in, with {@code binding}'s per-instance names. */
  public Result<EvalContext> forExpression(Expr expr, InstanceBinding binding) {
    return context(Traversals.of(expr), binding);
  }

  /** Evaluates {@code expr} here: its diagnostics and those of locals it needed first. */
  public Result<Value> evaluate(Expr expr, InstanceBinding binding) {
    Result<EvalContext> ctx = forExpression(expr, binding);
    Result<Value> v = Evaluator.evaluate(expr, ctx.value());
    Diagnostics d = new Diagnostics().addAll(ctx.diagnostics()).addAll(v.diagnostics());
    return new Result<>(v.value(), d);
  }

  /**
   * A context holding the names {@code refs} use: {@code var}, {@code local} (only the locals
   * named, evaluated on first use), {@code path}, {@code terraform}, the resources named, and
   * {@code data}. Diagnostics are those of locals evaluated for it, each reported once.
   */
  public Result<EvalContext> context(
      Collection<Expr.ScopeTraversal> refs, InstanceBinding binding) {
    Diagnostics diags = new Diagnostics();
    Map<String, Value> names = new HashMap<>();
    Set<String> localNames = new LinkedHashSet<>();
    Map<String, Map<String, Value>> managed = new HashMap<>();
    Map<String, Map<String, Value>> data = new HashMap<>();
    for (Expr.ScopeTraversal t : refs) {
      // a reference that does not parse names nothing here: the evaluator reports it
      Reference ref = Reference.parse(t).value();
      if (ref == null) {
        switch (t.rootName()) {
          case "var" -> names.put("var", var);
          case "path" -> names.put("path", path);
          case "terraform" -> names.put("terraform", terraform);
          case "local" -> names.put("local", ObjectValue.EMPTY);
          default -> {}
        }
        continue;
      }
      switch (ref.subject()) {
        case Reference.InputVariable v -> names.put("var", var);
        case Reference.PathAttr p -> names.put("path", path);
        case Reference.TerraformAttr a -> names.put("terraform", terraform);
        case Reference.CountAttr c -> {}
        case Reference.EachAttr e -> {}
        case Reference.Self s -> {}
        case Reference.ModuleCall m -> {}
        case Reference.ModuleCallInstance m -> {}
        case Reference.ModuleCallOutput m -> {}
        case Reference.LocalValue l -> {
          names.put("local", ObjectValue.EMPTY);
          localNames.add(l.name());
        }
        case Reference.ResourceRef r -> addResource(r.resource(), managed, data);
        case Reference.ResourceInstanceRef r -> addResource(r.instance().resource(), managed, data);
      }
    }
    if (names.containsKey("local")) {
      Map<String, Value> ls = new LinkedHashMap<>();
      for (String l : localNames) {
        Value v = local(l, diags);
        if (v != null) {
          ls.put(l, v);
        }
      }
      names.put("local", Value.object(ls));
    }
    managed.forEach((type, byName) -> names.put(type, Value.object(byName)));
    if (!data.isEmpty() || refs.stream().anyMatch(r -> r.rootName().equals("data"))) {
      Map<String, Value> types = new HashMap<>();
      data.forEach((type, byName) -> types.put(type, Value.object(byName)));
      names.put("data", Value.object(types));
    }
    names.putAll(binding.names());
    return new Result<>(new EvalContext(names, StandardFunctions.INSTANCE, callContext), diags);
  }

  private void addResource(
      ResourceAddress a,
      Map<String, Map<String, Value>> managed,
      Map<String, Map<String, Value>> data) {
    if (module.resources().containsKey(a)) {
      (a.mode() == ResourceMode.DATA ? data : managed)
          .computeIfAbsent(a.type(), k -> new HashMap<>())
          .put(a.name(), resource(a));
    }
  }

  /** A local's value, evaluating it (and the locals it needs) on first use; null if undeclared. */
  public Value local(String name, Diagnostics diags) {
    synchronized (locals) {
      return localLocked(name, diags, new LinkedHashSet<>());
    }
  }

  private Value localLocked(String name, Diagnostics diags, Set<String> visiting) {
    Value known = locals.get(name);
    if (known != null) {
      return known;
    }
    Local l = module.locals().get(name);
    if (l == null) {
      return null;
    }
    if (!visiting.add(name)) {
      return Value.UNKNOWN; // a cycle of locals: reported when the module is validated
    }
    List<Expr.ScopeTraversal> refs = Traversals.of(l.expr());
    // evaluate the locals it names first, under the same lock
    for (Expr.ScopeTraversal t : refs) {
      if (Reference.parse(t).value() instanceof Reference ref
          && ref.subject() instanceof Reference.LocalValue(String local)) {
        localLocked(local, diags, visiting);
      }
    }
    Result<EvalContext> ctx = contextWithKnownLocals(refs);
    Result<Value> v = Evaluator.evaluate(l.expr(), ctx.value());
    diags.addAll(v.diagnostics());
    Value value = v.value() == null || v.hasErrors() ? Value.UNKNOWN : v.value();
    locals.put(name, value);
    visiting.remove(name);
    return value;
  }

  /** A context for a local's expression: its locals are already evaluated. */
  private Result<EvalContext> contextWithKnownLocals(List<Expr.ScopeTraversal> refs) {
    List<Expr.ScopeTraversal> nonLocal = new ArrayList<>();
    Map<String, Value> ls = new LinkedHashMap<>();
    for (Expr.ScopeTraversal t : refs) {
      if (t.rootName().equals("local")) {
        if (Reference.parse(t).value() instanceof Reference ref
            && ref.subject() instanceof Reference.LocalValue(String local)) {
          Value v = locals.get(local);
          if (v != null) {
            ls.put(local, v);
          }
        }
      } else {
        nonLocal.add(t);
      }
    }
    Result<EvalContext> base = context(nonLocal, InstanceBinding.NONE);
    Map<String, Value> names = new HashMap<>(base.value().variables());
    names.put("local", Value.object(ls));
    return new Result<>(
        new EvalContext(names, StandardFunctions.INSTANCE, callContext), base.diagnostics());
  }
}
