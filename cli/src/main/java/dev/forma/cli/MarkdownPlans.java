package dev.forma.cli;

import dev.forma.engine.plan.Plan;
import dev.forma.engine.render.PlanMarkdown;
import dev.forma.engine.render.SchemaSource;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the CLI turns a plan into Markdown for a pull request ({@code plan -markdown=FILE}, {@code
 * show -markdown PLANFILE}): the one call of {@link PlanMarkdown}.
 */
final class MarkdownPlans {
  private MarkdownPlans() {}

  /** The plan as Markdown that fits a GitHub comment. */
  static String of(Plan plan, SchemaSource schemas) {
    return PlanMarkdown.render(plan, schemas);
  }

  /**
   * Writes the plan's Markdown to {@code file} (relative to the working directory); false after
   * printing why it could not be written.
   */
  static boolean write(Terminal terminal, Plan plan, SchemaSource schemas, String file) {
    Path path = terminal.workingDirectory().resolve(file);
    try {
      Files.writeString(path, of(plan, schemas), StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      terminal.printDiagnostics(
          Diagnostics.of(
              Diagnostic.error(
                  "Failed to write the plan's Markdown",
                  "The file "
                      + file
                      + " could not be written ("
                      + e.getClass().getSimpleName()
                      + ": "
                      + e.getMessage()
                      + "). Give -markdown a path in a folder that exists and can be written.")),
          null);
      return false;
    }
  }
}
