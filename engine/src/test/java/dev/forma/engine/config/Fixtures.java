package dev.forma.engine.config;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes small configurations to a temporary directory and loads them. */
final class Fixtures {
  private Fixtures() {}

  /** Writes {@code nameThenText} pairs into {@code dir}. */
  static Path write(Path dir, String... nameThenText) {
    try {
      for (int i = 0; i < nameThenText.length; i += 2) {
        Files.writeString(dir.resolve(nameThenText[i]), nameThenText[i + 1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /**
   * Loads the directory with file names relative to it (as {@code forma -chdir=dir} shows them).
   */
  static Result<Module> load(Path dir) {
    Result<Module> r = ConfigLoader.load(dir);
    return new Result<>(r.value(), relativize(r.diagnostics(), dir.toString() + "/"));
  }

  static Diagnostics relativize(Diagnostics ds, String prefix) {
    Diagnostics out = new Diagnostics();
    for (Diagnostic d : ds) {
      out.add(
          new Diagnostic(
              d.severity(),
              d.summary(),
              d.detail().replace(prefix, ""),
              d.subject() == null
                  ? null
                  : new dev.forma.provider.api.diag.Range(
                      d.subject().filename().replace(prefix, ""),
                      d.subject().start(),
                      d.subject().end()),
              null));
    }
    return out;
  }

  /** Each diagnostic as {@code summary | detail | range}, for comparing with Terraform's. */
  static List<String> lines(Diagnostics ds) {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : ds) {
      out.add(
          (d.isError() ? "" : "warning: ")
              + d.summary()
              + " | "
              + d.detail()
              + " | "
              + (d.subject() == null ? "-" : d.subject().toString()));
    }
    return out;
  }
}
