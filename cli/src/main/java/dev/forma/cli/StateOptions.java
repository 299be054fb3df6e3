package dev.forma.cli;

import picocli.CommandLine.Option;

/** The flags every command that reads or writes state takes, as Terraform's. */
final class StateOptions {
  @Option(
      names = "-state",
      paramLabel = "path",
      description =
          "Path to read and save state. Defaults to \"terraform.tfstate\", or to the path of the"
              + " configuration's local backend.")
  String statePath;

  @Option(
      names = "-lock",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "false",
      description =
          "Don't hold a state lock during the operation. This is dangerous if others might"
              + " run commands against the same state at the same time.")
  boolean lock = true;

  @Option(
      names = "-lock-timeout",
      paramLabel = "0s",
      description = "Duration to retry a state lock, such as 10s or 1m.")
  String lockTimeout = "0s";

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  /**
   * The backend the configuration selects, once a command has read it (null before): {@link
   * StateAccess} reads the configuration for it unless the command already has.
   */
  Backends.Selected backend;

  /**
   * The state and plan encryption, once a command has made it from the configuration and its
   * variables (null before): {@link StateAccess} makes it from the working directory unless the
   * command already has (see {@link Encryptions}).
   */
  dev.forma.state.encryption.Encryption encryption;
}
