package dev.forma.state.backend;

import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.codec.JournalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Replays a journal's records onto the state they began from, whichever backend kept them (a file
 * beside the local state, rows beside a remote one): the state as of the last durable record, and
 * the {@link Recovery} to tell the user (changes recovered, creates still pending).
 */
public final class JournalReplay {
  private JournalReplay() {}

  /** The state a journal gives, and what was recovered. */
  public record Replayed(State state, Recovery recovery) {}

  /**
   * Replays {@code records} (in order, as written) onto {@code base}, the stored state.
   *
   * @param torn whether a last record was cut short and left out of {@code records}
   * @param journalName the journal, as named to the user
   * @param stateName the state, as named to the user
   * @throws StateException when the journal does not start with a begin record, has two, or was
   *     written for another state (lineage, or a serial the stored state has not reached)
   */
  public static Replayed replay(
      List<JournalRecord> records, boolean torn, String journalName, String stateName, State base)
      throws StateException {
    if (records.isEmpty()) {
      return new Replayed(
          base, new Recovery(journalName, "operation", false, List.of(), new TreeMap<>(), torn));
    }
    if (!(records.get(0) instanceof JournalRecord.Begin begin)) {
      throw new StateException(
          "Corrupt state journal",
          "The state journal " + journalName + " does not start with a \"begin\" record.");
    }
    if (!begin.lineage().equals(base.lineage()) || base.serial() < begin.serial()) {
      throw new StateException(
          "State journal does not match the state",
          "The state journal "
              + journalName
              + " was written for the state with lineage "
              + begin.lineage()
              + " at serial "
              + begin.serial()
              + ", but "
              + stateName
              + " has lineage "
              + base.lineage()
              + " at serial "
              + base.serial()
              + ". It cannot be replayed onto this state. Move it aside (keep it: it lists changes"
              + " that may be missing from the state) and try again.");
    }
    boolean alreadyApplied = base.serial() > begin.serial();
    State.Builder builder = base.toBuilder();
    TreeMap<InstanceAddress, String> pending = new TreeMap<>();
    List<StateChange> replayed = new ArrayList<>();
    boolean committed = false;
    for (JournalRecord record : records.subList(1, records.size())) {
      switch (record) {
        case JournalRecord.Begin again ->
            throw new StateException(
                "Corrupt state journal",
                "The state journal " + journalName + " has a second \"begin\" record.");
        case JournalRecord.Commit commit -> committed = true;
        case JournalRecord.Change change -> {
          StateChange c = change.change();
          switch (c) {
            case StateChange.Intent intent -> pending.put(intent.address(), intent.token());
            case StateChange.ForgetIntent forget -> pending.remove(forget.address());
            case StateChange.SetCurrent set -> pending.remove(set.address());
            case StateChange.RemoveCurrent remove -> pending.remove(remove.address());
            case StateChange.SetDeposed set -> {}
            case StateChange.RemoveDeposed remove -> {}
            case StateChange.Depose depose -> {}
            case StateChange.Undepose undepose -> {}
            case StateChange.SetOutput set -> {}
            case StateChange.RemoveOutput remove -> {}
          }
          if (!alreadyApplied
              && !(c instanceof StateChange.Intent)
              && !(c instanceof StateChange.ForgetIntent)) {
            builder.apply(c);
            replayed.add(c);
          }
        }
      }
    }
    return new Replayed(
        builder.build(),
        new Recovery(journalName, begin.operation(), committed, replayed, pending, torn));
  }
}
