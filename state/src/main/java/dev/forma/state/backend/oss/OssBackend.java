package dev.forma.state.backend.oss;

import dev.forma.state.StateException;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.StateStore;
import dev.forma.state.encryption.StateEncryption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Terraform's {@code oss} backend: states in an Alibaba Cloud OSS bucket, laid out as Terraform
 * lays them out, so both tools read each other's states. The default workspace's state is the
 * object {@code prefix/key} ({@code env:/terraform.tfstate} by default), every other workspace's
 * {@code prefix/NAME/key}; a workspace exists when its state object does. Each state has its lock
 * object beside it and its journal under {@code .forma/journal/} (see {@link OssStateStore}).
 */
public final class OssBackend implements StateBackend {
  private final OssSettings settings;
  private final OssClient client;
  private final String programVersion;
  private final StateEncryption encryption;
  private final Map<String, OssStateStore> stores = new HashMap<>();

  /**
   * The backend for {@code settings}, writing {@code programVersion} into states and lock info and
   * passing every state and journal payload through {@code encryption}.
   */
  public OssBackend(OssSettings settings, String programVersion, StateEncryption encryption) {
    this(settings, programVersion, encryption, Clock.systemUTC(), 4, Duration.ofMillis(200));
  }

  /** As above, with the clock requests are signed with and the retry policy (for tests). */
  public OssBackend(
      OssSettings settings,
      String programVersion,
      StateEncryption encryption,
      Clock clock,
      int attempts,
      Duration backoff) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.programVersion = Objects.requireNonNull(programVersion, "programVersion");
    this.encryption = Objects.requireNonNull(encryption, "encryption");
    this.client = new OssClient(settings, "forma/" + programVersion, clock, attempts, backoff);
  }

  @Override
  public String type() {
    return "oss";
  }

  public OssSettings settings() {
    return settings;
  }

  @Override
  public synchronized List<String> workspaces() throws StateException {
    String folder = settings.workspacesPrefix();
    List<String> keys;
    try {
      keys = client.list(folder);
    } catch (OssException e) {
      throw OssStateStore.failure(
          settings, "Failed to get existing workspaces", "Could not list " + folder, e);
    }
    List<String> out = new ArrayList<>();
    out.add(DEFAULT_WORKSPACE);
    String suffix = "/" + settings.key();
    for (String k : keys) {
      String rest = k.substring(folder.length());
      if (!rest.endsWith(suffix)) {
        continue;
      }
      String name = rest.substring(0, rest.length() - suffix.length());
      if (!name.isEmpty() && !name.contains("/") && !name.equals(DEFAULT_WORKSPACE)) {
        out.add(name);
      }
    }
    out.subList(1, out.size()).sort(null);
    return out;
  }

  @Override
  public synchronized StateStore store(String name) throws StateException {
    OssStateStore store = storeOf(name);
    if (!name.equals(DEFAULT_WORKSPACE) && !store.exists()) {
      throw new StateException(
          "Workspace does not exist",
          "There is no workspace named \""
              + name
              + "\" in the oss backend ("
              + settings.where()
              + ": no object "
              + store.stateKey()
              + "): create it with \"forma workspace new "
              + name
              + "\".");
    }
    return store;
  }

  /** The store of workspace {@code name}, whether or not its state exists. */
  OssStateStore storeOf(String name) {
    return stores.computeIfAbsent(
        name, n -> new OssStateStore(client, settings.stateKey(n), programVersion, encryption));
  }

  @Override
  public synchronized void createWorkspace(String name) throws StateException {
    if (name.equals(DEFAULT_WORKSPACE) || !storeOf(name).createEmpty()) {
      throw new StateException(
          "Workspace already exists", "The workspace \"" + name + "\" already exists.");
    }
  }

  @Override
  public synchronized void deleteWorkspace(String name) throws StateException {
    if (name.equals(DEFAULT_WORKSPACE)) {
      throw new StateException(
          "Cannot delete the default workspace", "The default workspace cannot be deleted.");
    }
    OssStateStore store = storeOf(name);
    if (!store.exists()) {
      throw new StateException(
          "Workspace does not exist", "There is no workspace named \"" + name + "\".");
    }
    store.deleteAll();
    stores.remove(name);
  }
}
