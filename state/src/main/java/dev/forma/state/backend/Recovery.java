package dev.forma.state.backend;

import dev.forma.state.InstanceAddress;
import dev.forma.state.StateChange;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What reading the state recovered from a journal that an earlier operation left behind (it stopped
 * before compacting: a crash, a kill, a power cut). The caller shows it as a warning, and the
 * planner asks the provider to look for the objects of {@link #pendingIntents()} before creating
 * them again.
 *
 * @param journalFile the journal, as named to the user
 * @param operation the operation that wrote it
 * @param committed whether that operation had finished (it stopped while compacting)
 * @param replayed the changes recovered into the state, in order (empty if the state file already
 *     had them)
 * @param pendingIntents creates that were sent, or about to be, with no recorded outcome: address
 *     to idempotency token
 * @param tornRecordIgnored whether the last record was cut short (the process stopped while writing
 *     it) and was ignored
 */
public record Recovery(
    String journalFile,
    String operation,
    boolean committed,
    List<StateChange> replayed,
    SortedMap<InstanceAddress, String> pendingIntents,
    boolean tornRecordIgnored) {
  public Recovery {
    replayed = List.copyOf(replayed);
    pendingIntents = Collections.unmodifiableSortedMap(new TreeMap<>(pendingIntents));
  }

  /** A one-line summary for a warning. */
  public String summary() {
    if (replayed.isEmpty() && !pendingIntents.isEmpty()) {
      return "Objects from an earlier operation may exist without being in the state";
    }
    return "Recovered "
        + replayed.size()
        + (replayed.size() == 1 ? " change" : " changes")
        + " from an interrupted "
        + operation;
  }

  /** The detail for a warning: what was recovered, what is uncertain, what happens next. */
  public String detail() {
    StringBuilder out = new StringBuilder();
    if (!replayed.isEmpty()) {
      out.append("The journal ")
          .append(journalFile)
          .append(" holds changes that an earlier \"")
          .append(operation)
          .append("\" recorded but had not yet written to the state file: ")
          .append(
              committed
                  ? "it finished, but stopped while saving the state"
                  : "it stopped before it finished")
          .append(". They are now part of the state:\n");
      for (StateChange change : replayed) {
        describe(change, out);
      }
    }
    if (tornRecordIgnored) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append("The last record of the journal ")
          .append(journalFile)
          .append(" was cut short (the process stopped while writing it) and was ignored.\n");
    }
    if (!pendingIntents.isEmpty()) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append("A create was sent for these instances but its result was never recorded: the")
          .append(" objects may exist.\n");
      pendingIntents.keySet().forEach(address -> out.append("  ").append(address).append('\n'));
      out.append("Before creating one of them again, the plan asks its provider to look for the")
          .append(" object (the alicloud provider looks it up by its name: its APIs take no")
          .append(
              " idempotency token) and adopts the one it finds. If the lookup fails, the plan stops rather than risk a duplicate; then")
          .append(" run it again once the cloud answers, or settle the create yourself:\n")
          .append("  - the object exists: adopt it with \"forma import ADDRESS ID\";\n")
          .append("  - it does not: drop the pending create with \"forma state rm ADDRESS\".\n");
    }
    return out.toString().stripTrailing();
  }

  private static void describe(StateChange change, StringBuilder out) {
    String line =
        switch (change) {
          case StateChange.Intent intent -> "create requested: " + intent.address();
          case StateChange.ForgetIntent forget -> "create abandoned: " + forget.address();
          case StateChange.SetCurrent set -> "saved: " + set.address();
          case StateChange.SetDeposed set ->
              "saved deposed object " + set.deposedKey() + ": " + set.address();
          case StateChange.RemoveCurrent remove -> "removed: " + remove.address();
          case StateChange.RemoveDeposed remove ->
              "removed deposed object " + remove.deposedKey() + ": " + remove.address();
          case StateChange.Depose depose ->
              "deposed as " + depose.deposedKey() + ": " + depose.address();
          case StateChange.Undepose undepose ->
              "restored deposed object " + undepose.deposedKey() + ": " + undepose.address();
          case StateChange.SetOutput set -> "output saved: " + set.name();
          case StateChange.RemoveOutput remove -> "output removed: " + remove.name();
          case StateChange.Move move -> "moved: " + move.from() + " to " + move.to();
          case StateChange.SetCheckResults set -> "check results saved";
        };
    out.append("  ").append(line).append('\n');
  }
}
