package dev.forma.engine.plan;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ModulePath;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.config.CheckRule;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.Lifecycle;
import dev.forma.engine.config.ModuleCall;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.Output;
import dev.forma.engine.config.Resource;
import dev.forma.engine.config.TypeConstraints;
import dev.forma.engine.config.Variable;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.scope.Expansion;
import dev.forma.engine.scope.InstanceBinding;
import dev.forma.engine.scope.Scope;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The module instances of a configuration tree during one plan: how each module call expands
 * ({@code count}, {@code for_each}, evaluated in the calling instance), one {@link Scope} per
 * module instance, and the values that cross a call: an input variable is the call's argument
 * evaluated in the calling instance (converted to the variable's type, once), {@code module.NAME}
 * an object of the child's outputs (a tuple of them with {@code count}, a map with {@code
 * for_each}).
 *
 * <p>Values are computed on first use: the graph orders every resource after what the arguments and
 * outputs it reaches refer to ({@link dev.forma.engine.graph.TreeReferences}), so a value is final
 * when first asked for. Thread-safe.
 */
public final class ModuleInstances implements Scope.Modules {
  /** The configuration tree. */
  public ConfigTree tree() {
    return tree;
  }

  private record CallKey(ModuleInstance at, String name) {}

  private final ConfigTree tree;
  private final ModuleEvaluator.Environment env;
  private final Diagnostics global;
  private Scope root;
  private final Map<ModuleInstance, Scope> scopes = new ConcurrentHashMap<>();
  private final Map<CallKey, Expander.Expanded> expansions = new ConcurrentHashMap<>();
  private final Map<CallKey, Value> inputs = new ConcurrentHashMap<>();

  /**
   * The module instances of {@code tree}; errors of values computed on first use go to {@code
   * global}.
   */
  public ModuleInstances(ConfigTree tree, ModuleEvaluator.Environment env, Diagnostics global) {
    this.tree = tree;
    this.env = env;
    this.global = global;
  }

  /** Sets the root module's scope (made with this as its {@link Scope.Modules}). */
  public void root(Scope scope) {
    this.root = scope;
  }

  /** The scope of module instance {@code mi}. */
  public Scope scope(ModuleInstance mi) {
    if (mi.isRoot()) {
      return root;
    }
    Scope s = scopes.get(mi);
    if (s == null) {
      ConfigTree t = tree.descendant(mi.module());
      s = root.child(t.module(), mi, env.forModule(t, tree));
      Scope earlier = scopes.putIfAbsent(mi, s);
      s = earlier != null ? earlier : s;
    }
    return s;
  }

  /**
   * The instances of the module at {@code p}, in order (none while a call's expansion is unknown).
   */
  public List<ModuleInstance> instances(ModulePath p) {
    if (p.isRoot()) {
      return List.of(ModuleInstance.ROOT);
    }
    String name = p.names().getLast();
    List<ModuleInstance> out = new ArrayList<>();
    for (ModuleInstance parent : instances(p.parent())) {
      for (InstanceKey k : expansion(parent, name).expansion().instanceKeys()) {
        out.add(parent.child(name, k));
      }
    }
    return out;
  }

  /** Whether every call on the way to the module at {@code p} expands to known instances. */
  public boolean known(ModulePath p) {
    if (p.isRoot()) {
      return true;
    }
    if (!known(p.parent())) {
      return false;
    }
    String name = p.names().getLast();
    for (ModuleInstance parent : instances(p.parent())) {
      if (expansion(parent, name).expansion() instanceof Expansion.Unknown) {
        return false;
      }
    }
    return true;
  }

  /** How call {@code name} of module instance {@code at} expands. */
  Expander.Expanded expansion(ModuleInstance at, String name) {
    CallKey key = new CallKey(at, name);
    Expander.Expanded e = expansions.get(key);
    if (e != null) {
      return e;
    }
    ModuleCall c = tree.descendant(at.module()).module().calls().get(name);
    Resource meta =
        new Resource(
            ResourceAddress.managed("module", name),
            null,
            c.count(),
            c.forEach(),
            List.of(),
            null,
            null,
            Lifecycle.NONE,
            c.declRange(),
            c.declRange(),
            c.declRange());
    Result<Expander.Expanded> r = Expander.expand(meta, scope(at));
    e = r.value() != null ? r.value() : new Expander.Expanded(Expansion.UNKNOWN, Map.of());
    if (expansions.putIfAbsent(key, e) == null) {
      report(r.diagnostics());
    }
    return expansions.get(key);
  }

  private InstanceBinding binding(ModuleInstance mi) {
    InstanceKey k = mi.last().key();
    Value each = null;
    if (k instanceof InstanceKey.StringKey s) {
      each = expansion(mi.parent(), mi.last().name()).eachValues().get(s.value());
    }
    return InstanceBinding.of(k, each);
  }

  @Override
  public Value input(ModuleInstance at, String name) {
    CallKey key = new CallKey(at, name);
    Value known = inputs.get(key);
    if (known != null) {
      return known;
    }
    ConfigTree t = tree.descendant(at.module());
    Variable v = t.module().variables().get(name);
    Attribute arg = t.call().inputs().get(name);
    Diagnostics d = new Diagnostics();
    Value val = null;
    if (arg == null) {
      if (v.defaultExpr() == null) {
        val = Value.NULL;
      } else {
        Result<Value> r = scope(at).evaluate(v.defaultExpr(), InstanceBinding.NONE);
        d.addAll(r.diagnostics());
        val = r.hasErrors() ? null : r.value();
      }
    } else {
      Result<Value> r = scope(at.parent()).evaluate(arg.expr(), binding(at));
      d.addAll(r.diagnostics());
      val = r.hasErrors() ? null : r.value();
    }
    if (val != null) {
      try {
        val = TypeConstraints.convert(val, v.constraint());
      } catch (ConversionException e) {
        d.add(
            Diagnostic.error(
                "Invalid value for input variable",
                "The given value is not suitable for var."
                    + name
                    + " declared at "
                    + v.declRange()
                    + ": "
                    + e.describe()
                    + ".",
                arg != null ? arg.expr().range() : v.declRange()));
        val = null;
      }
    }
    if (val == null) {
      val = Value.unknown(v.type());
    }
    val = val.markSensitiveIf(v.sensitive());
    if (inputs.putIfAbsent(key, val) == null) {
      // the rules read the variable: checked once its value is recorded
      validate(at, v, val, arg, d);
      report(d);
    }
    return inputs.get(key);
  }

  /**
   * Checks {@code v}'s validation rules against its value in module instance {@code at} (not while
   * the value is unknown); a failed rule is an error at the call's argument, as Terraform reports
   * it.
   */
  private void validate(ModuleInstance at, Variable v, Value value, Attribute arg, Diagnostics d) {
    if (!value.isWhollyKnown()) {
      return;
    }
    Scope s = scope(at);
    for (CheckRule rule : v.validations()) {
      Result<EvalContext> ctx = s.forExpression(rule.condition(), InstanceBinding.NONE);
      Result<Value> cond =
          Evaluator.evaluate(rule.condition(), ctx.value(), Type.BOOL, "condition");
      d.addAll(cond.diagnostics());
      if (cond.hasErrors()
          || cond.value() == null
          || !cond.value().isKnown()
          || cond.value().isNull()
          || !(cond.value().unmark() instanceof BoolValue b)
          || b.value()) {
        continue;
      }
      Result<EvalContext> mctx = s.forExpression(rule.errorMessage(), InstanceBinding.NONE);
      Result<Value> msg =
          Evaluator.evaluate(rule.errorMessage(), mctx.value(), Type.STRING, "error message");
      d.addAll(msg.diagnostics());
      String text =
          msg.value() != null && msg.value().unmark() instanceof StringValue str
              ? (msg.value().isSensitive()
                  ? "The error message included a sensitive value, so it will not be displayed."
                  : str.value())
              : "";
      d.add(
          Diagnostic.error(
                  "Invalid value for variable",
                  text + "\n\nThis was checked by the validation rule at " + rule.declRange() + ".",
                  arg != null ? arg.expr().range() : v.declRange())
              .withValues(
                  dev.forma.engine.eval.ExpressionValues.of(rule.condition(), ctx.value())));
    }
  }

  @Override
  public Value call(ModuleInstance at, String name, Set<String> outputs) {
    ModuleInstance unkeyed = at.child(name, InstanceKey.NONE);
    ConfigTree child = tree.descendant(unkeyed.module());
    if (child == null) {
      return Value.UNKNOWN;
    }
    Expansion e = expansion(at, name).expansion();
    return switch (e) {
      case Expansion.Single s -> outputs(at.child(name, InstanceKey.NONE), child, outputs);
      case Expansion.Count c -> {
        List<Value> out = new ArrayList<>();
        for (InstanceKey k : c.instanceKeys()) {
          out.add(outputs(at.child(name, k), child, outputs));
        }
        yield Value.tuple(out);
      }
      case Expansion.ForEach f -> {
        Map<String, Value> out = new TreeMap<>();
        for (String k : f.keys()) {
          out.put(k, outputs(at.child(name, InstanceKey.of(k)), child, outputs));
        }
        yield Value.object(out);
      }
      case Expansion.Unknown u -> Value.UNKNOWN;
    };
  }

  /** The object of module instance {@code mi}'s outputs (those named, or all when null). */
  private Value outputs(ModuleInstance mi, ConfigTree t, Set<String> names) {
    Map<String, Value> out = new LinkedHashMap<>();
    Scope s = scope(mi);
    for (Output o : t.module().outputs().values()) {
      if (o.value() == null || (names != null && !names.contains(o.name()))) {
        continue;
      }
      Result<Value> v = s.evaluate(o.value(), InstanceBinding.NONE);
      Value val = v.hasErrors() || v.value() == null ? Value.UNKNOWN : v.value();
      out.put(o.name(), val.markSensitiveIf(o.sensitive()));
    }
    return Value.object(out);
  }

  /**
   * The errors of every output of every child module instance (references to them evaluate them
   * quietly; this reports each once); the errors of inputs not yet evaluated go to the global
   * diagnostics, those of the outputs' preconditions to {@code conditions}.
   */
  Diagnostics outputDiagnostics(Diagnostics conditions) {
    Diagnostics d = new Diagnostics();
    for (ConfigTree t : tree.all()) {
      if (t.path().isRoot()) {
        continue;
      }
      for (ModuleInstance mi : instances(t.path())) {
        // every input, so that its validation rules run even when nothing reads it
        t.module().variables().keySet().forEach(v -> input(mi, v));
        for (Output o : t.module().outputs().values()) {
          if (o.value() != null) {
            Diagnostics pre = new Diagnostics();
            Conditions.check(
                Conditions.Kind.OUTPUT_PRECONDITION,
                o.preconditions(),
                scope(mi),
                InstanceBinding.NONE,
                pre);
            conditions.addAll(pre);
            if (!pre.hasErrors()) {
              d.addAll(scope(mi).evaluate(o.value(), InstanceBinding.NONE).diagnostics());
            }
          }
        }
      }
    }
    return d;
  }

  private void report(Diagnostics d) {
    if (!d.isEmpty()) {
      synchronized (global) {
        global.addAll(d);
      }
    }
  }
}
