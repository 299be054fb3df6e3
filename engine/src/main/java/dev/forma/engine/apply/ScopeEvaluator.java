package dev.forma.engine.apply;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.config.Lifecycle;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.Output;
import dev.forma.engine.config.Resource;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.SchemaDecoder;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.Conditions;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.engine.scope.Expansion;
import dev.forma.engine.scope.InstanceBinding;
import dev.forma.engine.scope.Scope;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.engine.statebridge.StateBridge;
import dev.forma.engine.statebridge.StateDataException;
import dev.forma.engine.statebridge.StateProvider;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import dev.forma.state.IndexKey;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The {@link ApplyEvaluator} over the planner's evaluation {@link Scope}: resource arguments are
 * decoded from their block by the provider's schema in the scope's context, and each applied object
 * is set in the scope, so that what depends on it sees its final values.
 */
public final class ScopeEvaluator implements ApplyEvaluator {
  private final Scope scope;
  private final Module module;
  private final Map<ProviderConfigAddress, Provider> providers;

  /** The module instances of a configuration with child modules; null without. */
  private final dev.forma.engine.plan.ModuleInstances modules;

  private final dev.forma.engine.graph.TreeReferences treeRefs;

  /**
   * An evaluator over {@code scope}, whose expansions and instance values are those of the plan (as
   * the planner left them, or as {@link #prepare} sets them for a saved plan).
   */
  public ScopeEvaluator(Scope scope, Map<ProviderConfigAddress, Provider> providers) {
    this(scope, providers, null);
  }

  /**
   * An evaluator over {@code scope}, the root module's scope made over {@code modules} (null for a
   * configuration without child modules): resources of child modules evaluate in their module
   * instance's scope.
   */
  public ScopeEvaluator(
      Scope scope,
      Map<ProviderConfigAddress, Provider> providers,
      dev.forma.engine.plan.ModuleInstances modules) {
    this.scope = scope;
    this.module = scope.module();
    this.providers = Map.copyOf(providers);
    this.modules = modules;
    this.treeRefs =
        modules == null ? null : new dev.forma.engine.graph.TreeReferences(modules.tree());
  }

  /** The configuration of the resource {@code address} is an instance of; null when none. */
  private Resource resourceOf(ResourceInstanceAddress address) {
    ResourceAddress a = address.resource();
    if (a.module().isRoot()) {
      return module.resources().get(a);
    }
    return resourceIn(modules, treeRefs, a);
  }

  /** Resource {@code a} of a child module, addressed in its module instance; null when none. */
  private static Resource resourceIn(
      dev.forma.engine.plan.ModuleInstances modules,
      dev.forma.engine.graph.TreeReferences refs,
      ResourceAddress a) {
    if (modules == null) {
      return null;
    }
    var t = modules.tree().descendant(a.module().module());
    Resource r = t == null ? null : t.module().resources().get(a.local());
    return r == null ? null : refs.relocate(a.module(), t.path(), r);
  }

  private Scope scopeOf(ResourceInstanceAddress address) {
    ModuleInstance mi = address.resource().module();
    return modules == null || mi.isRoot() ? scope : modules.scope(mi);
  }

  /**
   * Sets in {@code scope} what a saved plan's apply starts from: each resource's expansion (from
   * the instances the plan and the state keep) and each instance's value (planned, with unknowns,
   * for a change; as in {@code state} otherwise).
   */
  public static Diagnostics prepare(
      Scope scope, Plan plan, State state, Map<ProviderConfigAddress, Provider> providers) {
    return prepare(scope, plan, state, providers, null);
  }

  /**
   * As {@link #prepare(Scope,Plan,State,Map)}, for a configuration with child modules ({@code
   * modules} null without): resources of child modules too, by their module instances.
   */
  public static Diagnostics prepare(
      Scope scope,
      Plan plan,
      State state,
      Map<ProviderConfigAddress, Provider> providers,
      dev.forma.engine.plan.ModuleInstances modules) {
    dev.forma.engine.graph.TreeReferences refs =
        modules == null ? null : new dev.forma.engine.graph.TreeReferences(modules.tree());
    Diagnostics diagnostics = new Diagnostics();
    Map<ResourceAddress, Set<InstanceKey>> keys = new LinkedHashMap<>();
    Set<ResourceInstanceAddress> planned = new HashSet<>();
    for (ResourceChange c : plan.changes()) {
      if (c.deposedKey() != null) {
        continue;
      }
      planned.add(c.address());
      if (c.action() != Action.DELETE && c.action() != Action.FORGET && c.after() != null) {
        keys.computeIfAbsent(c.address().resource(), k -> new TreeSet<>()).add(c.address().key());
        scope.setInstance(c.address(), c.after());
      }
    }
    // an object a move takes elsewhere is not at its old address any more
    Set<ResourceInstanceAddress> movedAway = new HashSet<>();
    plan.moves().forEach(m -> movedAway.add(m.from()));
    for (ResourceState resource : state.resources().values()) {
      ResourceAddress address = StateAddresses.fromState(resource.address());
      ProviderConfigAddress providerAddress =
          StateProvider.parse(resource.provider()) == null
              ? ProviderConfigAddress.of(address.impliedProvider())
              : StateProvider.parse(resource.provider()).configAddress();
      ResourceSchema schema = schemaOf(providers, providerAddress, address);
      for (Map.Entry<IndexKey, ResourceInstance> e : resource.instances().entrySet()) {
        ResourceInstanceAddress instance = address.instance(StateAddresses.fromState(e.getKey()));
        if (planned.contains(instance)
            || movedAway.contains(instance)
            || e.getValue().current() == null
            || schema == null) {
          continue;
        }
        if (address.module().isRoot()
            ? !scope.module().resources().containsKey(address)
            : resourceIn(modules, refs, address) == null) {
          continue;
        }
        try {
          Value value =
              StateBridge.read(e.getValue().current(), schema.block().impliedType()).value();
          scope.setInstance(instance, value);
          keys.computeIfAbsent(address, k -> new TreeSet<>()).add(instance.key());
        } catch (StateDataException ex) {
          diagnostics.add(
              Diagnostic.error(
                  "Invalid resource instance data in state",
                  "Instance "
                      + instance
                      + " data could not be decoded from the state: "
                      + ex.getMessage()));
        }
      }
    }
    List<Resource> resources = new ArrayList<>(scope.module().resources().values());
    for (ResourceAddress a : keys.keySet()) {
      if (!a.module().isRoot()) {
        resources.add(resourceIn(modules, refs, a));
      }
    }
    for (Resource resource : resources) {
      if (resource == null) {
        continue;
      }
      Set<InstanceKey> ks = keys.getOrDefault(resource.address(), Set.of());
      Expansion expansion;
      if (resource.count() != null) {
        int count =
            ks.stream()
                .mapToInt(k -> k instanceof InstanceKey.IntKey i ? i.value() + 1 : 0)
                .max()
                .orElse(0);
        expansion = new Expansion.Count(count);
      } else if (resource.forEach() != null) {
        TreeSet<String> names = new TreeSet<>();
        ks.forEach(
            k -> {
              if (k instanceof InstanceKey.StringKey s) {
                names.add(s.value());
              }
            });
        expansion = new Expansion.ForEach(names);
      } else {
        expansion = Expansion.SINGLE;
      }
      scope.setExpansion(resource.address(), expansion);
    }
    return diagnostics;
  }

  /** The scope already holds every applied value (see {@link #applied}): no snapshot is made. */
  @Override
  public Result<Value> resourceConfig(ResourceInstanceAddress address, Supplier<State> state) {
    return resourceConfig(address, (State) null);
  }

  @Override
  public Result<Value> resourceConfig(ResourceInstanceAddress address, State state) {
    Resource resource = resourceOf(address);
    if (resource == null) {
      return Result.ok(null);
    }
    Scope scope = scopeOf(address);
    ResourceSchema schema = schemaOf(providers, resource.providerAddress(), address.resource());
    if (schema == null) {
      return new Result<>(
          null,
          Diagnostics.of(
              Diagnostic.error(
                  "Invalid resource type",
                  "The provider "
                      + resource.providerAddress()
                      + " does not support resource type \""
                      + address.resource().type()
                      + "\".",
                  resource.typeRange())));
    }
    Diagnostics diagnostics = new Diagnostics();
    InstanceBinding binding = binding(scope, resource, address, diagnostics);
    Result<EvalContext> ctx = scope.forResource(resource, binding);
    diagnostics.addAll(ctx.diagnostics());
    if (diagnostics.hasErrors()) {
      return new Result<>(null, diagnostics);
    }
    Result<Value> decoded = SchemaDecoder.decode(resource.config(), schema.block(), ctx.value());
    diagnostics.addAll(decoded.diagnostics());
    return new Result<>(decoded.value(), diagnostics);
  }

  /** The per-instance names of instance {@code address} of {@code resource}. */
  private static InstanceBinding binding(
      Scope scope, Resource resource, ResourceInstanceAddress address, Diagnostics diagnostics) {
    if (address.key() instanceof InstanceKey.StringKey key && resource.forEach() != null) {
      Result<Value> each = scope.evaluate(resource.forEach(), InstanceBinding.NONE);
      diagnostics.addAll(each.diagnostics());
      return InstanceBinding.of(address.key(), eachValue(each.value(), key.value()));
    }
    return InstanceBinding.of(address.key(), null);
  }

  @Override
  public Diagnostics preconditions(ResourceInstanceAddress address) {
    Resource resource = resourceOf(address);
    Diagnostics d = new Diagnostics();
    if (resource == null || resource.lifecycle().preconditions().isEmpty()) {
      return d;
    }
    Scope s = scopeOf(address);
    InstanceBinding b = binding(s, resource, address, d);
    Conditions.check(
        Conditions.Kind.RESOURCE_PRECONDITION, resource.lifecycle().preconditions(), s, b, d);
    return d;
  }

  @Override
  public Diagnostics postconditions(ResourceInstanceAddress address, Value value) {
    Resource resource = resourceOf(address);
    Diagnostics d = new Diagnostics();
    if (resource == null || resource.lifecycle().postconditions().isEmpty()) {
      return d;
    }
    Scope s = scopeOf(address);
    InstanceBinding b = binding(s, resource, address, d).withSelf(value);
    Conditions.check(
        Conditions.Kind.RESOURCE_POSTCONDITION, resource.lifecycle().postconditions(), s, b, d);
    return d;
  }

  @Override
  public Diagnostics outputPreconditions() {
    Diagnostics d = new Diagnostics();
    for (Output output : module.outputs().values()) {
      Conditions.check(
          Conditions.Kind.OUTPUT_PRECONDITION,
          output.preconditions(),
          scope,
          InstanceBinding.NONE,
          d);
    }
    return d;
  }

  @Override
  public Diagnostics checkBlocks() {
    Diagnostics d = new Diagnostics();
    for (dev.forma.engine.config.ConfigTree t : trees()) {
      for (dev.forma.engine.config.Check c : t.module().checks()) {
        if (c.scopedData() != null) {
          continue; // a scoped data source is not read yet: its assertions are not checked
        }
        for (ModuleInstance mi : instancesOf(t)) {
          Conditions.check(
              Conditions.Kind.CHECK_ASSERTION,
              c.asserts(),
              mi.isRoot() ? scope : modules.scope(mi),
              InstanceBinding.NONE,
              d);
        }
      }
    }
    return d;
  }

  private List<dev.forma.engine.config.ConfigTree> trees() {
    return modules == null
        ? List.of(dev.forma.engine.config.ConfigTree.root(module))
        : modules.tree().all();
  }

  /** The instances of the module of {@code t}; none while its calls' expansion is unknown. */
  private List<ModuleInstance> instancesOf(dev.forma.engine.config.ConfigTree t) {
    if (t.path().isRoot()) {
      return List.of(ModuleInstance.ROOT);
    }
    return modules.known(t.path()) ? modules.instances(t.path()) : List.of();
  }

  /**
   * The results of the conditions of resources and outputs, and of check blocks, of module {@code
   * t}, each evaluated against the values the apply left in the scope (diagnostics were reported
   * when the apply checked them): one result per configuration object, one object per instance.
   */
  private void conditionResults(
      dev.forma.engine.config.ConfigTree t, Plan.Mode mode, List<dev.forma.state.CheckResult> out) {
    String prefix = t.path().isRoot() ? "" : t.path().unkeyed() + ".";
    List<ModuleInstance> instances = null;
    for (Resource r : t.module().resources().values()) {
      Lifecycle l = r.lifecycle();
      if (l.preconditions().isEmpty() && l.postconditions().isEmpty()) {
        continue;
      }
      String config = prefix + r.address();
      if (mode == Plan.Mode.DESTROY) {
        out.add(new dev.forma.state.CheckResult("resource", config, "unknown", null));
        continue;
      }
      instances = instances != null ? instances : instancesOf(t);
      List<dev.forma.state.CheckResult.CheckObject> objects = new ArrayList<>();
      List<Conditions.Status> all = new ArrayList<>();
      for (ModuleInstance mi : instances) {
        Resource at = t.path().isRoot() ? r : treeRefs.relocate(mi, t.path(), r);
        Scope s = mi.isRoot() ? scope : modules.scope(mi);
        for (InstanceKey k : scope.expansion(at.address()).instanceKeys()) {
          ResourceInstanceAddress ia = at.address().instance(k);
          Diagnostics quiet = new Diagnostics();
          InstanceBinding b = binding(s, at, ia, quiet);
          Conditions.Outcome pre =
              Conditions.check(
                  Conditions.Kind.RESOURCE_PRECONDITION, l.preconditions(), s, b, quiet);
          Conditions.Outcome post =
              Conditions.check(
                  Conditions.Kind.RESOURCE_POSTCONDITION,
                  l.postconditions(),
                  s,
                  b.withSelf(scope.instance(ia)),
                  quiet);
          objects.add(object(ia.toString(), pre, post));
          all.add(Conditions.Status.aggregate(List.of(pre.status(), post.status())));
        }
      }
      out.add(result("resource", config, all, objects));
    }
    for (Output o : t.module().outputs().values()) {
      if (o.preconditions().isEmpty()) {
        continue;
      }
      String config = prefix + "output." + o.name();
      if (mode == Plan.Mode.DESTROY) {
        // Terraform keeps a root output's object after a destroy, unknown (a child module's
        // instances are not known then)
        out.add(
            new dev.forma.state.CheckResult(
                "output",
                config,
                "unknown",
                t.path().isRoot()
                    ? List.of(
                        new dev.forma.state.CheckResult.CheckObject(
                            "output." + o.name(), "unknown", null))
                    : null));
        continue;
      }
      instances = instances != null ? instances : instancesOf(t);
      List<dev.forma.state.CheckResult.CheckObject> objects = new ArrayList<>();
      List<Conditions.Status> all = new ArrayList<>();
      for (ModuleInstance mi : instances) {
        Conditions.Outcome pre =
            Conditions.check(
                Conditions.Kind.OUTPUT_PRECONDITION,
                o.preconditions(),
                mi.isRoot() ? scope : modules.scope(mi),
                InstanceBinding.NONE,
                new Diagnostics());
        objects.add(object((mi.isRoot() ? "" : mi + ".") + "output." + o.name(), pre));
        all.add(pre.status());
      }
      out.add(result("output", config, all, objects));
    }
    for (dev.forma.engine.config.Check c : t.module().checks()) {
      if (c.scopedData() != null) {
        continue; // a scoped data source is not read yet: its assertions are not checked
      }
      String config = prefix + "check." + c.name();
      if (mode == Plan.Mode.DESTROY) {
        out.add(new dev.forma.state.CheckResult("check", config, "unknown", null));
        continue;
      }
      instances = instances != null ? instances : instancesOf(t);
      List<dev.forma.state.CheckResult.CheckObject> objects = new ArrayList<>();
      List<Conditions.Status> all = new ArrayList<>();
      for (ModuleInstance mi : instances) {
        Conditions.Outcome a =
            Conditions.check(
                Conditions.Kind.CHECK_ASSERTION,
                c.asserts(),
                mi.isRoot() ? scope : modules.scope(mi),
                InstanceBinding.NONE,
                new Diagnostics());
        objects.add(object((mi.isRoot() ? "" : mi + ".") + "check." + c.name(), a));
        all.add(a.status());
      }
      out.add(result("check", config, all, objects));
    }
  }

  private static dev.forma.state.CheckResult.CheckObject object(
      String addr, Conditions.Outcome... outcomes) {
    List<Conditions.Status> statuses = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (Conditions.Outcome o : outcomes) {
      statuses.add(o.status());
      messages.addAll(o.failureMessages());
    }
    return new dev.forma.state.CheckResult.CheckObject(
        addr, Conditions.Status.aggregate(statuses).text(), messages.isEmpty() ? null : messages);
  }

  private static dev.forma.state.CheckResult result(
      String kind,
      String config,
      List<Conditions.Status> statuses,
      List<dev.forma.state.CheckResult.CheckObject> objects) {
    return new dev.forma.state.CheckResult(
        kind,
        config,
        Conditions.Status.aggregate(statuses).text(),
        objects.isEmpty() ? null : objects);
  }

  private static Value eachValue(Value forEach, String key) {
    if (forEach == null) {
      return Value.UNKNOWN;
    }
    Value v = forEach.unmark();
    return switch (v) {
      case MapValue m -> m.entries().getOrDefault(key, Value.UNKNOWN);
      case ObjectValue o -> o.attributes().getOrDefault(key, Value.UNKNOWN);
      case SetValue s -> Value.of(key);
      default -> v instanceof StringValue ? v : Value.UNKNOWN;
    };
  }

  @Override
  public Map<String, OutputResult> outputs(State state) {
    Map<String, OutputResult> out = new LinkedHashMap<>();
    for (Output output : module.outputs().values()) {
      if (output.value() == null) {
        continue;
      }
      Result<Value> v = scope.evaluate(output.value(), InstanceBinding.NONE);
      out.put(output.name(), new OutputResult(v.value(), output.sensitive(), v.diagnostics()));
    }
    return out;
  }

  /**
   * The validation results of every input variable that has {@code validation} rules, in every
   * module, as Terraform records them after an apply: each instance of the variable's module passed
   * (a rule that failed stopped the plan or the apply), a module whose calls expand to no instance
   * has no objects; after a destroy every result is unknown, without objects. The conditions of
   * resources and outputs and the check blocks follow, each evaluated against what the apply left.
   */
  @Override
  public List<dev.forma.state.CheckResult> checkResults(dev.forma.engine.plan.Plan.Mode mode) {
    List<dev.forma.state.CheckResult> out = new java.util.ArrayList<>();
    List<dev.forma.engine.config.ConfigTree> trees =
        modules == null
            ? List.of(dev.forma.engine.config.ConfigTree.root(module))
            : modules.tree().all();
    for (dev.forma.engine.config.ConfigTree t : trees) {
      List<ModuleInstance> instances = null;
      for (dev.forma.engine.config.Variable v : t.module().variables().values()) {
        if (v.validations().isEmpty()) {
          continue;
        }
        String local = "var." + v.name();
        String config = t.path().isRoot() ? local : t.path().unkeyed() + "." + local;
        if (mode == dev.forma.engine.plan.Plan.Mode.DESTROY) {
          out.add(new dev.forma.state.CheckResult("var", config, "unknown", null));
          continue;
        }
        if (instances == null) {
          instances =
              t.path().isRoot()
                  ? List.of(ModuleInstance.ROOT)
                  : modules.known(t.path()) ? modules.instances(t.path()) : List.of();
        }
        if (!t.path().isRoot() && !modules.known(t.path())) {
          out.add(new dev.forma.state.CheckResult("var", config, "unknown", null));
          continue;
        }
        List<dev.forma.state.CheckResult.CheckObject> objects = new java.util.ArrayList<>();
        for (ModuleInstance mi : instances) {
          objects.add(
              new dev.forma.state.CheckResult.CheckObject(
                  mi.isRoot() ? local : mi + "." + local, "pass", null));
        }
        out.add(
            new dev.forma.state.CheckResult(
                "var", config, "pass", objects.isEmpty() ? null : objects));
      }
      conditionResults(t, mode, out);
    }
    return out;
  }

  @Override
  public Lifecycle.IgnoreChanges ignoreChanges(ResourceInstanceAddress address) {
    Resource resource = resourceOf(address);
    return resource == null
        ? ApplyEvaluator.super.ignoreChanges(address)
        : resource.lifecycle().ignoreChanges();
  }

  @Override
  public Range declaration(ResourceInstanceAddress address) {
    Resource resource = resourceOf(address);
    return resource == null ? null : resource.declRange();
  }

  @Override
  public Diagnostic diagnostic(ResourceInstanceAddress address, ProviderDiagnostic diagnostic) {
    Resource resource = resourceOf(address);
    if (resource == null) {
      return new Diagnostic(
          diagnostic.severity(), diagnostic.summary(), diagnostic.detail(), null, null);
    }
    // Without an attribute path, a provider's diagnostic is about the whole body: Terraform
    // points it at the body's opening brace, so that it reads "in resource "t" "n"".
    Range body =
        resource.config() == null || resource.config().range() == null
            ? resource.declRange()
            : Range.at(resource.config().range().filename(), resource.config().range().start());
    return SchemaDecoder.toDiagnostic(diagnostic, resource.config(), body);
  }

  @Override
  public String stateProvider(ProviderConfigAddress provider) {
    return StateProvider.of(provider, module).toString();
  }

  @Override
  public void applied(ResourceInstanceAddress address, Value value) {
    if (value == null) {
      scope.removeInstance(address);
    } else {
      scope.setInstance(address, value);
    }
  }

  private static ResourceSchema schemaOf(
      Map<ProviderConfigAddress, Provider> providers,
      ProviderConfigAddress provider,
      ResourceAddress resource) {
    Provider p = providers.get(provider);
    if (p == null) {
      return null;
    }
    return resource.mode() == ResourceMode.DATA
        ? p.schema().dataSources().get(resource.type())
        : p.schema().resources().get(resource.type());
  }
}
