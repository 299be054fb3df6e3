package dev.forma.engine.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import org.junit.jupiter.api.Test;

/** What the corpus cannot show: refusal of invalid files and byte-exact file results. */
class FormatterTest {
  @Test
  void refusesAFileWithSyntaxErrorsAndReportsThem() {
    Result<String> r = Formatter.format("main.tf", "x = 1 ;\n");
    assertNull(r.value());
    Diagnostic first = r.diagnostics().asList().getFirst();
    assertEquals("Invalid character", first.summary());
    assertEquals("main.tf", first.subject().filename());
    assertEquals(1, first.subject().start().line());
    assertEquals(7, first.subject().start().column());
  }

  @Test
  void refusesAnUnclosedBlock() {
    Result<String> r = Formatter.format("main.tf", "resource \"a\" \"b\" {\n  x = 1\n");
    assertNull(r.value());
    assertTrue(r.hasErrors());
  }

  @Test
  void addsNoFinalNewlineToAFileWithout() {
    assertEquals("a = 1", Formatter.format("a.tf", "a=1").value());
    assertEquals("", Formatter.format("a.tf", "").value());
  }

  @Test
  void keepsWindowsLineEndingsAndLineCommentsTogether() {
    assertEquals(
        "a   = 1 # one\r\nbbb = 2 # two\r\n",
        Formatter.format("a.tf", "a=1 # one\r\nbbb=2     # two\r\n").value());
  }

  @Test
  void unwrapsOnlyTopLevelAttributeValues() {
    assertEquals(
        "a = var.a\nb = { c = \"${var.c}\" }\n",
        Formatter.format("a.tf", "a = \"${var.a}\"\nb = { c = \"${var.c}\" }\n").value());
  }
}
