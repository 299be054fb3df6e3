package dev.forma.cli;

import dev.forma.provider.api.diag.DiagnosticRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Forma's help texts, laid out as Terraform's: {@code forma -help} lists the main commands first
 * and then all the others; a command's {@code -help} starts with its usage line and its description
 * paragraphs, then its options one per paragraph, then its subcommands. Each command's {@code
 * header} is its one-line summary in the lists; its {@code description} holds the paragraphs (in a
 * paragraph of several lines, a line that starts with spaces is kept as written). Lines wrap only
 * at spaces, so a value such as {@code "terraform.tfstate"} is never split.
 */
final class Help {
  /** The width the help is laid out for, as Terraform's. */
  static final int WIDTH = 78;

  /** The commands {@code forma -help} lists first, in this order (Terraform's). */
  static final List<String> MAIN_COMMANDS = List.of("init", "validate", "plan", "apply", "destroy");

  /** The longest option label that still has its description beside it. */
  private static final int MAX_LABEL = 22;

  private static final String SECTION = "forma";

  private Help() {}

  /** Makes {@code cl} and all its subcommands print their help with {@link #render}. */
  static void install(CommandLine cl) {
    cl.setHelpSectionKeys(List.of(SECTION));
    cl.getHelpSectionMap().put(SECTION, help -> render(help.commandSpec()));
    for (CommandLine sub : cl.getSubcommands().values()) {
      install(sub);
    }
  }

  /** The help of one command ({@link #root} for {@code forma} itself). */
  static String render(CommandSpec spec) {
    if (spec.parent() == null) {
      return root(spec);
    }
    StringBuilder b = new StringBuilder("Usage: ").append(usage(spec)).append("\n");
    for (String paragraph : spec.usageMessage().description()) {
      b.append("\n");
      for (String line : paragraph.split("\n", -1)) {
        // as in diagnostics: a line that starts indented is kept as written, the others wrapped
        String kept = line.startsWith(" ") ? line : DiagnosticRenderer.wrap(line, WIDTH - 2);
        b.append(line.isEmpty() ? "" : indent(kept, "  ")).append("\n");
      }
    }
    List<OptionSpec> options = options(spec);
    if (!options.isEmpty()) {
      b.append("\nOptions:\n");
      int column = 0;
      for (OptionSpec o : options) {
        int l = label(o).length();
        if (l <= MAX_LABEL) {
          column = Math.max(column, l);
        }
      }
      column += 4;
      for (OptionSpec o : options) {
        String label = "  " + label(o);
        b.append("\n").append(label);
        if (label.length() + 2 > column) {
          b.append("\n").append(" ".repeat(column));
        } else {
          b.append(" ".repeat(column - label.length()));
        }
        b.append(wrapped(o, WIDTH - column, column)).append("\n");
      }
    }
    if (!spec.subcommands().isEmpty()) {
      b.append("\nSubcommands:\n");
      for (Map.Entry<String, CommandLine> e : sorted(spec).entrySet()) {
        b.append("    ")
            .append(pad(e.getKey(), 20))
            .append(summary(e.getValue().getCommandSpec()))
            .append("\n");
      }
    }
    return b.toString();
  }

  /** {@code forma -help} (and {@code forma} alone): the commands, main ones first. */
  static String root(CommandSpec spec) {
    Map<String, CommandLine> all = sorted(spec);
    int width = all.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    StringBuilder b =
        new StringBuilder("Usage: forma [global options] <subcommand> [args]\n\n")
            .append("The available commands are listed below: the main workflow commands\n")
            .append("first, then the less common or more advanced ones.\n\n")
            .append("Main commands:\n");
    for (String name : MAIN_COMMANDS) {
      b.append("  ")
          .append(pad(name, width))
          .append(summary(all.get(name).getCommandSpec()))
          .append("\n");
    }
    b.append("\nAll other commands:\n");
    for (Map.Entry<String, CommandLine> e : all.entrySet()) {
      if (!MAIN_COMMANDS.contains(e.getKey())) {
        b.append("  ")
            .append(pad(e.getKey(), width))
            .append(summary(e.getValue().getCommandSpec()))
            .append("\n");
      }
    }
    b.append("\nGlobal options (use these before the subcommand, if any):\n");
    for (OptionSpec o : spec.options()) {
      String label = "  " + label(o);
      b.append(label)
          .append(" ".repeat(Math.max(2, width + 2 - label.length())))
          .append(wrapped(o, WIDTH - width - 2, width + 2))
          .append("\n");
    }
    return b.toString();
  }

  /** {@code forma [global options] state list [options] [ADDRESS...]}. */
  static String usage(CommandSpec spec) {
    StringBuilder b = new StringBuilder("forma [global options] ");
    if (spec.usageMessage().customSynopsis().length > 0) {
      return b.append(spec.usageMessage().customSynopsis()[0]).toString();
    }
    b.append(name(spec));
    if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
      return b.append(" <subcommand> [options] [args]").toString();
    }
    if (!options(spec).isEmpty()) {
      b.append(" [options]");
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
      b.append(" ").append(p.arity().min() == 0 ? "[" + label + "]" : label);
    }
    return b.toString();
  }

  /** The command's name below {@code forma}: {@code plan}, {@code state list}. */
  static String name(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (CommandSpec s = spec; s != null && s.parent() != null; s = s.parent()) {
      names.addFirst(s.name());
    }
    return String.join(" ", names);
  }

  /** The one-line summary of a command, as the lists show it. */
  static String summary(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    return header.length > 0 ? header[0] : "";
  }

  /** The options a command's help lists: all but {@code -help}, which every command has. */
  static List<OptionSpec> options(CommandSpec spec) {
    return spec.options().stream().filter(o -> !o.usageHelp() && !o.hidden()).toList();
  }

  /** {@code -auto-approve}, {@code -out=path}, {@code -var 'foo=bar'}. */
  static String label(OptionSpec o) {
    String name = o.names()[0];
    if (o.arity().max() == 0) {
      return name;
    }
    return name + (o.paramLabel().startsWith("'") ? " " : "=") + o.paramLabel();
  }

  /** An option's description wrapped at {@code width}, its lines after the first indented. */
  private static String wrapped(OptionSpec o, int width, int indent) {
    return DiagnosticRenderer.wrap(String.join(" ", o.description()), width)
        .replace("\n", "\n" + " ".repeat(indent));
  }

  private static Map<String, CommandLine> sorted(CommandSpec spec) {
    return new TreeMap<>(spec.subcommands());
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(1, width - s.length()));
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }
}
