package dev.forma.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.forma.engine.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the JSON syntax as {@code forma validate} reads a {@code .tf.json} file: Jackson, the JSON
 * body, the expressions embedded in its strings and the configuration loader. Inputs: {@code
 * JsonSyntaxFuzzTestInputs/jsonSyntax}.
 */
class JsonSyntaxFuzzTest {
  @FuzzTest
  @Timeout(10)
  void jsonSyntax(byte[] input) {
    FuzzChecks.onCommandStack(() -> check(input));
  }

  private static void check(byte[] input) {
    if (input.length > FuzzChecks.MAX_INPUT) {
      return;
    }
    String source = FuzzChecks.text(input);
    FuzzChecks.render(
        ConfigLoader.loadSources(Path.of("."), Map.of("main.tf.json", source)).diagnostics(),
        "main.tf.json",
        source);
  }
}
