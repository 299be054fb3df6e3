package dev.forma.engine.apply;

import dev.forma.provider.api.diag.Diagnostics;
import java.util.List;

/**
 * What a {@link GraphWalker} walk did with each node: succeeded, failed (with its diagnostics, or
 * the exception of a broken visitor), skipped because a dependency failed, not started because a
 * stop was requested, or interrupted while running when a second stop made the walk return at once.
 * Every node of the graph is in exactly one list; each list is in the order things happened
 * (succeeded, failed) or in the graph's vertex order (the others).
 */
public record WalkResult<N>(
    List<N> succeeded,
    List<Failure<N>> failed,
    List<N> skipped,
    List<N> notStarted,
    List<N> interrupted,
    StopLevel stop) {
  public WalkResult {
    succeeded = List.copyOf(succeeded);
    failed = List.copyOf(failed);
    skipped = List.copyOf(skipped);
    notStarted = List.copyOf(notStarted);
    interrupted = List.copyOf(interrupted);
  }

  /** A node that failed: its diagnostics, and the exception if the visitor threw (a bug). */
  public record Failure<N>(N node, Diagnostics diagnostics, Throwable thrown) {}

  /** How far the walk was asked to stop. */
  public enum StopLevel {
    /** Not asked: every node ran, failed or was skipped after a failure. */
    NONE,
    /** Asked once: no node started after the request; nodes running then finished. */
    GRACEFUL,
    /** Asked twice: the walk returned at once, interrupting the nodes still running. */
    IMMEDIATE
  }

  /** True when every node succeeded. */
  public boolean allSucceeded() {
    return failed.isEmpty() && skipped.isEmpty() && notStarted.isEmpty() && interrupted.isEmpty();
  }
}
