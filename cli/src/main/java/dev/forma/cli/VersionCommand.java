package dev.forma.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code forma version}: the version and platform, as Terraform prints them. */
@Command(
    name = "version",
    header = "Show the current Forma version",
    description = {"Prints the version of Forma and the platform it runs on."})
public final class VersionCommand implements Callable<Integer> {
  @Option(names = "-json", description = "Output the version information as a JSON object.")
  boolean json;

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public VersionCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    String platform = os() + "_" + arch();
    // as Terraform's: the providers the working directory's dependency lock file selects
    java.util.SortedMap<String, String> selected = new java.util.TreeMap<>();
    var lock = dev.forma.engine.providers.LockFile.read(terminal.workingDirectory());
    if (!lock.hasErrors()) {
      lock.value()
          .providers()
          .forEach(
              (source, entry) -> {
                // an entry whose version is not a version is left out, as Terraform does
                if (dev.forma.engine.modules.Version.parse(entry.version()) != null) {
                  selected.put(source, entry.version());
                }
              });
    }
    if (json) {
      var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      root.put("forma_version", Main.VERSION);
      root.put("platform", platform);
      var selections = root.putObject("provider_selections");
      selected.forEach(selections::put);
      terminal.out().println(Json.pretty(root));
    } else {
      StringBuilder text = new StringBuilder("Forma v" + Main.VERSION + "\non " + platform);
      selected.forEach(
          (source, version) ->
              text.append("\n+ provider ").append(source).append(" v").append(version));
      terminal.out().println(text);
    }
    return ExitCodes.OK;
  }

  private static String os() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return "darwin";
    }
    if (os.contains("win")) {
      return "windows";
    }
    return os.replace(' ', '_');
  }

  private static String arch() {
    String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (a) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> a;
    };
  }
}
