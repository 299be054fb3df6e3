package dev.forma.cli;

import picocli.CommandLine.Option;

/** The flags every command that reads or writes state takes, as Terraform's. */
final class StateOptions {
  @Option(
      names = "-state",
      paramLabel = "PATH",
      description = "Path to the state file (default \"terraform.tfstate\").")
  String statePath;

  @Option(
      names = "-lock",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Lock the state file when locking is supported. Defaults to true.")
  boolean lock = true;

  @Option(
      names = "-lock-timeout",
      paramLabel = "DURATION",
      description = "Duration to retry a state lock (e.g. 10s). Defaults to 0s.")
  String lockTimeout = "0s";

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;
}
