package dev.forma.engine.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact source ranges (line:column:byte) of syntax nodes. */
class RangeTest {

  private static Expr parse(String src) {
    Result<Expr> r = Parser.parseExpression("t", src);
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    return r.value();
  }

  static Stream<Arguments> expressionRanges() {
    Function<Expr, Range> self = Expr::range;
    return Stream.of(
        Arguments.of("a.b[0]", self, "1:1:0-1:7:6"),
        Arguments.of(
            "a.b[0]",
            (Function<Expr, Range>) e -> ((Expr.ScopeTraversal) e).traversal().get(1).range(),
            "1:2:1-1:4:3"),
        Arguments.of(
            "a.b[0]",
            (Function<Expr, Range>) e -> ((Expr.ScopeTraversal) e).traversal().get(2).range(),
            "1:4:3-1:7:6"),
        Arguments.of("-1", self, "1:1:0-1:3:2"),
        Arguments.of(
            "1 + x * 2",
            (Function<Expr, Range>) e -> ((Expr.BinaryOp) e).rhs().range(),
            "1:5:4-1:10:9"),
        Arguments.of("f(1, 2)", self, "1:1:0-1:8:7"),
        Arguments.of(
            "f(1, 2)",
            (Function<Expr, Range>) e -> ((Expr.FunctionCall) e).closeParenRange(),
            "1:7:6-1:8:7"),
        Arguments.of(
            "p::x::f()",
            (Function<Expr, Range>) e -> ((Expr.FunctionCall) e).nameRange(),
            "1:1:0-1:8:7"),
        Arguments.of("\"a${b}c\"", self, "1:1:0-1:9:8"),
        Arguments.of(
            "\"a${b}c\"",
            (Function<Expr, Range>) e -> ((Expr.Template) e).parts().get(2).range(),
            "1:7:6-1:8:7"),
        Arguments.of(
            "\"\"",
            (Function<Expr, Range>) e -> ((Expr.Template) e).parts().get(0).range(),
            "1:2:1-1:2:1"),
        Arguments.of(
            "<<-EOT\n  x\n  EOT",
            (Function<Expr, Range>) e -> ((Expr.Template) e).parts().get(0).range(),
            "2:3:9-3:1:11"),
        Arguments.of("<<-EOT\n  x\n  EOT", self, "1:1:0-3:6:16"),
        Arguments.of("a[*].b", self, "1:1:0-1:7:6"),
        Arguments.of(
            "a[*].b", (Function<Expr, Range>) e -> ((Expr.Splat) e).markerRange(), "1:2:1-1:5:4"),
        Arguments.of(
            "a.*.b", (Function<Expr, Range>) e -> ((Expr.Splat) e).markerRange(), "1:2:1-1:4:3"),
        Arguments.of(
            "x[y]", (Function<Expr, Range>) e -> ((Expr.Index) e).bracketRange(), "1:2:1-1:5:4"),
        Arguments.of("[for x in y : x]", self, "1:1:0-1:17:16"),
        Arguments.of(
            "{ a = 1 }",
            (Function<Expr, Range>) e -> ((Expr.ObjectCons) e).items().get(0).key().range(),
            "1:3:2-1:4:3"),
        Arguments.of("c ? 1 : 2", self, "1:1:0-1:10:9"),
        Arguments.of("(a)", self, "1:1:0-1:4:3"),
        Arguments.of(
            "\"%{if c}x%{endif}\"",
            (Function<Expr, Range>) e -> ((Expr.Template) e).parts().get(0).range(),
            "1:2:1-1:18:17"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("expressionRanges")
  void nodesHaveExactRanges(String src, Function<Expr, Range> pick, String expected) {
    assertEquals(expected, Show.range(pick.apply(parse(src))));
  }

  @Test
  void bodyItemsHaveExactRanges() {
    String src = "resource \"a_b\" c {\n  x = 1\n  d {}\n}\n";
    Result<ConfigFile> r = Parser.parseFile("main.tf", src);
    assertFalse(r.hasErrors());
    Block b = r.value().body().blocks().getFirst();
    assertEquals("1:1:0-1:9:8", Show.range(b.typeRange()));
    assertEquals("1:10:9-1:15:14", Show.range(b.labelRanges().get(0)));
    assertEquals("1:16:15-1:17:16", Show.range(b.labelRanges().get(1)));
    assertEquals("1:1:0-1:17:16", Show.range(b.defRange()));
    assertEquals("1:18:17-1:19:18", Show.range(b.openBraceRange()));
    assertEquals("4:1:34-4:2:35", Show.range(b.closeBraceRange()));
    assertEquals("1:1:0-4:2:35", Show.range(b.range()));
    Attribute x = b.body().attribute("x");
    assertEquals("2:3:21-2:8:26", Show.range(x.range()));
    assertEquals("2:5:23-2:6:24", Show.range(x.equalsRange()));
    assertEquals("3:3:29-3:7:33", Show.range(b.body().blocks("d").getFirst().range()));
    assertEquals("1:1:0-5:1:36", Show.range(r.value().body().range()));
  }

  @Test
  void parsesAHundredThousandLinesWithoutError() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      sb.append("resource \"t\" \"r")
          .append(i)
          .append("\" {\n")
          .append("  name  = \"n-${var.p}-")
          .append(i)
          .append("\"\n")
          .append("  count = length(local.items) > 2 ? 3 : 1 # why\n")
          .append("  tags  = { a = \"b\", c = [1, 2.5, true] }\n")
          .append("  list  = [for x in var.xs : upper(x) if x != \"\"]\n")
          .append("  ids   = aws_instance.web[*].id\n")
          .append("  body  = <<-EOT\n    hello ${each.key}\n    EOT\n")
          .append("}\n");
    }
    // Speed is measured by bench/parse.sh, not asserted here.
    Result<ConfigFile> r = Parser.parseFile("big.tf", sb.toString());
    assertFalse(r.hasErrors());
    assertEquals(10_000, r.value().body().blocks().size());
    assertEquals("100001:1:2727780-100001:1:2727780", Show.range(r.value().body().endRange()));
  }
}
