package dev.forma.cli;

import picocli.CommandLine.Option;

/** {@code -help} (also {@code -h}, {@code --help}) on every command, as Terraform has it. */
public final class HelpOption {
  @Option(
      names = {"-help", "-h", "--help"},
      usageHelp = true,
      description = "Show this help output.")
  public boolean help;
}
