package dev.forma.engine.plan;

import dev.forma.engine.value.Value;
import dev.forma.state.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole plan: the changes to make, the changes found outside Forma during refresh ({@code drift},
 * shown as "Objects have changed outside of Forma"), the output changes, and what it was made from
 * (mode, variables, prior state serial and lineage, timestamp). {@code complete} is false when
 * errors stopped planning part-way; such a plan is shown but never applied.
 *
 * <p>{@code priorState} is the state the changes apply to: the state read (serial {@code
 * priorSerial}) with what the refresh found recorded in it (objects changed outside Forma hold
 * their new values, objects found gone are removed), as Terraform's {@code Plan.PriorState}. An
 * apply starts from it, so that whatever the refresh learned is saved by the apply, whatever it
 * changes; an apply of a refresh-only plan saves exactly that. Null only for plans made by hand in
 * tests: such an apply records no refresh.
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
    boolean complete,
    State priorState) {
  public Plan {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    outputs = List.copyOf(outputs);
    variables = Map.copyOf(variables);
  }

  /** A plan with no refreshed prior state to record (see the class comment). */
  public Plan(
      Mode mode,
      List<ResourceChange> changes,
      List<ResourceChange> drift,
      List<OutputChange> outputs,
      Map<String, Value> variables,
      long priorSerial,
      String priorLineage,
      Instant timestamp,
      boolean complete) {
    this(
        mode,
        changes,
        drift,
        outputs,
        variables,
        priorSerial,
        priorLineage,
        timestamp,
        complete,
        null);
  }

  /** This plan with another refreshed prior state. */
  public Plan withPriorState(State state) {
    return new Plan(
        mode,
        changes,
        drift,
        outputs,
        variables,
        priorSerial,
        priorLineage,
        timestamp,
        complete,
        state);
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
