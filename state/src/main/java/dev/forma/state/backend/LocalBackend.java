package dev.forma.state.backend;

import dev.forma.state.State;
import dev.forma.state.StateException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Terraform's local backend: the default workspace's state in one file ({@code terraform.tfstate}
 * in the working directory, or the backend's {@code path}), every other workspace's in {@code
 * terraform.tfstate.d/NAME/terraform.tfstate} (or under the backend's {@code workspace_dir}), each
 * a {@link LocalStateStore} with its lock, backup and journal.
 */
public final class LocalBackend implements StateBackend {
  /** Where the other workspaces' states are when {@code workspace_dir} is not set. */
  public static final String DEFAULT_WORKSPACE_DIR = "terraform.tfstate.d";

  private final Path workingDirectory;
  private final String path;
  private final String workspaceDir;
  private final String programVersion;
  private final Map<String, LocalStateStore> stores = new HashMap<>();

  /**
   * The local backend of {@code workingDirectory}: {@code path} is the default workspace's state
   * file as the user gave it (null: {@code terraform.tfstate}), {@code workspaceDir} the folder of
   * the other workspaces (null: {@code terraform.tfstate.d}), both relative to the working
   * directory unless absolute.
   */
  public LocalBackend(
      Path workingDirectory, String path, String workspaceDir, String programVersion) {
    this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    this.path = path == null ? LocalStateStore.DEFAULT_STATE_FILE : path;
    this.workspaceDir = workspaceDir == null ? DEFAULT_WORKSPACE_DIR : workspaceDir;
    this.programVersion = Objects.requireNonNull(programVersion, "programVersion");
  }

  @Override
  public String type() {
    return "local";
  }

  /** The folder that holds the other workspaces' states. */
  public Path workspaceDirectory() {
    return workingDirectory.resolve(workspaceDir);
  }

  @Override
  public synchronized List<String> workspaces() throws StateException {
    List<String> out = new ArrayList<>();
    out.add(DEFAULT_WORKSPACE);
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(workspaceDirectory())) {
      for (Path d : dirs) {
        String name = d.getFileName().toString();
        if (Files.isDirectory(d) && !name.equals(DEFAULT_WORKSPACE)) {
          out.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      // no workspace but the default
    } catch (IOException e) {
      throw new StateException(
          "Failed to list workspaces", "Could not read " + workspaceDir + ": " + e.getMessage(), e);
    }
    out.subList(1, out.size()).sort(Comparator.naturalOrder());
    return out;
  }

  @Override
  public synchronized StateStore store(String name) throws StateException {
    if (!name.equals(DEFAULT_WORKSPACE) && !Files.isDirectory(workspaceDirectory().resolve(name))) {
      throw new StateException(
          "Workspace does not exist",
          "There is no workspace named \""
              + name
              + "\" in the local backend: create it with \"forma workspace new "
              + name
              + "\".");
    }
    return storeOf(name);
  }

  private LocalStateStore storeOf(String name) {
    return stores.computeIfAbsent(
        name,
        n -> {
          String given =
              n.equals(DEFAULT_WORKSPACE)
                  ? path
                  : workspaceDir + "/" + n + "/" + LocalStateStore.DEFAULT_STATE_FILE;
          return new LocalStateStore(workingDirectory.resolve(given), given, programVersion);
        });
  }

  @Override
  public synchronized void createWorkspace(String name) throws StateException {
    Path dir = workspaceDirectory().resolve(name);
    if (name.equals(DEFAULT_WORKSPACE) || Files.isDirectory(dir)) {
      throw new StateException(
          "Workspace already exists", "The workspace \"" + name + "\" already exists.");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StateException(
          "Failed to create workspace",
          "Could not create " + workspaceDir + "/" + name + ": " + e.getMessage(),
          e);
    }
    storeOf(name).write(State.empty());
  }

  @Override
  public synchronized void deleteWorkspace(String name) throws StateException {
    if (name.equals(DEFAULT_WORKSPACE)) {
      throw new StateException(
          "Cannot delete the default workspace", "The default workspace cannot be deleted.");
    }
    Path dir = workspaceDirectory().resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new StateException(
          "Workspace does not exist", "There is no workspace named \"" + name + "\".");
    }
    stores.remove(name);
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new StateException(
          "Failed to delete workspace",
          "Could not delete " + workspaceDir + "/" + name + ": " + e.getMessage(),
          e);
    }
  }
}
