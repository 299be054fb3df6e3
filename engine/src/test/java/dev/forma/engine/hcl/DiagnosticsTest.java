package dev.forma.engine.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Syntax errors: Terraform's summaries, the exact subject ranges (line:column:byte), and recovery
 * so that independent mistakes are all reported.
 */
class DiagnosticsTest {

  static Stream<Arguments> fileErrors() {
    return Stream.of(
        Arguments.of(
            "a = \"a value\", b = \"b value\"\n",
            "Unexpected comma after argument @1:14:13-1:15:14"),
        Arguments.of(
            "a { b = \"foo\", c = \"bar\" }\n",
            "Invalid single-argument block definition @1:14:13-1:15:14"),
        Arguments.of(
            "a { b = \"foo\"\n}\n", "Invalid single-argument block definition @1:14:13-2:1:14"),
        Arguments.of(
            "a { b = 1 2 }\n", "Invalid single-argument block definition @1:11:10-1:12:11"),
        Arguments.of("a { d {} }\n", "Argument definition required @1:5:4-1:8:7"),
        Arguments.of("a {\n", "Unclosed configuration block @1:3:2-1:4:3"),
        Arguments.of("a {} b = 1\n", "Missing newline after block definition @1:6:5-1:7:6"),
        Arguments.of(
            "x = 1;\n",
            "Invalid character @1:6:5-1:7:6; Missing newline after argument @1:6:5-1:7:6"),
        Arguments.of(
            "x = 'a'\n",
            // one error for the pair of quotes, as terraform validate -json reports it
            "Invalid character @1:5:4-1:6:5; Invalid expression @1:5:4-1:6:5"),
        Arguments.of("x = a ==> b\n", "Invalid expression @1:9:8-1:10:9"),
        Arguments.of("x = 1 === 2\n", "Invalid expression @1:9:8-1:10:9"),
        Arguments.of("x = a => b\n", "Missing newline after argument @1:7:6-1:9:8"),
        Arguments.of("x \"value\"\n", "Invalid block definition @1:10:9-2:1:10"),
        Arguments.of("x := 1\n", "Argument or block definition required @1:1:0-1:2:1"),
        Arguments.of("x &&= 1\n", "Argument or block definition required @1:1:0-1:2:1"),
        Arguments.of("x = a and b\n", "Missing newline after argument @1:7:6-1:10:9"),
        Arguments.of(
            "x = \"abc\n",
            "Invalid multi-line string @1:9:8-2:1:9;"
                + " Unterminated template string @1:9:8-2:1:9"),
        Arguments.of("x = \"a\\qb\"\n", "Invalid escape sequence @1:7:6-1:9:8"),
        Arguments.of("x = \"\\u12\"\n", "Invalid escape sequence @1:6:5-1:10:9"),
        Arguments.of("x = \"\\ud800\"\n", "Invalid escape sequence @1:6:5-1:12:11"),
        Arguments.of("x = 1 2\n", "Missing newline after argument @1:7:6-1:8:7"),
        Arguments.of("x = @\n", "Invalid character @1:5:4-1:6:5; Invalid expression @1:5:4-1:6:5"),
        Arguments.of(
            "@\n",
            "Invalid character @1:1:0-1:2:1;"
                + " Argument or block definition required @1:1:0-1:2:1"),
        Arguments.of("x = \n", "Invalid expression @1:5:4-2:1:5"),
        Arguments.of("}\n", "Argument or block definition required @1:1:0-1:2:1"),
        Arguments.of("/* abc\n", "Argument or block definition required @1:1:0-1:2:1"),
        Arguments.of("x = { a b }\n", "Missing key/value separator @1:9:8-1:10:9"),
        Arguments.of("x = { a = 1 b = 2 }\n", "Missing attribute separator @1:13:12-1:14:13"),
        Arguments.of("x = { a = 1, \n", "Missing expression @2:1:14-2:2:15"),
        Arguments.of("x = [1, 2\n", "Unterminated tuple constructor expression @1:5:4-1:6:5"),
        Arguments.of("x = [1 2]\n", "Missing item separator @1:8:7-1:9:8"),
        Arguments.of("x = f(1 2)\n", "Missing argument separator @1:9:8-1:10:9"),
        Arguments.of("x = f(1, 2\n", "Unterminated function call @1:5:4-1:7:6"),
        Arguments.of("x = f(a..., b)\n", "Missing closing parenthesis @1:8:7-1:11:10"),
        Arguments.of("x = (1\n", "Unbalanced parentheses @2:1:7-2:2:8"),
        Arguments.of("x = a[1\n", "Missing close bracket on index @2:1:8-2:2:9"),
        Arguments.of("x = a.\n", "Invalid attribute name @1:7:6-2:1:7"),
        Arguments.of("x = a.*.*\n", "Nested splat expression not allowed @1:9:8-1:10:9"),
        Arguments.of("x = a.0.1\n", "Invalid legacy index syntax @1:7:6-1:10:9"),
        Arguments.of("x = a ? b\n", "Missing false expression in conditional @1:10:9-2:1:10"),
        Arguments.of("x = provider::a::b\n", "Missing open parenthesis @1:19:18-2:1:19"),
        Arguments.of(
            "x = `x`\n",
            "Invalid character @1:5:4-1:6:5; Invalid character @1:7:6-1:8:7;"
                + " Invalid expression @1:5:4-1:6:5"),
        Arguments.of(
            "x = \"${a b}\"\n", "Extra characters after interpolation expression @1:10:9-1:11:10"),
        Arguments.of("x = \"${a} %{ if b }\"\n", "Unexpected end of template @1:20:19-1:21:20"),
        Arguments.of("x = \"%{ endif }\"\n", "Unexpected endif directive @1:6:5-1:16:15"),
        Arguments.of("x = \"%{ else }\"\n", "Unexpected else directive @1:6:5-1:15:14"),
        Arguments.of("x = \"%{ for a in b }\"\n", "Unexpected end of template @1:21:20-1:22:21"),
        Arguments.of("x = \"%{ foo }\"\n", "Invalid template control keyword @1:9:8-1:12:11"),
        Arguments.of("a \"x${y}\" {}\n", "Invalid string literal @1:5:4-1:7:6"),
        Arguments.of("x = <<EOT\nabc\n", "Unterminated template string @3:1:14-3:2:15"),
        // a closing marker must end its line, as in Terraform; the missing brace of the block
        // is not reported again
        Arguments.of("x = <<EOT\nabc\nEOT", "Unterminated template string @3:4:17-3:5:18"),
        Arguments.of(
            "a {\n  x = <<EOT\nabc\nEOTX\n}\n", "Unterminated template string @6:1:27-6:2:28"),
        Arguments.of("x = <<EOT\nabc\n  EOT \t\n", ""),
        Arguments.of("_ \"_\" {\n  _x = { _y = 1 }\n  z = [for _, s in l : s]\n}\n", ""),
        Arguments.of(
            "x = [for a in b : a if c if d]\n", "Invalid 'for' expression @1:26:25-1:28:27"),
        Arguments.of("x = [for a in b a]\n", "Invalid 'for' expression @1:17:16-1:18:17"),
        Arguments.of("x = {for a in b : a}\n", "Invalid 'for' expression @1:19:18-1:20:19"),
        Arguments.of("x = [for a in b : a => a]\n", "Invalid 'for' expression @1:19:18-1:20:19"),
        Arguments.of("x = [for a in b : a\n", "Invalid 'for' expression @2:1:20-2:2:21"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileErrors")
  void reportsTerraformsDiagnostic(String source, String expected) {
    Result<ConfigFile> r = Parser.parseFile("main.tf", source);
    assertEquals(expected, Show.diags(r.diagnostics()));
  }

  static Stream<Arguments> lookalikes() {
    return Stream.of(
        Arguments.of(
            "x = 'a'\n",
            "Single quotes are not valid. Use double quotes (\") to enclose" + " strings."),
        Arguments.of("x = 1 === 2\n", "Did you mean \"==\"?"),
        Arguments.of("x = 1 !== 2\n", "Did you mean \"!=\"?"),
        Arguments.of("x = a ==> b\n", "Did you mean \">=\"?"),
        Arguments.of("x = a => b\n", "Did you mean \">=\"?"),
        Arguments.of("x \"value\"\n", "Did you mean to set an argument: x = \"value\"?"),
        Arguments.of("x = 1;\n", "Did you mean to end the line here?"),
        Arguments.of("x := 1\n", "Did you mean \"x = ...\"?"),
        Arguments.of("x &&= y\n", "Did you mean \"x = x && ...\"?"),
        Arguments.of("x = a and b\n", "Did you mean \"&&\"?"),
        Arguments.of("x = a or b\n", "Did you mean \"||\"?"),
        Arguments.of("x = not b\n", "Did you mean \"!\"?"),
        Arguments.of("x = a & b\n", "Did you mean \"&&\"?"),
        Arguments.of("x = { a => 1 }\n", "Did you mean \"=\"?"),
        Arguments.of("x = \"%{ endfi }\"\n", "Did you mean"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lookalikes")
  void suggestsTheHclSpelling(String source, String hint) {
    List<Diagnostic> ds = Parser.parseFile("main.tf", source).diagnostics().asList();
    boolean found = ds.stream().anyMatch(d -> d.detail().contains(hint));
    assertEquals(true, found, () -> "no \"" + hint + "\" in " + ds);
  }

  @Test
  void reportsEveryIndependentError() {
    String src =
        """
        a = 1 2
        b = [1 2]
        ok = 3
        c {
          d = f(
        }
        e = "x
        g = 'y'
        h = 1
        """;
    Result<ConfigFile> r = Parser.parseFile("main.tf", src);
    assertEquals(
        "Invalid character @8:5:51-8:6:52;"
            + " Missing newline after argument @1:7:6-1:8:7; Missing item separator @2:8:15-2:9:16;"
            + " Invalid expression @6:1:38-6:2:39; Invalid multi-line string @7:7:46-8:1:47;"
            + " Unterminated template string @7:7:46-8:1:47; Invalid expression @8:5:51-8:6:52",
        Show.diags(r.diagnostics()));
    List<String> names = r.value().body().attributes().stream().map(Attribute::name).toList();
    assertEquals(List.of("a", "b", "ok", "e", "g", "h"), names);
  }

  @Test
  void expressionEntryRejectsTrailingTokens() {
    Result<Expr> r = Parser.parseExpression("<value>", "1 2");
    assertEquals("Extra characters after expression @1:3:2-1:4:3", Show.diags(r.diagnostics()));
  }
}
