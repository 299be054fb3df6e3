package dev.forma.cli;

import dev.forma.engine.render.SchemaSource;
import java.nio.file.Path;

/** {@code show PLANFILE}: a saved plan in human form or as plan JSON. */
final class SavedPlans {
  private SavedPlans() {}

  /** Shows the file when it is a saved plan and returns the exit code; null when it is not one. */
  static Integer show(
      Terminal terminal, Path file, byte[] bytes, boolean json, SchemaSource schemas) {
    return null;
  }
}
