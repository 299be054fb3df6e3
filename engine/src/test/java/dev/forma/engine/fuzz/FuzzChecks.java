package dev.forma.engine.fuzz;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticJson;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Range;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * What every fuzz target checks of the diagnostics an input produced: the user sees them, so each
 * must render (plain, in colour and as JSON) without an exception, and each one about a place in
 * the input must point inside it.
 */
final class FuzzChecks {
  private FuzzChecks() {}

  /**
   * The longest input a target takes: far above any real file, expression or template of a
   * configuration (the examples' largest file is under 4 KiB) and small enough that one execution
   * stays in milliseconds.
   */
  static final int MAX_INPUT = 16 * 1024;

  /**
   * The stack the CLI runs a command on (1 GiB, as deep as a Go stack grows: see the CLI's {@code
   * Main.runOnLargeStack}): targets run on a thread with as deep a stack, so that a deeply nested
   * input is judged as a user would meet it.
   */
  private static final ExecutorService COMMAND_STACK =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(null, r, "fuzz-target", 1L << 30);
            t.setDaemon(true);
            return t;
          });

  /** Runs one input through {@code body} on the command stack; its failure is the caller's. */
  static void onCommandStack(Runnable body) {
    Future<?> done = COMMAND_STACK.submit(body);
    try {
      done.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A decimal exponent above 999 ({@code 1e10000003}): no configuration writes such numbers, and
   * arithmetic on them is slow in Terraform too (it prints ten million digits of {@code 1 /
   * 1e10000003}, slowly), because both keep numbers exact to their last digit.
   */
  private static final Pattern HUGE_EXPONENT = Pattern.compile("[eE][+-]?0*[1-9][0-9]{3,}");

  /** True when the input has a number no configuration uses (see {@link #HUGE_EXPONENT}). */
  static boolean beyondRealNumbers(String source) {
    return HUGE_EXPONENT.matcher(source).find();
  }

  /** Decodes fuzzer bytes as Forma reads a file: UTF-8, malformed bytes replaced. */
  static String text(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }

  /** Renders every diagnostic as the CLI would and checks where they point. */
  static void render(Iterable<Diagnostic> diags, String filename, String source) {
    DiagnosticRenderer.SourceMap sources = new DiagnosticRenderer.SourceMap();
    sources.put(filename, source);
    new DiagnosticRenderer(sources, false).render(diags);
    new DiagnosticRenderer(sources, true).render(diags);
    DiagnosticJson.toJson(diags, sources);
    int length = source.getBytes(StandardCharsets.UTF_8).length;
    for (Diagnostic d : diags) {
      if (d.summary() == null || d.summary().isEmpty()) {
        throw new AssertionError("a diagnostic without a summary: " + d);
      }
      Range r = d.subject();
      if (r == null || !filename.equals(r.filename())) {
        continue;
      }
      if (r.start().line() < 1
          || r.start().column() < 1
          || r.start().byteOffset() < 0
          // a diagnostic at the end of the input may cover the one column after it
          || r.end().byteOffset() > length + 1
          || r.start().byteOffset() > r.end().byteOffset()) {
        throw new AssertionError(
            "diagnostic \""
                + d.summary()
                + "\" points outside the input: "
                + r
                + " "
                + r.start()
                + "-"
                + r.end()
                + ", input of "
                + length
                + " bytes");
      }
    }
  }
}
