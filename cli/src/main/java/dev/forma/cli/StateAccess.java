package dev.forma.cli;

import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.GoDuration;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.StateStore;
import dev.forma.state.encryption.Encryption;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A command's hold on the state: the state of the selected workspace (see {@link Workspaces}) in
 * the configuration's backend (see {@link Backends}), or the file {@code -state} names with the
 * local backend; locked unless {@code -lock=false}, read with whatever an interrupted operation
 * left recorded replayed (the user is told). Close it to release the lock. A backend type Forma
 * does not have is an error, never local state.
 */
final class StateAccess implements AutoCloseable {
  final StateBackend backend;
  final StateStore store;
  final String workspace;
  private final Terminal terminal;
  private LockInfo lock;
  private LoadedState loaded;

  private StateAccess(Target target, Terminal terminal) {
    this.backend = target.backend();
    this.store = target.store();
    this.workspace = target.workspace();
    this.terminal = terminal;
  }

  /** The backend, the workspace and its state store a command works on. */
  record Target(StateBackend backend, String workspace, StateStore store) {}

  /**
   * The backend, workspace and state store for the options, without reading or locking anything;
   * null after printing why there is none: the configuration cannot be loaded, its backend is a
   * type Forma does not have or was not initialized as configured, the workspace's name is not
   * valid, the backend keeps no workspace but the default one, or the workspace does not exist.
   */
  static Target target(Terminal terminal, StateOptions options) {
    Encryption encryption = encryption(terminal, options);
    if (encryption == null) {
      return null;
    }
    StateBackend backend = backend(terminal, options, encryption);
    if (backend == null) {
      return null;
    }
    Diagnostic badName = Workspaces.invalidEnvironment(terminal.env());
    if (badName != null) {
      print(terminal, badName);
      return null;
    }
    String workspace = Workspaces.current(terminal);
    StateStore stateFile =
        options == null || options.statePath == null
            ? null
            : Backends.stateFile(
                backend, terminal.workingDirectory(), options.statePath, encryption.state());
    if (stateFile != null) {
      return new Target(backend, workspace, stateFile);
    }
    if (!backend.supportsWorkspaces() && !workspace.equals(StateBackend.DEFAULT_WORKSPACE)) {
      print(terminal, workspacesNotSupported(terminal, backend.type(), workspace));
      return null;
    }
    try {
      return new Target(backend, workspace, backend.store(workspace));
    } catch (StateException e) {
      printProblems(terminal, e);
      return null;
    }
  }

  /**
   * The backend the options select (the configuration's, when they do not say), opened; null after
   * printing why it cannot be used.
   */
  static StateBackend backend(Terminal terminal, StateOptions options) {
    Encryption encryption = encryption(terminal, options);
    return encryption == null ? null : backend(terminal, options, encryption);
  }

  /**
   * The encryption of the state (see {@link Encryptions}): the options', else the working
   * directory's configuration's; null after printing why it cannot be made.
   */
  static Encryption encryption(Terminal terminal, StateOptions options) {
    return options != null && options.encryption != null
        ? options.encryption
        : Encryptions.forWorkingDirectory(terminal, java.util.List.of());
  }

  private static StateBackend backend(
      Terminal terminal, StateOptions options, Encryption encryption) {
    Backends.Selected selected =
        options != null && options.backend != null ? options.backend : configured(terminal);
    if (selected == null) {
      return null;
    }
    if (options != null) {
      options.backend = selected;
    }
    Result<StateBackend> opened =
        Backends.open(
            selected,
            new Backends.Context(
                terminal.workingDirectory(), terminal.env(), options, encryption.state()));
    if (opened.hasErrors() || opened.value() == null) {
      terminal.printDiagnostics(opened.diagnostics(), null);
      return null;
    }
    return opened.value();
  }

  /**
   * Terraform's error for a workspace other than the default one selected with a backend that keeps
   * only the default one (the http backend), with what selected it and how to get out.
   */
  static Diagnostic workspacesNotSupported(Terminal terminal, String type, String workspace) {
    String variable = Workspaces.overridingVariable(terminal.env());
    return Diagnostic.error(
        "error loading state: workspaces not supported",
        "The \""
            + type
            + "\" backend keeps only the default workspace, and the selected workspace is \""
            + workspace
            + "\""
            + (variable != null
                ? " (set by the " + variable + " environment variable). Unset it"
                : " (chosen with \"forma workspace select\"). Run \"forma workspace select"
                    + " default\"")
            + " to use the backend's state.");
  }

  /** Whether {@code target} holds a stored state; false after printing why it cannot say. */
  static boolean exists(Terminal terminal, Target target) {
    try {
      return target.store().exists();
    } catch (StateException e) {
      printProblems(terminal, e);
      return false;
    }
  }

  /**
   * The backend the configuration in the working directory selects, as {@code forma init} recorded
   * it; null after printing why it cannot be used (the configuration does not load, Forma has no
   * backend of its type, or it needs {@code forma init}).
   */
  private static Backends.Selected configured(Terminal terminal) {
    Path wd = terminal.workingDirectory();
    Result<Module> loaded = ConfigLoader.load(wd, wd);
    Module module = loaded.value();
    if (loaded.hasErrors() || module == null) {
      terminal.printDiagnostics(
          loaded.diagnostics(), module == null ? null : module.diagnosticSources());
      return null;
    }
    Result<Backends.Selected> selected = BackendInit.select(module, wd);
    if (selected.hasErrors()) {
      terminal.printDiagnostics(selected.diagnostics(), module.diagnosticSources());
      return null;
    }
    return selected.value();
  }

  /**
   * Opens (and, unless {@code -lock=false} or {@code lockIt} is false, locks) the state. Problems
   * are printed; null is returned then.
   */
  static StateAccess open(
      Terminal terminal, StateOptions options, String operation, boolean lockIt) {
    if (options != null && options.noColor) {
      terminal.disableColor();
    }
    Duration timeout = lockTimeout(terminal, options == null ? "0s" : options.lockTimeout);
    if (timeout == null) {
      return null;
    }
    Target target = target(terminal, options);
    if (target == null) {
      return null;
    }
    StateAccess a = new StateAccess(target, terminal);
    try {
      if (lockIt && (options == null || options.lock)) {
        a.lock = a.store.lock(operation, "", timeout);
      }
      a.loaded = a.store.read();
    } catch (StateException e) {
      printProblems(terminal, e);
      a.close();
      return null;
    }
    a.loaded
        .recovery()
        .ifPresent(
            r ->
                terminal.printDiagnostics(
                    Diagnostics.of(Diagnostic.warning(r.summary(), r.detail(), null)), null));
    return a;
  }

  State state() {
    return loaded.state();
  }

  LoadedState loaded() {
    return loaded;
  }

  /** Writes a new state (serial bumped by the backend when the content changed). */
  boolean write(State s) {
    return write(s, java.util.Set.of());
  }

  /** As {@link #write(State)}, dropping the pending create intents of {@code settled}. */
  boolean write(State s, java.util.Collection<dev.forma.state.InstanceAddress> settled) {
    try {
      store.write(s, settled);
      return true;
    } catch (StateException e) {
      printProblems(terminal, e);
      return false;
    }
  }

  @Override
  public void close() {
    if (lock != null) {
      try {
        store.unlock(lock.id());
      } catch (StateException e) {
        printProblems(terminal, e);
      }
      lock = null;
    }
  }

  /** The state module's problems as Forma diagnostics. */
  static Diagnostics diagnostics(StateException e) {
    Diagnostics d = new Diagnostics();
    for (StateProblem p : e.problems()) {
      Range r = null;
      if (p.hasPosition()) {
        Pos pos = new Pos(p.line(), Math.max(1, p.column()), 0);
        r = new Range(p.file(), pos, pos);
      }
      d.add(Diagnostic.error(p.summary(), p.detail(), r));
    }
    return d;
  }

  static void printProblems(Terminal terminal, StateException e) {
    terminal.printDiagnostics(diagnostics(e), null);
  }

  /**
   * The {@code -lock-timeout} value {@code given} as a duration; null after printing why it is not
   * one.
   */
  static Duration lockTimeout(Terminal terminal, String given) {
    Duration d = GoDuration.parse(given);
    if (d == null) {
      print(
          terminal,
          Diagnostic.error(
              "Invalid lock timeout",
              "The -lock-timeout value \""
                  + given
                  + "\" is not a duration. Use a number with a unit, such as 10s or 1m."));
    }
    return d;
  }

  private static void print(Terminal terminal, Diagnostic d) {
    terminal.printDiagnostics(Diagnostics.of(d), null);
  }
}
