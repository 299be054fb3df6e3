package dev.forma.cli;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The world a command runs in: its streams, environment, working directory, and whether output may
 * be coloured. Tests build one over byte arrays; {@link Main} over the real process.
 */
public final class Terminal {
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Map<String, String> env;
  private Path workingDirectory;
  private final boolean interactive;
  private boolean color;
  private BufferedReader reader;
  private dev.forma.provider.api.diag.Result<dev.forma.engine.providers.Providers> providers;

  public Terminal(
      PrintStream out,
      PrintStream err,
      InputStream in,
      Map<String, String> env,
      Path workingDirectory,
      boolean interactive) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = env;
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.interactive = interactive;
    this.color = interactive && !"dumb".equals(env.get("TERM")) && env.get("NO_COLOR") == null;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public Map<String, String> env() {
    return env;
  }

  public Path workingDirectory() {
    return workingDirectory;
  }

  void changeDirectory(Path dir) {
    this.workingDirectory = workingDirectory.resolve(dir).toAbsolutePath().normalize();
  }

  /** True when a person is at the terminal (standard input and output are a console). */
  public boolean interactive() {
    return interactive;
  }

  public boolean color() {
    return color;
  }

  public void disableColor() {
    color = false;
  }

  /**
   * The providers of this run, loaded by {@code load} the first time: plugins are loaded once a
   * run, each in its class loader, so that every part of the run (the embedded local cloud, the
   * plan, the checks) talks to the same provider instances and their state.
   */
  synchronized dev.forma.provider.api.diag.Result<dev.forma.engine.providers.Providers> providers(
      java.util.function.Supplier<
              dev.forma.provider.api.diag.Result<dev.forma.engine.providers.Providers>>
          load) {
    if (providers == null) {
      providers = load.get();
    }
    return providers;
  }

  /** Standard input as bytes, for commands that read all of it (not to be mixed with readLine). */
  public InputStream in() {
    return in;
  }

  /** One line from standard input, or null at its end. */
  public String readLine() {
    try {
      if (reader == null) {
        reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      return reader.readLine();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Prints diagnostics to standard error (errors) or standard output (warnings only). */
  /**
   * Sends every diagnostic printed through this terminal from now on to {@code printer} instead
   * (the -json stream's diagnostic messages), so that steps which report through the terminal
   * (state access, encryption) keep a machine-readable stream whole.
   */
  void printDiagnosticsWith(
      java.util.function.BiConsumer<Iterable<Diagnostic>, DiagnosticRenderer.Sources> printer) {
    this.diagnosticPrinter = printer;
  }

  private java.util.function.BiConsumer<Iterable<Diagnostic>, DiagnosticRenderer.Sources>
      diagnosticPrinter;

  public void printDiagnostics(Iterable<Diagnostic> diags, DiagnosticRenderer.Sources sources) {
    if (diagnosticPrinter != null) {
      diagnosticPrinter.accept(diags, sources);
      return;
    }
    DiagnosticRenderer r = new DiagnosticRenderer(sources, color);
    for (Diagnostic d : diags) {
      (d.isError() ? err : out).print(r.render(d));
    }
  }
}
