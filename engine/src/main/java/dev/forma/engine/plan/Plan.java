package dev.forma.engine.plan;

import dev.forma.engine.value.Value;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole plan: the changes to make, the changes found outside Forma during refresh ({@code drift},
 * shown as "Objects have changed outside of Forma"), the output changes, and what it was made from
 * (mode, variables, prior state serial and lineage, timestamp). {@code complete} is false when
 * errors stopped planning part-way; such a plan is shown but never applied.
 */
public record Plan(
    Mode mode,
    List<ResourceChange> changes,
    List<ResourceChange> drift,
    List<OutputChange> outputs,
    Map<String, Value> variables,
    long priorSerial,
    String priorLineage,
    Instant timestamp,
    boolean complete) {
  public Plan {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    outputs = List.copyOf(outputs);
    variables = Map.copyOf(variables);
  }

  /** The kinds of plan, as Terraform's {@code -destroy} and {@code -refresh-only}. */
  public enum Mode {
    NORMAL,
    DESTROY,
    REFRESH_ONLY
  }

  /** True when applying would change any object or output. */
  public boolean hasChanges() {
    return changes.stream().anyMatch(c -> c.action() != Action.NO_OP || c.importId() != null)
        || outputs.stream().anyMatch(o -> o.action() != Action.NO_OP)
        || (mode == Mode.REFRESH_ONLY && !drift.isEmpty());
  }
}
