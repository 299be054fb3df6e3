package dev.forma.engine.graph;

import dev.forma.engine.addrs.ResourceAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
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

  ResourceGraph(Map<ResourceAddress, GraphNode> nodes, DirectedAcyclicGraph<ResourceAddress, DefaultEdge> dag) {
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
    List<String> names = new ArrayList<>();
    for (GraphNode n : nodes.values()) {
      if (n instanceof GraphNode.Configured) {
        names.add(n.address().toString());
      }
    }
    names.sort(null);
    for (String a : names) {
      b.append("  ").append(quote(a)).append(" [label=").append(quote(a)).append("];\n");
    }
    List<String> edges = new ArrayList<>();
    for (ResourceAddress to : nodes.keySet()) {
      if (!(nodes.get(to) instanceof GraphNode.Configured)) {
        continue;
      }
      for (ResourceAddress from : dependencies(to)) {
        if (nodes.get(from) instanceof GraphNode.Configured) {
          edges.add("  " + quote(to.toString()) + " -> " + quote(from.toString()) + ";\n");
        }
      }
    }
    edges.sort(null);
    edges.forEach(b::append);
    return b.append("}\n").toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
