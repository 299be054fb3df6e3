package dev.forma.engine.graph;

import dev.forma.engine.addrs.ResourceAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * A frozen, acyclic graph of resources. An edge runs from a dependency to its dependent, so a
 * topological order puts what must happen first first. For a destroy walk, {@link #reversed()}
 * turns it around. Immutable and safe to share between threads.
 */
public final class ResourceGraph {
  private final SortedMap<ResourceAddress, GraphNode> nodes;
  private final Graph<ResourceAddress, DefaultEdge> dag;
  private final List<ResourceAddress> order;

  ResourceGraph(
      Map<ResourceAddress, GraphNode> nodes,
      DirectedAcyclicGraph<ResourceAddress, DefaultEdge> dag) {
    this.nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
    this.dag = new AsUnmodifiableGraph<>(dag);
    List<ResourceAddress> o = new ArrayList<>();
    new TopologicalOrderIterator<>(dag, Comparator.<ResourceAddress>naturalOrder())
        .forEachRemaining(o::add);
    this.order = List.copyOf(o);
  }

  /** Every node by address, sorted. */
  public SortedMap<ResourceAddress, GraphNode> nodes() {
    return nodes;
  }

  /** The node at {@code address}, or null. */
  public GraphNode node(ResourceAddress address) {
    return nodes.get(address);
  }

  /** The graph itself, read-only: edges run from dependency to dependent. */
  public Graph<ResourceAddress, DefaultEdge> dag() {
    return dag;
  }

  /** Every node, each after all it depends on; ties broken by address, so the order is stable. */
  public List<ResourceAddress> topologicalOrder() {
    return order;
  }

  /** What {@code address} directly depends on. */
  public SortedSet<ResourceAddress> dependencies(ResourceAddress address) {
    TreeSet<ResourceAddress> out = new TreeSet<>();
    if (dag.containsVertex(address)) {
      dag.incomingEdgesOf(address).forEach(e -> out.add(dag.getEdgeSource(e)));
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /** What directly depends on {@code address}. */
  public SortedSet<ResourceAddress> dependents(ResourceAddress address) {
    TreeSet<ResourceAddress> out = new TreeSet<>();
    if (dag.containsVertex(address)) {
      dag.outgoingEdgesOf(address).forEach(e -> out.add(dag.getEdgeTarget(e)));
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /** {@code addresses} with everything they depend on, directly or not (as {@code -target}). */
  public SortedSet<ResourceAddress> withDependencies(Collection<ResourceAddress> addresses) {
    TreeSet<ResourceAddress> out = new TreeSet<>();
    Deque<ResourceAddress> todo = new ArrayDeque<>(addresses);
    while (!todo.isEmpty()) {
      ResourceAddress a = todo.pop();
      if (out.add(a)) {
        todo.addAll(dependencies(a));
      }
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /** {@code addresses} with everything that depends on them, directly or not. */
  public SortedSet<ResourceAddress> withDependents(Collection<ResourceAddress> addresses) {
    TreeSet<ResourceAddress> out = new TreeSet<>();
    Deque<ResourceAddress> todo = new ArrayDeque<>(addresses);
    while (!todo.isEmpty()) {
      ResourceAddress a = todo.pop();
      if (out.add(a)) {
        todo.addAll(dependents(a));
      }
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /** The same nodes with every edge turned around: the order deletions run in. */
  public ResourceGraph reversed() {
    DirectedAcyclicGraph<ResourceAddress, DefaultEdge> r =
        new DirectedAcyclicGraph<>(DefaultEdge.class);
    nodes.keySet().forEach(r::addVertex);
    for (DefaultEdge e : dag.edgeSet()) {
      r.addEdge(dag.getEdgeTarget(e), dag.getEdgeSource(e));
    }
    return new ResourceGraph(nodes, r);
  }

  /**
   * The graph in DOT, as {@code terraform graph} prints it: the resources in configuration, sorted,
   * then an edge {@code "dependent" -> "dependency"} per dependency, sorted.
   */
  public String dot() {
    StringBuilder b = new StringBuilder("digraph G {\n");
    b.append("  rankdir = \"RL\";\n");
    b.append("  node [shape = rect, fontname = \"sans-serif\"];\n");
    // as Terraform draws it: the root module's resources, then one cluster per module instance
    // path (in text order) with its resources labelled by their own names; the edges from each
    // resource in that same order
    Map<String, List<ResourceAddress>> byModule = new TreeMap<>();
    for (GraphNode n : nodes.values()) {
      if (n instanceof GraphNode.Configured) {
        byModule
            .computeIfAbsent(n.address().module().toString(), k -> new ArrayList<>())
            .add(n.address());
      }
    }
    List<ResourceAddress> order = new ArrayList<>();
    for (Map.Entry<String, List<ResourceAddress>> m : byModule.entrySet()) {
      List<ResourceAddress> in = m.getValue();
      in.sort(Comparator.comparing(ResourceAddress::toString));
      order.addAll(in);
      boolean root = m.getKey().isEmpty();
      String indent = root ? "  " : "    ";
      if (!root) {
        b.append("  subgraph ").append(quote("cluster_" + m.getKey())).append(" {\n");
        b.append("    label = ").append(quote(m.getKey())).append("\n");
        b.append("    fontname = \"sans-serif\"\n");
      }
      for (ResourceAddress a : in) {
        String label = root ? a.toString() : a.toString().substring(m.getKey().length() + 1);
        b.append(indent).append(quote(a.toString())).append(" [label=").append(quote(label));
        b.append("];\n");
      }
      if (!root) {
        b.append("  }\n");
      }
    }
    for (ResourceAddress to : order) {
      // an edge that another path already implies is left out (Terraform's transitive reduction)
      Set<ResourceAddress> direct = new HashSet<>(dependencies(to));
      Set<ResourceAddress> implied = new HashSet<>();
      for (ResourceAddress d : direct) {
        reachable(d, implied);
      }
      List<String> targets = new ArrayList<>();
      for (ResourceAddress from : direct) {
        if (nodes.get(from) instanceof GraphNode.Configured && !implied.contains(from)) {
          targets.add(from.toString());
        }
      }
      targets.sort(null);
      for (String from : targets) {
        b.append("  ").append(quote(to.toString())).append(" -> ").append(quote(from));
        b.append(";\n");
      }
    }
    return b.append("}\n").toString();
  }

  /** Adds what {@code from} depends on, directly or not, to {@code into}. */
  private void reachable(ResourceAddress from, Set<ResourceAddress> into) {
    Deque<ResourceAddress> todo = new ArrayDeque<>(dependencies(from));
    while (!todo.isEmpty()) {
      ResourceAddress a = todo.pop();
      if (into.add(a)) {
        todo.addAll(dependencies(a));
      }
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
