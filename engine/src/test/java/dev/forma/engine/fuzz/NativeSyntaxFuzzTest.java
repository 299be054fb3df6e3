package dev.forma.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.fmt.Formatter;
import dev.forma.engine.hcl.Parser;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the native syntax as {@code forma validate} and {@code forma fmt} read a {@code .tf} file:
 * scanner and parser, the formatter, and the configuration loader. Any exception is a crash; every
 * diagnostic must render. Inputs: {@code NativeSyntaxFuzzTestInputs/nativeSyntax} (seeded from the
 * examples and HashiCorp's HCL spec suite).
 */
class NativeSyntaxFuzzTest {
  @FuzzTest
  @Timeout(10)
  void nativeSyntax(byte[] input) {
    FuzzChecks.onCommandStack(() -> check(input));
  }

  private static void check(byte[] input) {
    if (input.length > FuzzChecks.MAX_INPUT) {
      return;
    }
    String source = FuzzChecks.text(input);
    FuzzChecks.render(Parser.parseFile("main.tf", source).diagnostics(), "main.tf", source);
    FuzzChecks.render(Formatter.format("main.tf", source).diagnostics(), "main.tf", source);
    FuzzChecks.render(
        ConfigLoader.loadSources(Path.of("."), Map.of("main.tf", source)).diagnostics(),
        "main.tf",
        source);
  }
}
