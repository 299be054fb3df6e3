package dev.forma.state.backend.pg;

import dev.forma.state.StateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection to the server (a PostgreSQL session: the pg backend's advisory locks belong to
 * it), in autocommit mode, with its prepared statements kept for reuse. Errors become {@link
 * StateException}s that name the server (host, port, database) and never the password.
 */
final class PgSession implements AutoCloseable {
  private final Connection connection;
  private final PgConnectionSettings settings;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  private PgSession(Connection connection, PgConnectionSettings settings) {
    this.connection = connection;
    this.settings = settings;
  }

  /** Connects; a failure says where, why, and what to check. */
  static PgSession open(PgConnectionSettings settings) throws StateException {
    try {
      Connection c =
          new org.postgresql.Driver().connect(settings.jdbcUrl(), settings.jdbcProperties());
      if (c == null) {
        throw new SQLException("the PostgreSQL driver did not accept " + settings.jdbcUrl());
      }
      c.setAutoCommit(true);
      return new PgSession(c, settings);
    } catch (SQLException e) {
      throw new StateException(
          "Failed to connect to PostgreSQL",
          "Could not connect to the PostgreSQL server at "
              + settings.describe()
              + ": "
              + message(settings, e)
              + hint(e),
          e);
    }
  }

  private static String hint(SQLException e) {
    String text = String.valueOf(e.getMessage());
    if (text.contains("does not support SSL")) {
      return "\nThe server does not offer TLS, and the pg backend (as Terraform's) requires it"
          + " unless the connection string says sslmode=disable.";
    }
    if ("08001".equals(e.getSQLState()) || "08004".equals(e.getSQLState())) {
      return "\nCheck the host and port in conn_str (or PG_CONN_STR), and that the server is"
          + " running and accepts TCP connections.";
    }
    return "";
  }

  /** The exception's message, without the password should the driver ever repeat it. */
  static String message(PgConnectionSettings settings, SQLException e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return settings.redact(text.strip());
  }

  Connection connection() {
    return connection;
  }

  /** A prepared statement for {@code sql}, made once per session. */
  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null || statement.isClosed()) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /**
   * Whether {@code e} means the session is gone (the server closed it, the network failed): its
   * advisory locks are gone with it.
   */
  boolean lost(SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
      return true;
    }
    try {
      return connection.isClosed();
    } catch (SQLException closed) {
      return true;
    }
  }

  /** Runs {@code work} in one database transaction, rolled back if it throws. */
  <T> T inTransaction(SqlWork<T> work) throws SQLException, StateException {
    connection.setAutoCommit(false);
    boolean done = false;
    try {
      T result = work.run(this);
      connection.commit();
      done = true;
      return result;
    } finally {
      if (!done) {
        try {
          connection.rollback();
        } catch (SQLException e) {
          // the original error says more
        }
      }
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        // a lost connection: the caller learns it from the original error
      }
    }
  }

  /** Work on a session. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(PgSession session) throws SQLException, StateException;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing: nothing to report
    }
  }
}
