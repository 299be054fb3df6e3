package dev.forma.engine.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * templatestring and templatefile through the evaluator, as a configuration uses them: results and
 * the diagnostics Terraform 1.11.4 gives (summary and detail).
 */
class TemplateFunctionsTest {
  @TempDir Path dir;
  EvalContext ctx;

  @BeforeEach
  void scope() throws Exception {
    Files.writeString(dir.resolve("m.tpl"), "Hello ${name} ${x.y}");
    Files.writeString(dir.resolve("self.tpl"), "${templatefile(\"self.tpl\", {})}");
    Files.writeString(dir.resolve("a.tpl"), "a");
    Map<String, Value> local =
        Map.of(
            "tmpl", Value.of("Hello, ${name}!"),
            "obj", Value.object(Map.of("t", Value.of("x=${x}"))),
            "list", Value.tuple(List.of(Value.of("a-${v}"))),
            "nested", Value.of("${templatestring(t, {})}"),
            "tf", Value.of("${templatefile(\"a.tpl\", {})}"),
            "file", Value.of("${file(\"a.tpl\")}"),
            "bad", Value.of("x ${"),
            "secret", Value.of("s=${name}").markSensitive(),
            "num", Value.of(5));
    ctx =
        new EvalContext(
            Map.of("local", Value.object(local)), StandardFunctions.INSTANCE, F.context(dir));
  }

  private Result<Value> eval(String expression) {
    Result<Expr> parsed = Parser.parseExpression("<console-input>", expression);
    assertTrue(parsed.diagnostics().asList().isEmpty(), parsed.diagnostics()::toString);
    return Evaluator.evaluate(parsed.value(), ctx);
  }

  private String value(String expression) {
    Result<Value> r = eval(expression);
    assertTrue(r.diagnostics().asList().isEmpty(), r.diagnostics()::toString);
    return ValueRenderer.render(r.value());
  }

  private String error(String expression) {
    List<Diagnostic> ds = eval(expression).diagnostics().asList();
    assertEquals(1, ds.size(), ds::toString);
    return ds.getFirst().summary() + ": " + ds.getFirst().detail();
  }

  @Test
  void templatestringRendersAReferencedTemplate() {
    assertEquals("\"Hello, w!\"", value("templatestring(local.tmpl, {name = \"w\"})"));
    assertEquals("\"x=1\"", value("templatestring(local.obj.t, {x = 1})"));
    assertEquals("\"a-2\"", value("templatestring(local.list[0], {v = 2})"));
    assertEquals("\"Hello, 1!\"", value("templatestring(local.tmpl, {name = 1, extra = 2})"));
    assertEquals("\"Hello, 1!\"", value("core::templatestring(local.tmpl, tomap({name = 1}))"));
    assertEquals("(sensitive value)", value("templatestring(local.secret, {name = 1})"));
  }

  @Test
  void templatestringRefusesATemplateWrittenInTheCall() {
    assertEquals(
        "Invalid function argument: Invalid value for \"template\" parameter: invalid template"
            + " expression: templatestring is only for rendering templates retrieved dynamically"
            + " from elsewhere, and so does not support providing a literal template; consider"
            + " using a template string expression instead.",
        error("templatestring(\"x\", {})"));
    assertEquals(
        "Invalid function argument: Invalid value for \"template\" parameter: invalid template"
            + " expression: templatestring is only for rendering templates retrieved dynamically"
            + " from elsewhere; to render an inline template, consider using a plain template"
            + " string expression.",
        error("templatestring(\"a${local.tmpl}\", {})"));
    assertEquals(
        "Invalid function argument: Invalid value for \"template\" parameter: invalid template"
            + " expression: templatestring is only for rendering templates retrieved dynamically"
            + " from elsewhere; to treat the inner expression as template syntax, write the"
            + " reference expression directly without any template interpolation syntax.",
        error("templatestring(\"${local.tmpl}\", {})"));
    String direct =
        "Invalid function argument: Invalid value for \"template\" parameter: invalid template"
            + " expression: must be a direct reference to a single string from elsewhere,"
            + " containing valid Terraform template syntax.";
    assertEquals(direct, error("templatestring((local.tmpl), {name = 1})"));
    assertEquals(direct, error("templatestring(upper(local.tmpl), {})"));
  }

  @Test
  void templatestringChecksTheTemplateAndItsVariables() {
    assertEquals(
        "Invalid function argument: Invalid value for \"template\" parameter: invalid template"
            + " value: a string is required.",
        error("templatestring(local.obj, {})"));
    assertEquals(
        "Invalid function argument: Invalid value for \"template\" parameter: invalid template"
            + " value: a string is required.",
        error("templatestring(local.num, {})"));
    assertEquals(
        "Invalid function argument: Invalid value for \"vars\" parameter: vars map does not"
            + " contain key \"name\", referenced at <templatestring argument>:1,10-14.",
        error("templatestring(local.tmpl, {})"));
    assertEquals(
        "Invalid function argument: Invalid value for \"vars\" parameter: invalid vars value:"
            + " must be a map.",
        error("templatestring(local.tmpl, \"x\")"));
    // Terraform's range here is 1,5-5 (zero width at the end); Forma's parser ends it one column on
    String bad = error("templatestring(local.bad, {})");
    assertTrue(
        bad.startsWith(
            "Invalid function argument: Invalid value for \"template\" parameter: invalid"
                + " template: <templatestring argument>:1,5-"),
        bad);
    assertTrue(
        bad.endsWith(
            ": Missing expression; Expected the start of an expression, but found the end of the"
                + " file.."),
        bad);
    assertEquals(
        "Error in function call: Call to function \"templatestring\" failed: <templatestring"
            + " argument>:1,10-14: Invalid template interpolation value; The expression result is"
            + " null. Cannot include a null value in a string template..",
        error("templatestring(local.tmpl, {name = null})"));
  }

  @Test
  void aTemplateMayNotRenderTemplatesOrReadFilesFromTemplatestring() {
    assertEquals(
        "Error in function call: Call to function \"templatestring\" failed: <templatestring"
            + " argument>:1,3-18: Error in function call; Call to function \"templatestring\""
            + " failed: cannot recursively call templatestring from inside another template"
            + " function..",
        error("templatestring(local.nested, {t = \"a\"})"));
    assertEquals(
        "Error in function call: Call to function \"templatestring\" failed: <templatestring"
            + " argument>:1,3-16: Error in function call; Call to function \"templatefile\""
            + " failed: cannot recursively call templatefile from inside another template"
            + " function..",
        error("templatestring(local.tf, {})"));
    assertTrue(
        error("templatestring(local.file, {})")
            .endsWith(
                "cannot use filesystem access functions like file in templatestring templates;"
                    + " consider passing the function result as a template variable instead.."));
  }

  @Test
  void templatefileThatRendersItselfIsAnErrorNotEndlessRecursion() {
    // Once: StackOverflowError and a stack trace from `forma console`.
    assertEquals(
        "Error in function call: Call to function \"templatefile\" failed: self.tpl:1,3-16: Error"
            + " in function call; Call to function \"templatefile\" failed: cannot recursively"
            + " call templatefile from inside another template function..",
        error("templatefile(\"self.tpl\", {})"));
  }

  @Test
  void templatefileNamesAVariableTheTemplateUsesButVarsLacks() {
    assertEquals(
        "Invalid function argument: Invalid value for \"vars\" parameter: vars map does not"
            + " contain key \"name\", referenced at m.tpl:1,9-13.",
        error("templatefile(\"m.tpl\", {})"));
    assertEquals("\"Hello 1 2\"", value("templatefile(\"m.tpl\", {name = 1, x = {y = 2}})"));
  }
}
