package dev.forma.state.backend.http;

import dev.forma.state.StateException;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.StateStore;
import dev.forma.state.encryption.StateEncryption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Terraform's {@code http} backend: one state at one address, served by GitLab, Gitea and other
 * servers of the protocol (see {@link HttpStateStore}). Like Terraform's, it has no workspaces but
 * the default one: asking for another is an error with Terraform's text.
 */
public final class HttpBackend implements StateBackend {
  /** Terraform's error for a workspace asked of a backend that has none. */
  public static final String WORKSPACES_NOT_SUPPORTED = "workspaces not supported";

  private static final String ONLY_DEFAULT =
      "The http backend keeps one state, the \"default\" workspace's: it has no other workspace."
          + " Unset FORMA_WORKSPACE and TF_WORKSPACE, or select the \"default\" workspace.";

  private final HttpStateStore store;

  /**
   * The backend for {@code config}, whose journal lives in {@code workingDirectory}, stamping
   * {@code programVersion} into states, passing every payload through {@code encryption}.
   *
   * @throws StateException when the TLS settings cannot be used
   */
  public HttpBackend(
      HttpBackendConfig config,
      Path workingDirectory,
      String programVersion,
      StateEncryption encryption)
      throws StateException {
    this(
        config,
        workingDirectory,
        programVersion,
        encryption,
        HttpStateStore.DEFAULT_PERSIST_INTERVAL);
  }

  /** As the other constructor, storing a long operation's state every {@code persistInterval}. */
  public HttpBackend(
      HttpBackendConfig config,
      Path workingDirectory,
      String programVersion,
      StateEncryption encryption,
      Duration persistInterval)
      throws StateException {
    this.store =
        new HttpStateStore(config, workingDirectory, programVersion, encryption, persistInterval);
  }

  @Override
  public String type() {
    return "http";
  }

  @Override
  public boolean supportsWorkspaces() {
    return false;
  }

  /** Always an error, as Terraform's: the backend has no workspaces to list. */
  @Override
  public List<String> workspaces() throws StateException {
    throw new StateException(WORKSPACES_NOT_SUPPORTED, ONLY_DEFAULT);
  }

  /** The state of the default workspace; any other is Terraform's error. */
  @Override
  public StateStore store(String name) throws StateException {
    if (!name.equals(DEFAULT_WORKSPACE)) {
      throw new StateException("error loading state: " + WORKSPACES_NOT_SUPPORTED, ONLY_DEFAULT);
    }
    return store;
  }

  @Override
  public void createWorkspace(String name) throws StateException {
    throw new StateException(WORKSPACES_NOT_SUPPORTED, ONLY_DEFAULT);
  }

  @Override
  public void deleteWorkspace(String name) throws StateException {
    throw new StateException(WORKSPACES_NOT_SUPPORTED, ONLY_DEFAULT);
  }
}
