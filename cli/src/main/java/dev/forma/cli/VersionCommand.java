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
    if (json) {
      terminal
          .out()
          .println(
              "{\n  \"forma_version\": \""
                  + Main.VERSION
                  + "\",\n  \"platform\": \""
                  + platform
                  + "\"\n}");
    } else {
      terminal.out().println("Forma v" + Main.VERSION + "\non " + platform);
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
