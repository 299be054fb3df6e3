package dev.forma.engine.scope;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.Reference;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.config.Local;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleCallContext;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.Resource;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.functions.CallContext;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.Value;
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
  /**
   * What a scope of a module instance asks for outside itself: the value of an input variable (the
   * call's argument, evaluated in the calling instance) and the value of a module call of the
   * instance ({@code module.NAME}: an object of its outputs, a tuple or map of such objects with
   * {@code count} or {@code for_each}).
   */
  public interface Modules {
    /** The value of input variable {@code name} of module instance {@code at}. */
    Value input(ModuleInstance at, String name);

    /**
     * The value {@code module.NAME} has in module instance {@code at}, with the outputs named in
     * {@code outputs} (all of them when null).
     */
    Value call(ModuleInstance at, String name, Set<String> outputs);
  }

  private final Module module;
  private final ModuleInstance at;
  private final Modules modules;
  private final Value var;
  private final Value path;
  private final Value terraform;
  private final CallContext callContext;
  private final Map<ResourceAddress, Expansion> expansions;
  private final Map<ResourceInstanceAddress, Value> instances;
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
    this.at = ModuleInstance.ROOT;
    this.modules = null;
    this.expansions = new ConcurrentHashMap<>();
    this.instances = new ConcurrentHashMap<>();
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

  /**
   * A scope over the root module of a configuration with child modules: as {@link
   * #Scope(Module,Map,ModuleEvaluator.Environment,boolean)}, and {@code module.NAME} from {@code
   * modules}.
   */
  public Scope(
      Module module,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env,
      boolean applying,
      Modules modules) {
    this.module = module;
    this.at = ModuleInstance.ROOT;
    this.modules = modules;
    this.expansions = new ConcurrentHashMap<>();
    this.instances = new ConcurrentHashMap<>();
    Map<String, Value> vars = new LinkedHashMap<>();
    module
        .variables()
        .values()
        .forEach(
            v -> vars.put(v.name(), variables.getOrDefault(v.name(), Value.unknown(v.type()))));
    this.var = Value.object(vars);
    this.path = env.pathValue();
    this.terraform = rootOf(applying, env);
    this.callContext = new ModuleCallContext(env.moduleDir(), env.timestamp());
  }

  /**
   * The scope of child module instance {@code at} (its configuration {@code module}, its {@code
   * path.module} from {@code env}): resource values are shared with this scope (addresses are
   * absolute), input variables and module calls come from {@code modules}.
   */
  public Scope child(Module module, ModuleInstance at, ModuleEvaluator.Environment env) {
    return new Scope(this, module, at, env);
  }

  private Scope(Scope parent, Module module, ModuleInstance at, ModuleEvaluator.Environment env) {
    this.module = module;
    this.at = at;
    this.modules = parent.modules;
    this.expansions = parent.expansions;
    this.instances = parent.instances;
    this.var = null;
    this.path = env.pathValue();
    this.terraform = parent.terraform;
    this.callContext = new ModuleCallContext(env.moduleDir(), env.timestamp());
  }

  private static Value rootOf(boolean applying, ModuleEvaluator.Environment env) {
    return Value.object(
        Map.of("workspace", Value.of(env.workspace()), "applying", Value.of(applying)));
  }

  /** The module instance this scope evaluates in. */
  public ModuleInstance moduleInstance() {
    return at;
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
    Set<String> varNames = new LinkedHashSet<>();
    Map<String, Set<String>> callOutputs = new LinkedHashMap<>();
    for (Expr.ScopeTraversal t : refs) {
      // a reference that does not parse names nothing here: the evaluator reports it
      Reference ref = Reference.parse(t).value();
      if (ref == null) {
        switch (t.rootName()) {
          case "var" -> names.put("var", var == null ? ObjectValue.EMPTY : var);
          case "path" -> names.put("path", path);
          case "terraform" -> names.put("terraform", terraform);
          case "local" -> names.put("local", ObjectValue.EMPTY);
          default -> {}
        }
        continue;
      }
      switch (ref.subject()) {
        case Reference.InputVariable v -> {
          names.put("var", var);
          varNames.add(v.name());
        }
        case Reference.PathAttr p -> names.put("path", path);
        case Reference.TerraformAttr a -> names.put("terraform", terraform);
        case Reference.CountAttr c -> {}
        case Reference.EachAttr e -> {}
        case Reference.Self s -> {}
        case Reference.ModuleCall m -> callOutputs.put(m.name(), null);
        case Reference.ModuleCallInstance m -> callOutputs.put(m.name(), null);
        case Reference.ModuleCallOutput m -> {
          if (!callOutputs.containsKey(m.call()) || callOutputs.get(m.call()) != null) {
            callOutputs.computeIfAbsent(m.call(), k -> new LinkedHashSet<>()).add(m.output());
          }
        }
        case Reference.LocalValue l -> {
          names.put("local", ObjectValue.EMPTY);
          localNames.add(l.name());
        }
        case Reference.ResourceRef r -> addResource(r.resource(), managed, data);
        case Reference.ResourceInstanceRef r -> addResource(r.instance().resource(), managed, data);
      }
    }
    if (var == null && names.containsKey("var")) {
      // a child module instance: only the variables named, each its call's argument
      Map<String, Value> vs = new LinkedHashMap<>();
      for (String v : varNames) {
        if (module.variables().containsKey(v)) {
          vs.put(v, modules.input(at, v));
        }
      }
      names.put("var", Value.object(vs));
    }
    if (modules != null && !callOutputs.isEmpty()) {
      Map<String, Value> ms = new LinkedHashMap<>();
      callOutputs.forEach(
          (c, outs) -> {
            if (module.calls().containsKey(c)) {
              ms.put(c, modules.call(at, c, outs));
            }
          });
      names.put("module", Value.object(ms));
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
          .put(a.name(), resource(a.in(at)));
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
