package dev.forma.engine.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import org.junit.jupiter.api.Test;

/**
 * Inputs that once crashed the scanner or parser (found by mutating the examples and by the fuzzers
 * in {@code dev.forma.engine.fuzz}): each must give diagnostics with a source range, never an
 * exception.
 */
class ParserRobustnessTest {

  @Test
  void unterminatedInterpolationWithOpenBracesIsADiagnosticAtTheExtraCharacter() {
    // Once: ArrayIndexOutOfBoundsException in Parser.sequenceEnd, which skipped past the end of
    // input looking for the closing brace of "{{".
    Result<ConfigFile> r = Parser.parseFile("main.tf", "t=\"${{}{{\n");
    assertEquals(
        "Extra characters after interpolation expression @1:8:7-1:9:8",
        Show.diags(r.diagnostics()));
  }

  @Test
  void unterminatedInterpolationWithoutNewlineAtEndOfFile() {
    Result<ConfigFile> r = Parser.parseFile("main.tf", "t=\"${{}{{");
    assertEquals(
        "Extra characters after interpolation expression @1:8:7-1:9:8",
        Show.diags(r.diagnostics()));
  }

  @Test
  void unterminatedInterpolationInAHeredocIsADiagnostic() {
    Result<ConfigFile> r = Parser.parseFile("main.tf", "locals {\n  t = <<EOT\n${{}{{\nEOT\n}\n");
    assertTrue(
        Show.diags(r.diagnostics())
            .startsWith("Extra characters after interpolation expression @3:5:25-3:6:26"),
        () -> Show.diags(r.diagnostics()));
  }

  @Test
  void unterminatedDirectiveWithOpenBracesIsADiagnostic() {
    Result<ConfigFile> r = Parser.parseFile("main.tf", "t = \"%{ if a {{\n");
    assertTrue(r.diagnostics().hasErrors());
    Diagnostic first = r.diagnostics().asList().getFirst();
    assertEquals("Extra characters in template directive @1:14:13-1:15:14", Show.diag(first));
  }

  @Test
  void unterminatedInterpolationInABareTemplateIsADiagnostic() {
    // templatefile() parses a file's text as a bare template
    Result<Expr> r = Parser.parseTemplate("t.tpl", "${{}{{");
    assertEquals(
        "Extra characters after interpolation expression @1:5:4-1:6:5",
        Show.diags(r.diagnostics()));
  }

  @Test
  void unterminatedInterpolationInAnExpressionIsADiagnostic() {
    // forma console and -var values parse single expressions
    Result<Expr> r = Parser.parseExpression("<console-input>", "\"${{}{{");
    assertTrue(r.diagnostics().hasErrors());
    assertEquals(
        "Extra characters after interpolation expression @1:6:5-1:7:6",
        Show.diag(r.diagnostics().asList().getFirst()));
  }
}
