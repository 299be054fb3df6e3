package dev.forma.cli;

import dev.forma.state.InstanceAddress;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.Recovery;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.StateStore;
import dev.forma.state.backend.StateTransaction;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A remote backend as the CLI sees one, kept in memory for tests: workspaces (or, like the http
 * backend, only the default one), states with their serial and lineage, create intents kept beside
 * each state (read back in a {@link Recovery}, as a store must), and locks.
 */
final class MemoryBackend implements StateBackend {
  private final String type;
  private final boolean workspaces;
  final Map<String, Store> stores = new TreeMap<>();

  MemoryBackend(String type, boolean workspaces) {
    this.type = type;
    this.workspaces = workspaces;
    stores.put(DEFAULT_WORKSPACE, new Store(DEFAULT_WORKSPACE));
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public boolean supportsWorkspaces() {
    return workspaces;
  }

  @Override
  public synchronized List<String> workspaces() throws StateException {
    if (!workspaces) {
      throw new StateException("workspaces not supported", "");
    }
    List<String> out = new ArrayList<>();
    out.add(DEFAULT_WORKSPACE);
    stores.keySet().stream().filter(n -> !n.equals(DEFAULT_WORKSPACE)).forEach(out::add);
    return out;
  }

  @Override
  public synchronized Store store(String name) throws StateException {
    Store s = stores.get(name);
    if (s == null) {
      throw new StateException("Workspace does not exist", "No workspace \"" + name + "\".");
    }
    return s;
  }

  @Override
  public synchronized void createWorkspace(String name) throws StateException {
    if (!workspaces) {
      throw new StateException("workspaces not supported", "");
    }
    if (stores.containsKey(name)) {
      throw new StateException("Workspace already exists", name);
    }
    stores.put(name, new Store(name));
  }

  @Override
  public synchronized void deleteWorkspace(String name) throws StateException {
    if (name.equals(DEFAULT_WORKSPACE) || stores.remove(name) == null) {
      throw new StateException("Cannot delete workspace", name);
    }
  }

  /** One workspace's state, its pending create intents and its lock. */
  static final class Store implements StateStore {
    private final String name;
    private State state;
    private final String freshLineage = State.newLineage();
    final SortedMap<InstanceAddress, String> intents = new TreeMap<>();
    LockInfo lock;

    Store(String name) {
      this.name = name;
    }

    @Override
    public String displayName() {
      return "memory/" + name;
    }

    @Override
    public synchronized boolean exists() {
      return state != null;
    }

    @Override
    public synchronized LoadedState read() {
      State s = state != null ? state : State.empty(freshLineage);
      return new LoadedState(
          s,
          intents.isEmpty()
              ? Optional.empty()
              : Optional.of(new Recovery(displayName(), "apply", true, List.of(), intents, false)));
    }

    /** The stored state, null when none. */
    synchronized State stored() {
      return state;
    }

    @Override
    public synchronized State write(State s, Collection<InstanceAddress> settled) {
      intents.keySet().removeAll(settled);
      return store(s);
    }

    private State store(State s) {
      if (state != null && s.sameContent(state)) {
        return state;
      }
      long serial =
          state == null ? Math.max(1, s.serial()) : Math.max(state.serial() + 1, s.serial());
      state = new State(serial, s.lineage(), "test", s.outputs(), s.resources());
      return state;
    }

    @Override
    public synchronized StateTransaction begin(String operation, State base) {
      State start = store(base);
      return new StateTransaction(
          operation,
          start,
          new TreeMap<>(intents),
          new StateTransaction.Journal() {
            @Override
            public void record(StateChange change) {}

            @Override
            public void commit() {}

            @Override
            public State finish(State result, SortedMap<InstanceAddress, String> pending) {
              synchronized (Store.this) {
                intents.clear();
                intents.putAll(pending);
                return store(result);
              }
            }

            @Override
            public void abandon() {}
          });
    }

    @Override
    public synchronized LockInfo lock(String operation, String info, Duration timeout)
        throws StateException {
      if (lock != null) {
        throw new StateException("Error acquiring the state lock", "held by " + lock.id());
      }
      lock =
          new LockInfo(
              UUID.randomUUID().toString(),
              operation,
              info,
              "test@host",
              "test",
              OffsetDateTime.now(),
              displayName());
      return lock;
    }

    @Override
    public synchronized void unlock(String id) throws StateException {
      if (lock == null || !lock.id().equals(id)) {
        throw new StateException("Failed to unlock state", "not locked with " + id);
      }
      lock = null;
    }

    @Override
    public synchronized void forceUnlock(String id) throws StateException {
      unlock(id);
    }
  }
}
