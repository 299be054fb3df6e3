package dev.forma.state.backend.pg;

import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.StateStore;
import dev.forma.state.codec.StateCodec;
import dev.forma.state.encryption.StateEncryption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Terraform's pg backend: every workspace's state is one row of {@code SCHEMA.states(id, name,
 * data)} in a PostgreSQL database, locked with session-level advisory locks keyed by the row's id
 * (and {@code -1} while a workspace is being created), exactly as Terraform's pg backend does, so a
 * Terraform and a Forma on the same database share the states and honour each other's locks.
 *
 * <p>Beside {@code states}, in the same schema, Forma keeps two tables Terraform ignores: {@code
 * forma_journal} (the running operation's changes and its pending create intents, one small row
 * each, compacted into the {@code states} row when the operation ends) and {@code forma_locks} (who
 * holds a lock, for whoever waits). See {@link PgStateStore}.
 *
 * <p>Nothing is opened until first used; each store has its own session (its lock lives in it), and
 * the backend's own work (preparing the schema, workspaces) runs on a short-lived one.
 */
public final class PgBackend implements StateBackend {
  /** Terraform's default schema. */
  public static final String DEFAULT_SCHEMA = "terraform_remote_state";

  /** The backend block's settings, as Terraform's pg backend has them. */
  public record Settings(
      PgConnectionSettings connection,
      String schemaName,
      boolean skipSchemaCreation,
      boolean skipTableCreation,
      boolean skipIndexCreation) {
    public Settings {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(schemaName, "schemaName");
    }
  }

  private final Settings settings;
  private final String programVersion;
  private final StateEncryption encryption;
  private final StateCodec codec;
  private final String schema;
  private final Map<String, PgStateStore> stores = new HashMap<>();
  private volatile boolean prepared;

  /**
   * A pg backend with {@code settings}, writing {@code programVersion} into states and lock info,
   * passing every state and journal payload through {@code encryption}.
   */
  public PgBackend(Settings settings, String programVersion, StateEncryption encryption) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.programVersion = Objects.requireNonNull(programVersion, "programVersion");
    this.encryption = Objects.requireNonNull(encryption, "encryption");
    this.codec = new StateCodec(programVersion);
    this.schema = quote(settings.schemaName());
  }

  @Override
  public String type() {
    return "pg";
  }

  /** The settings it was made with. */
  public Settings settings() {
    return settings;
  }

  String programVersion() {
    return programVersion;
  }

  StateEncryption encryption() {
    return encryption;
  }

  StateCodec codec() {
    return codec;
  }

  /** {@code "schema".table}, quoted as Terraform quotes the schema. */
  String table(String name) {
    return schema + "." + name;
  }

  /** A PostgreSQL identifier, quoted (as lib/pq's {@code QuoteIdentifier}). */
  static String quote(String identifier) {
    int nul = identifier.indexOf('\0');
    String kept = nul >= 0 ? identifier.substring(0, nul) : identifier;
    return "\"" + kept.replace("\"", "\"\"") + "\"";
  }

  // ---------------------------------------------------------------- sessions

  /** A new session, with the schema prepared the first time. */
  PgSession openSession() throws StateException {
    PgSession session = PgSession.open(settings.connection());
    if (!prepared) {
      try {
        prepare(session);
      } catch (StateException e) {
        session.close();
        throw e;
      }
    }
    return session;
  }

  /** A failed statement as a state problem that names the server, never the password. */
  StateException failure(String summary, String what, SQLException e) {
    return new StateException(
        summary,
        what
            + " in PostgreSQL ("
            + settings.connection().describe()
            + "): "
            + PgSession.message(settings.connection(), e),
        e);
  }

  /**
   * Makes what is missing, as Terraform's pg backend does unless told to skip it: the schema, the
   * {@code states} table (with the global id sequence) and its index, then Forma's journal and lock
   * tables, which {@code skip_table_creation} asks the administrator to make.
   */
  private synchronized void prepare(PgSession session) throws StateException {
    if (prepared) {
      return;
    }
    for (int attempt = 0; ; attempt++) {
      try {
        prepareOnce(session);
        prepared = true;
        return;
      } catch (SQLException e) {
        String state = String.valueOf(e.getSQLState());
        boolean raced = state.equals("23505") || state.equals("42P07") || state.equals("42P06");
        if (!raced || attempt >= 2) {
          throw failure("Failed to prepare the state tables", "Preparing the schema failed", e);
        }
        // another process created the same object at the same moment: look again
      }
    }
  }

  private void prepareOnce(PgSession session) throws SQLException, StateException {
    String name = settings.schemaName();
    boolean schemaExists;
    String states;
    String index;
    String journal;
    String locks;
    try (PreparedStatement q =
        session
            .connection()
            .prepareStatement(
                "SELECT (SELECT count(1) FROM information_schema.schemata WHERE schema_name = ?),"
                    + " to_regclass(?), to_regclass(?), to_regclass(?), to_regclass(?)")) {
      q.setString(1, name);
      q.setString(2, table("states"));
      q.setString(3, table("states_by_name"));
      q.setString(4, table("forma_journal"));
      q.setString(5, table("forma_locks"));
      try (ResultSet r = q.executeQuery()) {
        r.next();
        schemaExists = r.getLong(1) > 0;
        states = r.getString(2);
        index = r.getString(3);
        journal = r.getString(4);
        locks = r.getString(5);
      }
    }
    try (Statement s = session.connection().createStatement()) {
      if (!schemaExists && !settings.skipSchemaCreation()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      }
      List<String> missing = new ArrayList<>();
      if (states == null) {
        if (settings.skipTableCreation()) {
          missing.add(statesDdl());
        } else {
          s.execute("CREATE SEQUENCE IF NOT EXISTS public.global_states_id_seq AS bigint");
          s.execute(statesDdl());
        }
      }
      if (index == null && !settings.skipIndexCreation() && missing.isEmpty()) {
        s.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS states_by_name ON " + table("states") + " (name)");
      }
      if (journal == null) {
        if (settings.skipTableCreation()) {
          missing.add(journalDdl());
        } else {
          s.execute(journalDdl());
        }
      }
      if (locks == null) {
        if (settings.skipTableCreation()) {
          missing.add(locksDdl());
        } else {
          s.execute(locksDdl());
        }
      }
      if (!missing.isEmpty()) {
        throw new StateException(
            "State tables are missing",
            "skip_table_creation is set, so Forma does not create tables, and these are missing"
                + " in PostgreSQL ("
                + settings.connection().describe()
                + "). Ask the database's administrator to create them:\n\n"
                + String.join(";\n", missing)
                + ";\n\nor unset skip_table_creation to let Forma create them. (The forma_journal"
                + " and forma_locks tables hold Forma's journal and lock information beside"
                + " Terraform's states table, which Terraform ignores.)");
      }
    }
  }

  private String statesDdl() {
    return "CREATE TABLE IF NOT EXISTS "
        + table("states")
        + " (id bigint NOT NULL DEFAULT nextval('public.global_states_id_seq') PRIMARY KEY,"
        + " name text UNIQUE, data text)";
  }

  private String journalDdl() {
    return "CREATE TABLE IF NOT EXISTS "
        + table("forma_journal")
        + " (name text NOT NULL, seq bigint NOT NULL, record bytea NOT NULL,"
        + " PRIMARY KEY (name, seq))";
  }

  private String locksDdl() {
    return "CREATE TABLE IF NOT EXISTS "
        + table("forma_locks")
        + " (name text PRIMARY KEY, lock_id text NOT NULL, lock_key bigint NOT NULL,"
        + " holder_pid integer NOT NULL, info text NOT NULL)";
  }

  // ---------------------------------------------------------------- workspaces

  @Override
  public List<String> workspaces() throws StateException {
    try (PgSession session = openSession()) {
      List<String> out = new ArrayList<>();
      out.add(DEFAULT_WORKSPACE);
      try (Statement s = session.connection().createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT name FROM "
                      + table("states")
                      + " WHERE name != 'default' ORDER BY name")) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("Failed to list workspaces", "Listing the workspaces failed", e);
    }
  }

  private boolean exists(String name) throws StateException {
    if (name.equals(DEFAULT_WORKSPACE)) {
      return true;
    }
    try (PgSession session = openSession();
        PreparedStatement q =
            session
                .connection()
                .prepareStatement("SELECT 1 FROM " + table("states") + " WHERE name = ?")) {
      q.setString(1, name);
      try (ResultSet r = q.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      throw failure(
          "Failed to read workspaces", "Looking for workspace \"" + name + "\" failed", e);
    }
  }

  @Override
  public synchronized StateStore store(String name) throws StateException {
    if (!exists(name)) {
      throw new StateException(
          "Workspace does not exist",
          "There is no workspace named \""
              + name
              + "\" in the pg backend (schema "
              + settings.schemaName()
              + "): create it with \"forma workspace new "
              + name
              + "\".");
    }
    return storeOf(name);
  }

  private PgStateStore storeOf(String name) {
    return stores.computeIfAbsent(name, n -> new PgStateStore(this, n));
  }

  /**
   * Makes the workspace's row with an empty state, as Terraform does: under the workspace-creation
   * lock ({@code -1}), so that two creating at once do not collide.
   */
  @Override
  public synchronized void createWorkspace(String name) throws StateException {
    if (name.isEmpty() || name.equals(DEFAULT_WORKSPACE) || exists(name)) {
      throw new StateException(
          "Workspace already exists", "The workspace \"" + name + "\" already exists.");
    }
    PgStateStore store = storeOf(name);
    LockInfo lock = store.lock("init", "", Duration.ZERO);
    try {
      if (!store.exists()) {
        store.write(State.empty());
      }
    } finally {
      store.unlock(lock.id());
    }
  }

  /**
   * Deletes the workspace's row, as Terraform does, with its journal and lock information. The
   * caller locks it first if it should (Terraform's {@code workspace delete} does, unless {@code
   * -lock=false}).
   */
  @Override
  public synchronized void deleteWorkspace(String name) throws StateException {
    if (name.isEmpty() || name.equals(DEFAULT_WORKSPACE)) {
      throw new StateException(
          "Cannot delete the default workspace", "The default workspace cannot be deleted.");
    }
    if (!exists(name)) {
      throw new StateException(
          "Workspace does not exist", "There is no workspace named \"" + name + "\".");
    }
    try (PgSession session = openSession()) {
      session.inTransaction(
          s -> {
            for (String t : new String[] {"states", "forma_journal"}) {
              try (PreparedStatement d =
                  s.connection().prepareStatement("DELETE FROM " + table(t) + " WHERE name = ?")) {
                d.setString(1, name);
                d.executeUpdate();
              }
            }
            return null;
          });
    } catch (SQLException e) {
      throw failure("Failed to delete workspace", "Deleting workspace \"" + name + "\" failed", e);
    }
    stores.remove(name);
  }
}
