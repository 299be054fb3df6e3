package dev.forma.cli;

import dev.forma.engine.modules.DataDirectory;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The environment variables pipelines set for Terraform, honoured as Terraform honours them, each
 * also under a {@code FORMA_} name that wins over the {@code TF_} one:
 *
 * <ul>
 *   <li>{@code TF_IN_AUTOMATION} (any value): the hints that tell a person which command to run
 *       next are left out;
 *   <li>{@code TF_CLI_ARGS} and {@code TF_CLI_ARGS_<command>} ({@code TF_CLI_ARGS_plan}, {@code
 *       TF_CLI_ARGS_state_list}): more arguments, split with shell-like quoting, placed right after
 *       the command's name (the command's own first, then the general ones, then those typed), so
 *       that typed flags win;
 *   <li>{@code TF_INPUT} ({@code 0} or {@code false}): as {@code -input=false} for every command
 *       that has that flag (the flag still wins);
 *   <li>{@code TF_LOG} ({@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR},
 *       {@code OFF}; {@code JSON} is taken as {@code TRACE}): Forma's logging, to standard error
 *       ({@code FORMA_LOG} is the Forma name);
 *   <li>{@code TF_DATA_DIR}: the directory used instead of {@code .terraform} for installed
 *       modules, the backend record and the selected workspace ({@link DataDirectory}).
 * </ul>
 */
final class AutomationEnvironment {
  private static final Set<String> FALSE = Set.of("0", "f", "F", "false", "FALSE", "False");
  private static final List<String> LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** The data directory of the command running (set by {@link #apply}). */
  private static volatile String dataDir = DataDirectory.DEFAULT;

  private AutomationEnvironment() {}

  /** The value of {@code FORMA_<name>}, else of {@code TF_<name>}; null when neither is set. */
  static String value(Map<String, String> env, String name) {
    for (String prefix : new String[] {"FORMA_", "TF_"}) {
      String v = env.get(prefix + name);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  /** Whether a pipeline runs the command ({@code TF_IN_AUTOMATION} set to anything). */
  static boolean inAutomation(Terminal terminal) {
    return value(terminal.env(), "IN_AUTOMATION") != null;
  }

  /** Whether {@code TF_INPUT} turns input off (a false value as Go's strconv.ParseBool reads). */
  static boolean inputDisabled(Map<String, String> env) {
    String v = value(env, "INPUT");
    return v != null && FALSE.contains(v);
  }

  /** The data directory of the command running: {@code .terraform} unless TF_DATA_DIR says. */
  static String dataDir() {
    return dataDir;
  }

  /**
   * Prepares a run of {@code cl} in {@code terminal}'s environment: records the data directory and
   * makes {@code -input} default to false when {@code TF_INPUT} says so.
   */
  static void apply(CommandLine cl, Terminal terminal) {
    dataDir = DataDirectory.of(terminal.env());
    if (inputDisabled(terminal.env())) {
      cl.setDefaultValueProvider(
          arg ->
              arg instanceof OptionSpec o && List.of(o.names()).contains("-input")
                  ? "false"
                  : arg.defaultValue());
    }
  }

  /**
   * {@code args} with the arguments of {@code TF_CLI_ARGS_<command>} and {@code TF_CLI_ARGS}
   * inserted after the command's name as Terraform inserts them; null (after printing why on {@code
   * err}) when a variable's value cannot be split.
   */
  static String[] withCliArgs(
      String[] args, Map<String, String> env, CommandLine root, PrintStream err) {
    List<String> path = commandPath(args, root);
    List<String> out = new ArrayList<>(List.of(args));
    String joined = String.join(" ", path);
    String suffix = joined.replace('-', '_').replace(' ', '_');
    List<String> names = new ArrayList<>(List.of("CLI_ARGS"));
    if (!path.isEmpty()) {
      names.add("CLI_ARGS_" + suffix);
    }
    for (String name : names) {
      String variable = null;
      String v = null;
      for (String prefix : new String[] {"FORMA_", "TF_"}) {
        String given = env.get(prefix + name);
        if (given != null && !given.isEmpty()) {
          variable = prefix + name;
          v = given;
          break;
        }
      }
      if (v == null) {
        continue;
      }
      List<String> extra = split(v);
      if (extra == null) {
        err.println(
            "Error parsing extra CLI args from " + variable + ": invalid command line string");
        return null;
      }
      int at = insertionPoint(out, path);
      out.addAll(at, extra);
    }
    return out.toArray(String[]::new);
  }

  /**
   * Where the extra arguments go: right after the first argument that is the command's last name
   * (as Terraform looks for it), or at the start when there is none.
   */
  private static int insertionPoint(List<String> args, List<String> path) {
    if (path.isEmpty()) {
      return 0;
    }
    String last = path.getLast();
    int i = args.indexOf(last);
    return i + 1;
  }

  /** The names of the command {@code args} run ({@code [state, list]}), empty when none. */
  static List<String> commandPath(String[] args, CommandLine root) {
    List<String> path = new ArrayList<>();
    CommandLine at = root;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("-")) {
        if (path.isEmpty()) {
          if (a.equals("-chdir") || a.equals("--chdir")) {
            i++; // -chdir DIR: DIR is the flag's value, not a command
          }
          continue; // a global flag such as -chdir=DIR
        }
        break;
      }
      CommandLine sub = at.getSubcommands().get(a);
      if (sub == null) {
        break;
      }
      path.add(a);
      at = sub;
    }
    return path;
  }

  /**
   * Splits a command line as a POSIX shell splits words (what Terraform's shellwords does): blanks
   * separate, single quotes keep everything, double quotes keep blanks, a backslash outside single
   * quotes takes the next character as it is. Null when a quote is not closed or a backslash ends
   * the text.
   */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean single = false;
    boolean dbl = false;
    boolean escaped = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (escaped) {
        word.append(c);
        escaped = false;
        inWord = true;
        continue;
      }
      if (c == '\\' && !single) {
        escaped = true;
        continue;
      }
      if (c == '\'' && !dbl) {
        single = !single;
        inWord = true;
        continue;
      }
      if (c == '"' && !single) {
        dbl = !dbl;
        inWord = true;
        continue;
      }
      if (!single && !dbl && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      word.append(c);
      inWord = true;
    }
    if (single || dbl || escaped) {
      return null;
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }

  /**
   * The slf4j level for {@code FORMA_LOG}, else {@code TF_LOG}: off when neither is set; an unknown
   * level is trace, with Terraform's warning on {@code err}.
   */
  static String logLevel(Map<String, String> env, PrintStream err) {
    String v = value(env, "LOG");
    if (v == null || v.isBlank()) {
      return "off";
    }
    String level = v.trim().toUpperCase(Locale.ROOT);
    if (level.equals("JSON")) {
      return "trace";
    }
    if (!LEVELS.contains(level)) {
      err.println(
          "[WARN] Invalid log level: \""
              + level
              + "\". Defaulting to level: TRACE. Valid levels are: "
              + LEVELS.toString().replace(",", ""));
      return "trace";
    }
    return level.toLowerCase(Locale.ROOT);
  }
}
