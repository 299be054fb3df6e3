package dev.forma.engine.apply;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgrapht.Graph;

/**
 * Walks a directed acyclic graph, running a {@link NodeVisitor} per node on up to {@code
 * parallelism} threads. An edge {@code a -> b} means b depends on a: b starts only once a
 * succeeded. A failed node skips its dependents (transitively) and nothing else: every other node
 * still runs, and the result lists every failure and every skipped node.
 *
 * <p>Stopping: the first {@link #requestStop()} stops starting nodes and lets the running ones
 * finish; the second makes {@link #walk} return at once, interrupting the running visitors. A
 * walker is for one walk; a stop requested before the walk starts applies to it.
 *
 * <p>Ready nodes start in the graph's vertex order, so a walk with {@code parallelism} 1 is
 * deterministic.
 */
public final class GraphWalker<N> {
  /** Terraform's default {@code -parallelism}. */
  public static final int DEFAULT_PARALLELISM = 10;

  private final int parallelism;
  private final AtomicInteger stops = new AtomicInteger();
  private final BlockingQueue<Event<N>> events = new LinkedBlockingQueue<>();

  private sealed interface Event<N> {}

  private record Done<N>(N node, Diagnostics diagnostics, Throwable thrown) implements Event<N> {}

  private record Stop<N>() implements Event<N> {}

  public GraphWalker() {
    this(DEFAULT_PARALLELISM);
  }

  public GraphWalker(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /**
   * Asks the walk to stop: the first call stops starting nodes, the second returns at once.
   * Thread-safe; may be called from a signal handler's thread.
   */
  public void requestStop() {
    stops.incrementAndGet();
    events.add(new Stop<>());
  }

  /** How many stops were requested so far. */
  public int stopRequests() {
    return stops.get();
  }

  /**
   * Walks {@code graph}, visiting each node after all its dependencies succeeded. Returns when
   * every node is settled (or at once after a second stop request).
   *
   * @throws IllegalArgumentException if the graph has a cycle (graph builders check for cycles and
   *     report them first; reaching one here is a bug)
   */
  public <E> WalkResult<N> walk(Graph<N, E> graph, NodeVisitor<N> visitor) {
    Map<N, Integer> order = new HashMap<>();
    for (N node : graph.vertexSet()) {
      order.put(node, order.size());
    }
    Map<N, Integer> waitingOn = new HashMap<>();
    PriorityQueue<N> ready = new PriorityQueue<>((a, b) -> order.get(a) - order.get(b));
    for (N node : graph.vertexSet()) {
      int dependencies = distinctSources(graph, node).size();
      waitingOn.put(node, dependencies);
      if (dependencies == 0) {
        ready.add(node);
      }
    }
    Set<N> settled = new HashSet<>();
    List<N> succeeded = new ArrayList<>();
    List<WalkResult.Failure<N>> failed = new ArrayList<>();
    Set<N> skipped = new HashSet<>();
    Map<N, Future<?>> running = new LinkedHashMap<>();

    ExecutorService executor = Executors.newFixedThreadPool(parallelism, threads());
    try {
      while (true) {
        int stopLevel = stops.get();
        if (stopLevel >= 2) {
          for (Future<?> future : running.values()) {
            future.cancel(true);
          }
          executor.shutdownNow();
          return result(graph, succeeded, failed, skipped, settled, running.keySet(), 2);
        }
        while (stopLevel == 0 && running.size() < parallelism && !ready.isEmpty()) {
          N node = ready.poll();
          running.put(node, executor.submit(() -> run(node, visitor)));
        }
        if (running.isEmpty()) {
          if (stopLevel == 0 && settled.size() + skipped.size() < graph.vertexSet().size()) {
            throw new IllegalArgumentException("the graph has a cycle");
          }
          return result(graph, succeeded, failed, skipped, settled, Set.of(), stopLevel);
        }
        Event<N> event;
        try {
          event = events.take();
        } catch (InterruptedException e) {
          // The walking thread itself was interrupted: treat it as an immediate stop.
          Thread.currentThread().interrupt();
          stops.set(Math.max(stops.get(), 2));
          continue;
        }
        switch (event) {
          case Stop<N> stop -> {}
          case Done<N> done -> {
            N node = done.node();
            running.remove(node);
            settled.add(node);
            boolean failure =
                done.thrown() != null
                    || done.diagnostics() != null && done.diagnostics().hasErrors();
            if (failure) {
              Diagnostics diagnostics =
                  done.diagnostics() != null ? done.diagnostics() : new Diagnostics();
              failed.add(new WalkResult.Failure<>(node, diagnostics, done.thrown()));
              skipDependents(graph, node, skipped);
            } else {
              succeeded.add(node);
              for (N dependent : distinctTargets(graph, node)) {
                int left = waitingOn.merge(dependent, -1, Integer::sum);
                if (left == 0 && !skipped.contains(dependent)) {
                  ready.add(dependent);
                }
              }
            }
          }
        }
      }
    } finally {
      executor.shutdown();
    }
  }

  private void run(N node, NodeVisitor<N> visitor) {
    Diagnostics diagnostics = null;
    Throwable thrown = null;
    try {
      diagnostics = visitor.visit(node);
    } catch (InterruptedException e) {
      diagnostics =
          Diagnostics.of(Diagnostic.error("Operation interrupted", "The operation was cancelled."));
    } catch (RuntimeException | Error e) {
      thrown = e;
    }
    events.add(new Done<>(node, diagnostics, thrown));
  }

  private static <N, E> void skipDependents(Graph<N, E> graph, N failed, Set<N> skipped) {
    Deque<N> todo = new ArrayDeque<>(distinctTargets(graph, failed));
    while (!todo.isEmpty()) {
      N node = todo.pop();
      if (skipped.add(node)) {
        todo.addAll(distinctTargets(graph, node));
      }
    }
  }

  private static <N, E> Set<N> distinctSources(Graph<N, E> graph, N node) {
    Set<N> sources = new HashSet<>();
    for (E edge : graph.incomingEdgesOf(node)) {
      sources.add(graph.getEdgeSource(edge));
    }
    return sources;
  }

  private static <N, E> Set<N> distinctTargets(Graph<N, E> graph, N node) {
    Set<N> targets = new HashSet<>();
    for (E edge : graph.outgoingEdgesOf(node)) {
      targets.add(graph.getEdgeTarget(edge));
    }
    return targets;
  }

  private static <N, E> WalkResult<N> result(
      Graph<N, E> graph,
      List<N> succeeded,
      List<WalkResult.Failure<N>> failed,
      Set<N> skipped,
      Set<N> settled,
      Set<N> running,
      int stopLevel) {
    List<N> skippedList = new ArrayList<>();
    List<N> notStarted = new ArrayList<>();
    List<N> interrupted = new ArrayList<>();
    for (N node : graph.vertexSet()) {
      if (settled.contains(node)) {
        continue;
      }
      if (running.contains(node)) {
        interrupted.add(node);
      } else if (skipped.contains(node)) {
        skippedList.add(node);
      } else {
        notStarted.add(node);
      }
    }
    WalkResult.StopLevel level =
        switch (Math.min(stopLevel, 2)) {
          case 0 -> WalkResult.StopLevel.NONE;
          case 1 -> WalkResult.StopLevel.GRACEFUL;
          default -> WalkResult.StopLevel.IMMEDIATE;
        };
    return new WalkResult<>(succeeded, failed, skippedList, notStarted, interrupted, level);
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "forma-walk-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
