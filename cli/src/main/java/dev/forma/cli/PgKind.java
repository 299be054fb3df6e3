package dev.forma.cli;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.pg.PgBackend;
import dev.forma.state.backend.pg.PgConnectionSettings;
import java.util.Map;
import java.util.Set;

/**
 * Terraform's {@code pg} backend: {@code conn_str} ({@code PG_CONN_STR}), {@code schema_name}
 * ({@code PG_SCHEMA_NAME}, default {@code terraform_remote_state}), {@code skip_schema_creation},
 * {@code skip_table_creation} and {@code skip_index_creation} ({@code PG_SKIP_SCHEMA_CREATION},
 * {@code PG_SKIP_TABLE_CREATION}, {@code PG_SKIP_INDEX_CREATION}); the block's value wins over the
 * variable, and libpq's variables ({@code PGHOST}, {@code PGUSER}, {@code PGPASSWORD}, ...) fill
 * what the connection string leaves out, as Terraform reads them.
 */
final class PgKind implements Backends.Kind {
  @Override
  public String type() {
    return "pg";
  }

  @Override
  public Set<String> arguments() {
    return Set.of(
        "conn_str",
        "schema_name",
        "skip_schema_creation",
        "skip_table_creation",
        "skip_index_creation");
  }

  @Override
  public Result<StateBackend> open(Map<String, String> arguments, Backends.Context context) {
    Map<String, String> env = context.env();
    Diagnostics diags = new Diagnostics();
    String connStr = setting(arguments, env, "conn_str", "PG_CONN_STR");
    String schema = setting(arguments, env, "schema_name", "PG_SCHEMA_NAME");
    if (schema == null) {
      schema = PgBackend.DEFAULT_SCHEMA;
    }
    if (schema.isEmpty()) {
      diags.add(
          Diagnostic.error(
              "Invalid pg backend configuration",
              "schema_name is empty: give the schema that holds the states table, or leave it"
                  + " out for \""
                  + PgBackend.DEFAULT_SCHEMA
                  + "\"."));
    }
    Boolean skipSchema =
        flag(arguments, env, "skip_schema_creation", "PG_SKIP_SCHEMA_CREATION", diags);
    Boolean skipTable =
        flag(arguments, env, "skip_table_creation", "PG_SKIP_TABLE_CREATION", diags);
    Boolean skipIndex =
        flag(arguments, env, "skip_index_creation", "PG_SKIP_INDEX_CREATION", diags);
    PgConnectionSettings connection = null;
    try {
      connection = PgConnectionSettings.parse(connStr, env);
    } catch (PgConnectionSettings.InvalidConnectionString e) {
      diags.add(
          Diagnostic.error(
              "Invalid pg backend configuration",
              "The connection string (conn_str, or PG_CONN_STR) cannot be used: "
                  + e.getMessage()));
    }
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    return new Result<>(
        new PgBackend(
            new PgBackend.Settings(connection, schema, skipSchema, skipTable, skipIndex),
            Main.VERSION,
            context.encryption()),
        diags);
  }

  private static String setting(
      Map<String, String> arguments, Map<String, String> env, String name, String variable) {
    String value = arguments.get(name);
    if (value != null) {
      return value;
    }
    String fromEnv = env.get(variable);
    return fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
  }

  /** A bool as Go's {@code strconv.ParseBool} reads it (Terraform reads the variables so). */
  private static Boolean flag(
      Map<String, String> arguments,
      Map<String, String> env,
      String name,
      String variable,
      Diagnostics diags) {
    boolean fromBlock = arguments.containsKey(name);
    String value = setting(arguments, env, name, variable);
    if (value == null) {
      return false;
    }
    switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> {
        return true;
      }
      case "0", "f", "F", "FALSE", "false", "False" -> {
        return false;
      }
      default -> {
        diags.add(
            Diagnostic.error(
                "Invalid pg backend configuration",
                (fromBlock ? name : "The environment variable " + variable + " (" + name + ")")
                    + " must be true or false, not \""
                    + value
                    + "\"."));
        return false;
      }
    }
  }
}
