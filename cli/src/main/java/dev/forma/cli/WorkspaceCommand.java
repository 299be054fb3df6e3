package dev.forma.cli;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.state.InstanceAddress;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceMode;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.StateStore;
import dev.forma.state.codec.StateCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code forma workspace new | select | list | show | delete}: the states of one configuration,
 * kept apart by name in its backend, with Terraform's texts and exit codes. The selected workspace
 * is recorded in {@code .terraform/environment} (Terraform's file), unless {@code FORMA_WORKSPACE}
 * or {@code TF_WORKSPACE} sets it (see {@link Workspaces}).
 */
@Command(
    name = "workspace",
    header = "Workspace management",
    description = {
      "Creates, lists, selects and deletes workspaces: each keeps its own state of the same configuration in the backend, such as one per environment (dev, prod). The configuration reads the selected workspace's name as terraform.workspace.",
      "The FORMA_WORKSPACE or TF_WORKSPACE environment variable selects a workspace for one command, over the one \"forma workspace select\" chose."
    },
    subcommands = {
      WorkspaceCommand.NewCommand.class,
      WorkspaceCommand.SelectCommand.class,
      WorkspaceCommand.ListCommand.class,
      WorkspaceCommand.ShowCommand.class,
      WorkspaceCommand.DeleteCommand.class,
    })
public final class WorkspaceCommand implements Callable<Integer> {
  @Mixin HelpOption help = new HelpOption();

  @Spec CommandSpec spec;

  private final Terminal terminal;

  public WorkspaceCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /** Without a subcommand: the help (on standard output) and exit code 1, as Terraform's. */
  @Override
  public Integer call() {
    terminal.out().print(Help.render(spec));
    return ExitCodes.ERROR;
  }

  // ------------------------------------------------------------------ texts

  /** Terraform's text for a workspace that does not exist (select has a blank line first). */
  static String doesNotExist(String name) {
    return "Workspace \""
        + name
        + "\" doesn't exist.\n\n"
        + "You can create this workspace with the \"new\" subcommand \n"
        + "or include the \"-or-create\" flag with the \"select\" subcommand.";
  }

  /** Terraform's text after {@code workspace new} (and {@code select -or-create}). */
  static String created(Terminal terminal, String name) {
    return color(terminal, "\u001b[0m\u001b[32m\u001b[1m")
        + "Created and switched to workspace \""
        + name
        + "\"!"
        + color(terminal, "\u001b[0m\u001b[32m")
        + "\n\nYou're now on a new, empty workspace. Workspaces isolate their state,\n"
        + "so if you run \"forma plan\" Forma will not see any existing state\n"
        + "for this configuration."
        + color(terminal, "\u001b[0m");
  }

  /** Prints a message as Terraform's command errors: red, on standard error. */
  static int error(Terminal terminal, String text) {
    terminal
        .err()
        .println(color(terminal, "\u001b[31m") + text + color(terminal, "\u001b[0m\u001b[0m"));
    return ExitCodes.ERROR;
  }

  private static String color(Terminal terminal, String code) {
    return terminal.color() ? code : "";
  }

  /**
   * Terraform's refusal to change the selected workspace while an environment variable sets it;
   * null when none is set.
   */
  private static String overridden(Terminal terminal, String what) {
    String variable = Workspaces.overridingVariable(terminal.env());
    if (variable == null) {
      return null;
    }
    return switch (what) {
      case "select" ->
          "\n"
              + DiagnosticRenderer.wrap(
                  "The selected workspace is currently overridden using the "
                      + variable
                      + " environment variable.",
                  Help.WIDTH)
              + "\n\n"
              + "To select a new workspace, either update this environment variable or unset\n"
              + "it and then run this command again.\n";
      default ->
          "\n"
              + DiagnosticRenderer.wrap(
                  "The workspace is currently overridden using the "
                      + variable
                      + " environment variable. You cannot create a new workspace when using"
                      + " this setting.",
                  Help.WIDTH)
              + "\n\n"
              + "To create a new workspace, either unset this environment variable or update it\n"
              + "to match the workspace name you are trying to create, and then run this command\n"
              + "again.\n";
    };
  }

  /** A name check's refusal, as Terraform prints it; null when the name is fine. */
  private static String invalid(String name) {
    String why = Workspaces.invalidName(name);
    return why == null ? null : "\n" + DiagnosticRenderer.wrap(why, Help.WIDTH) + "\n";
  }

  /** The backend for a workspace command; null after printing why there is none. */
  private static StateBackend backend(Terminal terminal) {
    return StateAccess.backend(terminal, null);
  }

  /** The state lock flags of {@code workspace new} and {@code workspace delete}, as Terraform's. */
  static final class LockOptions {
    @Option(
        names = "-lock",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "false",
        description =
            "Don't hold a state lock during the operation. This is dangerous if others might"
                + " concurrently run commands against the same workspace.")
    boolean lock = true;

    @Option(
        names = "-lock-timeout",
        paramLabel = "0s",
        description = "Duration to retry a state lock.")
    String lockTimeout = "0s";
  }

  private static boolean contains(StateBackend backend, String name) throws StateException {
    return backend.workspaces().contains(name);
  }

  // ------------------------------------------------------------------ new

  /** {@code forma workspace new [-lock=false] [-lock-timeout=D] [-state=PATH] NAME}. */
  @Command(
      name = "new",
      header = "Create a new workspace",
      description = {
        "Creates the workspace NAME in the backend, with an empty state (or a copy of the state file -state names), and selects it."
      })
  public static final class NewCommand implements Callable<Integer> {
    @Mixin LockOptions locking = new LockOptions();

    @Option(
        names = "-state",
        paramLabel = "path",
        description = "Copy an existing state file into the new workspace.")
    String statePath;

    @Option(names = "-no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public NewCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      if (noColor) {
        terminal.disableColor();
      }
      String env = Workspaces.fromEnvironment(terminal.env());
      if (env != null && !env.equals(name)) {
        return error(terminal, overridden(terminal, "new"));
      }
      String bad = invalid(name);
      if (bad != null) {
        return error(terminal, bad);
      }
      Duration wait = StateAccess.lockTimeout(terminal, locking.lockTimeout);
      if (wait == null) {
        return ExitCodes.ERROR;
      }
      StateBackend backend = backend(terminal);
      if (backend == null) {
        return ExitCodes.ERROR;
      }
      return create(terminal, backend, name, statePath, locking.lock, wait);
    }
  }

  /**
   * Makes workspace {@code name} in {@code backend} (with the state file {@code statePath}, if
   * given, read before anything is made), selects it and says so; Terraform's errors otherwise.
   */
  static int create(
      Terminal terminal,
      StateBackend backend,
      String name,
      String statePath,
      boolean lock,
      Duration wait) {
    if (!backend.supportsWorkspaces()) {
      return error(terminal, "Failed to get configured named states: workspaces not supported");
    }
    State initial = null;
    if (statePath != null) {
      try {
        initial =
            new StateCodec(Main.VERSION)
                .read(
                    Files.readAllBytes(terminal.workingDirectory().resolve(statePath)), statePath);
      } catch (IOException e) {
        terminal.printDiagnostics(
            Diagnostics.of(
                Diagnostic.error(
                    "Failed to read state file",
                    "Cannot read " + statePath + ": " + e.getMessage())),
            null);
        return ExitCodes.ERROR;
      } catch (StateException e) {
        StateAccess.printProblems(terminal, e);
        return ExitCodes.ERROR;
      }
    }
    try {
      if (contains(backend, name)) {
        return error(terminal, "Workspace \"" + name + "\" already exists");
      }
      backend.createWorkspace(name);
      if (initial != null) {
        StateStore store = backend.store(name);
        LockInfo held = lock ? store.lock(LockInfo.OTHER, "", wait) : null;
        try {
          store.read();
          store.write(initial);
        } finally {
          if (held != null) {
            store.unlock(held.id());
          }
        }
      }
      Workspaces.select(terminal.workingDirectory(), name);
    } catch (StateException e) {
      StateAccess.printProblems(terminal, e);
      return ExitCodes.ERROR;
    } catch (IOException e) {
      return error(terminal, "Failed to select workspace: " + e.getMessage());
    }
    terminal.out().println(created(terminal, name));
    return ExitCodes.OK;
  }

  // ------------------------------------------------------------------ select

  /** {@code forma workspace select [-or-create] NAME}. */
  @Command(
      name = "select",
      header = "Select a workspace",
      description = {
        "Selects the workspace NAME for the commands that follow in this working directory."
      })
  public static final class SelectCommand implements Callable<Integer> {
    @Option(
        names = "-or-create",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "false",
        description = "Create the Forma workspace if it doesn't exist.")
    boolean orCreate;

    @Option(names = "-no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public SelectCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      if (noColor) {
        terminal.disableColor();
      }
      String over = overridden(terminal, "select");
      if (over != null) {
        return error(terminal, over);
      }
      String bad = invalid(name);
      if (bad != null) {
        return error(terminal, bad);
      }
      StateBackend backend = backend(terminal);
      if (backend == null) {
        return ExitCodes.ERROR;
      }
      return select(terminal, backend, name, orCreate);
    }
  }

  /** Selects workspace {@code name} of {@code backend} (making it with {@code orCreate}). */
  static int select(Terminal terminal, StateBackend backend, String name, boolean orCreate) {
    if (!backend.supportsWorkspaces()) {
      return error(terminal, "workspaces not supported");
    }
    if (name.equals(Workspaces.current(terminal))) {
      return ExitCodes.OK; // already selected: Terraform says nothing
    }
    try {
      if (!contains(backend, name)) {
        if (!orCreate) {
          return error(terminal, "\n" + doesNotExist(name));
        }
        return create(terminal, backend, name, null, false, Duration.ZERO);
      }
      Workspaces.select(terminal.workingDirectory(), name);
    } catch (StateException e) {
      StateAccess.printProblems(terminal, e);
      return ExitCodes.ERROR;
    } catch (IOException e) {
      return error(terminal, "Failed to select workspace: " + e.getMessage());
    }
    terminal
        .out()
        .println(
            color(terminal, "\u001b[0m\u001b[32m")
                + "Switched to workspace \""
                + name
                + "\"."
                + color(terminal, "\u001b[0m"));
    return ExitCodes.OK;
  }

  // ------------------------------------------------------------------ list

  /** {@code forma workspace list}. */
  @Command(
      name = "list",
      header = "List Workspaces",
      description = {
        "Lists the workspaces of the backend, one per line; the selected one is marked with an asterisk."
      })
  public static final class ListCommand implements Callable<Integer> {
    @Option(names = "-no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public ListCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      if (noColor) {
        terminal.disableColor();
      }
      StateBackend backend = backend(terminal);
      if (backend == null) {
        return ExitCodes.ERROR;
      }
      return list(terminal, backend);
    }
  }

  /** Lists the workspaces of {@code backend} as Terraform does. */
  static int list(Terminal terminal, StateBackend backend) {
    if (!backend.supportsWorkspaces()) {
      return error(terminal, "workspaces not supported");
    }
    List<String> names;
    try {
      names = backend.workspaces();
    } catch (StateException e) {
      StateAccess.printProblems(terminal, e);
      return ExitCodes.ERROR;
    }
    String current = Workspaces.current(terminal);
    StringBuilder out = new StringBuilder();
    for (String n : names) {
      out.append(n.equals(current) ? "* " : "  ").append(n).append('\n');
    }
    out.append('\n');
    String variable = Workspaces.overridingVariable(terminal.env());
    if (variable != null) {
      out.append("\n\n")
          .append(
              DiagnosticRenderer.wrap(
                  "The active workspace is being overridden using the "
                      + variable
                      + " environment variable.",
                  Help.WIDTH))
          .append("\n\n");
    }
    terminal.out().print(out);
    return ExitCodes.OK;
  }

  // ------------------------------------------------------------------ show

  /** {@code forma workspace show}. */
  @Command(
      name = "show",
      header = "Show the name of the current workspace",
      description = {"Prints the name of the selected workspace."})
  public static final class ShowCommand implements Callable<Integer> {
    @Option(names = "-no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public ShowCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      if (noColor) {
        terminal.disableColor();
      }
      Diagnostic bad = Workspaces.invalidEnvironment(terminal.env());
      if (bad != null) {
        return error(terminal, "Error selecting workspace: " + bad.summary());
      }
      terminal.out().println(Workspaces.current(terminal));
      return ExitCodes.OK;
    }
  }

  // ------------------------------------------------------------------ delete

  /** {@code forma workspace delete [-force] [-lock=false] [-lock-timeout=D] NAME}. */
  @Command(
      name = "delete",
      header = "Delete a workspace",
      description = {
        "Deletes the workspace NAME and its state from the backend. A workspace whose state still tracks resource instances is refused unless -force is given; the selected workspace and the default one cannot be deleted."
      })
  public static final class DeleteCommand implements Callable<Integer> {
    @Option(
        names = "-force",
        description =
            "Remove a workspace even if it is managing resources. Forma can no longer track or"
                + " manage the workspace's infrastructure.")
    boolean force;

    @Mixin LockOptions locking = new LockOptions();

    @Option(names = "-no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public DeleteCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      if (noColor) {
        terminal.disableColor();
      }
      Duration wait = StateAccess.lockTimeout(terminal, locking.lockTimeout);
      if (wait == null) {
        return ExitCodes.ERROR;
      }
      StateBackend backend = backend(terminal);
      if (backend == null) {
        return ExitCodes.ERROR;
      }
      return delete(terminal, backend, name, force, locking.lock, wait);
    }
  }

  /**
   * Deletes workspace {@code name} of {@code backend}: not the selected one, not the default one,
   * and not one whose state tracks objects unless {@code force}.
   */
  static int delete(
      Terminal terminal,
      StateBackend backend,
      String name,
      boolean force,
      boolean lock,
      Duration wait) {
    if (!backend.supportsWorkspaces()) {
      return error(terminal, "workspaces not supported");
    }
    List<String> tracked;
    try {
      if (!contains(backend, name)) {
        return error(terminal, doesNotExist(name));
      }
      if (name.equals(Workspaces.current(terminal))) {
        return error(
            terminal,
            "Workspace \""
                + name
                + "\" is your active workspace.\n\n"
                + "You cannot delete the currently active workspace. Please switch\n"
                + "to another workspace and try again.");
      }
      if (name.equals(StateBackend.DEFAULT_WORKSPACE)) {
        return error(terminal, "cannot delete default state");
      }
      StateStore store = backend.store(name);
      LockInfo held = lock ? store.lock(LockInfo.OTHER, "", wait) : null;
      try {
        tracked = tracked(store.read());
      } finally {
        // released before deleting, as Terraform does: a backend may not delete a locked state
        if (held != null) {
          store.unlock(held.id());
        }
      }
      if (!tracked.isEmpty() && !force) {
        terminal.printDiagnostics(Diagnostics.of(notEmpty(name, tracked)), null);
        return ExitCodes.ERROR;
      }
      backend.deleteWorkspace(name);
    } catch (StateException e) {
      StateAccess.printProblems(terminal, e);
      return ExitCodes.ERROR;
    }
    terminal
        .out()
        .println(
            color(terminal, "\u001b[0m\u001b[32m")
                + "Deleted workspace \""
                + name
                + "\"!"
                + color(terminal, "\u001b[0m"));
    if (!tracked.isEmpty()) {
      terminal
          .out()
          .println(
              color(terminal, "\u001b[0m\u001b[33m")
                  + "WARNING: \""
                  + name
                  + "\" was non-empty.\n"
                  + "The resources managed by the deleted workspace may still exist,\n"
                  + "but are no longer manageable by Forma since the state has\n"
                  + "been deleted.\n"
                  + color(terminal, "\u001b[0m"));
    }
    return ExitCodes.OK;
  }

  /**
   * The managed objects a state tracks, as Terraform lists them (deposed ones named so), and the
   * creates an interrupted operation left pending: each may be a remote object.
   */
  static List<String> tracked(LoadedState loaded) {
    List<String> out = new ArrayList<>();
    for (ResourceState r : loaded.state().resources().values()) {
      if (r.address().mode() != ResourceMode.MANAGED) {
        continue;
      }
      for (ResourceInstance i : r.instances().values()) {
        InstanceAddress a = r.address().instance(i.key());
        if (i.currentObject().isPresent()) {
          out.add(a.toString());
        }
        for (String key : i.deposedObjects().keySet()) {
          out.add(a + " (deposed object " + key + ")");
        }
      }
    }
    loaded
        .recovery()
        .ifPresent(r -> r.pendingIntents().keySet().forEach(a -> out.add(a + " (create pending)")));
    return out;
  }

  private static Diagnostic notEmpty(String name, List<String> tracked) {
    StringBuilder detail =
        new StringBuilder("Workspace \"")
            .append(name)
            .append("\" is currently tracking the following resource instances:\n");
    for (String t : tracked) {
      detail.append("  - ").append(t).append('\n');
    }
    detail
        .append(
            "\nDeleting this workspace would cause Forma to lose track of any associated remote"
                + " objects, which would then require you to delete them manually outside of"
                + " Forma. You should destroy these objects with Forma before deleting the"
                + " workspace.\n\n")
        .append(
            "If you want to delete this workspace anyway, and have Forma forget about these"
                + " managed objects, use the -force option to disable this safety check.");
    return Diagnostic.error("Workspace is not empty", detail.toString());
  }
}
