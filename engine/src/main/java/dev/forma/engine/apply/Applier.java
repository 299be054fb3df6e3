package dev.forma.engine.apply;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.InstancePlanner;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.engine.statebridge.StateBridge;
import dev.forma.engine.statebridge.StoredObject;
import dev.forma.provider.api.Progress;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.diag.Severity;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Value;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.OutputValue;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import dev.forma.state.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * Carries out a plan: each change's provider calls in dependency order, in parallel where
 * independent, recording every completed step in the state before any step that depends on it
 * starts.
 *
 * <p>Order: creates and updates after those of their dependencies; deletes before the deletes of
 * what they depended on (the state's {@code dependencies}), and after the updates of objects that
 * depended on them; a replacement as delete then create, or under {@code create_before_destroy} as
 * create (the old object deposed first) then delete of the deposed object, after the dependents
 * were updated.
 *
 * <p>Each create records its intent with a fresh idempotency token before the provider is called;
 * the resulting object settles it. A create that fails after making an object leaves it tainted. A
 * failed step skips only its dependents. {@link #requestStop()} stops starting steps (first call)
 * or returns at once (second). One {@code Applier} per apply.
 */
public final class Applier {
  /** How often "Still creating..." is reported for a running step, as Terraform does. */
  public static final Duration STILL_RUNNING_INTERVAL = Duration.ofSeconds(10);

  /**
   * What the walker passes as an operation's timeout: none of its own, so that the provider applies
   * the resource's {@code timeouts} block or its own default per operation.
   */
  private static final Duration NO_ENGINE_TIMEOUT = null;

  private static final String PROVIDER_BUG =
      "This is a bug in the provider, which should be reported in the provider's own issue"
          + " tracker.";

  private final Object stopLock = new Object();
  private int stopRequests;
  private GraphWalker<Node> walker;

  /**
   * Asks the apply to stop: the first call lets running steps finish and starts no other (the state
   * records everything that completed); the second makes {@link #apply} return at once.
   * Thread-safe; meant for the CLI's interrupt handler.
   */
  public void requestStop() {
    synchronized (stopLock) {
      stopRequests++;
      if (walker != null) {
        walker.requestStop();
      }
    }
  }

  /** One unit of the walk: the apply (create, update, read, import, forget) or the delete part. */
  record Node(int seq, Kind kind, ResourceChange change, String deposedKey) {
    enum Kind {
      APPLY,
      DESTROY
    }

    ObjectTarget target() {
      return new ObjectTarget(change.address(), kind == Kind.DESTROY ? deposedKey : null);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Node n && n.seq == seq;
    }

    @Override
    public int hashCode() {
      return seq;
    }

    @Override
    public String toString() {
      return target() + (kind == Kind.DESTROY ? " (destroy)" : "");
    }
  }

  /**
   * Applies {@code request.plan()}. The result's value is never null: it holds the state as
   * recorded and what happened; the diagnostics hold every failure.
   */
  public Result<ApplyOutcome> apply(ApplyRequest request) {
    Diagnostics diagnostics = new Diagnostics();
    Plan plan = request.plan();
    Run run = new Run(request);
    if (!plan.complete()) {
      diagnostics.add(
          Diagnostic.error(
              "Cannot apply incomplete plan",
              "Forma encountered an error while generating this plan, so it cannot be applied."));
      return new Result<>(
          run.outcome(List.of(), List.of(), List.of(), WalkResult.StopLevel.NONE, false),
          diagnostics);
    }
    DirectedAcyclicGraph<Node, DefaultEdge> graph = run.buildGraph(diagnostics);
    if (diagnostics.hasErrors()) {
      return new Result<>(
          run.outcome(List.of(), List.of(), List.of(), WalkResult.StopLevel.NONE, false),
          diagnostics);
    }
    run.recordMoves(diagnostics);
    if (!diagnostics.hasErrors()) {
      run.recordRefresh(diagnostics);
    }
    if (!diagnostics.hasErrors()) {
      run.recordDependencies(diagnostics);
    }
    if (!diagnostics.hasErrors()) {
      run.adopt(diagnostics);
    }
    if (diagnostics.hasErrors()) {
      return new Result<>(
          run.outcome(List.of(), List.of(), List.of(), WalkResult.StopLevel.NONE, false),
          diagnostics);
    }
    GraphWalker<Node> w = new GraphWalker<>(request.parallelism());
    synchronized (stopLock) {
      walker = w;
      for (int i = 0; i < stopRequests; i++) {
        w.requestStop();
      }
    }
    ScheduledExecutorService heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "forma-apply-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long beat = Math.max(1, request.heartbeat().toMillis());
    heartbeat.scheduleAtFixedRate(run::tick, beat, beat, TimeUnit.MILLISECONDS);
    WalkResult<Node> walked;
    try {
      walked = w.walk(graph, run::visit);
    } finally {
      heartbeat.shutdownNow();
    }

    List<ApplyOutcome.Failure> failures = new ArrayList<>();
    // Reported in source order, as Terraform does, not in the order the steps happened to end.
    List<WalkResult.Failure<Node>> failed = new ArrayList<>(walked.failed());
    failed.sort(
        java.util.Comparator.comparing(
                (WalkResult.Failure<Node> f) -> firstSubject(f.diagnostics()),
                java.util.Comparator.nullsLast(
                    java.util.Comparator.comparing(dev.forma.provider.api.diag.Range::filename)
                        .thenComparingInt(r -> r.start().byteOffset())))
            .thenComparing(f -> f.node().target().toString()));
    for (WalkResult.Failure<Node> f : failed) {
      Diagnostics d = f.diagnostics();
      if (f.thrown() != null) {
        d = new Diagnostics().addAll(d);
        d.add(
            Diagnostic.error(
                "Internal error",
                "Applying "
                    + f.node().target()
                    + " failed unexpectedly: "
                    + f.thrown()
                    + ". This is a bug in Forma."));
      }
      diagnostics.addAll(d);
      // a failed condition is about the configuration, not the object: no "with ADDR," line
      Diagnostics aboutObject = new Diagnostics();
      for (Diagnostic x : d) {
        if (!run.conditionDiagnostics.contains(x)) {
          aboutObject.add(x);
        }
      }
      failures.add(new ApplyOutcome.Failure(f.node().target(), aboutObject));
    }
    // Warnings of steps that succeeded.
    run.warnings.forEach(diagnostics::add);
    if (walked.stop() != WalkResult.StopLevel.NONE) {
      diagnostics.add(Diagnostic.error("execution halted", ""));
    }
    if (walked.stop() != WalkResult.StopLevel.IMMEDIATE) {
      run.recordOutputs(walked.allSucceeded(), diagnostics);
    }
    List<ObjectTarget> skipped = walked.skipped().stream().map(Node::target).toList();
    List<ObjectTarget> notStarted =
        new ArrayList<>(walked.notStarted().stream().map(Node::target).toList());
    walked.interrupted().forEach(n -> notStarted.add(n.target()));
    boolean succeeded = !diagnostics.hasErrors();
    return new Result<>(
        run.outcome(failures, skipped, notStarted, walked.stop(), succeeded), diagnostics);
  }

  private static dev.forma.provider.api.diag.Range firstSubject(Diagnostics d) {
    for (Diagnostic x : d) {
      if (x.isError() && x.subject() != null) {
        return x.subject();
      }
    }
    return null;
  }

  /** The state of one apply. */
  private static final class Run {
    private final ApplyRequest request;
    private final SyncState sync;
    private final ApplyHooks hooks;
    private final AtomicInteger imported = new AtomicInteger();
    private final AtomicInteger added = new AtomicInteger();
    private final AtomicInteger changed = new AtomicInteger();
    private final AtomicInteger destroyed = new AtomicInteger();
    private final Map<Node, Running> running = new ConcurrentHashMap<>();

    /** The diagnostics of resources' conditions checked during the walk. */
    private final Set<Diagnostic> conditionDiagnostics = ConcurrentHashMap.newKeySet();

    private final List<Diagnostic> warnings =
        java.util.Collections.synchronizedList(new ArrayList<>());

    Run(ApplyRequest request) {
      this.request = request;
      this.sync = request.state();
      this.hooks = request.hooks();
    }

    ApplyOutcome outcome(
        List<ApplyOutcome.Failure> failures,
        List<ObjectTarget> skipped,
        List<ObjectTarget> notStarted,
        WalkResult.StopLevel stop,
        boolean succeeded) {
      ApplySummary summary =
          new ApplySummary(
              request.plan().mode(),
              imported.get(),
              added.get(),
              changed.get(),
              destroyed.get(),
              succeeded);
      hooks.applyFinished(summary);
      return new ApplyOutcome(sync.snapshot(), summary, failures, skipped, notStarted, stop);
    }

    // ------------------------------------------------------------------ the graph

    DirectedAcyclicGraph<Node, DefaultEdge> buildGraph(Diagnostics diagnostics) {
      DirectedAcyclicGraph<Node, DefaultEdge> graph = new DirectedAcyclicGraph<>(DefaultEdge.class);
      // by resource as dependencies name it: in its module without instance keys
      Map<ResourceAddress, List<Node>> appliesByResource = new HashMap<>();
      Map<ResourceAddress, List<Node>> destroysByResource = new HashMap<>();
      List<Node> applies = new ArrayList<>();
      List<Node> destroys = new ArrayList<>();
      int seq = 0;
      State prior = sync.snapshot();
      for (ResourceChange change : request.plan().changes()) {
        ResourceAddress resource = change.address().resource().config();
        Node apply = null;
        Node destroy = null;
        switch (change.action()) {
          case NO_OP -> {}
          case CREATE, UPDATE, READ, FORGET ->
              apply = new Node(seq++, Node.Kind.APPLY, change, null);
          case DELETE -> destroy = new Node(seq++, Node.Kind.DESTROY, change, change.deposedKey());
          case DELETE_THEN_CREATE -> {
            destroy = new Node(seq++, Node.Kind.DESTROY, change, null);
            apply = new Node(seq++, Node.Kind.APPLY, change, null);
          }
          case CREATE_THEN_DELETE -> {
            String key = newDeposedKey(prior, change.address());
            apply = new Node(seq++, Node.Kind.APPLY, change, key);
            destroy = new Node(seq++, Node.Kind.DESTROY, change, key);
          }
        }
        if (apply != null) {
          graph.addVertex(apply);
          applies.add(apply);
          appliesByResource.computeIfAbsent(resource, k -> new ArrayList<>()).add(apply);
        }
        if (destroy != null) {
          graph.addVertex(destroy);
          destroys.add(destroy);
          destroysByResource.computeIfAbsent(resource, k -> new ArrayList<>()).add(destroy);
        }
        if (apply != null && destroy != null) {
          if (change.action() == Action.DELETE_THEN_CREATE) {
            graph.addEdge(destroy, apply);
          } else {
            graph.addEdge(apply, destroy);
          }
        }
      }
      try {
        // Creates and updates after those of their dependencies.
        for (Node a : applies) {
          for (ResourceAddress dep : a.change().dependencies()) {
            for (Node b : appliesByResource.getOrDefault(dep, List.of())) {
              addEdge(graph, b, a);
            }
          }
        }
        // Deletes before the deletes of what their objects depended on.
        for (Node d : destroys) {
          for (ResourceAddress dep : priorDependencies(prior, d)) {
            for (Node e : destroysByResource.getOrDefault(dep, List.of())) {
              addEdge(graph, d, e);
            }
          }
        }
      } catch (IllegalArgumentException cycle) {
        diagnostics.add(
            Diagnostic.error(
                "Cycle in the apply graph",
                "The changes of this plan depend on each other in a cycle and cannot be ordered."
                    + " This is a bug in Forma."));
        return graph;
      }
      // A delete of an object that goes away for good (removed, or deposed) waits for the
      // updates of objects that referred to it, so that they stop referring to it first.
      for (Node d : destroys) {
        boolean goesAway =
            d.change().action() == Action.DELETE
                || d.change().action() == Action.CREATE_THEN_DELETE;
        if (!goesAway) {
          continue;
        }
        ResourceAddress resource = d.change().address().resource().config();
        for (Node a : applies) {
          if (a.change().address().equals(d.change().address())) {
            continue;
          }
          boolean refers =
              a.change().dependencies().contains(resource)
                  || priorDependencies(prior, a).contains(resource);
          if (refers) {
            try {
              graph.addEdge(a, d);
            } catch (IllegalArgumentException cycle) {
              // Ordering by the other rules wins; this one is a preference.
            }
          }
        }
      }
      return graph;
    }

    private static void addEdge(DirectedAcyclicGraph<Node, DefaultEdge> graph, Node from, Node to) {
      if (!from.equals(to)) {
        graph.addEdge(from, to);
      }
    }

    /** The resources the object a node works on depended on when it was recorded. */
    private static List<ResourceAddress> priorDependencies(State prior, Node node) {
      InstanceAddress address = StateAddresses.toState(node.change().address());
      ResourceInstance instance = prior.instance(address).orElse(null);
      InstanceObject object = null;
      if (instance != null) {
        object =
            node.kind() == Node.Kind.DESTROY
                    && node.deposedKey() != null
                    && node.change().action() != Action.CREATE_THEN_DELETE
                ? instance.deposed().get(node.deposedKey())
                : instance.current();
      }
      ResourceAddress own = node.change().address().resource().config();
      // What state recorded, and what the planner knows from configuration (an imported object
      // has nothing recorded, yet its connections must still go before its workspace).
      Set<ResourceAddress> deps = new java.util.TreeSet<>(node.change().dependencies());
      if (object != null) {
        object.dependencies().forEach(d -> deps.add(StateAddresses.dependency(d)));
      }
      return deps.stream().filter(d -> !d.equals(own)).toList();
    }

    private static String newDeposedKey(State prior, ResourceInstanceAddress address) {
      Set<String> taken =
          prior
              .instance(StateAddresses.toState(address))
              .map(i -> (Set<String>) new HashSet<>(i.deposed().keySet()))
              .orElse(Set.of());
      while (true) {
        String key = UUID.randomUUID().toString().substring(0, 8);
        if (!taken.contains(key)) {
          return key;
        }
      }
    }

    // ------------------------------------------------------------------ the steps

    Diagnostics visit(Node node) throws InterruptedException {
      Diagnostics d = new Diagnostics();
      try {
        switch (node.kind()) {
          case APPLY -> applyNode(node, d);
          case DESTROY -> destroyNode(node, d);
        }
      } catch (StateException e) {
        for (StateProblem p : e.problems()) {
          d.add(Diagnostic.error(p.summary(), p.detail()));
        }
      }
      for (Diagnostic w : d) {
        if (!w.isError()) {
          warnings.add(w);
        }
      }
      return d;
    }

    /**
     * Records the objects the plan's {@code moved} blocks carried to new addresses, each as one
     * change through the journal, before anything else: the plan's prior state, and every change,
     * has them at their new addresses.
     */
    void recordMoves(Diagnostics diagnostics) {
      try {
        for (dev.forma.engine.plan.MovedObject m : request.plan().moves()) {
          sync.move(StateAddresses.toState(m.from()), StateAddresses.toState(m.to()));
        }
      } catch (StateException e) {
        for (StateProblem p : e.problems()) {
          diagnostics.add(Diagnostic.error(p.summary(), p.detail()));
        }
      }
    }

    /**
     * Records, for each object the plan leaves unchanged, the dependencies its configuration gives
     * it now, as Terraform does: a new {@code depends_on}, or a reference to an object a {@code
     * moved} block renamed, names the new address in the state.
     */
    void recordDependencies(Diagnostics diagnostics) {
      if (request.plan().mode() != Plan.Mode.NORMAL) {
        return;
      }
      State now = sync.snapshot();
      try {
        for (ResourceChange c : request.plan().changes()) {
          if (c.action() != Action.NO_OP
              || c.deposedKey() != null
              || c.address().resource().mode() != ResourceMode.MANAGED) {
            continue;
          }
          InstanceAddress address = StateAddresses.toState(c.address());
          InstanceObject current = now.currentObject(address).orElse(null);
          if (current == null) {
            continue;
          }
          InstanceObject updated =
              new InstanceObject(
                  current.schemaVersion(),
                  current.attributes(),
                  current.sensitiveAttributes(),
                  current.privateData(),
                  c.dependencies().stream().map(ResourceAddress::toString).toList(),
                  current.createBeforeDestroy(),
                  current.status());
          if (!updated.equals(current)) {
            String provider =
                now.resource(address.resource()).map(ResourceState::provider).orElseThrow();
            sync.setCurrent(address, provider, updated);
          }
        }
      } catch (StateException e) {
        for (StateProblem p : e.problems()) {
          diagnostics.add(Diagnostic.error(p.summary(), p.detail()));
        }
      }
    }

    /**
     * Records what the plan's refresh found, before any change: the objects that changed outside
     * Forma get their refreshed values and the objects found gone are removed, each through the
     * journal like any change, so that an apply (a refresh-only one included) saves what its plan
     * showed. A plan without a refreshed prior state records nothing.
     */
    void recordRefresh(Diagnostics diagnostics) {
      State refreshed = request.plan().priorState();
      if (refreshed == null) {
        return;
      }
      State now = sync.snapshot();
      try {
        for (ResourceState rs : now.resources().values()) {
          for (ResourceInstance ri : rs.instances().values()) {
            if (ri.current() == null) {
              continue;
            }
            InstanceAddress address = new InstanceAddress(rs.address(), ri.key());
            InstanceObject fresh = refreshed.currentObject(address).orElse(null);
            if (fresh == null) {
              sync.removeCurrent(address);
            } else if (!fresh.equals(ri.current())) {
              String provider =
                  refreshed.resource(rs.address()).map(ResourceState::provider).orElseThrow();
              sync.setCurrent(address, provider, fresh);
            }
          }
        }
      } catch (StateException e) {
        for (StateProblem p : e.problems()) {
          diagnostics.add(Diagnostic.error(p.summary(), p.detail()));
        }
      }
    }

    /**
     * Records the objects the plan brings under management before anything else: those an {@code
     * import} block imports (Terraform's "Importing..." lines), and those an interrupted create
     * made that the provider found again (which settles their pending intents).
     */
    void adopt(Diagnostics diagnostics) {
      for (ResourceChange c : request.plan().changes()) {
        boolean imports = c.importId() != null;
        boolean adopts = c.reason() == ActionReason.ADOPT_AFTER_INTERRUPTED_CREATE;
        if ((!imports && !adopts) || c.before() == null || c.deposedKey() != null) {
          continue;
        }
        Diagnostics d = new Diagnostics();
        Provider provider = provider(c, d);
        ResourceSchema schema = provider == null ? null : schema(provider, c, d);
        diagnostics.addAll(d);
        if (schema == null) {
          continue;
        }
        if (imports) {
          hooks.preImport(c.address(), c.importId());
        }
        try {
          sync.setCurrent(
              StateAddresses.toState(c.address()),
              request.evaluator().stateProvider(c.provider()),
              StateBridge.write(
                  new StoredObject(
                      c.before(),
                      schema.version(),
                      c.priorPrivate(),
                      c.dependencies(),
                      c.createBeforeDestroy(),
                      false),
                  schema.block().impliedType()));
        } catch (StateException e) {
          for (StateProblem p : e.problems()) {
            diagnostics.add(Diagnostic.error(p.summary(), p.detail()));
          }
          continue;
        }
        request.evaluator().applied(c.address(), c.before());
        if (imports) {
          hooks.postImport(c.address(), ApplyValues.idOf(c.before()));
          imported.incrementAndGet();
        }
      }
    }

    private void applyNode(Node node, Diagnostics d) throws StateException, InterruptedException {
      ResourceChange c = node.change();
      InstanceAddress stateAddress = StateAddresses.toState(c.address());
      if (c.action() == Action.FORGET) {
        if (c.deposedKey() == null) {
          sync.removeCurrent(stateAddress);
        } else {
          sync.removeDeposed(stateAddress, c.deposedKey());
        }
        return;
      }
      Provider provider = provider(c, d);
      ResourceSchema schema = provider == null ? null : schema(provider, c, d);
      if (schema == null) {
        return;
      }
      String stateProvider = request.evaluator().stateProvider(c.provider());
      switch (c.action()) {
        case NO_OP, FORGET, DELETE -> {}
        case READ -> read(node, provider, schema, stateProvider, d);
        case UPDATE -> update(node, provider, schema, stateProvider, d);
        case CREATE, DELETE_THEN_CREATE, CREATE_THEN_DELETE ->
            create(node, provider, schema, stateProvider, d);
      }
    }

    private void create(
        Node node, Provider provider, ResourceSchema schema, String stateProvider, Diagnostics d)
        throws StateException, InterruptedException {
      ResourceChange c = node.change();
      InstanceAddress stateAddress = StateAddresses.toState(c.address());
      Value config = evaluateConfig(c, d);
      if (config == null) {
        return;
      }
      InstancePlanner.Planned planned = finalPlan(provider, schema, c, null, config, d);
      if (planned == null) {
        return;
      }
      if (c.action() == Action.CREATE_THEN_DELETE && sync.currentObject(stateAddress).isPresent()) {
        sync.depose(stateAddress, node.deposedKey());
      }
      String token = UUID.randomUUID().toString();
      sync.recordIntent(stateAddress, token);
      ObjectTarget target = ObjectTarget.current(c.address());
      hooks.preApply(target, Operation.CREATE, null);
      Running step = start(node, target, Operation.CREATE);
      Requests.ApplyResult result;
      try {
        result =
            provider.create(
                new Requests.Create(
                    c.address().resource().type(),
                    planned.withSecrets().unmarkDeep(),
                    config.unmarkDeep(),
                    token,
                    NO_ENGINE_TIMEOUT,
                    step));
      } catch (RuntimeException e) {
        // The object may or may not exist: the intent stays pending for the next plan, and a
        // deposed predecessor stays deposed.
        Duration elapsed = stop(node, step);
        hooks.postApply(target, Operation.CREATE, false, null, elapsed);
        d.add(crashed(c, "create", e));
        return;
      }
      Duration elapsed = stop(node, step);
      recordResult(node, Operation.CREATE, schema, stateProvider, planned, result, elapsed, d);
    }

    private void update(
        Node node, Provider provider, ResourceSchema schema, String stateProvider, Diagnostics d)
        throws StateException, InterruptedException {
      ResourceChange c = node.change();
      Value config = evaluateConfig(c, d);
      if (config == null) {
        return;
      }
      InstancePlanner.Planned planned = finalPlan(provider, schema, c, c.before(), config, d);
      if (planned == null) {
        return;
      }
      ObjectTarget target = ObjectTarget.current(c.address());
      hooks.preApply(target, Operation.UPDATE, ApplyValues.idOf(c.before()));
      Running step = start(node, target, Operation.UPDATE);
      Requests.ApplyResult result;
      try {
        result =
            provider.update(
                new Requests.Update(
                    c.address().resource().type(),
                    InstancePlanner.withoutWriteOnly(c.before(), schema.block()).unmarkDeep(),
                    planned.withSecrets().unmarkDeep(),
                    config.unmarkDeep(),
                    planned.plannedPrivate() != null
                        ? planned.plannedPrivate()
                        : c.plannedPrivate() != null ? c.plannedPrivate() : c.priorPrivate(),
                    NO_ENGINE_TIMEOUT,
                    step));
      } catch (RuntimeException e) {
        Duration elapsed = stop(node, step);
        hooks.postApply(target, Operation.UPDATE, false, null, elapsed);
        d.add(crashed(c, "update", e));
        return;
      }
      Duration elapsed = stop(node, step);
      recordResult(node, Operation.UPDATE, schema, stateProvider, planned, result, elapsed, d);
    }

    /**
     * Records what a create or update returned, the same way for both: the object the provider
     * returned is saved (a create the provider said failed part-way is saved tainted); a result
     * that does not match the plan is an error but never taints an object whose create succeeded
     * (the next plan brings it back to its configuration); the step counts as done, and says
     * "complete", only without any error. A create that made nothing settles its intent and, under
     * create_before_destroy, makes the object it was to replace current again.
     */
    private void recordResult(
        Node node,
        Operation op,
        ResourceSchema schema,
        String stateProvider,
        InstancePlanner.Planned planned,
        Requests.ApplyResult result,
        Duration elapsed,
        Diagnostics d)
        throws StateException {
      ResourceChange c = node.change();
      InstanceAddress stateAddress = StateAddresses.toState(c.address());
      ObjectTarget target = ObjectTarget.current(c.address());
      addProviderDiagnostics(c, result.diagnostics(), d);
      boolean providerFailed = d.hasErrors();
      if (op == Operation.CREATE && result.outcomeUnknown()) {
        // The object may exist: the intent stays pending and a deposed predecessor stays deposed.
        d.add(
            error(
                c,
                "Create outcome unknown",
                "Forma cannot tell whether "
                    + c.address()
                    + " was created. The next plan asks the provider to look for it before"
                    + " creating it again, so no duplicate is made."));
        hooks.postApply(target, op, false, null, elapsed);
        return;
      }
      if (result.newState() == null || result.newState().isNull()) {
        reportNullObject(c, stateProvider, d);
        if (op == Operation.CREATE) {
          sync.forgetIntent(stateAddress);
          if (c.action() == Action.CREATE_THEN_DELETE && node.deposedKey() != null) {
            sync.undepose(stateAddress, node.deposedKey());
          }
        }
        hooks.postApply(target, op, false, null, elapsed);
        return;
      }
      Value newValue =
          SchemaValues.fingerprintWriteOnly(
              checkResult(c, schema, stateProvider, planned.withSecrets(), result.newState(), d),
              schema.block(),
              request.writeOnlySalt());
      boolean tainted = op == Operation.CREATE && providerFailed;
      sync.setCurrent(
          stateAddress,
          stateProvider,
          StateBridge.write(
              new StoredObject(
                  newValue,
                  schema.version(),
                  result.privateData(),
                  c.dependencies(),
                  c.createBeforeDestroy(),
                  tainted),
              schema.block().impliedType()));
      request.evaluator().applied(c.address(), newValue);
      boolean succeeded = !d.hasErrors();
      hooks.postApply(target, op, succeeded, ApplyValues.idOf(newValue), elapsed);
      if (succeeded) {
        (op == Operation.CREATE ? added : changed).incrementAndGet();
        // after the object is saved, as Terraform: a failed postcondition stops what depends on it
        Diagnostics post = request.evaluator().postconditions(c.address(), newValue);
        post.forEach(conditionDiagnostics::add);
        d.addAll(post);
      }
    }

    private void read(
        Node node, Provider provider, ResourceSchema schema, String stateProvider, Diagnostics d)
        throws StateException {
      ResourceChange c = node.change();
      Value config = evaluateConfig(c, d);
      if (config == null) {
        return;
      }
      hooks.preRead(c.address());
      Instant started = request.clock().instant();
      Requests.ReadResult result;
      try {
        result =
            provider.readData(
                new Requests.ReadData(c.address().resource().type(), config.unmarkDeep()));
      } catch (RuntimeException e) {
        hooks.postRead(c.address(), false, null, elapsed(started));
        d.add(crashed(c, "read", e));
        return;
      }
      Duration elapsed = elapsed(started);
      addProviderDiagnostics(c, result.diagnostics(), d);
      if (!d.hasErrors() && (result.newState() == null || result.newState().isNull())) {
        d.add(
            error(
                c,
                "Provider produced null object",
                "Provider "
                    + ApplyValues.goQuote(stateProvider)
                    + " produced a null value for "
                    + c.address()
                    + ".\n\n"
                    + PROVIDER_BUG));
      }
      if (d.hasErrors()) {
        hooks.postRead(c.address(), false, null, elapsed);
        return;
      }
      Value value = InstancePlanner.withMarks(result.newState(), config, c.after());
      List<PathStep> unknown = ApplyValues.firstUnknown(value);
      if (unknown != null) {
        d.add(unknownAfterApply(c, stateProvider, unknown));
        value = value.unknownsToNull();
      }
      sync.setCurrent(
          StateAddresses.toState(c.address()),
          stateProvider,
          StateBridge.write(
              new StoredObject(
                  value, schema.version(), result.privateData(), c.dependencies(), false, false),
              schema.block().impliedType()));
      request.evaluator().applied(c.address(), value);
      hooks.postRead(c.address(), true, ApplyValues.idOf(value), elapsed);
      Diagnostics post = request.evaluator().postconditions(c.address(), value);
      post.forEach(conditionDiagnostics::add);
      d.addAll(post);
    }

    private void destroyNode(Node node, Diagnostics d) throws StateException, InterruptedException {
      ResourceChange c = node.change();
      InstanceAddress stateAddress = StateAddresses.toState(c.address());
      String deposedKey = node.deposedKey();
      if (deposedKey != null) {
        boolean present =
            sync.snapshot()
                .instance(stateAddress)
                .map(i -> i.deposed().containsKey(deposedKey))
                .orElse(false);
        if (!present) {
          return;
        }
      }
      if (c.address().resource().mode() == ResourceMode.DATA) {
        sync.removeCurrent(stateAddress);
        return;
      }
      Provider provider = provider(c, d);
      ResourceSchema schema = provider == null ? null : schema(provider, c, d);
      if (schema == null) {
        return;
      }
      ObjectTarget target = new ObjectTarget(c.address(), deposedKey);
      Value prior = c.before();
      hooks.preApply(target, Operation.DELETE, ApplyValues.idOf(prior));
      Running step = start(node, target, Operation.DELETE);
      Requests.Diagnostics result;
      try {
        result =
            provider.delete(
                new Requests.Delete(
                    c.address().resource().type(),
                    prior == null ? null : prior.unmarkDeep(),
                    c.priorPrivate(),
                    NO_ENGINE_TIMEOUT,
                    step));
      } catch (RuntimeException e) {
        Duration elapsed = stop(node, step);
        hooks.postApply(target, Operation.DELETE, false, null, elapsed);
        d.add(crashed(c, "delete", e));
        return;
      }
      Duration elapsed = stop(node, step);
      addProviderDiagnostics(c, result.diagnostics(), d);
      if (d.hasErrors()) {
        hooks.postApply(target, Operation.DELETE, false, null, elapsed);
        return;
      }
      if (deposedKey == null) {
        sync.removeCurrent(stateAddress);
      } else {
        sync.removeDeposed(stateAddress, deposedKey);
      }
      hooks.postApply(target, Operation.DELETE, true, null, elapsed);
      destroyed.incrementAndGet();
    }

    // ------------------------------------------------------------------ values

    /** The configuration evaluated again, now that dependencies are applied; null on error. */
    private Value evaluateConfig(ResourceChange c, Diagnostics d) {
      // the preconditions again: what was unknown at plan is known now
      Diagnostics pre = request.evaluator().preconditions(c.address());
      pre.forEach(conditionDiagnostics::add);
      d.addAll(pre);
      if (pre.hasErrors()) {
        return null;
      }
      Result<Value> evaluated = request.evaluator().resourceConfig(c.address(), sync::snapshot);
      d.addAll(evaluated.diagnostics());
      if (evaluated.hasErrors()) {
        return null;
      }
      Value config = evaluated.value();
      if (config == null) {
        d.add(
            error(
                c,
                "Resource configuration missing",
                "The plan has a change for "
                    + c.address()
                    + ", but the configuration no longer declares it."));
        return null;
      }
      List<PathStep> unknown = ApplyValues.firstUnknown(config);
      if (unknown != null) {
        d.add(
            error(
                c,
                "Configuration contains unknown value",
                "The configuration of "
                    + c.address()
                    + " still has an unknown value at "
                    + ApplyValues.pathText(unknown)
                    + " after its dependencies were applied."));
        return null;
      }
      return config;
    }

    /**
     * The plan completed with the values learned during apply: the instance planned again, by the
     * planner's own {@link InstancePlanner}, from the configuration now known, and checked against
     * the saved plan. Null on error.
     */
    private InstancePlanner.Planned finalPlan(
        Provider provider,
        ResourceSchema schema,
        ResourceChange c,
        Value prior,
        Value config,
        Diagnostics d) {
      InstancePlanner.Planned planned;
      try {
        planned =
            InstancePlanner.plan(
                new InstancePlanner.Request(
                    c.address().resource().type(),
                    schema,
                    provider,
                    config,
                    prior,
                    prior == null ? null : c.priorPrivate(),
                    request.evaluator().ignoreChanges(c.address()),
                    request.writeOnlySalt()));
      } catch (RuntimeException e) {
        d.add(crashed(c, "plan", e));
        return null;
      }
      addProviderDiagnostics(c, planned.diagnostics(), d);
      if (d.hasErrors()) {
        return null;
      }
      String providerName = request.evaluator().stateProvider(c.provider());
      if (planned.planned() == null) {
        d.add(
            error(
                c,
                "Provider produced invalid plan",
                "Provider "
                    + ApplyValues.goQuote(providerName)
                    + " produced no planned state for "
                    + c.address()
                    + " during apply.\n\n"
                    + PROVIDER_BUG));
        return null;
      }
      List<String> problems =
          ApplyValues.incompatibilities(
              InstancePlanner.withoutWriteOnly(c.after(), schema.block()).unmarkDeep(),
              InstancePlanner.withoutWriteOnly(planned.planned(), schema.block()).unmarkDeep());
      if (!problems.isEmpty()) {
        d.add(
            error(
                c,
                "Provider produced inconsistent final plan",
                "When expanding the plan for "
                    + c.address()
                    + " to include new values learned so far during apply, provider "
                    + ApplyValues.goQuote(providerName)
                    + " produced an invalid new value for "
                    + problems.get(0)
                    + ".\n\n"
                    + PROVIDER_BUG));
        return null;
      }
      return planned;
    }

    /**
     * The provider's new object, checked against what was planned (errors added to {@code d}),
     * carrying the planned sensitive marks, unknowns replaced by nulls.
     */
    private Value checkResult(
        ResourceChange c,
        ResourceSchema schema,
        String stateProvider,
        Value planned,
        Value actual,
        Diagnostics d) {
      boolean providerFailed = d.hasErrors();
      Value value = InstancePlanner.withMarks(actual, planned);
      List<PathStep> unknown = ApplyValues.firstUnknown(value);
      if (unknown != null) {
        d.add(unknownAfterApply(c, stateProvider, unknown));
        value = value.unknownsToNull();
      }
      if (!providerFailed) {
        List<String> problems =
            ApplyValues.incompatibilities(
                InstancePlanner.withoutWriteOnly(planned, schema.block()).unmarkDeep(),
                InstancePlanner.withoutWriteOnly(actual, schema.block()).unmarkDeep());
        for (String problem : problems) {
          d.add(
              error(
                  c,
                  "Provider produced inconsistent result after apply",
                  "When applying changes to "
                      + c.address()
                      + ", provider "
                      + ApplyValues.goQuote(stateProvider)
                      + " produced an unexpected new value: "
                      + problem
                      + ".\n\n"
                      + PROVIDER_BUG));
        }
      }
      return value;
    }

    private Diagnostic unknownAfterApply(ResourceChange c, String provider, List<PathStep> path) {
      return error(
          c,
          "Provider returned invalid result object after apply",
          "After the apply operation, the provider still indicated an unknown value for "
              + c.address()
              + ApplyValues.pathText(path)
              + ". All values must be known after apply, so this is always a bug in the provider"
              + " and should be reported in the provider's own repository. Forma will still save"
              + " the other known object values in the state.");
    }

    // ------------------------------------------------------------------ outputs

    void recordOutputs(boolean walkSucceeded, Diagnostics diagnostics) {
      State state = sync.snapshot();
      try {
        List<dev.forma.state.CheckResult> checks =
            request.evaluator().checkResults(request.plan().mode());
        if (!checks.equals(state.checkResults())) {
          sync.setCheckResults(checks);
        }
        if (request.plan().mode() == Plan.Mode.DESTROY) {
          // the outputs the destroy plan deletes: all of them, none under -target (Terraform's)
          for (dev.forma.engine.plan.OutputChange o : request.plan().outputs()) {
            if (o.action() == dev.forma.engine.plan.Action.DELETE
                && state.outputs().containsKey(o.name())) {
              sync.removeOutput(o.name());
            }
          }
          return;
        }
        Diagnostics conditions = request.evaluator().outputPreconditions();
        if (walkSucceeded) {
          diagnostics.addAll(conditions);
          diagnostics.addAll(request.evaluator().checkBlocks());
        }
        Map<String, ApplyEvaluator.OutputResult> outputs = request.evaluator().outputs(state);
        // only the outputs the plan planned: under -target, those of the targeted resources (the
        // others keep their values, as Terraform's)
        Set<String> planned = new HashSet<>();
        request.plan().outputs().forEach(o -> planned.add(o.name()));
        for (String name : state.outputs().keySet()) {
          if (!outputs.containsKey(name) && planned.contains(name)) {
            sync.removeOutput(name);
          }
        }
        for (Map.Entry<String, ApplyEvaluator.OutputResult> e : outputs.entrySet()) {
          if (!planned.contains(e.getKey())) {
            continue;
          }
          ApplyEvaluator.OutputResult out = e.getValue();
          if (out.diagnostics() != null && out.diagnostics().hasErrors()) {
            if (walkSucceeded) {
              diagnostics.addAll(out.diagnostics());
            }
            continue;
          }
          if (out.value() == null || !out.value().isWhollyKnown()) {
            continue;
          }
          OutputValue value = StateBridge.writeOutput(out.value(), out.sensitive());
          if (!value.equals(state.outputs().get(e.getKey()))) {
            sync.setOutput(e.getKey(), value);
          }
        }
      } catch (StateException e) {
        for (StateProblem p : e.problems()) {
          diagnostics.add(Diagnostic.error(p.summary(), p.detail()));
        }
      }
    }

    // ------------------------------------------------------------------ helpers

    private Provider provider(ResourceChange c, Diagnostics d) {
      Provider provider = request.providers().get(c.provider());
      if (provider == null) {
        d.add(
            error(
                c,
                "Provider configuration not present",
                "To work with "
                    + c.address()
                    + " its original provider configuration at "
                    + request.evaluator().stateProvider(c.provider())
                    + " is required, but it has been removed."));
      }
      return provider;
    }

    private ResourceSchema schema(Provider provider, ResourceChange c, Diagnostics d) {
      String type = c.address().resource().type();
      ResourceSchema schema =
          c.address().resource().mode() == ResourceMode.DATA
              ? provider.schema().dataSources().get(type)
              : provider.schema().resources().get(type);
      if (schema == null) {
        d.add(
            error(
                c,
                "Invalid resource type",
                "The provider "
                    + c.provider()
                    + " does not support resource type \""
                    + type
                    + "\"."));
      }
      return schema;
    }

    private Diagnostic error(ResourceChange c, String summary, String detail) {
      return new Diagnostic(
          Severity.ERROR, summary, detail, request.evaluator().declaration(c.address()), null);
    }

    private Diagnostic crashed(ResourceChange c, String step, RuntimeException e) {
      return error(
          c,
          "Provider error",
          "The provider failed unexpectedly during the "
              + step
              + " of "
              + c.address()
              + ": "
              + e.getMessage()
              + (step.equals("create")
                  ? "\n\nThe object may have been created: the next plan asks the provider to look"
                      + " for it before creating it again."
                  : ""));
    }

    private void addProviderDiagnostics(
        ResourceChange c, List<ProviderDiagnostic> from, Diagnostics d) {
      for (ProviderDiagnostic p : from) {
        d.add(request.evaluator().diagnostic(c.address(), p));
      }
    }

    // ------------------------------------------------------------------ still running

    /**
     * A provider step under way, for "Still creating..." lines; the provider's {@link Progress}.
     */
    private final class Running implements Progress {
      final ObjectTarget target;
      final Operation operation;
      final Instant started;
      volatile String status;
      Duration nextReport = STILL_RUNNING_INTERVAL;

      Running(ObjectTarget target, Operation operation, Instant started) {
        this.target = target;
        this.operation = operation;
        this.started = started;
      }

      @Override
      public void status(String s) {
        status = s;
      }
    }

    private Running start(Node node, ObjectTarget target, Operation operation) {
      Running step = new Running(target, operation, request.clock().instant());
      running.put(node, step);
      return step;
    }

    /** A create or update that gave no object and said nothing about it: a provider bug. */
    private void reportNullObject(ResourceChange c, String stateProvider, Diagnostics d) {
      if (!d.hasErrors()) {
        d.add(
            error(
                c,
                "Provider produced null object",
                "Provider "
                    + ApplyValues.goQuote(stateProvider)
                    + " produced a null value for "
                    + c.address()
                    + ".\n\n"
                    + PROVIDER_BUG));
      }
    }

    private Duration stop(Node node, Running step) {
      synchronized (step) {
        running.remove(node);
      }
      return elapsed(step.started);
    }

    private Duration elapsed(Instant started) {
      Duration d = Duration.between(started, request.clock().instant());
      return d.isNegative() ? Duration.ZERO : d;
    }

    /** Reports each step that has run another {@link #STILL_RUNNING_INTERVAL} since the last. */
    void tick() {
      try {
        Instant now = request.clock().instant();
        for (Map.Entry<Node, Running> e : running.entrySet()) {
          Running step = e.getValue();
          synchronized (step) {
            if (!running.containsKey(e.getKey())) {
              continue;
            }
            Duration elapsed = Duration.between(step.started, now);
            if (elapsed.compareTo(step.nextReport) >= 0) {
              hooks.stillApplying(step.target, step.operation, elapsed, step.status);
              long intervals = elapsed.toMillis() / STILL_RUNNING_INTERVAL.toMillis() + 1;
              step.nextReport = STILL_RUNNING_INTERVAL.multipliedBy(intervals);
            }
          }
        }
      } catch (RuntimeException e) {
        // A failing hook must not stop the heartbeat.
      }
    }
  }
}
