package dev.forma.engine.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.provider.api.diag.DiagnosticJson;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import org.junit.jupiter.api.Test;

/** Source snippets under diagnostics, as Terraform 1.11 prints them without colour. */
class DiagnosticRendererTest {

  private static String render(String filename, String source) {
    DiagnosticRenderer.SourceMap sources = new DiagnosticRenderer.SourceMap();
    sources.put(filename, source);
    return new DiagnosticRenderer(sources, false)
        .render(Parser.parseFile(filename, source).diagnostics());
  }

  @Test
  void anUnterminatedHeredocShowsTheTemplatesLines() {
    // terraform validate: the subject is the end of the file, the lines shown are the heredoc's
    assertEquals(
        """

        Error: Unterminated template string

          on main.tf line 6:
           3: hello
           4: EOFX
           5: }

        No closing marker was found for the string.
        """,
        render("main.tf", "locals {\n  h = <<EOF\nhello\nEOFX\n}\n"));
  }

  @Test
  void aMarkerAtTheEndOfTheFileShowsItsLine() {
    assertEquals(
        """

        Error: Unterminated template string

          on main.tf line 3:
           2: hello
           3: EOF

        No closing marker was found for the string.
        """,
        render("main.tf", "h = <<EOF\nhello\nEOF"));
  }

  @Test
  void emptyLinesInsideTheContextAreLeftOutAndNumberedOnAsTerraformDoes() {
    assertEquals(
        """

        Error: Unterminated template string

          on main.tf line 5:
           2: a
           3: b

        No closing marker was found for the string.
        """,
        render("main.tf", "h = <<EOF\na\n\nb\n"));
  }

  @Test
  void theJsonSnippetOfAnUnterminatedHeredocIsTheTemplatesLines() {
    // terraform validate -json on the same file gives this snippet, byte for byte
    String src = "output \"banner\" {\n  value = <<EOT\n  hello\nEOTX\n}\n";
    DiagnosticRenderer.SourceMap sources = new DiagnosticRenderer.SourceMap();
    sources.put("main.tf", src);
    var json =
        DiagnosticJson.toJson(
            Parser.parseFile("main.tf", src).diagnostics().asList().getFirst(), sources);
    assertEquals(
        "{\"code\":\"  hello\\nEOTX\\n}\",\"start_line\":3,\"highlight_start_offset\":14,"
            + "\"highlight_end_offset\":14,\"values\":[]}",
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("snippet").deepCopy())
            .without("context")
            .toString());
  }
}
