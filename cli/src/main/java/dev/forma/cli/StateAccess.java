package dev.forma.cli;

import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.GoDuration;
import dev.forma.engine.config.Module;
import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.Diagnostics;
import dev.forma.engine.diag.Pos;
import dev.forma.engine.diag.Range;
import dev.forma.engine.diag.Result;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LocalBackend;
import dev.forma.state.backend.LockInfo;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A command's hold on the state: the local backend for {@code -state} (default: the path of the
 * configuration's local backend, else {@code terraform.tfstate} in the working directory), locked
 * unless {@code -lock=false}, read with any journal left by a crash replayed (the user is told).
 * Close it to release the lock. A backend type Forma does not have is an error, never local state.
 */
final class StateAccess implements AutoCloseable {
  final LocalBackend backend;
  private final Terminal terminal;
  private LockInfo lock;
  private LoadedState loaded;

  private StateAccess(LocalBackend backend, Terminal terminal) {
    this.backend = backend;
    this.terminal = terminal;
  }

  /**
   * The state file for the options, resolved against the working directory: {@code -state}, else
   * the {@code path} of the configuration's local backend, else {@code terraform.tfstate}. Null
   * after printing why there is none: the configuration cannot be loaded, or its backend is a type
   * Forma does not have (see {@link Backends}).
   */
  static Path statePath(Terminal terminal, StateOptions options) {
    String given = given(terminal, options);
    return given == null ? null : terminal.workingDirectory().resolve(given);
  }

  /**
   * The local backend for the options' state file, named as given; null after printing why there is
   * none (see {@link #statePath}).
   */
  static LocalBackend backend(Terminal terminal, StateOptions options) {
    String given = given(terminal, options);
    return given == null
        ? null
        : new LocalBackend(terminal.workingDirectory().resolve(given), given, Main.VERSION);
  }

  private static String given(Terminal terminal, StateOptions options) {
    Backends.Local local =
        options != null && options.backend != null ? options.backend : configured(terminal);
    if (local == null) {
      return null;
    }
    if (options != null) {
      options.backend = local;
      if (options.statePath != null) {
        return options.statePath;
      }
    }
    return local.path() != null ? local.path() : LocalBackend.DEFAULT_STATE_FILE;
  }

  /**
   * The backend the configuration in the working directory selects; null after printing why it
   * cannot be used (the configuration does not load, or Forma has no backend of its type).
   */
  private static Backends.Local configured(Terminal terminal) {
    Path wd = terminal.workingDirectory();
    Result<Module> loaded = ConfigLoader.load(wd, wd);
    Module module = loaded.value();
    if (loaded.hasErrors() || module == null) {
      terminal.printDiagnostics(
          loaded.diagnostics(), module == null ? null : module.diagnosticSources());
      return null;
    }
    Result<Backends.Local> selected = Backends.select(module, false);
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
    Duration timeout = GoDuration.parse(options == null ? "0s" : options.lockTimeout);
    if (timeout == null) {
      print(
          terminal,
          Diagnostic.error(
              "Invalid lock timeout",
              "The -lock-timeout value \""
                  + options.lockTimeout
                  + "\" is not a duration. Use a number with a unit, such as 10s or 1m."));
      return null;
    }
    LocalBackend backend = backend(terminal, options);
    if (backend == null) {
      return null;
    }
    StateAccess a = new StateAccess(backend, terminal);
    try {
      if (lockIt && (options == null || options.lock)) {
        a.lock = a.backend.lock(operation, "", timeout);
      }
      a.loaded = a.backend.read();
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
      backend.write(s, settled);
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
        backend.unlock(lock.id());
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

  private static void print(Terminal terminal, Diagnostic d) {
    terminal.printDiagnostics(Diagnostics.of(d), null);
  }
}
