package dev.forma.engine.plan;

import dev.forma.provider.api.value.Value;
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
    State priorState,
    List<MovedObject> moves) {
  public Plan {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    outputs = List.copyOf(outputs);
    variables = Map.copyOf(variables);
    moves = List.copyOf(moves);
  }

  /** A plan that moves no object. */
  public Plan(
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
        priorState,
        List.of());
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
        state,
        moves);
  }

  /** This plan with other moved objects. */
  public Plan withMoves(List<MovedObject> moved) {
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
        priorState,
        moved);
  }

  /**
   * The address {@code address} had in the prior state, when a move brought it there, for showing
   * the plan. A destroy plan names objects by their new addresses only, as Terraform's does.
   */
  public java.util.Optional<dev.forma.engine.addrs.ResourceInstanceAddress> previousAddress(
      dev.forma.engine.addrs.ResourceInstanceAddress address) {
    if (mode == Mode.DESTROY) {
      return java.util.Optional.empty();
    }
    for (MovedObject m : moves) {
      if (m.to().equals(address)) {
        return java.util.Optional.of(m.from());
      }
    }
    return java.util.Optional.empty();
  }

  /** The kinds of plan, as Terraform's {@code -destroy} and {@code -refresh-only}. */
  public enum Mode {
    NORMAL,
    DESTROY,
    REFRESH_ONLY
  }

  /**
   * Whether the plan text (and its markdown) shows {@code rc}: every change but the no-ops that
   * neither import, adopt nor move, and the deletions of data sources (which leave the state
   * without a word, as Terraform's). One rule for every view of a plan.
   */
  public boolean shows(ResourceChange rc) {
    return switch (rc.action()) {
      case DELETE -> rc.address().resource().mode() == dev.forma.engine.addrs.ResourceMode.MANAGED;
      case NO_OP ->
          rc.importId() != null
              || adopts(rc)
              || (rc.deposedKey() == null && previousAddress(rc.address()).isPresent());
      case CREATE, READ, UPDATE, DELETE_THEN_CREATE, CREATE_THEN_DELETE, FORGET -> true;
    };
  }

  /**
   * Whether {@code rc} adopts an object a create interrupted before it was recorded (the journal's
   * create intent): applying records it, so the plan has a change even when the object matches.
   */
  public static boolean adopts(ResourceChange rc) {
    return rc.reason() == ActionReason.ADOPT_AFTER_INTERRUPTED_CREATE;
  }

  /** True when applying would change any object, address or output. */
  public boolean hasChanges() {
    // a refresh-only plan records moves too, but as Terraform's, they alone are no changes
    return (!moves.isEmpty() && mode != Mode.REFRESH_ONLY)
        || changes.stream()
            .anyMatch(c -> c.action() != Action.NO_OP || c.importId() != null || adopts(c))
        || outputs.stream().anyMatch(o -> o.action() != Action.NO_OP)
        || (mode == Mode.REFRESH_ONLY && drift.stream().anyMatch(d -> d.action() != Action.NO_OP));
  }
}
