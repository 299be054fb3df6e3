package dev.forma.cli;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.InstanceAddress;
import dev.forma.state.StateException;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.Recovery;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.StateStore;
import dev.forma.state.backend.StateTransaction;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Copies states from one backend to another for {@code forma init}, asking first as Terraform does
 * unless {@code -force-copy} answers yes: every workspace when both backends keep workspaces (the
 * destination gets each workspace, even an empty one), only the selected one when the destination
 * keeps just the default workspace, else the default one. A workspace with nothing in its state is
 * not copied, nor one the destination already holds as is. The source is never changed.
 *
 * <p>The create intents an interrupted operation left pending are copied with each state (through
 * the destination's own transaction), so the new backend still looks for the objects those creates
 * may have made: a migration never turns an uncertain create into an orphan.
 */
final class StateMigration {
  /** How to migrate: {@code force} answers yes, {@code input} allows asking at all. */
  record Options(boolean force, boolean input, boolean lock, Duration lockTimeout) {}

  /**
   * What a migration did: the source workspaces whose states were copied, and the workspace to
   * select afterwards (null: keep the selected one).
   */
  record Outcome(List<String> copied, String selectWorkspace) {}

  /** The operation the locks of a migration name, as Terraform's. */
  static final String SOURCE_LOCK = "migration source state";

  static final String DESTINATION_LOCK = "migration destination state";

  private final Terminal terminal;
  private final Options options;
  private final String sourceType;
  private final StateBackend source;
  private final String destinationType;
  private final StateBackend destination;

  StateMigration(
      Terminal terminal,
      Options options,
      String sourceType,
      StateBackend source,
      String destinationType,
      StateBackend destination) {
    this.terminal = terminal;
    this.options = options;
    this.sourceType = sourceType;
    this.source = source;
    this.destinationType = destinationType;
    this.destination = destination;
  }

  /** A refusal or failure that ends the migration, with what to print. */
  private static final class Stop extends Exception {
    final transient Diagnostics diagnostics;

    Stop(Diagnostic d) {
      super(d.summary(), null, false, false);
      this.diagnostics = Diagnostics.of(d);
    }
  }

  /**
   * Migrates, {@code current} being the selected workspace; errors (the user said no, input is
   * disabled, a state cannot be read, locked or written) come back as diagnostics.
   */
  Result<Outcome> run(String current) {
    String workspace = StateBackend.DEFAULT_WORKSPACE;
    try {
      List<String> names = source.supportsWorkspaces() ? source.workspaces() : List.of(workspace);
      if (!source.supportsWorkspaces() || names.equals(List.of(workspace))) {
        boolean copied = copy(workspace, workspace, options.force());
        return done(copied ? List.of(workspace) : List.of(), null);
      }
      if (!destination.supportsWorkspaces()) {
        if (!options.force()) {
          confirmOrAbort(
              "Destination state \""
                  + destinationType
                  + "\" doesn't support workspaces.\n"
                  + "Do you want to copy only your current workspace?",
              "The existing \""
                  + sourceType
                  + "\" backend supports workspaces and you currently are\n"
                  + "using more than one. The newly configured \""
                  + destinationType
                  + "\" backend doesn't support\n"
                  + "workspaces. If you continue, Forma will copy your current workspace \""
                  + current
                  + "\"\n"
                  + "to the default workspace in the new backend. Your existing workspaces in the\n"
                  + "source backend won't be modified. If you want to switch workspaces, back them\n"
                  + "up, or cancel altogether, answer \"no\" and Forma will abort.");
        }
        workspace = current;
        boolean copied = copy(current, StateBackend.DEFAULT_WORKSPACE, true);
        return done(copied ? List.of(current) : List.of(), StateBackend.DEFAULT_WORKSPACE);
      }
      if (!options.force()) {
        confirmOrAbort(
            "Do you want to migrate all workspaces to \"" + destinationType + "\"?",
            "Both the existing \""
                + sourceType
                + "\" backend and the newly configured \""
                + destinationType
                + "\" backend\n"
                + "support workspaces. When migrating between backends, Forma will copy\n"
                + "all workspaces (with the same names). THIS WILL OVERWRITE any conflicting\n"
                + "states in the destination.\n\n"
                + "Forma initialization doesn't currently migrate only select workspaces.\n"
                + "If you want to migrate a select number of workspaces, you must manually\n"
                + "pull and push those states.\n\n"
                + "If you answer \"yes\", Forma will migrate all states. If you answer\n"
                + "\"no\", Forma will abort.");
      }
      List<String> copied = new ArrayList<>();
      List<String> existing = destination.workspaces();
      for (String name : names.stream().sorted().toList()) {
        workspace = name;
        if (!existing.contains(name)) {
          destination.createWorkspace(name);
        }
        if (copy(name, name, true)) {
          copied.add(name);
        }
      }
      return done(copied, null);
    } catch (Stop s) {
      return new Result<>(null, s.diagnostics);
    } catch (StateException e) {
      Diagnostics d = new Diagnostics();
      for (Diagnostic problem : StateAccess.diagnostics(e)) {
        d.add(
            Diagnostic.error(
                "Error migrating the workspace \""
                    + workspace
                    + "\" from the previous \""
                    + sourceType
                    + "\" backend to the newly configured \""
                    + destinationType
                    + "\" backend",
                problem.summary()
                    + (problem.detail().isEmpty() ? "" : ": " + problem.detail())
                    + "\n\nForma copies workspaces in alphabetical order. Any workspaces"
                    + " alphabetically earlier than this one have been copied. Any workspaces"
                    + " later than this haven't been modified in the destination. No workspaces"
                    + " in the source state have been modified.\n\n"
                    + "Please resolve the error above and run the initialization command again."
                    + " This will attempt to copy (with permission) all workspaces again."));
      }
      return new Result<>(null, d);
    }
  }

  private static Result<Outcome> done(List<String> copied, String select) {
    return new Result<>(new Outcome(copied, select), new Diagnostics());
  }

  /**
   * Copies workspace {@code from}'s state (and its pending create intents) to workspace {@code to}
   * of the destination, after asking unless {@code force}; true when it copied.
   */
  private boolean copy(String from, String to, boolean force) throws StateException, Stop {
    StateStore in = source.store(from);
    StateStore out = destination.store(to);
    if (nothingToCopy(in.read(), out.read())) {
      return false;
    }
    LockInfo inLock = null;
    LockInfo outLock = null;
    try {
      if (options.lock()) {
        inLock = in.lock(SOURCE_LOCK, "", options.lockTimeout());
        outLock = out.lock(DESTINATION_LOCK, "", options.lockTimeout());
      }
      // read again under the locks: what is copied is what the lock protects
      LoadedState state = in.read();
      LoadedState existing = out.read();
      if (nothingToCopy(state, existing)) {
        return false;
      }
      if (!force) {
        if (!options.input()) {
          throw new Stop(
              Diagnostic.error(
                  "Can't ask approval for state migration when interactive input is disabled.",
                  "Please remove the \"-input=false\" option and try again."));
        }
        boolean yes =
            isEmpty(existing)
                ? ask(
                    "Do you want to copy existing state to the new backend?",
                    "Pre-existing state was found while migrating the previous \""
                        + sourceType
                        + "\" backend to the\n"
                        + "newly configured \""
                        + destinationType
                        + "\" backend. No existing state was found in the newly\n"
                        + "configured \""
                        + destinationType
                        + "\" backend. Do you want to copy this state to the new \""
                        + destinationType
                        + "\"\n"
                        + "backend? Enter \"yes\" to copy and \"no\" to start with an empty state.")
                : ask(
                    "Do you want to copy existing state to the new backend?",
                    "Pre-existing state was found while migrating the previous \""
                        + sourceType
                        + "\" backend to the\n"
                        + "newly configured \""
                        + destinationType
                        + "\" backend. An existing non-empty state already exists in\n"
                        + "the new backend. The two states are:\n\n"
                        + "Previous (type \""
                        + sourceType
                        + "\"): "
                        + describe(state)
                        + "\n"
                        + "New      (type \""
                        + destinationType
                        + "\"): "
                        + describe(existing)
                        + "\n\n"
                        + "Do you want to overwrite the state in the new backend with the previous"
                        + " state?\n"
                        + "Enter \"yes\" to copy and \"no\" to start with the existing state in the"
                        + " newly\n"
                        + "configured \""
                        + destinationType
                        + "\" backend.");
        if (!yes) {
          return false;
        }
      }
      try (StateTransaction tx = out.begin("migrate", state.state())) {
        for (Map.Entry<InstanceAddress, String> intent : pending(state).entrySet()) {
          tx.state().recordIntent(intent.getKey(), intent.getValue());
        }
        tx.commit();
      }
      return true;
    } finally {
      if (outLock != null) {
        out.unlock(outLock.id());
      }
      if (inLock != null) {
        in.unlock(inLock.id());
      }
    }
  }

  /** Whether a state holds nothing to copy: no resources, no outputs, no pending creates. */
  static boolean isEmpty(LoadedState s) {
    return s.state().isEmpty() && pending(s).isEmpty();
  }

  private static boolean nothingToCopy(LoadedState from, LoadedState to) {
    return isEmpty(from)
        || (from.state().sameContent(to.state()) && pending(from).equals(pending(to)));
  }

  private static SortedMap<InstanceAddress, String> pending(LoadedState s) {
    return s.recovery().map(Recovery::pendingIntents).orElse(new TreeMap<>());
  }

  /** Serial, lineage and size of a state, for the overwrite question (never its values). */
  private static String describe(LoadedState s) {
    long instances =
        s.state().resources().values().stream().mapToLong(r -> r.instances().size()).sum();
    return "serial "
        + s.state().serial()
        + ", lineage \""
        + s.state().lineage()
        + "\", "
        + instances
        + (instances == 1 ? " resource instance" : " resource instances");
  }

  private void confirmOrAbort(String query, String description) throws Stop {
    if (!options.input()) {
      throw new Stop(
          Diagnostic.error("Error asking for state migration action: input is disabled", ""));
    }
    if (!ask(query, description)) {
      throw new Stop(Diagnostic.error("Migration aborted by user.", ""));
    }
  }

  /**
   * Asks {@code query} as Terraform's init does (the query bold, the description indented, then
   * "Enter a value:"); true when the answer is "yes".
   */
  private boolean ask(String query, String description) throws Stop {
    PrintStream out = terminal.out();
    boolean c = terminal.color();
    StringBuilder b = new StringBuilder();
    b.append(c ? "\u001b[0m\u001b[1m" : "").append(query).append(c ? "\u001b[0m" : "");
    b.append('\n');
    for (String line : description.split("\n", -1)) {
      b.append("  ").append(line).append('\n');
    }
    b.append("\n  ")
        .append(c ? "\u001b[1m" : "")
        .append("Enter a value:")
        .append(c ? "\u001b[0m " + "\u001b[0m" : " ");
    out.print(b);
    out.flush();
    String answer = terminal.readLine();
    out.println();
    if (answer == null) {
      throw new Stop(Diagnostic.error("Error asking for state migration action: EOF", ""));
    }
    return answer.trim().equals("yes");
  }
}
