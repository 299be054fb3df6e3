package dev.forma.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process over a temporary directory, capturing what it prints. */
final class CliRun {
  final Path dir;
  final Map<String, String> env = new HashMap<>();

  /** Whether the terminal is a console (then output is coloured, as for a person). */
  boolean interactive;

  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteArrayOutputStream err = new ByteArrayOutputStream();

  CliRun(Path dir) {
    this.dir = dir;
  }

  CliRun write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return this;
  }

  /** Runs {@code forma args...} with {@code stdin}; returns the exit code. */
  int run(String stdin, String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    Terminal t =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            env,
            dir,
            interactive);
    return Main.run(args, t);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
