package dev.forma.engine.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.StringValue;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Template text as Terraform produces it: heredoc flush, strip markers, escapes. The strings are
 * rendered here with a tiny test-only evaluator (literals, variables, literal if conditions).
 */
class TemplateTest {
  private static final Map<String, String> VARS =
      Map.of("bar", "Bar", "space_bar", "  Bar", "x", "X");

  static String render(Expr e) {
    return switch (e) {
      case Expr.Literal l -> l.value() instanceof StringValue s ? s.value() : l.value().toString();
      case Expr.Template t -> {
        StringBuilder sb = new StringBuilder();
        t.parts().forEach(p -> sb.append(render(p)));
        yield sb.toString();
      }
      case Expr.TemplateWrap w -> render(w.wrapped());
      case Expr.ScopeTraversal s -> VARS.get(s.rootName());
      case Expr.TemplateIf i ->
          ((BoolValue) ((Expr.Literal) i.condition()).value()).value()
              ? render(i.then())
              : i.otherwise() == null ? "" : render(i.otherwise());
      default -> throw new IllegalArgumentException("not renderable in this test: " + e);
    };
  }

  @Test
  void heredocsMatchTheSpecSuite() throws Exception {
    String src = Files.readString(SpecSuiteParseTest.suiteDir().resolve("expressions/heredoc.hcl"));
    Result<ConfigFile> r = Parser.parseFile("heredoc.hcl", src);
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    Map<String, String> got = new LinkedHashMap<>();
    for (Attribute a : r.value().body().attributes()) {
      for (Expr.ObjectItem item : ((Expr.ObjectCons) a.expr()).items()) {
        got.put(a.name() + "." + render(item.key()), render(item.value()));
      }
    }
    Map<String, String> want = new LinkedHashMap<>();
    want.put("normal.basic", "Foo\nBar\nBaz\n");
    want.put("normal.indented", "    Foo\n    Bar\n    Baz\n");
    want.put("normal.indented_more", "    Foo\n      Bar\n    Baz\n");
    want.put("normal.interp", "    Foo\n    Bar\n    Baz\n");
    want.put("normal.newlines_between", "Foo\n\nBar\n\nBaz\n");
    want.put("normal.indented_newlines_between", "    Foo\n\n    Bar\n\n    Baz\n");
    want.put("normal.marker_at_suffix", "    NOT EOT\n");
    want.put("flush.basic", "Foo\nBar\nBaz\n");
    want.put("flush.indented", "Foo\nBar\nBaz\n");
    want.put("flush.indented_more", "Foo\n  Bar\nBaz\n");
    want.put("flush.indented_less", "  Foo\nBar\n  Baz\n");
    want.put("flush.interp", "Foo\nBar\nBaz\n");
    want.put("flush.interp_indented_more", "Foo\n  Bar\nBaz\n");
    want.put("flush.interp_indented_less", "  Foo\n  Bar\n  Baz\n");
    want.put("flush.tabs", "Foo\n Bar\n Baz\n");
    want.put(
        "flush.unicode_spaces",
        "\u2003Foo (there's two \"em spaces\" before Foo there)\nBar\nBaz\n");
    want.put("flush.newlines_between", "Foo\n\nBar\n\nBaz\n");
    want.put("flush.indented_newlines_between", "Foo\n\nBar\n\nBaz\n");
    assertEquals(want, got);
  }

  /** Expected values were read from Terraform 1.11 (terraform console). */
  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of("\"a\\n\\n  ${~\"x\"}\"", "ax"),
        // in heredocs a strip marker only reaches the adjacent line's text
        Arguments.of(
            "<<EOT\na\n\n  ${~\"x\"}\n%{ if true ~}\n\n  y\n%{ endif }\nEOT", "a\n\nx\n\n  y\n\n"),
        // stripping happens before flushing, and a stripped line start counts as zero indent
        Arguments.of(
            "<<-EOT\n    a\n  %{ if true ~}\n    b\n  %{~ endif ~}\n    c\n    EOT",
            "    a\n      b\n    c\n"),
        Arguments.of("\"%{ if true }yes%{ else }no%{ endif }\"", "yes"),
        Arguments.of("\"%{ if false }yes%{ else }no%{ endif }\"", "no"),
        Arguments.of("\"%{ if false }yes%{ endif }\"", ""),
        Arguments.of("\"  %{~ if true ~}  x  %{~ endif ~}  \"", "x"),
        Arguments.of("<<EOT\n$${a} %%{b}\nEOT", "${a} %{b}\n"),
        Arguments.of("<<EOT\r\nwin\r\nEOT", "win\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void rendersAsTerraformDoes(String source, String expected) {
    Result<Expr> r = Parser.parseExpression("t.hcl", source);
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    assertEquals(expected, render(r.value()));
  }

  @Test
  void bareTemplateReadsTextWithSequences() {
    Result<Expr> r = Parser.parseTemplate("t.tpl", "Hi \"${x}\"!\n%{ if true ~}\n  ok\n%{ endif }");
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    assertEquals("Hi \"X\"!\n  ok\n", render(r.value()));
    assertEquals("1:1:0-4:11:40", Show.range(r.value().range()));
  }

  @Test
  void bareTemplateOfOneInterpolationKeepsItsValue() {
    Result<Expr> r = Parser.parseTemplate("t.tpl", "${x}");
    assertEquals("wrap(x)", Show.expr(r.value()));
  }

  @Test
  void bareTemplateReportsUnbalancedDirectives() {
    Result<Expr> r = Parser.parseTemplate("t.tpl", "a %{ endfor }");
    assertEquals("Unexpected endfor directive @1:3:2-1:14:13", Show.diags(r.diagnostics()));
  }
}
