package dev.forma.engine.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.provider.api.diag.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expression structure: what tree each piece of syntax parses to. */
class ExpressionParserTest {

  static Stream<Arguments> expressions() {
    return Stream.of(
        // literals
        Arguments.of("1", "1"),
        Arguments.of("1.5e3", "1500"),
        Arguments.of("0.1", "0.1"),
        Arguments.of("12345678901234567890.123456789", "12345678901234567890.123456789"),
        Arguments.of("-2", "-2"),
        Arguments.of("-(2)", "(-paren(2))"),
        Arguments.of("true", "true"),
        Arguments.of("false", "false"),
        Arguments.of("null", "null"),
        // traversals
        Arguments.of("var.a", "var.a"),
        Arguments.of("a.b[0][\"k\"].c", "a.b[0][\"k\"].c"),
        Arguments.of("a.0.b", "a.b".replace(".b", "[0].b")),
        Arguments.of("a[b]", "idx(a, b)"),
        Arguments.of("a[b].c", "rel(idx(a, b)).c"),
        Arguments.of("f(x).a[1]", "rel(f(x)).a[1]"),
        Arguments.of("a[*].b[0]", "splat(a, rel(*).b[0])"),
        Arguments.of("a.*.b[0]", "rel(splat(a, rel(*).b))[0]"),
        Arguments.of("a.*.b.0", "splat(a, rel(*).b[0])"),
        Arguments.of("a[*]", "splat(a, *)"),
        Arguments.of("a[*][*].c", "splat(a, splat(*, rel(*).c))"),
        Arguments.of("my-name.x", "my-name.x"),
        Arguments.of("ÄÖ.ñ", "ÄÖ.ñ"),
        // operators
        Arguments.of("1 + 2 * 3", "(1 + (2 * 3))"),
        Arguments.of("1 - 2 - 3", "((1 - 2) - 3)"),
        Arguments.of("a || b && c == d", "(a || (b && (c == d)))"),
        Arguments.of("a != b || c < d && e >= f", "((a != b) || ((c < d) && (e >= f)))"),
        Arguments.of("a <= b == c > d", "((a <= b) == (c > d))"),
        Arguments.of("a % b / c * d", "(((a % b) / c) * d)"),
        Arguments.of("!a && -b.c", "((!a) && (-b.c))"),
        Arguments.of("-a * b", "((-a) * b)"),
        Arguments.of("!!a", "(!(!a))"),
        Arguments.of("a ? b : c ? d : e", "(a ? b : (c ? d : e))"),
        Arguments.of("a == b ? 1 + 2 : 3", "((a == b) ? (1 + 2) : 3)"),
        Arguments.of("(1 + 2) * 3", "(paren((1 + 2)) * 3)"),
        // calls
        Arguments.of("f()", "f()"),
        Arguments.of("f(1, a.b)", "f(1, a.b)"),
        Arguments.of("f(1, [2]...)", "f(1, [2]...)"),
        Arguments.of("f(\n  1,\n  2,\n)", "f(1, 2)"),
        Arguments.of("provider::aws::arn_parse(x)", "provider::aws::arn_parse(x)"),
        // collections
        Arguments.of("[]", "[]"),
        Arguments.of("[1, \"a\", [b],]", "[1, tpl(\"a\"), [b]]"),
        Arguments.of("[\n1,\n2\n]", "[1, 2]"),
        Arguments.of("{}", "{}"),
        Arguments.of(
            "{a = 1, \"b\" = 2, (c) = 3, d: 4}", "{a=1, (tpl(\"b\"))=2, (paren(c))=3, d=4}"),
        Arguments.of("{\n  a = 1\n  b = [\n    2,\n  ]\n}", "{a=1, b=[2]}"),
        Arguments.of("{ \"${x}\" = 1 }", "{(wrap(x))=1}"),
        Arguments.of("{ true = 1 }", "{true=1}"),
        Arguments.of("{ null = 1 }", "{null=1}"),
        // for expressions
        Arguments.of("[for x in xs : x.id]", "[for x in xs : x.id]"),
        Arguments.of("[for i, x in xs : x if i > 0]", "[for i, x in xs : x if (i > 0)]"),
        Arguments.of("{for k, v in m : v => k...}", "{for k, v in m : v => k...}"),
        Arguments.of(
            "{for k, v in m : k => v if v != null}", "{for k, v in m : k => v if (v != null)}"),
        Arguments.of("[\n  for x in xs :\n  x\n]", "[for x in xs : x]"),
        Arguments.of("[for]", "[for]"),
        // templates
        Arguments.of("\"\"", "tpl(\"\")"),
        Arguments.of("\"abc\"", "tpl(\"abc\")"),
        Arguments.of("\"${x}\"", "wrap(x)"),
        Arguments.of("\"a${x}b\"", "tpl(\"a\", x, \"b\")"),
        Arguments.of("\"\\n\\r\\t\\\"\\\\\\u00e9\\U0001F600\"", "tpl(\"\\n\r\\t\\\"\\\\é😀\")"),
        Arguments.of("\"$${x} %%{y} $$ %%\"", "tpl(\"${x} %{y} $$ %%\")"),
        Arguments.of("\"e\u0301\"", "tpl(\"\u00e9\")"),
        Arguments.of("\"%{if a}x%{else}y%{endif}\"", "tpl(if(a; tpl(\"x\"); tpl(\"y\")))"),
        Arguments.of(
            "\"%{ for k, v in m }${k}=${v};%{ endfor }\"",
            "tpl(for(k, v in m; tpl(k, \"=\", v, \";\")))"),
        Arguments.of("\"a ${~ x ~} b\"", "tpl(\"a\", x, \"b\")"),
        Arguments.of("\"${ {a = 1}.a }\"", "wrap(rel({a=1}).a)"),
        Arguments.of("\"${\"in\"}\"", "wrap(tpl(\"in\"))"),
        Arguments.of("<<EOT\nhello ${name}\nEOT", "tpl(\"hello \", name, \"\\n\")"),
        Arguments.of("<<-EOT\n    a\n      b\n    EOT", "tpl(\"a\\n  b\\n\")"),
        Arguments.of("<<EOT\nEOT", "tpl(\"\")"),
        Arguments.of("[<<EOT\n  x\n  EOT\n, 1]", "[tpl(\"  x\\n\"), 1]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expressions")
  void parsesTo(String source, String expected) {
    Result<Expr> r = Parser.parseExpression("t.hcl", source);
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    assertEquals(expected.replace("\r", "\\r"), Show.expr(r.value()).replace("\r", "\\r"));
  }
}
