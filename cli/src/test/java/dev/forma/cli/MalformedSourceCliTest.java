package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source text that once crashed the parser reaches the user as a diagnostic with file, line and
 * column, the source line and a non-zero exit code, never as "internal error" and a stack trace.
 */
class MalformedSourceCliTest {
  private static final String UNTERMINATED_SEQUENCE = "t=\"${{}{{\n";

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(dir);
    cli.write("main.tf", UNTERMINATED_SEQUENCE);
  }

  private static void assertDiagnosticWithoutStackTrace(String err) {
    assertTrue(
        err.contains(
            """

            Error: Extra characters after interpolation expression

              on main.tf line 1:
               1: t="${{}{{

            Expected a closing brace to end the interpolation expression, but found extra
            characters.
            """),
        err);
    assertFalse(err.contains("internal error"), err);
    assertFalse(err.contains("Exception"), err);
    assertFalse(err.contains("\tat ") || err.contains("    at "), err);
  }

  @Test
  void validateReportsAnUnterminatedTemplateSequenceAsADiagnostic() {
    assertEquals(1, cli.run("", "validate", "-no-color"));
    assertDiagnosticWithoutStackTrace(cli.err());
  }

  @Test
  void fmtReportsAnUnterminatedTemplateSequenceAsADiagnostic() {
    // terraform fmt exits 2 on a syntax error (forma fmt does the same: docs/language.md)
    assertEquals(2, cli.run("", "fmt", "-no-color"));
    assertDiagnosticWithoutStackTrace(cli.err());
  }

  @Test
  void fmtOfStandardInputReportsTheDiagnostic() {
    assertEquals(2, cli.run(UNTERMINATED_SEQUENCE, "fmt", "-no-color", "-"));
    assertTrue(cli.err().contains("Error: Extra characters after interpolation expression"));
    assertFalse(cli.err().contains("internal error"), cli.err());
  }

  @Test
  void aConfigurationNestedThousandsOfLevelsDeepValidatesAsInTerraform() throws Exception {
    // Once: StackOverflowError and a Java stack trace from the recursive-descent parser (the
    // JVM's default stack holds a few hundred levels); Terraform reads it.
    int n = 5000;
    cli.write(
        "main.tf",
        "locals {\n  x = "
            + "(".repeat(n)
            + "1"
            + ")".repeat(n)
            + "\n  y = "
            + "[".repeat(n)
            + "]".repeat(n)
            + "\n  z = "
            + "{a = ".repeat(n)
            + "1"
            + "}".repeat(n)
            + "\n}\noutput \"o\" {\n  value = [local.x, local.y, local.z]\n}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal t =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]),
            Map.of(),
            dir,
            false);
    assertEquals(0, Main.runOnLargeStack(new String[] {"validate", "-no-color"}, t));
    assertEquals("Success! The configuration is valid.\n\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}
