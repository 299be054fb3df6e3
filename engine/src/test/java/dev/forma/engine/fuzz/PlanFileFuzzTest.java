package dev.forma.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.forma.engine.planfile.PlanFile;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the saved-plan-file decoder as {@code forma apply PLANFILE} and {@code forma show
 * PLANFILE} read it: a damaged file is a "Failed to load the given plan file" diagnostic, never an
 * exception. Inputs: {@code PlanFileFuzzTestInputs/planFile} (plans of create, update and destroy).
 */
class PlanFileFuzzTest {
  private static final Path FILE = planPath();

  private static Path planPath() {
    try {
      Path dir = Files.createTempDirectory("forma-fuzz-plan");
      dir.toFile().deleteOnExit();
      return dir.resolve("saved.tfplan");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @FuzzTest
  @Timeout(10)
  void planFile(byte[] input) throws IOException {
    if (input.length > 4 * FuzzChecks.MAX_INPUT) {
      return;
    }
    Files.write(FILE, input);
    var result = PlanFile.read(FILE, "0.1.0");
    new DiagnosticRenderer(name -> null, false).render(result.diagnostics());
  }
}
