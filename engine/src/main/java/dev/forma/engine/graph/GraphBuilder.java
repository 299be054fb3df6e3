package dev.forma.engine.graph;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.Resource;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * Builds the {@link ResourceGraph} of a module and its prior state by small ordered steps: add the
 * configured resources, add the resources only in state, add reference edges, add the state's
 * dependency edges for deletions, check for cycles, freeze.
 *
 * <p>A cycle is one error per strongly connected set of resources, naming every address on it
 * (sorted) and, in the detail, where each is declared and what it refers to there; the graph is
 * then null.
 */
public final class GraphBuilder {
  /** Why an edge exists: the reference (or state dependency) that made it. */
  private record Why(Range range, List<String> via, boolean fromState) {}

  private final Module module;
  private final dev.forma.engine.config.ConfigTree tree;
  private final State state;
  private final Map<ResourceAddress, GraphNode> nodes = new TreeMap<>();
  private final Map<ResourceAddress, Map<ResourceAddress, Why>> edges = new TreeMap<>();

  private GraphBuilder(Module module, State state) {
    this(module, null, state);
  }

  private GraphBuilder(Module module, dev.forma.engine.config.ConfigTree tree, State state) {
    this.module = module;
    this.tree = tree;
    this.state = state == null ? State.empty("") : state;
  }

  /** The graph for a plan or apply of {@code module} over {@code state}. */
  public static Result<ResourceGraph> build(Module module, State state) {
    GraphBuilder b = new GraphBuilder(module, state);
    b.addConfiguredResources();
    b.addStateOnlyResources();
    b.addReferenceEdges();
    b.addStateDependencyEdges(false);
    return b.validateAndFreeze();
  }

  /**
   * The graph for a plan of a configuration with child modules: a node per resource of every
   * module, at its configuration address (module path without instance keys), edges across modules
   * through input variables and outputs ({@link TreeReferences}); a resource only in state is a
   * node when its configuration address is not configured.
   */
  public static Result<ResourceGraph> build(dev.forma.engine.config.ConfigTree tree, State state) {
    GraphBuilder b = new GraphBuilder(tree.module(), tree, state);
    b.addConfiguredResources();
    b.addStateOnlyResources();
    b.addReferenceEdges();
    b.addStateDependencyEdges(false);
    return b.validateAndFreeze();
  }

  /**
   * The graph for destroying everything in {@code state}: every managed resource in state (and in
   * configuration), edges from the state's recorded dependencies and from configuration references
   * that agree with them, already {@link ResourceGraph#reversed() reversed} so that a dependent is
   * deleted before what it depends on.
   */
  public static Result<ResourceGraph> buildForDestroy(Module module, State state) {
    GraphBuilder b = new GraphBuilder(module, state);
    b.addConfiguredResources();
    b.addStateOnlyResources();
    b.addStateDependencyEdges(true);
    Result<ResourceGraph> r = b.validateAndFreeze();
    if (r.value() == null) {
      return r;
    }
    // configuration references are ordering hints only: skip any that would close a cycle
    DirectedAcyclicGraph<ResourceAddress, DefaultEdge> dag = copy(r.value().dag());
    References refs = new References(module);
    for (GraphNode n : b.nodes.values()) {
      if (n instanceof GraphNode.Configured c) {
        for (ResourceAddress dep : References.targets(refs.of(c.resource()))) {
          if (!dep.equals(n.address()) && dag.containsVertex(dep)) {
            try {
              dag.addEdge(dep, n.address());
            } catch (IllegalArgumentException cycle) {
              // the state's order wins
            }
          }
        }
      }
    }
    return new Result<>(new ResourceGraph(b.nodes, dag).reversed(), r.diagnostics());
  }

  // ---- steps

  private void addConfiguredResources() {
    if (tree != null) {
      TreeReferences refs = new TreeReferences(tree);
      for (dev.forma.engine.config.ConfigTree t : tree.all()) {
        for (Resource r : t.module().resources().values()) {
          Resource at = refs.relocate(t.path().unkeyed(), t.path(), r);
          nodes.put(at.address(), new GraphNode.Configured(at));
        }
      }
      return;
    }
    for (Resource r : module.resources().values()) {
      nodes.put(r.address(), new GraphNode.Configured(r));
    }
  }

  private void addStateOnlyResources() {
    for (ResourceState rs : state.resources().values()) {
      ResourceAddress a = StateAddresses.fromState(rs.address());
      if (nodes.containsKey(a)
          || a.mode() == ResourceMode.DATA
          || (tree != null && nodes.containsKey(a.config()))) {
        continue;
      }
      nodes.put(a, new GraphNode.Orphan(a, List.copyOf(stateDependencies(rs))));
    }
  }

  private void addReferenceEdges() {
    if (tree != null) {
      TreeReferences refs = new TreeReferences(tree);
      for (GraphNode n : nodes.values()) {
        if (n instanceof GraphNode.Configured c) {
          for (References.Reference ref : refs.of(c.address().module().module(), c.resource())) {
            edge(ref.target(), n.address(), new Why(ref.range(), ref.via(), false));
          }
        }
      }
      return;
    }
    References refs = new References(module);
    for (GraphNode n : nodes.values()) {
      if (n instanceof GraphNode.Configured c) {
        for (References.Reference ref : refs.of(c.resource())) {
          edge(ref.target(), n.address(), new Why(ref.range(), ref.via(), false));
        }
      }
    }
  }

  /**
   * Deletions run in reverse dependency order: a resource only in state is deleted before what it
   * depended on is deleted or changed. With {@code all}, every resource's recorded dependencies
   * count (for a destroy graph).
   */
  private void addStateDependencyEdges(boolean all) {
    for (ResourceState rs : state.resources().values()) {
      ResourceAddress a = StateAddresses.fromState(rs.address());
      GraphNode n = nodes.get(a);
      if (n == null || (!all && !(n instanceof GraphNode.Orphan))) {
        continue;
      }
      for (ResourceAddress recorded : stateDependencies(rs)) {
        for (ResourceAddress dep : dependencyNodes(recorded)) {
          if (dep.equals(a)) {
            continue;
          }
          if (all) {
            edge(dep, a, new Why(null, List.of(), true));
          } else {
            // the orphan's delete comes before its dependency's change: dependency waits for it
            edge(a, dep, new Why(null, List.of(), true));
          }
        }
      }
    }
  }

  private Result<ResourceGraph> validateAndFreeze() {
    // The common case first: the edges make a DAG, which the DAG's own checks confirm; only a
    // graph with a cycle pays for finding every cycle to name it.
    DirectedAcyclicGraph<ResourceAddress, DefaultEdge> dag =
        new DirectedAcyclicGraph<>(DefaultEdge.class);
    nodes.keySet().forEach(dag::addVertex);
    try {
      edges.forEach((from, tos) -> tos.keySet().forEach(to -> dag.addEdge(from, to)));
      return new Result<>(new ResourceGraph(nodes, dag), new Diagnostics());
    } catch (IllegalArgumentException cycle) {
      return cycles();
    }
  }

  /** The errors naming every cycle of the edges, in a stable order. */
  private Result<ResourceGraph> cycles() {
    Diagnostics diags = new Diagnostics();
    Graph<ResourceAddress, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    nodes.keySet().forEach(g::addVertex);
    edges.forEach((from, tos) -> tos.keySet().forEach(to -> g.addEdge(from, to)));
    List<Set<ResourceAddress>> cycles = new ArrayList<>();
    for (Set<ResourceAddress> scc :
        new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
      ResourceAddress only = scc.iterator().next();
      if (scc.size() > 1 || g.containsEdge(only, only)) {
        cycles.add(new TreeSet<>(scc));
      }
    }
    cycles.sort(
        (x, y) ->
            ((TreeSet<ResourceAddress>) x)
                .first()
                .compareTo(((TreeSet<ResourceAddress>) y).first()));
    for (Set<ResourceAddress> c : cycles) {
      diags.add(cycleError(new TreeSet<>(c)));
    }
    if (!diags.hasErrors()) {
      throw new IllegalStateException("the DAG refused an edge, but the graph has no cycle");
    }
    return new Result<>(null, diags);
  }

  // ---- helpers

  /** The nodes of each configuration address in a module with instance keys; made on first use. */
  private Map<ResourceAddress, List<ResourceAddress>> byConfig;

  /**
   * The nodes a recorded dependency (a configuration address) stands for: itself when a node, else
   * the nodes of its instances of keyed module instances ({@code module.a[0].x} for {@code
   * module.a.x}).
   */
  private List<ResourceAddress> dependencyNodes(ResourceAddress recorded) {
    if (nodes.containsKey(recorded)) {
      return List.of(recorded);
    }
    if (recorded.module().isRoot()) {
      return List.of();
    }
    if (byConfig == null) {
      byConfig = new java.util.HashMap<>();
      for (ResourceAddress n : nodes.keySet()) {
        if (!n.module().isRoot()) {
          byConfig.computeIfAbsent(n.config(), k -> new ArrayList<>()).add(n);
        }
      }
    }
    return byConfig.getOrDefault(recorded, List.of());
  }

  private void edge(ResourceAddress dependency, ResourceAddress dependent, Why why) {
    edges.computeIfAbsent(dependency, k -> new TreeMap<>()).putIfAbsent(dependent, why);
  }

  private Diagnostic cycleError(TreeSet<ResourceAddress> members) {
    StringBuilder summary = new StringBuilder("Cycle: ");
    StringBuilder detail = new StringBuilder("These resources depend on each other in a cycle:");
    boolean first = true;
    for (ResourceAddress a : members) {
      summary.append(first ? "" : ", ").append(a);
      first = false;
    }
    for (ResourceAddress a : members) {
      GraphNode n = nodes.get(a);
      detail.append("\n  ").append(a);
      if (n.declRange() != null) {
        detail.append(" (").append(n.declRange()).append(")");
      } else {
        detail.append(" (in state only)");
      }
      SortedMap<ResourceAddress, Why> deps = dependenciesWithin(a, members);
      List<String> parts = new ArrayList<>();
      deps.forEach(
          (dep, why) -> {
            StringBuilder p = new StringBuilder();
            p.append(why.fromState() ? "depended on " : "refers to ").append(dep);
            if (!why.via().isEmpty()) {
              p.append(" through ");
              for (int i = 0; i < why.via().size(); i++) {
                p.append(i == 0 ? "" : ", ").append("local.").append(why.via().get(i));
              }
            }
            if (why.range() != null) {
              p.append(" at ").append(why.range());
            }
            parts.add(p.toString());
          });
      detail.append(" ").append(String.join("; ", parts));
    }
    GraphNode firstNode = nodes.get(members.first());
    return Diagnostic.error(summary.toString(), detail.toString(), firstNode.declRange());
  }

  /** The members {@code a} depends on (edges into {@code a} from other members), sorted. */
  private SortedMap<ResourceAddress, Why> dependenciesWithin(
      ResourceAddress a, Set<ResourceAddress> members) {
    SortedMap<ResourceAddress, Why> out = new TreeMap<>();
    edges.forEach(
        (from, tos) -> {
          Why w = tos.get(a);
          if (w != null && members.contains(from)) {
            out.put(from, w);
          }
        });
    return out;
  }

  private static List<ResourceAddress> stateDependencies(ResourceState rs) {
    Set<ResourceAddress> out = new TreeSet<>();
    rs.instances()
        .values()
        .forEach(
            i -> {
              List<String> deps = new ArrayList<>();
              if (i.current() != null) {
                deps.addAll(i.current().dependencies());
              }
              i.deposed().values().forEach(d -> deps.addAll(d.dependencies()));
              for (String d : deps) {
                out.add(StateAddresses.dependency(d));
              }
            });
    return new ArrayList<>(out);
  }

  private static DirectedAcyclicGraph<ResourceAddress, DefaultEdge> copy(
      Graph<ResourceAddress, DefaultEdge> g) {
    DirectedAcyclicGraph<ResourceAddress, DefaultEdge> out =
        new DirectedAcyclicGraph<>(DefaultEdge.class);
    g.vertexSet().forEach(out::addVertex);
    g.edgeSet().forEach(e -> out.addEdge(g.getEdgeSource(e), g.getEdgeTarget(e)));
    return out;
  }
}
