package dev.forma.engine.config;

import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Range;
import java.util.List;

/**
 * A resource's {@code lifecycle} block (or its absence: {@link #NONE}). Data resources may only set
 * the conditions.
 */
public record Lifecycle(
    boolean createBeforeDestroy,
    boolean preventDestroy,
    IgnoreChanges ignoreChanges,
    List<ReplaceTrigger> replaceTriggeredBy,
    List<CheckRule> preconditions,
    List<CheckRule> postconditions) {

  public static final Lifecycle NONE =
      new Lifecycle(
          false, false, new IgnoreChanges.Paths(List.of()), List.of(), List.of(), List.of());

  public Lifecycle {
    replaceTriggeredBy = List.copyOf(replaceTriggeredBy);
    preconditions = List.copyOf(preconditions);
    postconditions = List.copyOf(postconditions);
  }

  /** What {@code ignore_changes} says: every attribute ({@code all}) or a list of paths. */
  public sealed interface IgnoreChanges {
    /** {@code ignore_changes = all}. */
    record All(Range range) implements IgnoreChanges {}

    /** {@code ignore_changes = [a, b.c, d["k"]]}: each path a static traversal. */
    record Paths(List<List<Traverser>> paths) implements IgnoreChanges {
      public Paths {
        paths = paths.stream().map(List::copyOf).toList();
      }
    }
  }
}
