package dev.forma.state.backend.pg;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the pg backend connects, read from a connection string as Terraform's pg backend (Go's
 * {@code lib/pq}) reads it: a URL ({@code postgres://user:pass@host:port/dbname?sslmode=disable})
 * or keyword/value pairs ({@code host=h port=5432 dbname=d sslmode=disable}), with libpq's
 * environment variables ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code
 * PGPASSWORD}, {@code PGSSLMODE}, {@code PGCONNECT_TIMEOUT}, {@code PGAPPNAME}, {@code PGSSLCERT},
 * {@code PGSSLKEY}, {@code PGSSLROOTCERT}) for what it leaves out, and lib/pq's defaults: host
 * {@code localhost}, port 5432, the user name of the process, the database named as the user, and
 * {@code sslmode=require} (lib/pq's default, not libpq's).
 *
 * <p>{@link #toString()} and {@link #describe()} never show the password.
 */
public final class PgConnectionSettings {
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final Map<String, String> options;

  private PgConnectionSettings(
      String host,
      int port,
      String database,
      String user,
      String password,
      Map<String, String> options) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.options = Map.copyOf(options);
  }

  /** A connection string that does not parse; the message never contains a password. */
  public static final class InvalidConnectionString extends IllegalArgumentException {
    InvalidConnectionString(String message) {
      super(message);
    }
  }

  /**
   * Reads {@code connStr} (empty or null: everything from the environment and the defaults), with
   * {@code env} for libpq's variables.
   */
  public static PgConnectionSettings parse(String connStr, Map<String, String> env) {
    Map<String, String> given = new LinkedHashMap<>();
    String text = connStr == null ? "" : connStr.strip();
    if (text.startsWith("postgres://") || text.startsWith("postgresql://")) {
      parseUrl(text, given);
    } else if (!text.isEmpty()) {
      parseKeywords(text, given);
    }
    Map<String, String> fromEnv = new LinkedHashMap<>();
    putEnv(fromEnv, env, "host", "PGHOST");
    putEnv(fromEnv, env, "port", "PGPORT");
    putEnv(fromEnv, env, "dbname", "PGDATABASE");
    putEnv(fromEnv, env, "user", "PGUSER");
    putEnv(fromEnv, env, "password", "PGPASSWORD");
    putEnv(fromEnv, env, "sslmode", "PGSSLMODE");
    putEnv(fromEnv, env, "connect_timeout", "PGCONNECT_TIMEOUT");
    putEnv(fromEnv, env, "application_name", "PGAPPNAME");
    putEnv(fromEnv, env, "sslcert", "PGSSLCERT");
    putEnv(fromEnv, env, "sslkey", "PGSSLKEY");
    putEnv(fromEnv, env, "sslrootcert", "PGSSLROOTCERT");
    fromEnv.forEach(given::putIfAbsent);

    String host = given.getOrDefault("host", "");
    if (host.isEmpty()) {
      host = "localhost";
    }
    if (host.startsWith("/")) {
      throw new InvalidConnectionString(
          "The host \""
              + host
              + "\" is a Unix-domain socket folder; Forma connects to PostgreSQL over TCP only."
              + " Give the server's host name or address (e.g. host=localhost).");
    }
    if (host.contains(",")) {
      throw new InvalidConnectionString(
          "Several hosts (\"" + host + "\") are not supported: give one host.");
    }
    String portText = given.getOrDefault("port", "");
    int port = 5432;
    if (!portText.isEmpty()) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port <= 0 || port > 65535) {
        throw new InvalidConnectionString(
            "The port \"" + portText + "\" is not a port number (1 to 65535).");
      }
    }
    String user = given.getOrDefault("user", "");
    if (user.isEmpty()) {
      user = System.getProperty("user.name", "postgres");
    }
    String database = given.getOrDefault("dbname", "");
    if (database.isEmpty()) {
      database = user;
    }
    String password = given.get("password");
    String sslmode = given.getOrDefault("sslmode", "");
    if (sslmode.isEmpty()) {
      sslmode = "require";
    }
    switch (sslmode) {
      case "disable", "allow", "prefer", "require", "verify-ca", "verify-full" -> {}
      default ->
          throw new InvalidConnectionString(
              "The sslmode \""
                  + sslmode
                  + "\" is not one of disable, allow, prefer, require, verify-ca, verify-full.");
    }
    Map<String, String> options = new LinkedHashMap<>();
    options.put("sslmode", sslmode);
    for (String key :
        new String[] {"connect_timeout", "application_name", "sslcert", "sslkey", "sslrootcert"}) {
      String value = given.get(key);
      if (value != null && !value.isEmpty()) {
        options.put(key, value);
      }
    }
    if (options.containsKey("connect_timeout")) {
      try {
        Integer.parseInt(options.get("connect_timeout"));
      } catch (NumberFormatException e) {
        throw new InvalidConnectionString(
            "The connect_timeout \""
                + options.get("connect_timeout")
                + "\" is not a whole number of seconds.");
      }
    }
    return new PgConnectionSettings(host, port, database, user, password, options);
  }

  private static void putEnv(
      Map<String, String> into, Map<String, String> env, String key, String variable) {
    String value = env.get(variable);
    if (value != null && !value.isEmpty()) {
      into.put(key, value);
    }
  }

  private static void parseUrl(String text, Map<String, String> into) {
    String rest = text.substring(text.indexOf("://") + 3);
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    String query = null;
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
    }
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        into.put("user", decode(userInfo.substring(0, colon), "user name"));
        into.put("password", decode(userInfo.substring(colon + 1), "password"));
      } else {
        into.put("user", decode(userInfo, "user name"));
      }
    }
    String host = rest;
    String port = null;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw new InvalidConnectionString(
            "The host of the connection URL has an unclosed \"[\" (an IPv6 address).");
      }
      String after = host.substring(close + 1);
      host = host.substring(1, close);
      if (after.startsWith(":")) {
        port = after.substring(1);
      }
    } else {
      int colon = host.lastIndexOf(':');
      if (colon >= 0) {
        port = host.substring(colon + 1);
        host = host.substring(0, colon);
      }
    }
    if (!host.isEmpty()) {
      into.put("host", decode(host, "host"));
    }
    if (port != null && !port.isEmpty()) {
      into.put("port", port);
    }
    if (!path.isEmpty()) {
      into.put("dbname", decode(path, "database name"));
    }
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq), "parameter");
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameter " + key);
        into.put(key, value);
      }
    }
  }

  private static String decode(String text, String what) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidConnectionString(
          "The " + what + " in the connection URL has an invalid %-escape.");
    }
  }

  /** libpq's keyword/value form: {@code key=value} pairs, values optionally single-quoted. */
  private static void parseKeywords(String text, Map<String, String> into) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int keyStart = i;
      while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      String key = text.substring(keyStart, i);
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n || text.charAt(i) != '=') {
        throw new InvalidConnectionString(
            "The connection string is neither a postgres:// URL nor key=value pairs: \""
                + key
                + "\" has no \"=\".");
      }
      i++;
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && text.charAt(i) == '\'') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = text.charAt(i++);
          if (c == '\\' && i < n) {
            value.append(text.charAt(i++));
          } else if (c == '\'') {
            closed = true;
            break;
          } else {
            value.append(c);
          }
        }
        if (!closed) {
          throw new InvalidConnectionString(
              "The value of \"" + key + "\" in the connection string has an unclosed quote.");
        }
      } else {
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
          char c = text.charAt(i++);
          if (c == '\\' && i < n) {
            value.append(text.charAt(i++));
          } else {
            value.append(c);
          }
        }
      }
      into.put(key.toLowerCase(Locale.ROOT), value.toString());
    }
  }

  /** The server's host name or address. */
  public String host() {
    return host;
  }

  /** The server's port. */
  public int port() {
    return port;
  }

  /** The database. */
  public String database() {
    return database;
  }

  /** The user connected as. */
  public String user() {
    return user;
  }

  /** The JDBC URL (no user, no password). */
  String jdbcUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:postgresql://"
        + h
        + ":"
        + port
        + "/"
        + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The driver's properties: user, password, TLS, timeouts, the application name. */
  Properties jdbcProperties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("sslmode", options.get("sslmode"));
    p.setProperty("ApplicationName", options.getOrDefault("application_name", "forma"));
    p.setProperty("connectTimeout", options.getOrDefault("connect_timeout", "10"));
    p.setProperty("tcpKeepAlive", "true");
    for (String key : new String[] {"sslcert", "sslkey", "sslrootcert"}) {
      if (options.containsKey(key)) {
        p.setProperty(key, options.get(key));
      }
    }
    return p;
  }

  /** {@code text} with the password, should it appear, masked. */
  String redact(String text) {
    if (password == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "********");
  }

  /** {@code host:port, database "db", user "u"}: for messages; never the password. */
  public String describe() {
    return (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + ", database \""
        + database
        + "\", user \""
        + user
        + "\"";
  }

  @Override
  public String toString() {
    return describe();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PgConnectionSettings s
        && host.equals(s.host)
        && port == s.port
        && database.equals(s.database)
        && user.equals(s.user)
        && Objects.equals(password, s.password)
        && options.equals(s.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, database, user, options);
  }
}
