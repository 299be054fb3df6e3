package dev.forma.cli;

import dev.forma.engine.fmt.Formatter;
import dev.forma.engine.fmt.UnifiedDiff;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.BodyItem;
import dev.forma.engine.hcl.Parser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code forma fmt}: rewrites configuration files into the canonical format, as {@code terraform
 * fmt} does: the same flags, file selection, output and exit codes.
 */
@Command(
    name = "fmt",
    header = "Reformat your configuration in the standard style",
    description = {
      "Rewrites configuration files (.tf), variables files (.tfvars) and test files (.tftest.hcl) in the canonical format. JSON files (.tf.json, .tfvars.json) are not changed.",
      "Without a target, fmt formats the files of the working directory (and of its subdirectories with -recursive). A target may be a directory, a file, or a single dash (\"-\") to format standard input to standard output."
    })
public final class FmtCommand implements Callable<Integer> {
  /** Terraform's {@code fmt} exits with 2 when a file has syntax errors or cannot be read. */
  private static final int DIAGNOSTICS = 2;

  private static final String STDIN = "<stdin>";

  @Option(
      names = "-list",
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      paramLabel = "false",
      description = "Don't list files whose formatting differs (always disabled for STDIN).")
  boolean list;

  @Option(
      names = "-write",
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      paramLabel = "false",
      description = "Don't write to source files (always disabled if using STDIN or -check).")
  boolean write;

  @Option(names = "-diff", description = "Display diffs of formatting changes.")
  boolean diff;

  @Option(
      names = "-check",
      description =
          "Check if the input is formatted. Exit status will be 0 if all input is properly"
              + " formatted and non-zero otherwise.")
  boolean check;

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Option(
      names = "-recursive",
      description =
          "Also process files in subdirectories. By default, only the given directory (or current"
              + " directory) is processed.")
  boolean recursive;

  @Mixin HelpOption help = new HelpOption();

  @Parameters(paramLabel = "target", description = "Files or directories; - reads standard input.")
  List<String> targets = new ArrayList<>();

  private final Terminal terminal;
  private final DiagnosticRenderer.SourceMap sources = new DiagnosticRenderer.SourceMap();

  public FmtCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (noColor) {
      terminal.disableColor();
    }
    boolean stdin = !targets.isEmpty() && targets.getFirst().equals("-");
    if (stdin) {
      list = false;
      write = false;
    }
    boolean showList = list;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = terminal.out();
    if (check) {
      // Every file that differs is listed into a buffer: its being empty is the answer.
      list = true;
      write = false;
      out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
    Diagnostics diags = new Diagnostics();
    if (stdin) {
      processStdin(out, diags);
    } else {
      List<String> paths = targets.isEmpty() ? List.of(".") : targets;
      processPaths(paths, out, diags);
    }
    terminal.printDiagnostics(diags, sources);
    if (diags.hasErrors()) {
      return DIAGNOSTICS;
    }
    if (check) {
      out.flush();
      if (showList) {
        terminal.out().print(buffer.toString(StandardCharsets.UTF_8));
      }
      return buffer.size() == 0 ? ExitCodes.OK : ExitCodes.FMT_CHECK_FAILED;
    }
    return ExitCodes.OK;
  }

  private void processStdin(PrintStream out, Diagnostics diags) {
    try {
      InputStream in = terminal.in();
      String src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      processSource(STDIN, null, src, out, diags);
    } catch (IOException e) {
      diags.add(Diagnostic.error("Failed to read " + STDIN, e.getMessage()));
    }
  }

  private void processPaths(List<String> paths, PrintStream out, Diagnostics diags) {
    for (String given : paths) {
      Path path = terminal.workingDirectory().resolve(given).normalize();
      String shown = display(path);
      if (Files.isDirectory(path)) {
        processDir(path, out, diags);
      } else if (Files.exists(path)) {
        if (formattable(path.getFileName().toString())) {
          processFile(path, out, diags);
        } else {
          diags.add(
              Diagnostic.error(
                  "Only .tf, .tfvars, and .tftest.hcl files can be processed with forma fmt",
                  null));
        }
      } else {
        diags.add(Diagnostic.error("No file or directory at " + shown, null));
        return;
      }
    }
  }

  private void processDir(Path dir, PrintStream out, Diagnostics diags) {
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries =
          s.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      diags.add(Diagnostic.error("Cannot read directory " + display(dir), null));
      return;
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (ignored(name)) {
        continue;
      }
      if (Files.isDirectory(entry)) {
        if (recursive) {
          processDir(entry, out, diags);
        }
      } else if (formattable(name)) {
        processFile(entry, out, diags);
      }
    }
  }

  private void processFile(Path path, PrintStream out, Diagnostics diags) {
    String shown = display(path);
    String src;
    try {
      src = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      diags.add(Diagnostic.error("Failed to read file " + shown, null));
      return;
    }
    processSource(shown, path, src, out, diags);
  }

  /** Formats one source; {@code path} is where to write it back, null for standard input. */
  private void processSource(
      String shown, Path path, String src, PrintStream out, Diagnostics diags) {
    sources.put(shown, src);
    Result<String> r = Formatter.format(shown, src);
    if (r.hasErrors()) {
      sources.putContext(shown, pos -> outermostBlock(shown, src, pos));
      diags.addAll(r.diagnostics());
      return;
    }
    String result = r.value();
    if (!result.equals(src)) {
      if (list) {
        out.println(shown);
      }
      if (write && path != null) {
        try {
          Files.writeString(path, result, StandardCharsets.UTF_8);
        } catch (IOException e) {
          diags.add(Diagnostic.error("Failed to write " + shown, e.getMessage()));
          return;
        }
      }
      if (diff) {
        out.print(UnifiedDiff.of("old/" + shown, "new/" + shown, src, result));
      }
    }
    if (!list && !write && !diff) {
      out.print(result.endsWith("\n") ? result : result + "\n");
    }
    out.flush();
  }

  /** The header of the top-level block a position lies in, as a diagnostic names it. */
  private static String outermostBlock(String filename, String src, Pos pos) {
    var parsed = Parser.parseFile(filename, src).value();
    if (parsed == null) {
      return null;
    }
    for (BodyItem item : parsed.body().items()) {
      if (item instanceof Block b
          && b.range().start().byteOffset() <= pos.byteOffset()
          && pos.byteOffset() < b.range().end().byteOffset()) {
        StringBuilder sb = new StringBuilder(b.type());
        for (String label : b.labels()) {
          sb.append(" \"").append(label).append('"');
        }
        return sb.toString();
      }
    }
    return null;
  }

  /** A path as Terraform prints it: relative to the working directory when it can be. */
  private String display(Path path) {
    Path rel = terminal.workingDirectory().relativize(path);
    String s = rel.toString();
    return s.isEmpty() ? "." : s;
  }

  private static boolean formattable(String name) {
    return name.endsWith(".tf")
        || name.endsWith(".tfvars")
        || name.endsWith(".tftest.hcl")
        || name.endsWith(".tfmock.hcl");
  }

  /** Hidden files and editors' backup and lock files, which Terraform never reads. */
  private static boolean ignored(String name) {
    return name.startsWith(".")
        || name.endsWith("~")
        || (name.startsWith("#") && name.endsWith("#"));
  }
}
