package dev.forma.state.backend;

import dev.forma.state.StateException;
import java.util.List;

/**
 * Where a configuration's states are kept: one {@link StateStore} per workspace. The CLI picks one
 * from the {@code terraform { backend "TYPE" { ... } }} block; the planner and the applier only see
 * a {@link StateStore} and its transactions, whichever backend it comes from.
 */
public interface StateBackend {
  /** The workspace every backend has, and the only one of a backend without workspaces. */
  String DEFAULT_WORKSPACE = "default";

  /** The backend type, as the {@code backend} block names it ({@code local}, {@code pg}, ...). */
  String type();

  /** Whether the backend keeps more than the default workspace (the http backend does not). */
  default boolean supportsWorkspaces() {
    return true;
  }

  /** The workspaces that exist, sorted, the default one included. */
  List<String> workspaces() throws StateException;

  /**
   * The state of workspace {@code name}. The default workspace always exists; another is made by
   * {@link #createWorkspace}, and its store is refused until then.
   */
  StateStore store(String name) throws StateException;

  /** Makes the workspace {@code name} with an empty state; an error when it exists. */
  void createWorkspace(String name) throws StateException;

  /** Deletes the workspace {@code name} and its state; the default workspace cannot be deleted. */
  void deleteWorkspace(String name) throws StateException;
}
