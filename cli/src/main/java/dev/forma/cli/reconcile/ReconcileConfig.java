package dev.forma.cli.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code -config FILE} of {@code forma reconcile}: one setting a line, {@code name = value},
 * the names of the command's flags without the dash ({@code repo}, {@code branch}, {@code
 * auto-apply = true}, {@code var-file = prod.tfvars}; {@code var} and {@code var-file} may repeat),
 * values optionally in double quotes, {@code #} starting a comment line. A flag on the command line
 * wins over the file. Errors name the file and line.
 */
final class ReconcileConfig {
  static final Set<String> NAMES =
      Set.of(
          "repo",
          "branch",
          "path",
          "interval",
          "auto-apply",
          "plan-only",
          "repair-drift",
          "max-destroy",
          "status-addr",
          "webhook",
          "data-dir",
          "lock-timeout",
          "max-backoff",
          "var",
          "var-file");

  /** The single settings, by name. */
  final Map<String, String> values = new LinkedHashMap<>();

  /** The {@code var} and {@code var-file} settings in order, as {@code -var=...} arguments. */
  final List<String> variableArgs = new ArrayList<>();

  /** Thrown for a line that is not a setting: the message names file, line and what is wrong. */
  static final class ConfigException extends Exception {
    ConfigException(String message) {
      super(message);
    }
  }

  static ReconcileConfig read(Path file) throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read the configuration file " + file + ": " + e.getMessage());
    }
    ReconcileConfig c = new ReconcileConfig();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ",1";
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new ConfigException(
            where + ": expected a setting such as repo = \"https://...\", found \"" + line + "\".");
      }
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (!NAMES.contains(name)) {
        throw new ConfigException(
            where
                + ": unknown setting \""
                + name
                + "\". The settings are the flags of forma reconcile without the dash: "
                + String.join(", ", NAMES.stream().sorted().toList())
                + ".");
      }
      if (name.equals("var") || name.equals("var-file")) {
        c.variableArgs.add("-" + name + "=" + value);
      } else if (c.values.put(name, value) != null) {
        throw new ConfigException(where + ": \"" + name + "\" is set twice; keep one.");
      }
    }
    return c;
  }
}
