package dev.forma.engine.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parses every {@code .hcl} file of HashiCorp's HCL spec suite: files whose {@code .t} expects no
 * diagnostics must parse cleanly; files whose {@code .t} expects errors must produce errors at
 * exactly the ranges given there. (The full evaluating runner lives elsewhere.)
 */
class SpecSuiteParseTest {
  /** Expected errors that are schema errors, not syntax errors: the file must parse cleanly. */
  private static final List<String> SCHEMA_ERRORS = List.of("structure/attributes/unexpected.hcl");

  static Path suiteDir() {
    return dev.forma.engine.SharedDir.hclSpecSuite();
  }

  private static final Pattern RANGE =
      Pattern.compile(
          "from\\s*\\{\\s*line\\s*=\\s*(\\d+)\\s*column\\s*=\\s*(\\d+)\\s*byte\\s*=\\s*(\\d+)\\s*\\}"
              + "\\s*to\\s*\\{\\s*line\\s*=\\s*(\\d+)\\s*column\\s*=\\s*(\\d+)\\s*byte\\s*=\\s*(\\d+)"
              + "\\s*\\}");

  /** The error ranges a {@code .t} file expects, as {@code line:col:byte-line:col:byte}. */
  static List<String> expectedErrors(String t) {
    List<String> out = new ArrayList<>();
    Matcher m = RANGE.matcher(t.replaceAll("(?m)#.*$", ""));
    while (m.find()) {
      out.add(
          m.group(1)
              + ":"
              + m.group(2)
              + ":"
              + m.group(3)
              + "-"
              + m.group(4)
              + ":"
              + m.group(5)
              + ":"
              + m.group(6));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everySpecFileParsesAsItsTestExpects() throws IOException {
    Path dir = suiteDir();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".hcl")).sorted().toList();
    }
    assertTrue(files.size() >= 15, "too few spec files: " + files);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    dir.relativize(f).toString(),
                    () -> {
                      String rel = dir.relativize(f).toString().replace('\\', '/');
                      String src = Files.readString(f, StandardCharsets.UTF_8);
                      Path t = Path.of(f.toString().replaceAll("\\.hcl$", ".t"));
                      List<String> expected =
                          Files.exists(t) && !SCHEMA_ERRORS.contains(rel)
                              ? expectedErrors(Files.readString(t, StandardCharsets.UTF_8))
                              : List.of();
                      Result<ConfigFile> r = Parser.parseFile(rel, src);
                      List<String> actual =
                          r.diagnostics().asList().stream()
                              .filter(d -> d.isError())
                              .map(d -> Show.range(d.subject()))
                              .toList();
                      assertEquals(expected, actual, () -> r.diagnostics().toString());
                      if (expected.isEmpty()) {
                        assertFalse(r.hasErrors());
                      }
                    }));
  }
}
