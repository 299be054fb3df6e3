/**
 * The command-line interface: picocli commands with Terraform's names, flags and exit codes.
 *
 * <p>Owns argument parsing, wiring the engine stages together per command, and everything written
 * to the terminal. One {@code Callable<Integer>} class per subcommand; {@link dev.forma.cli.Main}
 * holds the entry point. Must not hold language or planning logic: that belongs to the engine.
 */
package dev.forma.cli;
