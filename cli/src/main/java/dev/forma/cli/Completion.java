package dev.forma.cli;

import dev.forma.state.backend.LocalBackend;
import dev.forma.state.backend.StateBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shell completion as Terraform has it. {@code forma -install-autocomplete} adds to the start-up
 * file of bash ({@code complete -C FORMA forma}) and of zsh (the same through bash's completion),
 * {@code -uninstall-autocomplete} takes it out again. The shell then runs {@code forma} with {@code
 * COMP_LINE} set to the line being typed; Forma answers with the words that may come next, one per
 * line: commands, subcommands, the flags of the command, workspace names.
 */
final class Completion {
  static final String INSTALL = "-install-autocomplete";
  static final String UNINSTALL = "-uninstall-autocomplete";

  /** The line zsh needs before it takes bash's {@code complete} command. */
  static final String ZSH_BASHCOMPINIT = "autoload -U +X bashcompinit && bashcompinit";

  private Completion() {}

  /**
   * Runs the completion or the (un)installation when {@code args} and the environment ask for one;
   * null when they do not, and the command line is an ordinary one.
   */
  static Integer run(String[] args, Terminal terminal) {
    String line = terminal.env().get("COMP_LINE");
    if (line != null) {
      for (String word : complete(line, terminal.env().get("COMP_POINT"), terminal)) {
        terminal.out().println(word);
      }
      return ExitCodes.OK;
    }
    if (args.length > 0 && (isFlag(args[0], INSTALL) || isFlag(args[0], UNINSTALL))) {
      return install(isFlag(args[0], INSTALL), args, terminal);
    }
    return null;
  }

  private static boolean isFlag(String arg, String flag) {
    return arg.equals(flag) || arg.equals("-" + flag);
  }

  // ---- answering the shell

  /**
   * The words that may stand at the cursor of {@code line} (the shell's {@code COMP_LINE}, the
   * cursor at {@code point} or at its end), sorted.
   */
  static List<String> complete(String line, String point, Terminal terminal) {
    int cursor = line.length();
    try {
      if (point != null) {
        cursor = Math.min(cursor, Math.max(0, Integer.parseInt(point.trim())));
      }
    } catch (NumberFormatException e) {
      // the whole line
    }
    String typed = line.substring(0, cursor);
    List<String> words = new ArrayList<>(List.of(typed.trim().split("\\s+")));
    String prefix =
        typed.isEmpty() || Character.isWhitespace(typed.charAt(typed.length() - 1))
            ? ""
            : words.remove(words.size() - 1);
    if (!words.isEmpty()) {
      words.remove(0); // the program's own name
    }

    CommandLine command = Main.commandLine(terminal);
    Path dir = terminal.workingDirectory();
    int arguments = 0;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.startsWith("-")) {
        String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
        OptionSpec option = command.getCommandSpec().findOption(name);
        boolean takesValue = option != null && option.arity().max() > 0 && !option.usageHelp();
        String value = w.contains("=") ? w.substring(w.indexOf('=') + 1) : null;
        if (takesValue && value == null && i + 1 < words.size()) {
          value = words.get(++i);
        }
        if (command.getParent() == null && name.replaceFirst("^--", "-").equals("-chdir")) {
          dir = value == null ? dir : dir.resolve(value);
        }
      } else if (arguments == 0 && command.getSubcommands().containsKey(w)) {
        command = command.getSubcommands().get(w);
      } else {
        arguments++;
      }
    }

    TreeSet<String> out = new TreeSet<>();
    CommandSpec spec = command.getCommandSpec();
    if (prefix.startsWith("-")) {
      for (OptionSpec o : spec.options()) {
        if (!o.hidden()) {
          for (String n : o.names()) {
            if (!n.startsWith("--") && n.startsWith(prefix)) {
              out.add(n);
            }
          }
        }
      }
    } else if (arguments == 0) {
      for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
        if (!sub.getValue().getCommandSpec().usageMessage().hidden()
            && sub.getKey().startsWith(prefix)) {
          out.add(sub.getKey());
        }
      }
      String name = spec.qualifiedName(" ");
      if (name.equals("forma workspace select") || name.equals("forma workspace delete")) {
        for (String workspace : workspaces(dir)) {
          // the default workspace cannot be deleted
          boolean deletable = !workspace.equals(StateBackend.DEFAULT_WORKSPACE);
          if (workspace.startsWith(prefix) && (deletable || name.endsWith("select"))) {
            out.add(workspace);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The workspaces of the local backend in {@code dir}: {@code default} and the folders under
   * {@code terraform.tfstate.d}. A remote backend's are not listed: a key press must not wait for
   * the network.
   */
  static List<String> workspaces(Path dir) {
    List<String> out = new ArrayList<>(List.of(StateBackend.DEFAULT_WORKSPACE));
    Path under = dir.resolve(LocalBackend.DEFAULT_WORKSPACE_DIR);
    if (Files.isDirectory(under)) {
      try (Stream<Path> folders = Files.list(under)) {
        folders
            .filter(Files::isDirectory)
            .map(p -> p.getFileName().toString())
            .sorted()
            .forEach(out::add);
      } catch (IOException e) {
        // nothing more to offer
      }
    }
    return out;
  }

  // ---- installing into the shells' start-up files

  /** A shell whose start-up file gets the completion: its file and the line to add. */
  private record Shell(Path rc, String line, List<String> before) {}

  private static int install(boolean install, String[] args, Terminal terminal) {
    String flag = install ? INSTALL : UNINSTALL;
    if (args.length > 1) {
      return fail(
          terminal,
          List.of(
              flag
                  + " takes no other arguments; run it alone: forma "
                  + flag
                  + " (the extra ones: "
                  + String.join(" ", List.of(args).subList(1, args.length))
                  + ")"));
    }
    String launcher = System.getProperty("forma.launcher");
    if (launcher == null || launcher.isBlank()) {
      return fail(
          terminal,
          List.of(
              "cannot tell the shell how to run Forma: this Java process was not started by"
                  + " bin/forma; run bin/forma "
                  + flag
                  + " instead"));
    }
    List<Shell> shells = shells(terminal.env(), shellQuote(launcher));
    if (shells.isEmpty()) {
      return fail(
          terminal,
          List.of(
              "Did not find any shells to "
                  + (install ? "install" : "uninstall")
                  + " (no ~/.bashrc, ~/.bash_profile, ~/.bash_login, ~/.profile or ~/.zshrc)"));
    }
    List<String> errors = new ArrayList<>();
    for (Shell shell : shells) {
      try {
        String error = install ? add(shell) : remove(shell);
        if (error != null) {
          errors.add(error);
        }
      } catch (IOException e) {
        errors.add("cannot change " + shell.rc() + ": " + e.getMessage());
      }
    }
    return errors.isEmpty() ? ExitCodes.OK : fail(terminal, errors);
  }

  /**
   * Terraform's report of the errors of an installation (one per shell it could not change), with
   * its exit code.
   */
  private static int fail(Terminal terminal, List<String> errors) {
    StringBuilder b = new StringBuilder("Error executing CLI: ");
    b.append(errors.size())
        .append(errors.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
    for (String e : errors) {
      b.append("\t* ").append(e).append('\n');
    }
    terminal.err().println(b);
    return ExitCodes.ERROR;
  }

  /**
   * The shells to change, as Terraform finds them: bash's first start-up file that exists ({@code
   * ~/.bashrc}, {@code ~/.bash_profile}, {@code ~/.bash_login}, {@code ~/.profile}; on macOS {@code
   * ~/.bash_profile}), and zsh's {@code .zshrc} in {@code ZDOTDIR} or the home folder, if it
   * exists. The home folder is {@code HOME}'s, as the shells read it.
   */
  private static List<Shell> shells(Map<String, String> env, String launcher) {
    String homeVariable = env.get("HOME");
    Path home =
        Path.of(
            homeVariable == null || homeVariable.isBlank()
                ? System.getProperty("user.home")
                : homeVariable);
    List<Shell> out = new ArrayList<>();
    boolean mac =
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
    List<String> bashFiles =
        mac
            ? List.of(".bash_profile")
            : List.of(".bashrc", ".bash_profile", ".bash_login", ".profile");
    for (String f : bashFiles) {
      if (Files.isRegularFile(home.resolve(f))) {
        out.add(new Shell(home.resolve(f), "complete -C " + launcher + " forma", List.of()));
        break;
      }
    }
    Path zshrc = null;
    String zdotdir = env.get("ZDOTDIR");
    if (zdotdir != null && !zdotdir.isBlank() && Files.isRegularFile(Path.of(zdotdir, ".zshrc"))) {
      zshrc = Path.of(zdotdir, ".zshrc");
    } else if (Files.isRegularFile(home.resolve(".zshrc"))) {
      zshrc = home.resolve(".zshrc");
    }
    if (zshrc != null) {
      out.add(
          new Shell(
              zshrc, "complete -o nospace -C " + launcher + " forma", List.of(ZSH_BASHCOMPINIT)));
    }
    return out;
  }

  /** Adds the shell's lines at the end of its file; the error when they are there already. */
  private static String add(Shell shell) throws IOException {
    List<String> lines = Files.readAllLines(shell.rc(), StandardCharsets.UTF_8);
    if (lines.contains(shell.line())) {
      return "already installed in " + shell.rc();
    }
    StringBuilder b = new StringBuilder("\n");
    for (String needed : shell.before()) {
      if (!lines.contains(needed)) {
        b.append(needed).append('\n');
      }
    }
    b.append(shell.line()).append('\n');
    Files.writeString(
        shell.rc(), b, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    return null;
  }

  /**
   * Takes the shell's completion line out of its file (the zsh line that loads bash's completion
   * stays: other commands may use it); the error when it is not there.
   */
  private static String remove(Shell shell) throws IOException {
    List<String> lines = Files.readAllLines(shell.rc(), StandardCharsets.UTF_8);
    if (!lines.contains(shell.line())) {
      return "not installed in " + shell.rc();
    }
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      if (!l.equals(shell.line())) {
        b.append(l).append('\n');
      }
    }
    Files.writeString(shell.rc(), b, StandardCharsets.UTF_8);
    return null;
  }

  /** {@code path} as one shell word: as it is when it needs no quoting, else in single quotes. */
  static String shellQuote(String path) {
    if (path.matches("[A-Za-z0-9_./@%+=:,-]+")) {
      return path;
    }
    return "'" + path.replace("'", "'\\''") + "'";
  }
}
