package dev.forma.engine.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.provider.api.diag.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus in {@code src/test/resources/fmt}: every {@code NAME.in.tf} formats to exactly {@code
 * NAME.out.tf}, which {@code terraform fmt -} (1.11.4) printed for it. Printing ends the output
 * with a newline when the formatted text has none (a file written back gets none), so the
 * comparison does the same.
 */
class FormatterCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/fmt");

  /**
   * Cases whose output terraform fmt itself formats differently: spaces after the last newline are
   * kept once (they sit before the end of the file, which is on no line), and become a blank line
   * the second time.
   */
  private static final Set<String> NOT_IDEMPOTENT_IN_TERRAFORM = Set.of("trailing_spaces_at_eof");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".in.tf"))
          .map(n -> n.substring(0, n.length() - ".in.tf".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static String read(String name) throws IOException {
    return Files.readString(CORPUS.resolve(name), StandardCharsets.UTF_8);
  }

  private static String printed(String formatted) {
    return formatted.endsWith("\n") ? formatted : formatted + "\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsAsTerraformDoes(String name) throws IOException {
    Result<String> r = Formatter.format(name + ".tf", read(name + ".in.tf"));
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    assertEquals(read(name + ".out.tf"), printed(r.value()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formattingTheOutputAgainChangesNothing(String name) throws IOException {
    if (NOT_IDEMPOTENT_IN_TERRAFORM.contains(name)) {
      return;
    }
    String formatted = read(name + ".out.tf");
    Result<String> r = Formatter.format(name + ".tf", formatted);
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    assertEquals(formatted, r.value());
  }
}
