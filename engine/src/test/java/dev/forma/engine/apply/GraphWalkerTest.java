package dev.forma.engine.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GraphWalkerTest {
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private static Graph<String, DefaultEdge> graph(String... edges) {
    DirectedAcyclicGraph<String, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
    for (String edge : edges) {
      String[] parts = edge.split("->");
      for (String part : parts) {
        g.addVertex(part.strip());
      }
      if (parts.length == 2) {
        g.addEdge(parts[0].strip(), parts[1].strip());
      }
    }
    return g;
  }

  private NodeVisitor<String> logging(Set<String> failing) {
    return node -> {
      log.add("start " + node);
      Thread.yield();
      log.add("end " + node);
      return failing.contains(node)
          ? Diagnostics.of(Diagnostic.error("boom " + node, ""))
          : new Diagnostics();
    };
  }

  private void assertBefore(String first, String second) {
    int a = log.indexOf(first);
    int b = log.indexOf(second);
    assertTrue(a >= 0 && b >= 0 && a < b, first + " before " + second + " in " + log);
  }

  @Test
  void diamondRunsEachNodeAfterAllItsDependencies() {
    Graph<String, DefaultEdge> g = graph("a->b", "a->c", "b->d", "c->d");
    for (int round = 0; round < 20; round++) {
      log.clear();
      WalkResult<String> result = new GraphWalker<String>(4).walk(g, logging(Set.of()));
      assertTrue(result.allSucceeded());
      assertEquals(Set.of("a", "b", "c", "d"), Set.copyOf(result.succeeded()));
      assertBefore("end a", "start b");
      assertBefore("end a", "start c");
      assertBefore("end b", "start d");
      assertBefore("end c", "start d");
      assertEquals(WalkResult.StopLevel.NONE, result.stop());
    }
  }

  @Test
  void chainRunsInOrderAndSingleThreadedWalkFollowsVertexOrder() {
    DefaultDirectedGraph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (String v : List.of("c", "x", "b", "y", "a")) {
      g.addVertex(v);
    }
    g.addEdge("a", "b");
    g.addEdge("b", "c");
    WalkResult<String> result = new GraphWalker<String>(1).walk(g, logging(Set.of()));
    // Ready nodes start in vertex order: x and y before a (added last), then the chain.
    assertEquals(List.of("x", "y", "a", "b", "c"), result.succeeded());
  }

  @Test
  void fanOutRunsUpToParallelismNodesAtOnceAndNoMore() {
    String[] edges = new String[8];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = "root->n" + i;
    }
    Graph<String, DefaultEdge> g = graph(edges);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    // The first three leaves wait for each other: this only completes if three run at once.
    CountDownLatch together = new CountDownLatch(3);
    NodeVisitor<String> visitor =
        node -> {
          int now = running.incrementAndGet();
          highest.accumulateAndGet(now, Math::max);
          if (!node.equals("root")) {
            together.countDown();
            together.await();
          }
          running.decrementAndGet();
          return new Diagnostics();
        };
    WalkResult<String> result = new GraphWalker<String>(3).walk(g, visitor);
    assertEquals(9, result.succeeded().size());
    assertEquals(3, highest.get());
  }

  @Test
  void failureSkipsOnlyItsDependentsTransitively() {
    Graph<String, DefaultEdge> g = graph("a->b", "b->c", "c->d", "a->e", "f->g", "b->h", "f->h");
    WalkResult<String> result = new GraphWalker<String>(3).walk(g, logging(Set.of("b")));
    assertEquals(Set.of("a", "e", "f", "g"), Set.copyOf(result.succeeded()));
    assertEquals(List.of("b"), result.failed().stream().map(WalkResult.Failure::node).toList());
    assertEquals("boom b", result.failed().get(0).diagnostics().asList().get(0).summary());
    assertEquals(List.of("c", "d", "h"), result.skipped());
    assertTrue(result.notStarted().isEmpty());
    assertTrue(!log.contains("start c") && !log.contains("start h"));
  }

  @Test
  void everyIndependentFailureIsReported() {
    Graph<String, DefaultEdge> g = graph("a->b", "c->d", "e");
    WalkResult<String> result = new GraphWalker<String>(2).walk(g, logging(Set.of("a", "c", "e")));
    assertEquals(
        Set.of("a", "c", "e"),
        Set.copyOf(result.failed().stream().map(WalkResult.Failure::node).toList()));
    assertEquals(List.of("b", "d"), result.skipped());
    assertTrue(result.succeeded().isEmpty());
  }

  @Test
  void aVisitorThatThrowsFailsItsNodeWithTheException() {
    Graph<String, DefaultEdge> g = graph("a->b", "c");
    NodeVisitor<String> visitor =
        node -> {
          if (node.equals("a")) {
            throw new IllegalStateException("bug");
          }
          return new Diagnostics();
        };
    WalkResult<String> result = new GraphWalker<String>(2).walk(g, visitor);
    assertEquals("bug", result.failed().get(0).thrown().getMessage());
    assertEquals(List.of("b"), result.skipped());
    assertEquals(List.of("c"), result.succeeded());
  }

  @Test
  void firstStopLetsRunningNodesFinishAndStartsNoOther() throws Exception {
    Graph<String, DefaultEdge> g = graph("x->z", "y");
    GraphWalker<String> walker = new GraphWalker<>(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    NodeVisitor<String> visitor =
        node -> {
          log.add("start " + node);
          if (node.equals("x")) {
            started.countDown();
            release.await();
          }
          log.add("end " + node);
          return new Diagnostics();
        };
    CompletableFuture<WalkResult<String>> walk =
        CompletableFuture.supplyAsync(() -> walker.walk(g, visitor));
    started.await();
    walker.requestStop();
    release.countDown();
    WalkResult<String> result = walk.get();
    assertEquals(List.of("x"), result.succeeded());
    assertEquals(List.of("z", "y"), result.notStarted());
    assertEquals(WalkResult.StopLevel.GRACEFUL, result.stop());
    assertEquals(List.of("start x", "end x"), log);
  }

  @Test
  void secondStopReturnsAtOnceAndInterruptsRunningNodes() throws Exception {
    Graph<String, DefaultEdge> g = graph("x->z", "y");
    GraphWalker<String> walker = new GraphWalker<>(2);
    CountDownLatch bothStarted = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(2);
    NodeVisitor<String> visitor =
        node -> {
          bothStarted.countDown();
          try {
            never.await();
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return new Diagnostics();
        };
    CompletableFuture<WalkResult<String>> walk =
        CompletableFuture.supplyAsync(() -> walker.walk(g, visitor));
    bothStarted.await();
    walker.requestStop();
    walker.requestStop();
    WalkResult<String> result = walk.get();
    assertEquals(WalkResult.StopLevel.IMMEDIATE, result.stop());
    assertEquals(List.of("x", "y"), result.interrupted());
    assertEquals(List.of("z"), result.notStarted());
    interrupted.await();
  }

  @Test
  void stopBeforeTheWalkStartsNothing() {
    GraphWalker<String> walker = new GraphWalker<>();
    walker.requestStop();
    WalkResult<String> result = walker.walk(graph("a->b"), logging(Set.of()));
    assertEquals(List.of("a", "b"), result.notStarted());
    assertTrue(log.isEmpty());
  }

  @Test
  void aCycleIsRejected() {
    DefaultDirectedGraph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    g.addVertex("a");
    g.addVertex("b");
    g.addVertex("c");
    g.addEdge("a", "b");
    g.addEdge("b", "a");
    assertThrows(
        IllegalArgumentException.class,
        () -> new GraphWalker<String>(2).walk(g, logging(Set.of())));
    assertEquals(List.of("start c", "end c"), log);
  }
}
