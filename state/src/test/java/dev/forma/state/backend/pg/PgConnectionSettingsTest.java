package dev.forma.state.backend.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Connection strings read as Terraform's pg backend (lib/pq) reads them. */
class PgConnectionSettingsTest {
  @Test
  void aUrlGivesUserPasswordHostPortDatabaseAndParameters() {
    PgConnectionSettings s =
        PgConnectionSettings.parse(
            "postgres://tf%40corp:p%40ss+word@db.example.com:6543/terraform_backend"
                + "?sslmode=disable&connect_timeout=5&application_name=ci",
            Map.of());
    assertEquals("db.example.com", s.host());
    assertEquals(6543, s.port());
    assertEquals("terraform_backend", s.database());
    assertEquals("tf@corp", s.user());
    assertEquals("jdbc:postgresql://db.example.com:6543/terraform_backend", s.jdbcUrl());
    Properties p = s.jdbcProperties();
    assertEquals("p@ss+word", p.getProperty("password"));
    assertEquals("disable", p.getProperty("sslmode"));
    assertEquals("5", p.getProperty("connectTimeout"));
    assertEquals("ci", p.getProperty("ApplicationName"));
    assertEquals(
        "db.example.com:6543, database \"terraform_backend\", user \"tf@corp\"", s.describe());
    assertFalse(s.toString().contains("p@ss"));
  }

  @Test
  void keywordValuePairsWithQuotedValues() {
    PgConnectionSettings s =
        PgConnectionSettings.parse(
            "host=10.0.0.5 port=5433 dbname=states user=ci password='it\\'s quoted'"
                + " sslmode=verify-full",
            Map.of());
    assertEquals("10.0.0.5", s.host());
    assertEquals(5433, s.port());
    assertEquals("states", s.database());
    assertEquals("verify-full", s.jdbcProperties().getProperty("sslmode"));
    assertEquals("it's quoted", s.jdbcProperties().getProperty("password"));
  }

  @Test
  void whatTheStringLeavesOutComesFromLibpqsEnvironmentThenLibpqsDefaults() {
    PgConnectionSettings fromEnv =
        PgConnectionSettings.parse(
            "postgres://db.example.com/tf",
            Map.of("PGUSER", "envuser", "PGPASSWORD", "envpass", "PGPORT", "7000", "PGHOST", "x"));
    assertEquals("db.example.com", fromEnv.host());
    assertEquals(7000, fromEnv.port());
    assertEquals("envuser", fromEnv.user());
    assertEquals("envpass", fromEnv.jdbcProperties().getProperty("password"));

    PgConnectionSettings defaults = PgConnectionSettings.parse("", Map.of("PGUSER", "me"));
    assertEquals("localhost", defaults.host());
    assertEquals(5432, defaults.port());
    assertEquals("me", defaults.database());
    // lib/pq's default, unlike libpq's "prefer"
    assertEquals("require", defaults.jdbcProperties().getProperty("sslmode"));
    assertEquals("forma", defaults.jdbcProperties().getProperty("ApplicationName"));
  }

  @Test
  void anIpv6HostInBrackets() {
    PgConnectionSettings s = PgConnectionSettings.parse("postgresql://[::1]:5432/tf", Map.of());
    assertEquals("::1", s.host());
    assertEquals("jdbc:postgresql://[::1]:5432/tf", s.jdbcUrl());
  }

  @Test
  void mistakesAreNamedWithoutThePassword() {
    assertEquals(
        "The port \"54x\" is not a port number (1 to 65535).",
        assertThrows(
                IllegalArgumentException.class,
                () -> PgConnectionSettings.parse("postgres://u:secret@h:54x/db", Map.of()))
            .getMessage());
    assertEquals(
        "The sslmode \"off\" is not one of disable, allow, prefer, require, verify-ca,"
            + " verify-full.",
        assertThrows(
                IllegalArgumentException.class,
                () -> PgConnectionSettings.parse("host=h sslmode=off password=secret", Map.of()))
            .getMessage());
    assertEquals(
        "The host \"/var/run/postgresql\" is a Unix-domain socket folder; Forma connects to"
            + " PostgreSQL over TCP only. Give the server's host name or address (e.g."
            + " host=localhost).",
        assertThrows(
                IllegalArgumentException.class,
                () -> PgConnectionSettings.parse("host=/var/run/postgresql", Map.of()))
            .getMessage());
    assertEquals(
        "The connection string is neither a postgres:// URL nor key=value pairs: \"db.example.com\""
            + " has no \"=\".",
        assertThrows(
                IllegalArgumentException.class,
                () -> PgConnectionSettings.parse("db.example.com", Map.of()))
            .getMessage());
  }
}
