package dev.forma.engine.plan;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ModulePath;
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
import dev.forma.engine.graph.GraphBuilder;
import dev.forma.engine.graph.GraphNode;
import dev.forma.engine.graph.ResourceGraph;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.providers.StateUpgrades;
import dev.forma.engine.scope.Expansion;
import dev.forma.engine.scope.InstanceBinding;
import dev.forma.engine.scope.Scope;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.engine.statebridge.StateBridge;
import dev.forma.engine.statebridge.StateDataException;
import dev.forma.engine.statebridge.StateProvider;
import dev.forma.engine.statebridge.StoredObject;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.OutputValue;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Makes a {@link Plan} from a {@link PlanRequest}: reads the prior state, refreshes it (provider
 * read of every object, in parallel), then walks the resource graph in dependency order, in
 * parallel, planning each resource's instances so that references see planned values (unknown where
 * not yet known), and finally the outputs. See DESIGN decision 6 for how values are diffed.
 *
 * <p>Errors do not stop the walk: a resource whose planning failed skips only its dependents, and
 * the plan comes back incomplete ({@link Plan#complete()} false) with every diagnostic.
 */
public final class Planner {
  private static final byte[] NO_SALT = new byte[32];

  private final PlanRequest req;
  private final Module module;
  private final PlanOptions opts;
  private final byte[] salt;
  private final Scope scope;

  /** The configuration tree, and its module instances when it has child modules (else null). */
  private final dev.forma.engine.config.ConfigTree tree;

  private final ModuleInstances modules;
  private final dev.forma.engine.graph.TreeReferences treeRefs;
  private final Diagnostics global = new Diagnostics();

  /** Diagnostics of outputs' conditions and check blocks: after the resources', as Terraform's. */
  private final Diagnostics late = new Diagnostics();

  private final Map<ResourceAddress, Diagnostics> nodeDiags = new ConcurrentHashMap<>();
  private final Map<ResourceAddress, Boolean> failed = new ConcurrentHashMap<>();

  /** The resources the walk plans (with -target, the targets and their dependencies). */
  private Set<ResourceAddress> walked;

  private final Map<ChangeKey, ResourceChange> changes = new ConcurrentHashMap<>();
  private final Map<ResourceInstanceAddress, ResourceChange> drift = new ConcurrentHashMap<>();

  /** The prior objects (after refresh) and deposed objects, by instance. */
  private final Map<ResourceInstanceAddress, StoredObject> prior = new ConcurrentHashMap<>();

  private final Map<ResourceInstanceAddress, SortedMap<String, StoredObject>> deposed =
      new ConcurrentHashMap<>();

  /** The instance keys of each resource in the prior state as loaded (current or deposed). */
  private final Map<ResourceAddress, SortedSet<InstanceKey>> keysInState =
      new ConcurrentHashMap<>();

  private final Set<ResourceInstanceAddress> goneOutside = ConcurrentHashMap.newKeySet();

  /** The objects whose refresh changed their value or private data, to record in the state. */
  private final Map<ResourceInstanceAddress, InstanceObject> refreshedObjects =
      new ConcurrentHashMap<>();

  private final Map<ResourceAddress, ProviderConfigAddress> stateProviders = new HashMap<>();
  private Map<ResourceInstanceAddress, ImportTargets.Target> imports = Map.of();

  /** The objects import blocks import, read before the walk. */
  private Map<ResourceInstanceAddress, ImportTargets.Imported> imported = Map.of();

  private final dev.forma.engine.apply.ApplyHooks hooks;

  /** The prior state with the moved blocks applied, and the resources removed blocks forget. */
  private Refactorings.Prepared refactored;

  private record ChangeKey(ResourceInstanceAddress address, String deposedKey)
      implements Comparable<ChangeKey> {
    @Override
    public int compareTo(ChangeKey o) {
      int c = address.compareTo(o.address);
      return c != 0
          ? c
          : Comparator.nullsFirst(Comparator.<String>naturalOrder())
              .compare(deposedKey, o.deposedKey);
    }
  }

  private Planner(PlanRequest req, dev.forma.engine.apply.ApplyHooks hooks) {
    this.req = req;
    this.hooks = hooks;
    this.module = req.module();
    this.opts = req.options();
    byte[] s = opts.writeOnlySalt();
    this.salt = s.length == 0 ? NO_SALT : s;
    this.tree = req.tree();
    if (tree.children().isEmpty()) {
      this.modules = null;
      this.treeRefs = null;
      this.scope = new Scope(module, req.variables(), req.environment(), false);
    } else {
      this.modules = new ModuleInstances(tree, req.environment(), global);
      this.treeRefs = new dev.forma.engine.graph.TreeReferences(tree);
      this.scope = new Scope(module, req.variables(), req.environment(), false, modules);
      modules.root(scope);
    }
  }

  /** The scope expressions of resource {@code a} (in its module instance) evaluate in. */
  private Scope scopeOf(ResourceAddress a) {
    return modules == null || a.module().isRoot() ? scope : modules.scope(a.module());
  }

  /** Plans {@code request}: the plan (incomplete when there are errors) and the diagnostics. */
  public static Result<Plan> plan(PlanRequest request) {
    return plan(request, dev.forma.engine.apply.ApplyHooks.NONE);
  }

  /** Plans {@code request}, telling {@code hooks} of each object an import block reads. */
  public static Result<Plan> plan(PlanRequest request, dev.forma.engine.apply.ApplyHooks hooks) {
    return new Planner(request, hooks).run();
  }

  private Result<Plan> run() {
    if (!module.calls().isEmpty() && modules == null) {
      // calls whose modules the request does not hold: a plan without their resources would
      // propose destroying them
      return new Result<>(null, ModuleCalls.notPlanned(module));
    }
    Result<Refactorings.Prepared> r = Refactorings.prepare(tree, req.priorState(), opts.targets());
    if (r.value() == null) {
      return new Result<>(null, new Diagnostics().addAll(r.diagnostics()));
    }
    refactored = r.value();
    Plan.Mode mode = opts.mode();
    Result<ResourceGraph> g =
        mode == Plan.Mode.DESTROY
            ? GraphBuilder.buildForDestroy(module, refactored.state())
            : modules != null
                ? GraphBuilder.build(tree, refactored.state())
                : GraphBuilder.build(module, refactored.state());
    global.addAll(g.diagnostics());
    if (g.value() == null) {
      // Nothing was planned (a cycle, say): no plan to show, only the errors, as Terraform.
      return new Result<>(null, new Diagnostics().addAll(global));
    }
    ResourceGraph graph = g.value();
    loadPrior(graph);
    collectImports();
    ExecutorService pool = Executors.newFixedThreadPool(opts.parallelism(), daemonThreads());
    try {
      if (opts.refresh() && !global.hasErrors()) {
        refresh(pool, graph);
      }
      if (mode == Plan.Mode.NORMAL && !imports.isEmpty()) {
        imported =
            ImportTargets.importAll(
                imports,
                ia -> !prior.containsKey(ia) && instanceTargeted(ia),
                tree,
                modules,
                req.providers(),
                scope,
                hooks,
                global);
        if (imported == null) {
          // an object that cannot be imported stops the plan before anything is shown
          return new Result<>(null, new Diagnostics().addAll(global));
        }
      }
      Set<ResourceAddress> walked = targeted(graph);
      this.walked = walked;
      walk(graph, walked, pool);
    } finally {
      pool.shutdownNow();
    }
    Diagnostics moves = Moves.validate(refactored.statements(), tree, scope::expansion);
    if (moves.hasErrors()) {
      // an invalid set of moves is likely the cause of any other error: only its errors, as
      // Terraform
      return new Result<>(null, moves);
    }
    return finish(outputs());
  }

  // ---- prior state

  private void loadPrior(ResourceGraph graph) {
    State state = refactored.state();
    for (ResourceState rs : state.resources().values()) {
      ResourceAddress ra = StateAddresses.fromState(rs.address());
      GraphNode node = graph.node(ra);
      ProviderConfigAddress pa;
      if (node instanceof GraphNode.Configured c) {
        pa = c.resource().providerAddress();
      } else {
        StateProvider sp = StateProvider.parse(rs.provider());
        pa = sp != null ? sp.configAddress() : ProviderConfigAddress.of(ra.impliedProvider());
      }
      stateProviders.put(ra, pa);
      Provider p = req.providers().get(pa);
      ResourceSchema schema = p == null ? null : schemaOf(p, ra);
      if (schema == null) {
        if (ra.mode() == ResourceMode.MANAGED && !(node instanceof GraphNode.Configured)) {
          global.add(
              Diagnostic.error(
                  "Provider configuration not present",
                  "To work with "
                      + ra
                      + " its original provider configuration at "
                      + rs.provider()
                      + " is required, but it has been removed. This occurs when a provider"
                      + " configuration is removed while objects created by that provider still"
                      + " exist in the state. Re-add the provider configuration to destroy "
                      + ra
                      + ", after which you can remove the provider configuration again."));
        }
        continue;
      }
      Type type = schema.block().impliedType();
      for (ResourceInstance ri : rs.instances().values()) {
        ResourceInstanceAddress ia = ra.instance(StateAddresses.fromState(ri.key()));
        keysInState.computeIfAbsent(ra, k -> new TreeSet<>()).add(ia.key());
        try {
          if (ri.current() != null) {
            InstanceObject current = upgraded(ri.current(), schema, p, ia.toString(), pa);
            if (current == null) {
              continue;
            }
            if (current != ri.current()) {
              // recorded with the new schema version by the next apply or refresh
              refreshedObjects.put(ia, current);
            }
            StoredObject o = StateBridge.read(current, type);
            prior.put(ia, o.withValue(SchemaValues.markSensitive(o.value(), schema.block())));
          }
          if (!ri.deposed().isEmpty()) {
            SortedMap<String, StoredObject> ds = new TreeMap<>();
            for (var e : ri.deposed().entrySet()) {
              InstanceObject d = upgraded(e.getValue(), schema, p, ia.toString(), pa);
              if (d != null) {
                ds.put(e.getKey(), StateBridge.read(d, type));
              }
            }
            deposed.put(ia, ds);
          }
        } catch (StateDataException e) {
          global.add(
              Diagnostic.error(
                  "Invalid resource instance data in state",
                  "Instance "
                      + ia
                      + " data could not be decoded from the state: "
                      + e.getMessage()
                      + "."));
        }
      }
    }
  }

  /**
   * {@code o} brought to the provider's schema version ({@link StateUpgrades}); null, with the
   * error in the plan's diagnostics, when it cannot be.
   */
  private InstanceObject upgraded(
      InstanceObject o,
      ResourceSchema schema,
      Provider p,
      String address,
      ProviderConfigAddress pa) {
    if (!StateUpgrades.needed(o, schema)) {
      return o;
    }
    Result<InstanceObject> r = StateUpgrades.upgrade(o, schema, p, address, pa.localName());
    synchronized (global) {
      global.addAll(r.diagnostics());
    }
    return r.hasErrors() ? null : r.value();
  }

  private static ResourceSchema schemaOf(Provider p, ResourceAddress a) {
    return a.mode() == ResourceMode.MANAGED
        ? p.schema().resources().get(a.type())
        : p.schema().dataSources().get(a.type());
  }

  private void collectImports() {
    imports = ImportTargets.collect(module, scope, global);
  }

  // ---- refresh

  /**
   * Reads every managed object of the prior state again (with {@code -target}, only the targets'
   * and their dependencies', as Terraform), in parallel, telling the hooks as each read starts and
   * ends.
   */
  private void refresh(ExecutorService pool, ResourceGraph graph) {
    Set<ResourceAddress> wanted = refreshScope(graph);
    // the objects to read, by provider configuration and resource type: a group of several is
    // offered to the provider's bulk read first (refresh by listing)
    Map<List<Object>, List<Map.Entry<ResourceInstanceAddress, StoredObject>>> groups =
        new LinkedHashMap<>();
    for (var e : new TreeMap<>(prior).entrySet()) {
      ResourceInstanceAddress a = e.getKey();
      ResourceAddress ra = a.resource();
      if (ra.mode() != ResourceMode.MANAGED
          || refactored.forgotten().contains(ra)
          || (wanted != null && !wanted.contains(ra.config()))
          || (wanted != null && !ra.module().isRoot() && !targetedInstance(opts.targets(), ra))) {
        continue;
      }
      ProviderConfigAddress pa = stateProviders.get(ra);
      if (req.providers().get(pa) == null) {
        continue;
      }
      groups.computeIfAbsent(List.of(pa, ra.type()), k -> new ArrayList<>()).add(e);
    }
    List<CompletableFuture<Void>> all = new ArrayList<>();
    List<CompletableFuture<List<Map.Entry<ResourceInstanceAddress, StoredObject>>>> bulk =
        new ArrayList<>();
    for (var g : groups.entrySet()) {
      Provider p = req.providers().get((ProviderConfigAddress) g.getKey().get(0));
      List<Map.Entry<ResourceInstanceAddress, StoredObject>> objects = g.getValue();
      if (objects.size() > 1) {
        bulk.add(CompletableFuture.supplyAsync(() -> refreshMany(objects, p), pool));
      } else {
        var e = objects.get(0);
        all.add(CompletableFuture.runAsync(() -> refreshOne(e.getKey(), e.getValue(), p), pool));
      }
    }
    for (int i = 0; i < bulk.size(); i++) {
      List<Map.Entry<ResourceInstanceAddress, StoredObject>> left = bulk.get(i).join();
      for (var e : left) {
        Provider p = req.providers().get(stateProviders.get(e.getKey().resource()));
        all.add(CompletableFuture.runAsync(() -> refreshOne(e.getKey(), e.getValue(), p), pool));
      }
    }
    all.forEach(CompletableFuture::join);
  }

  /**
   * Offers {@code objects} (of one type and provider configuration) to the provider's bulk read and
   * records what it read; returns the objects it left out, for single reads.
   */
  private List<Map.Entry<ResourceInstanceAddress, StoredObject>> refreshMany(
      List<Map.Entry<ResourceInstanceAddress, StoredObject>> objects, Provider p) {
    String type = objects.get(0).getKey().resource().type();
    List<Requests.Read> reads = new ArrayList<>();
    for (var e : objects) {
      reads.add(new Requests.Read(type, e.getValue().value(), e.getValue().privateData()));
    }
    Requests.ReadManyResult r;
    try {
      r = p.readMany(new Requests.ReadMany(type, reads));
    } catch (RuntimeException ex) {
      r = null; // the single reads report what is wrong, object by object
    }
    if (r == null || r.results().size() != objects.size()) {
      return objects;
    }
    List<Map.Entry<ResourceInstanceAddress, StoredObject>> left = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      var e = objects.get(i);
      Requests.ReadResult one = r.results().get(i);
      if (one == null) {
        left.add(e);
        continue;
      }
      ResourceInstanceAddress a = e.getKey();
      dev.forma.engine.apply.ObjectTarget target = dev.forma.engine.apply.ObjectTarget.current(a);
      hooks.preRefresh(target, idOf(e.getValue().value()));
      boolean read = recordRead(a, e.getValue(), p, one);
      StoredObject now = prior.get(a);
      hooks.postRefresh(target, read, read && now != null ? idOf(now.value()) : null);
    }
    return left;
  }

  /**
   * The configuration addresses of the resources a refresh reads: null for all; with {@code
   * -target}, the targets and what they depend on in the configuration's graph (also when
   * destroying: the refresh before a destroy is a normal one).
   */
  private Set<ResourceAddress> refreshScope(ResourceGraph graph) {
    if (opts.targets().isEmpty()) {
      return null;
    }
    ResourceGraph g = graph;
    if (opts.mode() == Plan.Mode.DESTROY) {
      g =
          (modules != null
                  ? GraphBuilder.build(tree, refactored.state())
                  : GraphBuilder.build(module, refactored.state()))
              .value();
    }
    List<ResourceAddress> roots = opts.targets().stream().map(t -> t.resource().config()).toList();
    return g == null ? new HashSet<>(roots) : g.withDependencies(roots);
  }

  /**
   * Whether resource {@code ra} of a module instance is one {@code targets} name (a module call
   * without a key in a target standing for all its instances), or a dependency of them: a resource
   * no target names in any instance.
   */
  private static boolean targetedInstance(
      List<ResourceInstanceAddress> targets, ResourceAddress ra) {
    boolean named = false;
    for (ResourceInstanceAddress t : targets) {
      ResourceAddress tr = t.resource();
      if (!tr.config().equals(ra.config())) {
        continue;
      }
      named = true;
      List<ModuleInstance.Step> ts = tr.module().steps();
      List<ModuleInstance.Step> as = ra.module().steps();
      boolean all = true;
      for (int i = 0; i < ts.size() && all; i++) {
        all =
            ts.get(i).key() instanceof InstanceKey.NoKey || ts.get(i).key().equals(as.get(i).key());
      }
      if (all) {
        return true;
      }
    }
    return !named;
  }

  private void refreshOne(ResourceInstanceAddress a, StoredObject o, Provider p) {
    dev.forma.engine.apply.ObjectTarget target = dev.forma.engine.apply.ObjectTarget.current(a);
    hooks.preRefresh(target, idOf(o.value()));
    boolean read = refreshObject(a, o, p);
    StoredObject now = prior.get(a);
    hooks.postRefresh(target, read, read && now != null ? idOf(now.value()) : null);
  }

  /** The object's {@code id} attribute as the hooks show it; null when it has none or hides it. */
  private static String idOf(Value object) {
    if (object != null && object.unmark() instanceof dev.forma.provider.api.value.ObjectValue ov) {
      Value id = ov.attributes().get("id");
      if (id != null && id.unmark() instanceof StringValue s && !s.value().isEmpty()) {
        return id.isSensitive() ? null : s.value();
      }
    }
    return null;
  }

  /** Reads one object again; false when the provider failed. */
  private boolean refreshObject(ResourceInstanceAddress a, StoredObject o, Provider p) {
    Requests.ReadResult r;
    try {
      r = p.read(new Requests.Read(a.resource().type(), o.value(), o.privateData()));
    } catch (RuntimeException ex) {
      synchronized (global) {
        global.add(
            Diagnostic.error("Provider failed to read " + a, String.valueOf(ex.getMessage())));
      }
      return false;
    }
    return recordRead(a, o, p, r);
  }

  /** Records what a read of object {@code o} at {@code a} found; false when the read failed. */
  private boolean recordRead(
      ResourceInstanceAddress a, StoredObject o, Provider p, Requests.ReadResult r) {
    ResourceSchema schema = schemaOf(p, a.resource());
    Diagnostics d = new Diagnostics();
    for (ProviderDiagnostic pd : r.diagnostics()) {
      d.add(new Diagnostic(pd.severity(), pd.summary(), pd.detail(), null, null));
    }
    synchronized (global) {
      global.addAll(d);
    }
    if (d.hasErrors()) {
      return false;
    }
    ProviderConfigAddress pa = stateProviders.get(a.resource());
    if (r.newState() == null) {
      prior.remove(a);
      goneOutside.add(a);
      drift.put(
          a,
          change(
              a, null, pa, Action.DELETE, ActionReason.NONE, o.value(), null, List.of(), null, o));
      return true;
    }
    Value now = SchemaValues.markSensitive(keepMarks(r.newState(), o.value()), schema.block());
    if (!Diff.same(now, o.value())) {
      drift.put(
          a,
          change(
              a, null, pa, Action.UPDATE, ActionReason.NONE, o.value(), now, List.of(), null, o));
    }
    StoredObject refreshed =
        new StoredObject(
            now,
            o.schemaVersion(),
            r.privateData(),
            o.dependencies(),
            o.createBeforeDestroy(),
            o.tainted());
    prior.put(a, refreshed);
    if (!Diff.same(now, o.value()) || !Objects.equals(r.privateData(), o.privateData())) {
      if (!now.isWhollyKnown()) {
        synchronized (global) {
          global.add(
              Diagnostic.error(
                  "Provider produced invalid object",
                  "Provider "
                      + pa
                      + " returned an object with unknown values when refreshing "
                      + a
                      + ". This is a bug in the provider, which should be reported in the"
                      + " provider's own issue tracker."));
        }
        return false;
      }
      refreshedObjects.put(a, StateBridge.write(refreshed, schema.block().impliedType()));
    }
    return true;
  }

  /** {@code fresh} with the sensitive marks {@code old} had at the same paths. */
  private static Value keepMarks(Value fresh, Value old) {
    return dev.forma.engine.statebridge.StateValues.markPaths(
        fresh, dev.forma.engine.statebridge.StateValues.sensitivePaths(old));
  }

  // ---- the walk

  private Set<ResourceAddress> targeted(ResourceGraph graph) {
    if (opts.targets().isEmpty()) {
      return graph.nodes().keySet();
    }
    Set<ResourceAddress> roots = new HashSet<>();
    for (ResourceInstanceAddress t : opts.targets()) {
      roots.add(t.resource());
    }
    if (modules != null) {
      // with child modules, a plan's nodes are configuration addresses (no module instance
      // keys), a destroy plan's the objects' addresses in state
      for (ResourceAddress n : graph.nodes().keySet()) {
        for (ResourceInstanceAddress t : opts.targets()) {
          if (opts.mode() == Plan.Mode.DESTROY
              ? sameResource(t.resource(), n)
              : t.resource().config().equals(n)) {
            roots.add(n);
          }
        }
      }
    }
    roots.retainAll(graph.nodes().keySet());
    return opts.mode() == Plan.Mode.DESTROY
        ? graph.withDependencies(roots) // the destroy graph is reversed: dependents first
        : graph.withDependencies(roots);
  }

  private boolean instanceTargeted(ResourceInstanceAddress a) {
    if (opts.targets().isEmpty()) {
      return true;
    }
    for (ResourceInstanceAddress t : opts.targets()) {
      if (sameResource(t.resource(), a.resource())
          && (t.key() instanceof InstanceKey.NoKey || t.key().equals(a.key()))) {
        return true;
      }
    }
    // a dependency of a target: all its instances
    return opts.targets().stream().noneMatch(t -> sameResource(t.resource(), a.resource()));
  }

  /**
   * Whether target {@code t} names resource {@code a}: the same address, or (with child modules)
   * the same resource in a module instance whose calls without a key stand for all instances.
   */
  private boolean sameResource(ResourceAddress t, ResourceAddress a) {
    if (t.equals(a)) {
      return true;
    }
    if (modules == null || !t.local().equals(a.local())) {
      return false;
    }
    List<ModuleInstance.Step> ts = t.module().steps();
    List<ModuleInstance.Step> as = a.module().steps();
    if (ts.size() != as.size()) {
      return false;
    }
    for (int i = 0; i < ts.size(); i++) {
      if (!ts.get(i).name().equals(as.get(i).name())
          || !(ts.get(i).key() instanceof InstanceKey.NoKey
              || ts.get(i).key().equals(as.get(i).key()))) {
        return false;
      }
    }
    return true;
  }

  private void walk(ResourceGraph graph, Set<ResourceAddress> walked, ExecutorService pool) {
    Map<ResourceAddress, CompletableFuture<Void>> futures = new HashMap<>();
    for (ResourceAddress a : graph.topologicalOrder()) {
      if (!walked.contains(a)) {
        seedFromPrior(a);
        futures.put(a, CompletableFuture.completedFuture(null));
        continue;
      }
      List<CompletableFuture<Void>> deps = new ArrayList<>();
      for (ResourceAddress d : graph.dependencies(a)) {
        deps.add(futures.get(d));
      }
      GraphNode node = graph.node(a);
      futures.put(
          a,
          CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
              .thenRunAsync(() -> planNode(graph, node), pool));
    }
    futures.values().forEach(CompletableFuture::join);
  }

  private void seedFromPrior(ResourceAddress a) {
    if (modules != null && !a.module().isRoot() && a.equals(a.config())) {
      // a resource of a child module at its configuration address: its objects are in the
      // module's instances (module.x["k"].type.name), each seeded at its own address
      for (ResourceAddress inState : new ArrayList<>(keysInState.keySet())) {
        if (!inState.equals(a) && inState.config().equals(a)) {
          seedOne(inState);
        }
      }
    }
    seedOne(a);
  }

  private void seedOne(ResourceAddress a) {
    SortedMap<InstanceKey, ResourceInstance> insts = new TreeMap<>();
    prior.keySet().stream()
        .filter(i -> i.resource().equals(a))
        .forEach(i -> insts.put(i.key(), null));
    scope.setExpansion(a, expansionOf(insts.keySet()));
    insts.keySet().forEach(k -> scope.setInstance(a.instance(k), prior.get(a.instance(k)).value()));
  }

  /**
   * A refresh-only plan checks the conditions of each object of {@code r} against what the refresh
   * found (postconditions' {@code self}), failures as warnings, as Terraform's does.
   */
  private void refreshOnlyConditions(Resource r, Diagnostics d) {
    Lifecycle l = r.lifecycle();
    if (l.preconditions().isEmpty() && l.postconditions().isEmpty()) {
      return;
    }
    ResourceAddress a = r.address();
    Result<Expander.Expanded> ex = Expander.expand(r, scopeOf(a));
    Map<String, Value> each = ex.value() == null ? Map.of() : ex.value().eachValues();
    for (InstanceKey k : new TreeSet<>(keysInState.getOrDefault(a, Collections.emptySortedSet()))) {
      StoredObject o = prior.get(a.instance(k));
      if (o == null) {
        continue;
      }
      InstanceBinding b =
          InstanceBinding.of(
              k,
              k instanceof InstanceKey.StringKey s
                  ? each.getOrDefault(s.value(), Value.UNKNOWN)
                  : null);
      Conditions.check(
          Conditions.Kind.RESOURCE_PRECONDITION, l.preconditions(), scopeOf(a), b, true, d);
      Conditions.check(
          Conditions.Kind.RESOURCE_POSTCONDITION,
          l.postconditions(),
          scopeOf(a),
          b.withSelf(o.value()),
          true,
          d);
    }
  }

  private static Expansion expansionOf(Set<InstanceKey> keys) {
    if (keys.isEmpty() || keys.contains(InstanceKey.NONE)) {
      return Expansion.SINGLE;
    }
    if (keys.iterator().next() instanceof InstanceKey.StringKey) {
      java.util.TreeSet<String> ks = new java.util.TreeSet<>();
      keys.forEach(k -> ks.add(((InstanceKey.StringKey) k).value()));
      return new Expansion.ForEach(ks);
    }
    int max = -1;
    for (InstanceKey k : keys) {
      max = Math.max(max, ((InstanceKey.IntKey) k).value());
    }
    return new Expansion.Count(max + 1);
  }

  private void planNode(ResourceGraph graph, GraphNode node) {
    ResourceAddress a = node.address();
    Diagnostics d = nodeDiags.computeIfAbsent(a, k -> new Diagnostics());
    for (ResourceAddress dep : graph.dependencies(a)) {
      if (failed.containsKey(dep)) {
        failed.put(a, true);
        return;
      }
    }
    try {
      switch (node) {
        case GraphNode.Configured c when !a.module().isRoot() -> planInModules(c.resource(), d);
        case GraphNode.Configured c -> {
          if (opts.mode() == Plan.Mode.DESTROY) {
            deleteAll(a, c.resource(), ActionReason.NONE, d);
          } else if (opts.mode() == Plan.Mode.REFRESH_ONLY) {
            seedFromPrior(a);
            refreshOnlyConditions(c.resource(), d);
          } else {
            planConfigured(c.resource(), d);
          }
        }
        case GraphNode.Orphan o -> {
          if (opts.mode() != Plan.Mode.REFRESH_ONLY) {
            boolean configured =
                modules != null
                    && opts.mode() == Plan.Mode.DESTROY
                    && tree.descendant(a.module().module()) != null
                    && tree.descendant(a.module().module())
                        .module()
                        .resources()
                        .containsKey(a.local());
            // a destroy plan deletes everything: no object needs a reason, as in Terraform's
            deleteAll(
                a,
                null,
                configured || opts.mode() == Plan.Mode.DESTROY
                    ? ActionReason.NONE
                    : orphanReason(a),
                d);
          }
        }
      }
    } catch (RuntimeException ex) {
      d.add(
          Diagnostic.error(
              "Failed to plan " + a,
              ex.getClass().getSimpleName() + ": " + ex.getMessage(),
              node.declRange()));
    }
    if (d.hasErrors()) {
      failed.put(a, true);
    }
  }

  /**
   * Plans resource {@code r} of a child module (at its configuration address) in every instance of
   * its module, and deletes its objects in module instances the configuration no longer has.
   */
  private void planInModules(Resource r, Diagnostics d) {
    ModulePath p = r.address().module().module();
    List<ModuleInstance> live = modules.instances(p);
    if (opts.mode() == Plan.Mode.NORMAL && modules.known(p)) {
      Set<ModuleInstance> made = new HashSet<>(live);
      for (ResourceInstanceAddress ia : importTargets(r.address())) {
        if (!made.contains(ia.resource().module())) {
          d.add(ImportTargets.missingTarget(ia));
        }
      }
      if (d.hasErrors()) {
        return;
      }
    }
    for (ModuleInstance mi : live) {
      Resource at = dev.forma.engine.graph.TreeReferences.moved(r, mi);
      if (opts.mode() == Plan.Mode.REFRESH_ONLY) {
        seedOne(at.address());
        refreshOnlyConditions(at, d);
      } else {
        planConfigured(at, d);
      }
    }
    if (opts.mode() == Plan.Mode.REFRESH_ONLY || !modules.known(p)) {
      return;
    }
    Set<ModuleInstance> liveSet = new HashSet<>(live);
    List<ResourceAddress> gone = new ArrayList<>();
    for (ResourceAddress sa : keysInState.keySet()) {
      if (sa.config().equals(r.address()) && !liveSet.contains(sa.module())) {
        gone.add(sa);
      }
    }
    Collections.sort(gone);
    for (ResourceAddress sa : gone) {
      deleteAll(sa, null, ActionReason.DELETE_BECAUSE_NO_MODULE, d);
    }
  }

  /**
   * Why an object nothing configures is deleted: its module is gone (the call removed), or only its
   * resource block.
   */
  private ActionReason orphanReason(ResourceAddress a) {
    if (modules == null || a.module().isRoot()) {
      return ActionReason.DELETE_BECAUSE_NO_RESOURCE_CONFIG;
    }
    // (the module's expansion is not asked for here: nothing orders this node after what its
    // count or for_each refers to)
    return tree.descendant(a.module().module()) == null
        ? ActionReason.DELETE_BECAUSE_NO_MODULE
        : ActionReason.DELETE_BECAUSE_NO_RESOURCE_CONFIG;
  }

  // ---- deletions

  private void deleteAll(ResourceAddress a, Resource config, ActionReason reason, Diagnostics d) {
    if (a.mode() == ResourceMode.DATA) {
      return;
    }
    ProviderConfigAddress pa = stateProviders.get(a);
    boolean forget =
        config == null
            && module.removed().stream().anyMatch(r -> r.from().equals(a) && !r.destroy());
    for (InstanceKey k : instanceKeysInState(a)) {
      ResourceInstanceAddress ia = a.instance(k);
      if (!instanceTargeted(ia)) {
        continue;
      }
      StoredObject o = prior.get(ia);
      if (o != null) {
        if (config != null && config.lifecycle().preventDestroy()) {
          d.add(preventDestroy(ia, config));
        }
        Action act = forget ? Action.FORGET : Action.DELETE;
        record(change(ia, null, pa, act, reason, o.value(), null, List.of(), null, o));
      }
      deleteDeposed(ia, pa);
    }
  }

  /**
   * The keys of {@code a}'s instances that have an object in the prior state (current or deposed).
   * Objects are only removed after loading (gone outside Forma), never added, so the keys seen at
   * load, filtered, are the keys now: one lookup per resource instead of a scan of the state.
   */
  private List<InstanceKey> instanceKeysInState(ResourceAddress a) {
    List<InstanceKey> out = new ArrayList<>();
    for (InstanceKey k : keysInState.getOrDefault(a, Collections.emptySortedSet())) {
      ResourceInstanceAddress ia = a.instance(k);
      if (prior.containsKey(ia) || deposed.containsKey(ia)) {
        out.add(k);
      }
    }
    return out;
  }

  private void deleteDeposed(ResourceInstanceAddress ia, ProviderConfigAddress pa) {
    SortedMap<String, StoredObject> ds = deposed.get(ia);
    if (ds == null) {
      return;
    }
    ds.forEach(
        (key, o) ->
            record(
                change(
                    ia,
                    key,
                    pa,
                    Action.DELETE,
                    ActionReason.NONE,
                    o.value(),
                    null,
                    List.of(),
                    null,
                    o)));
  }

  private static Diagnostic preventDestroy(ResourceInstanceAddress ia, Resource config) {
    return Diagnostic.error(
        "Instance cannot be destroyed",
        "Resource "
            + ia
            + " has lifecycle.prevent_destroy set, but the plan calls for this resource to be"
            + " destroyed. To avoid this error and continue with the plan, either disable"
            + " lifecycle.prevent_destroy or reduce the scope of the plan using the -target"
            + " option.",
        config.declRange());
  }

  // ---- configured resources

  private void planConfigured(Resource r, Diagnostics d) {
    ResourceAddress a = r.address();
    ProviderConfigAddress pa = r.providerAddress();
    Provider p = req.providers().get(pa);
    if (p == null) {
      d.add(
          Diagnostic.error(
              "Provider configuration not present",
              "The configuration for "
                  + a
                  + " requires the provider configuration "
                  + pa
                  + ", which is not available.",
              r.declRange()));
      return;
    }
    ResourceSchema schema = schemaOf(p, a);
    if (schema == null) {
      d.add(
          Diagnostic.error(
              a.mode() == ResourceMode.MANAGED ? "Invalid resource type" : "Invalid data source",
              "The provider "
                  + pa
                  + " does not support "
                  + (a.mode() == ResourceMode.MANAGED ? "resource type" : "data source")
                  + " \""
                  + a.type()
                  + "\".",
              r.typeRange()));
      return;
    }
    Result<Expander.Expanded> ex = Expander.expand(r, scopeOf(a));
    d.addAll(ex.diagnostics());
    if (ex.value() == null) {
      scope.setExpansion(a, Expansion.UNKNOWN);
      return;
    }
    Expansion expansion = ex.value().expansion();
    Set<InstanceKey> keys = new HashSet<>(expansion.instanceKeys());
    if (opts.mode() == Plan.Mode.NORMAL && !(expansion instanceof Expansion.Unknown)) {
      for (ResourceInstanceAddress ia : importTargets(a)) {
        if (ia.resource().equals(a) && !keys.contains(ia.key())) {
          d.add(ImportTargets.missingTarget(ia));
        }
      }
      if (d.hasErrors()) {
        scope.setExpansion(a, Expansion.UNKNOWN);
        return;
      }
    }
    scope.setExpansion(a, expansion);
    for (InstanceKey k : expansion.instanceKeys()) {
      ResourceInstanceAddress ia = a.instance(k);
      InstanceBinding b =
          InstanceBinding.of(
              k,
              k instanceof InstanceKey.StringKey s ? ex.value().eachValues().get(s.value()) : null);
      if (!instanceTargeted(ia)) {
        StoredObject o = prior.get(ia);
        scope.setInstance(ia, o == null ? Value.UNKNOWN : o.value());
        continue;
      }
      if (a.mode() == ResourceMode.MANAGED) {
        planManaged(r, schema, p, ia, b, d);
      } else {
        planData(r, schema, p, ia, b, d);
      }
      deleteDeposed(ia, pa);
    }
    if (a.mode() == ResourceMode.DATA) {
      return;
    }
    for (InstanceKey k : instanceKeysInState(a)) {
      if (keys.contains(k)) {
        continue;
      }
      ResourceInstanceAddress ia = a.instance(k);
      if (!instanceTargeted(ia)) {
        continue;
      }
      StoredObject o = prior.get(ia);
      if (o != null) {
        ActionReason why = deleteReason(expansion, k);
        if (r.lifecycle().preventDestroy()) {
          d.add(preventDestroy(ia, r));
        }
        record(change(ia, null, pa, Action.DELETE, why, o.value(), null, List.of(), null, o));
      }
      deleteDeposed(ia, pa);
    }
  }

  /**
   * The instances import blocks import into (not already in the state, and covered by {@code
   * -target}) of resource {@code config}: its configuration address, in every module instance.
   */
  private List<ResourceInstanceAddress> importTargets(ResourceAddress config) {
    List<ResourceInstanceAddress> out = new ArrayList<>();
    for (ResourceInstanceAddress ia : imports.keySet()) {
      if (ia.resource().config().equals(config.config())
          && !prior.containsKey(ia)
          && instanceTargeted(ia)) {
        out.add(ia);
      }
    }
    return out;
  }

  private static ActionReason deleteReason(Expansion e, InstanceKey k) {
    return switch (e) {
      case Expansion.Count c ->
          k instanceof InstanceKey.IntKey
              ? ActionReason.DELETE_BECAUSE_COUNT_INDEX
              : ActionReason.DELETE_BECAUSE_WRONG_REPETITION;
      case Expansion.ForEach f ->
          k instanceof InstanceKey.StringKey
              ? ActionReason.DELETE_BECAUSE_EACH_KEY
              : ActionReason.DELETE_BECAUSE_WRONG_REPETITION;
      case Expansion.Single s -> ActionReason.DELETE_BECAUSE_WRONG_REPETITION;
      case Expansion.Unknown u -> ActionReason.NONE;
    };
  }

  private Value decodeConfig(
      Resource r, ResourceSchema schema, Provider p, InstanceBinding b, Diagnostics d) {
    Result<EvalContext> ctx = scopeOf(r.address()).forResource(r, b);
    d.addAll(ctx.diagnostics());
    Result<Value> dec = SchemaDecoder.decode(r.config(), schema.block(), ctx.value());
    d.addAll(dec.diagnostics());
    if (dec.hasErrors()) {
      return null;
    }
    Requests.Diagnostics v =
        p.validateResource(
            new Requests.ValidateResource(
                r.address().type(),
                dec.value(),
                SchemaDecoder.blockFormAttributes(r.config(), schema.block())));
    if (providerDiags(v.diagnostics(), r, d)) {
      return null;
    }
    return dec.value();
  }

  private static boolean providerDiags(List<ProviderDiagnostic> pds, Resource r, Diagnostics d) {
    boolean err = false;
    for (ProviderDiagnostic pd : pds) {
      d.add(SchemaDecoder.toDiagnostic(pd, r.config(), r.declRange()));
      err |= pd.isError();
    }
    return err;
  }

  private void planManaged(
      Resource r,
      ResourceSchema schema,
      Provider p,
      ResourceInstanceAddress ia,
      InstanceBinding b,
      Diagnostics d) {
    String type = r.address().type();
    BlockSchema block = schema.block();
    Type implied = block.impliedType();
    if (!preconditions(r, b, d)) {
      scope.setInstance(ia, Value.unknown(implied));
      return;
    }
    Value config = decodeConfig(r, schema, p, b, d);
    if (config == null) {
      scope.setInstance(ia, Value.unknown(implied));
      return;
    }
    StoredObject before = prior.get(ia);
    String importId = null;
    ActionReason reason = ActionReason.NONE;
    if (before == null && imported.containsKey(ia)) {
      importId = imported.get(ia).id();
      before = imported.get(ia).object();
    } else if (before == null && req.pendingCreates().containsKey(ia)) {
      Value proposed = Diff.proposed(block, null, config);
      Requests.ReadResult found =
          p.findInFlight(new Requests.FindInFlight(type, proposed, req.pendingCreates().get(ia)));
      if (providerDiags(found.diagnostics(), r, d)) {
        scope.setInstance(ia, Value.unknown(implied));
        return;
      }
      if (found.newState() != null) {
        before =
            new StoredObject(
                SchemaValues.markSensitive(found.newState(), block),
                schema.version(),
                found.privateData(),
                List.of(),
                false,
                false);
        reason = ActionReason.ADOPT_AFTER_INTERRUPTED_CREATE;
      }
    }
    Value priorValue = before == null ? null : before.value();
    boolean tainted = before != null && before.tainted();
    InstancePlanner.Planned planned =
        InstancePlanner.plan(
            new InstancePlanner.Request(
                type,
                schema,
                p,
                config,
                tainted ? null : priorValue,
                before == null ? null : before.privateData(),
                r.lifecycle().ignoreChanges(),
                salt));
    if (providerDiags(planned.diagnostics(), r, d) || planned.planned() == null) {
      if (!d.hasErrors()) {
        d.add(
            Diagnostic.error(
                "Provider produced invalid plan",
                "The provider produced no planned state for " + ia + ".",
                r.declRange()));
      }
      scope.setInstance(ia, Value.unknown(implied));
      return;
    }
    Value after = planned.planned();
    String plannedPrivate = planned.plannedPrivate();
    List<List<PathStep>> replacePaths = new ArrayList<>(planned.replacePaths());
    String repair = null;
    Action action;
    if (before == null) {
      action = Action.CREATE;
      if (reason == ActionReason.NONE && goneOutside.contains(ia)) {
        reason = ActionReason.CREATE_BECAUSE_GONE;
      }
    } else {
      ActionReason replaceWhy = null;
      if (tainted) {
        replaceWhy = ActionReason.REPLACE_BECAUSE_TAINTED;
      } else if (opts.forceReplace().contains(ia)) {
        replaceWhy = ActionReason.REPLACE_BY_REQUEST;
      } else if (triggered(r, b, d)) {
        replaceWhy = ActionReason.REPLACE_BY_TRIGGERS;
      } else if (!replacePaths.isEmpty()) {
        replaceWhy = ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE;
      }
      if (replaceWhy != null) {
        action =
            r.lifecycle().createBeforeDestroy()
                ? Action.CREATE_THEN_DELETE
                : Action.DELETE_THEN_CREATE;
        if (reason != ActionReason.ADOPT_AFTER_INTERRUPTED_CREATE) {
          reason = replaceWhy;
        }
        if (!tainted) {
          InstancePlanner.Planned fresh =
              InstancePlanner.plan(
                  new InstancePlanner.Request(
                      type, schema, p, config, null, null, r.lifecycle().ignoreChanges(), salt));
          if (providerDiags(fresh.diagnostics(), r, d) || fresh.planned() == null) {
            scope.setInstance(ia, Value.unknown(implied));
            return;
          }
          after = fresh.planned();
          plannedPrivate = fresh.plannedPrivate();
        }
        if (r.lifecycle().preventDestroy()) {
          d.add(preventDestroy(ia, r));
        }
      } else {
        action = Diff.same(after, priorValue) ? Action.NO_OP : Action.UPDATE;
      }
      if (action != Action.NO_OP && planned.repair() != null) {
        repair = planned.repair();
        if (reason == ActionReason.NONE || reason == ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE) {
          reason = ActionReason.REPAIR;
        }
      }
    }
    scope.setInstance(ia, after);
    postconditions(r, b, after, d);
    record(
        new ResourceChange(
            ia,
            null,
            r.providerAddress(),
            action,
            reason,
            priorValue,
            after,
            replacePaths,
            importId,
            dependencies(r),
            r.lifecycle().createBeforeDestroy(),
            before == null ? null : before.privateData(),
            plannedPrivate,
            repair));
  }

  /**
   * Checks {@code r}'s preconditions for the instance {@code b} names, before its change is planned
   * (or its data read); false when one failed (errors in {@code d}).
   */
  private boolean preconditions(Resource r, InstanceBinding b, Diagnostics d) {
    Diagnostics here = new Diagnostics();
    Conditions.check(
        Conditions.Kind.RESOURCE_PRECONDITION,
        r.lifecycle().preconditions(),
        scopeOf(r.address()),
        b,
        here);
    d.addAll(here);
    return !here.hasErrors();
  }

  /**
   * Checks {@code r}'s postconditions against the instance's planned object {@code after} ({@code
   * self}); a condition that reads a value known only after apply is checked at apply.
   */
  private void postconditions(Resource r, InstanceBinding b, Value after, Diagnostics d) {
    Conditions.check(
        Conditions.Kind.RESOURCE_POSTCONDITION,
        r.lifecycle().postconditions(),
        scopeOf(r.address()),
        b.withSelf(after),
        d);
  }

  private List<ResourceAddress> dependencies(Resource r) {
    if (modules != null) {
      return dev.forma.engine.graph.References.dependencies(
          treeRefs.of(r.address().module().module(), r), r.address().config());
    }
    return dev.forma.engine.graph.References.dependencies(
        new dev.forma.engine.graph.References(module).of(r), r.address());
  }

  /**
   * Whether a {@code replace_triggered_by} entry sees a planned change, as Terraform decides: a
   * whole resource ({@code terraform_data.a}) triggers on an update or replacement of any of its
   * instances; one instance ({@code terraform_data.a[count.index]}, {@code a[each.key]}, {@code
   * a.output}) on its own update or replacement, and with an attribute path only when that
   * attribute's planned value differs from its prior one. Creates and deletes never trigger.
   */
  private boolean triggered(Resource r, InstanceBinding b, Diagnostics d) {
    for (dev.forma.engine.config.ReplaceTrigger trigger : r.lifecycle().replaceTriggeredBy()) {
      ResourceAddress watched =
          switch (trigger) {
            case dev.forma.engine.config.ReplaceTrigger.AnyInstance any -> any.resource();
            case dev.forma.engine.config.ReplaceTrigger.Instance one -> one.resource();
            case dev.forma.engine.config.ReplaceTrigger.Unsupported u -> null;
          };
      Module declaring =
          modules == null ? module : tree.descendant(r.address().module().module()).module();
      if (watched != null && !declaring.resources().containsKey(watched)) {
        d.add(
            Diagnostic.error(
                "Reference to undeclared resource",
                "A resource " + watched + " has not been declared in the root module",
                trigger.expr().range()));
        continue;
      }
      boolean fired =
          switch (trigger) {
            case dev.forma.engine.config.ReplaceTrigger.AnyInstance any ->
                anyInstanceChanged(any.resource().in(r.address().module()));
            case dev.forma.engine.config.ReplaceTrigger.Instance one ->
                instanceTriggered(one, r.address().module(), b, d);
            case dev.forma.engine.config.ReplaceTrigger.Unsupported u -> {
              d.add(
                  Diagnostic.error(
                      "Invalid replace_triggered_by expression",
                      "Unexpected expression found in replace_triggered_by.",
                      u.expr().range()));
              yield false;
            }
          };
      if (fired) {
        return true;
      }
    }
    return false;
  }

  private static boolean triggersReplacement(Action a) {
    return a == Action.UPDATE || a.isReplace();
  }

  private boolean anyInstanceChanged(ResourceAddress target) {
    for (var ch : changes.values()) {
      if (ch.address().resource().equals(target)
          && ch.deposedKey() == null
          && triggersReplacement(ch.action())) {
        return true;
      }
    }
    return false;
  }

  private boolean instanceTriggered(
      dev.forma.engine.config.ReplaceTrigger.Instance one,
      ModuleInstance in,
      InstanceBinding b,
      Diagnostics d) {
    InstanceKey key = InstanceKey.NONE;
    if (one.key() != null) {
      Result<Value> k = scopeOf(one.resource().in(in)).evaluate(one.key(), b);
      d.addAll(k.diagnostics());
      key = keyOf(k.value());
      if (key == null) {
        return false;
      }
    }
    ResourceInstanceAddress target = one.resource().in(in).instance(key);
    List<PathStep> attrPath = Diff.steps(one.path());
    for (var ch : changes.values()) {
      if (!ch.address().equals(target)
          || ch.deposedKey() != null
          || !triggersReplacement(ch.action())) {
        continue;
      }
      if (attrPath.isEmpty()
          || !Diff.same(Diff.get(ch.before(), attrPath), Diff.get(ch.after(), attrPath))) {
        return true;
      }
    }
    return false;
  }

  private static InstanceKey keyOf(Value v) {
    if (v == null) {
      return null;
    }
    return switch (v.unmark()) {
      case StringValue s -> InstanceKey.of(s.value());
      case dev.forma.provider.api.value.NumberValue n -> InstanceKey.of(n.value().intValue());
      default -> null;
    };
  }

  private void planData(
      Resource r,
      ResourceSchema schema,
      Provider p,
      ResourceInstanceAddress ia,
      InstanceBinding b,
      Diagnostics d) {
    BlockSchema block = schema.block();
    if (!preconditions(r, b, d)) {
      scope.setInstance(ia, Value.unknown(block.impliedType()));
      return;
    }
    Value config = decodeConfig(r, schema, p, b, d);
    if (config == null) {
      scope.setInstance(ia, Value.unknown(block.impliedType()));
      return;
    }
    StoredObject before = prior.get(ia);
    Value priorValue = before == null ? null : before.value();
    ActionReason deferred = null;
    if (!config.isWhollyKnown()) {
      deferred = ActionReason.READ_BECAUSE_CONFIG_UNKNOWN;
    } else if (dependsOnPendingChange(r)) {
      deferred = ActionReason.READ_BECAUSE_DEPENDENCY_PENDING;
    }
    if (deferred != null) {
      Value after =
          SchemaValues.markSensitive(
              Diff.unknownComputed(block, Diff.proposed(block, null, config), config), block);
      scope.setInstance(ia, after);
      postconditions(r, b, after, d);
      record(
          new ResourceChange(
              ia,
              null,
              r.providerAddress(),
              Action.READ,
              deferred,
              priorValue,
              after,
              List.of(),
              null,
              dependencies(r),
              false,
              null,
              null));
      return;
    }
    hooks.preRead(ia);
    long started = System.nanoTime();
    Requests.ReadResult rr = p.readData(new Requests.ReadData(r.address().type(), config));
    java.time.Duration elapsed = java.time.Duration.ofNanos(System.nanoTime() - started);
    if (providerDiags(rr.diagnostics(), r, d) || rr.newState() == null) {
      hooks.postRead(ia, false, null, elapsed);
      scope.setInstance(ia, Value.unknown(block.impliedType()));
      return;
    }
    Value after = SchemaValues.markSensitive(rr.newState(), block);
    hooks.postRead(ia, true, idOf(after), elapsed);
    scope.setInstance(ia, after);
    postconditions(r, b, after, d);
    // read now: a no-op change carrying the value for state
    record(
        new ResourceChange(
            ia,
            null,
            r.providerAddress(),
            Action.NO_OP,
            ActionReason.NONE,
            priorValue,
            after,
            List.of(),
            null,
            dependencies(r),
            false,
            null,
            rr.privateData()));
  }

  private boolean dependsOnPendingChange(Resource r) {
    for (Expr.ScopeTraversal t : r.dependsOn()) {
      var ref = dev.forma.engine.addrs.Reference.of(t);
      ResourceAddress target = ref == null ? null : ref.resource();
      if (target == null || target.mode() != dev.forma.engine.addrs.ResourceMode.MANAGED) {
        continue;
      }
      for (var ch : changes.values()) {
        if (ch.address().resource().equals(target) && ch.action() != Action.NO_OP) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- outputs

  private List<OutputChange> outputs() {
    List<OutputChange> out = new ArrayList<>();
    Map<String, OutputValue> priorOutputs = req.priorState().outputs();
    Set<String> seen = new HashSet<>();
    if (opts.mode() == Plan.Mode.DESTROY && !opts.targets().isEmpty()) {
      // a targeted destroy leaves the outputs alone, as Terraform's
      return out;
    }
    if (opts.mode() != Plan.Mode.DESTROY) {
      for (Output o : module.outputs().values()) {
        if (o.value() == null) {
          continue;
        }
        seen.add(o.name());
        if (!outputTargeted(o)) {
          continue;
        }
        if (refersToFailed(o)) {
          // not evaluated, as Terraform's walk skips what depends on a failed node
          continue;
        }
        Diagnostics pre = new Diagnostics();
        Conditions.check(
            Conditions.Kind.OUTPUT_PRECONDITION,
            o.preconditions(),
            scope,
            InstanceBinding.NONE,
            opts.mode() == Plan.Mode.REFRESH_ONLY,
            pre);
        late.addAll(pre);
        if (pre.hasErrors()) {
          continue;
        }
        Result<Value> v = scope.evaluate(o.value(), InstanceBinding.NONE);
        global.addAll(v.diagnostics());
        if (v.hasErrors()) {
          continue;
        }
        boolean sensitive = o.sensitive() || v.value().containsSensitive();
        Value after = v.value().markSensitiveIf(o.sensitive());
        Value before = priorOutput(priorOutputs.get(o.name()));
        Action a =
            before == null
                ? Action.CREATE
                : Diff.same(before, after) && after.isWhollyKnown() ? Action.NO_OP : Action.UPDATE;
        out.add(new OutputChange(o.name(), a, before, after, sensitive));
      }
    }
    for (var e : priorOutputs.entrySet()) {
      // under -target an output removed from the configuration stays, as Terraform's
      if (!seen.contains(e.getKey()) && opts.targets().isEmpty()) {
        out.add(
            new OutputChange(
                e.getKey(),
                Action.DELETE,
                priorOutput(e.getValue()),
                null,
                e.getValue().sensitive()));
      }
    }
    out.sort(Comparator.comparing(OutputChange::name));
    if (modules != null && opts.mode() != Plan.Mode.DESTROY) {
      global.addAll(modules.outputDiagnostics(late));
    }
    if (opts.mode() != Plan.Mode.DESTROY) {
      checkBlocks();
    }
    return out;
  }

  /**
   * Evaluates the assertions of every {@code check} block in every module instance: a false one is
   * a warning, one not known until apply a warning that says so, as Terraform's.
   */
  private void checkBlocks() {
    List<dev.forma.engine.config.ConfigTree> trees =
        modules == null ? List.of(dev.forma.engine.config.ConfigTree.root(module)) : tree.all();
    for (dev.forma.engine.config.ConfigTree t : trees) {
      if (t.module().checks().isEmpty()) {
        continue;
      }
      List<ModuleInstance> instances =
          t.path().isRoot() ? List.of(ModuleInstance.ROOT) : modules.instances(t.path());
      for (ModuleInstance mi : instances) {
        Scope s = mi.isRoot() ? scope : modules.scope(mi);
        for (dev.forma.engine.config.Check c : t.module().checks()) {
          if (c.scopedData() != null) {
            continue; // a scoped data source is not read yet: its assertions are not checked
          }
          Diagnostics d = new Diagnostics();
          Conditions.check(
              Conditions.Kind.CHECK_ASSERTION, c.asserts(), s, InstanceBinding.NONE, d);
          late.addAll(d);
        }
      }
    }
  }

  /**
   * Whether output {@code o} is planned under {@code -target}: as Terraform's, only an output whose
   * every resource reference (directly, through locals or module outputs) is one the targeted walk
   * plans; a constant output, or one that also uses an untargeted resource, keeps its value and is
   * not shown (planning it would mix new and old values).
   */
  private boolean outputTargeted(Output o) {
    if (opts.targets().isEmpty() || walked == null) {
      return true;
    }
    var plain = modules == null ? new dev.forma.engine.graph.References(module) : null;
    var refs = plain != null ? plain.of(o.value()) : treeRefs.of(ModulePath.ROOT, o.value());
    if (refs.isEmpty()) {
      return false;
    }
    for (var ref : refs) {
      if (!walked.contains(ref.target()) && !walked.contains(ref.target().config())) {
        return false;
      }
    }
    return true;
  }

  /** Whether root output {@code o} (its value or conditions) refers to a resource that failed. */
  private boolean refersToFailed(Output o) {
    if (failed.isEmpty()) {
      return false;
    }
    List<Expr> exprs = new ArrayList<>();
    exprs.add(o.value());
    for (var rule : o.preconditions()) {
      exprs.add(rule.condition());
      exprs.add(rule.errorMessage());
    }
    var plain = modules == null ? new dev.forma.engine.graph.References(module) : null;
    for (Expr e : exprs) {
      var refs = plain != null ? plain.of(e) : treeRefs.of(ModulePath.ROOT, e);
      for (var ref : refs) {
        if (failed.containsKey(ref.target()) || failed.containsKey(ref.target().config())) {
          return true;
        }
      }
    }
    return false;
  }

  private Value priorOutput(OutputValue o) {
    if (o == null) {
      return null;
    }
    try {
      return StateBridge.readOutput(o);
    } catch (StateDataException e) {
      return null;
    }
  }

  // ---- assembly

  private void record(ResourceChange c) {
    changes.put(new ChangeKey(c.address(), c.deposedKey()), c);
  }

  private static ResourceChange change(
      ResourceInstanceAddress a,
      String deposedKey,
      ProviderConfigAddress provider,
      Action action,
      ActionReason reason,
      Value before,
      Value after,
      List<List<PathStep>> replacePaths,
      String importId,
      StoredObject prior) {
    return new ResourceChange(
        a,
        deposedKey,
        provider,
        action,
        reason,
        before,
        after,
        replacePaths,
        importId,
        prior == null ? List.of() : prior.dependencies(),
        prior != null && prior.createBeforeDestroy(),
        prior == null ? null : prior.privateData(),
        null);
  }

  /**
   * A delete orders itself by the dependencies recorded in state; an object that has none (it was
   * imported, or its state came from elsewhere) would be deleted alongside what it depends on. So
   * while the resource is still in configuration, its configuration's references count too, as
   * Terraform's destroy graph has them.
   */
  private ResourceChange withConfigDependencies(ResourceChange c) {
    if (c.action() != Action.DELETE || c.deposedKey() != null) {
      return c;
    }
    Resource r = module.resources().get(c.address().resource());
    if (r == null) {
      return c;
    }
    java.util.TreeSet<ResourceAddress> deps =
        new java.util.TreeSet<>(dev.forma.engine.graph.References.BY_TEXT);
    deps.addAll(c.dependencies());
    deps.addAll(dependencies(r));
    return deps.size() == c.dependencies().size() ? c : c.withDependencies(List.copyOf(deps));
  }

  private Result<Plan> finish(List<OutputChange> outputs) {
    Diagnostics all = new Diagnostics();
    all.addAll(global);
    nodeDiags.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> all.addAll(e.getValue()));
    all.addAll(late);
    List<ResourceChange> cs = new ArrayList<>();
    for (ResourceChange c : new TreeMap<>(changes).values()) {
      cs.add(withConfigDependencies(c));
    }
    TreeMap<ResourceInstanceAddress, ResourceChange> driftShown = new TreeMap<>(drift);
    if (opts.mode() == Plan.Mode.REFRESH_ONLY) {
      // what a refresh-only plan records includes the moves: shown as drift, as Terraform does
      for (MovedObject m : refactored.moves().moved()) {
        StoredObject o = prior.get(m.to());
        if (o != null && !driftShown.containsKey(m.to())) {
          ProviderConfigAddress pa = stateProviders.get(m.to().resource());
          driftShown.put(
              m.to(),
              change(
                  m.to(),
                  null,
                  pa,
                  Action.NO_OP,
                  ActionReason.NONE,
                  o.value(),
                  o.value(),
                  List.of(),
                  null,
                  o));
        }
      }
    }
    List<ResourceChange> ds = new ArrayList<>(driftShown.values());
    if (opts.mode() == Plan.Mode.REFRESH_ONLY) {
      cs.clear();
    }
    Diagnostic blocked = Moves.blockedWarning(refactored.moves().blocked());
    if (blocked != null) {
      all.add(blocked);
    }
    cs = Refactorings.withMoveReasons(cs, refactored.moves().moved());
    Diagnostic forgets = Refactorings.forgetWarning(cs);
    if (forgets != null) {
      all.add(forgets);
    }
    State s = req.priorState();
    Map<String, Value> vars = new LinkedHashMap<>(req.variables());
    Plan plan =
        new Plan(
            opts.mode(),
            cs,
            ds,
            outputs,
            vars,
            s.serial(),
            s.lineage(),
            req.environment().timestamp(),
            !all.hasErrors(),
            refreshedState());
    return new Result<>(plan.withMoves(refactored.moves().moved()), all);
  }

  /**
   * The prior state with what the refresh found recorded in it: the new values of objects that
   * changed outside Forma, and without the objects found gone.
   */
  private State refreshedState() {
    State s = refactored.state();
    if (refreshedObjects.isEmpty() && goneOutside.isEmpty()) {
      return s;
    }
    State.Builder b = s.toBuilder();
    for (ResourceInstanceAddress a : new TreeSet<>(goneOutside)) {
      b.removeCurrent(StateAddresses.toState(a));
    }
    for (var e : new TreeMap<>(refreshedObjects).entrySet()) {
      InstanceAddress ia = StateAddresses.toState(e.getKey());
      String provider = s.resource(ia.resource()).map(ResourceState::provider).orElseThrow();
      b.setCurrent(ia, provider, e.getValue());
    }
    return b.build();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "forma-plan");
      t.setDaemon(true);
      return t;
    };
  }
}
