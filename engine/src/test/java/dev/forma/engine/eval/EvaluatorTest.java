package dev.forma.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueRenderer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evaluator against values and error texts recorded from {@code terraform console} (1.11.4),
 * with {@code local} bound as in the console sessions: {@code obj = {a = 1, b = "x"}}, {@code m =
 * tomap({a = "1"})}, {@code l = ["a", "b"]}, {@code s = toset(["a"])}, and {@code u} an unknown
 * string, {@code secret} a sensitive string.
 */
class EvaluatorTest {
  static final Map<String, Value> LOCALS =
      Map.of(
          "obj", Value.object(Map.of("a", Value.of(1), "b", Value.of("x"))),
          "m", Value.map(Type.STRING, Map.of("a", Value.of("1"))),
          "l", Value.tuple(List.of(Value.of("a"), Value.of("b"))),
          "s", Value.set(Type.STRING, List.of(Value.of("a"))),
          "u", Value.unknown(Type.STRING),
          "secret", Value.of("hunter2").markSensitive());

  static Result<Value> eval(String src) {
    Result<Expr> parsed = Parser.parseExpression("<console-input>", src);
    assertFalse(parsed.hasErrors(), () -> "parse errors: " + parsed.diagnostics());
    EvalContext ctx =
        new EvalContext(
            Map.of("local", Value.object(LOCALS)),
            dev.forma.engine.functions.StandardFunctions.INSTANCE,
            null);
    return Evaluator.evaluate(parsed.value(), ctx);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          local.l[*]                                   | ["a", "b"]
          [for i, v in ["a","b"] : "${i}=${v}"]        | ["0=a", "1=b"]
          {for k, v in {a=1,b=2} : v => k}             | {"1" = "a", "2" = "b"}
          "%{for x in ["a","b"]}${x},%{endfor}"        | "a,b,"
          "%{ if true }yes%{ else }no%{ endif }"       | "yes"
          true ? "a" : null                            | "a"
          true ? 1 : "a"                               | "1"
          [{a=1},{a=2}][*].a                           | [1, 2]
          [{a=1},{a=2}].*.a                            | [1, 2]
          local.obj["a"]                               | 1
          {a = {b = [1,2]}}.a.b[1]                     | 2
          "${1 + 1}"                                   | 2
          "x" == "x"                                   | true
          "x-${local.u}"                               | (known after apply)
          length([local.u])                            | 1
          local.secret                                 | (sensitive value)
          upper(local.secret)                          | (sensitive value)
          nonsensitive(upper(local.secret))            | "HUNTER2"
          "a" == local.u                               | (known after apply)
          {a=1, a=2}                                   | {"a" = 2}
          {for k in ["a","a"] : k => 1...}             | {"a" = [1, 1]}
          "a"[*]                                       | ["a"]
          null[*]                                      | []
          local.s[*]                                   | tolist(["a"])
          can(local.obj.c)                             | false
          can(local.obj.a)                             | true
          try(local.obj.c, "fallback")                 | "fallback"
          max([1,2]...)                                | 2
          { 1 = 2}                                     | {"1" = 2}
          true ? "a" : [][0]                           | "a"
          false ? [][0] : "a"                          | "a"
          null != null ? "vpc/${null}" : "none"        | "none"
          length([]) > 0 ? [][0] : "none"              | "none"
          false ? "a" : 1                              | "1"
          false ? {a=1} : {b=2}                        | tomap({"b" = 2})
          true ? {a={x=1}} : {a={y=2}}                 | {"a" = tomap({"x" = 1})}
          true ? null : 1                              | tonumber(null)
          true ? [1] : ["a", 2]                        | tolist(["1"])
          local.u == "x" ? "a" : [][0]                 | (known after apply)
          "%{if true}a%{else}${[][0]}%{endif}"         | "a"
          true ? "a" : "%{if null}x%{endif}"           | "a"
          """)
  void evaluatesAsTerraformConsole(String expr, String expected) {
    Result<Value> r = eval(expr);
    assertFalse(r.hasErrors(), () -> "errors: " + r.diagnostics());
    assertEquals(normalise(expected), normalise(ValueRenderer.render(r.value())));
  }

  /** Console output is multi-line; the table writes it on one line: compare without layout. */
  static String normalise(String s) {
    return s.replaceAll("[\\s,]+", "");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          local.obj.c             | Unsupported attribute | This object does not have an attribute named "c".
          local.m.c               | Missing map element | This map does not have an element with the key "c".
          local.l[5]              | Invalid index | The given key does not identify an element in this collection value.
          null.a                  | Attempt to get attribute from null value | This value is null, so it does not have any attributes.
          "x${null}"              | Invalid template interpolation value | The expression result is null. Cannot include a null value in a string template.
          "x${[1]}"               | Invalid template interpolation value | Cannot include the given value in a string template: string required.
          true ? 1 : [1]          | Inconsistent conditional result types | The true and false result expressions must have consistent types. The 'true' value is number, but the 'false' value is tuple.
          null ? 1 : 2            | Null condition | The condition value is null. Conditions must either be true or false.
          {for k in ["a","a"] : k => 1} | Duplicate object key | Two different items produced the key "a" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.
          upperr("a")             | Call to unknown function | There is no function named "upperr". Did you mean "upper"?
          local.l["x"]            | Invalid index | The given key does not identify an element in this collection value: a number is required.
          local.obj[0]            | Invalid index | The given key does not identify an element in this collection value. An object only supports looking up attributes by name, not by numeric index.
          local.l.foo             | Unsupported attribute | This value does not have any attributes.
          "a".b                   | Unsupported attribute | Can't access attributes on a primitive-typed value (string).
          local.obj.a.b           | Unsupported attribute | Can't access attributes on a primitive-typed value (number).
          [for x in 5 : x]        | Iteration over non-iterable value | A value of type number cannot be used as the collection in a 'for' expression.
          local.l[-1]             | Invalid index | The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.
          local.l[1.5]            | Invalid index | The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.
          {(null) = 1}            | Null value as key | Can't use a null value as a key.
          abs("x")                | Invalid function argument | Invalid value for "num" parameter: a number is required.
          1 + "a"                 | Invalid operand | Unsuitable value for right operand: a number is required.
          !1                      | Invalid operand | Unsuitable value for unary operand: bool required.
          local.l[null]           | Invalid index | Can't use a null value as an indexing key.
          [for k, v in {a=1} : v if v] | Invalid 'for' condition | The 'if' clause value is invalid: bool required.
          [for v in [1] : v if null]   | Condition is null | The value of the 'if' clause must not be null.
          {for v in [[1]] : v => v}    | Invalid object key | The key expression produced an invalid result: string required.
          "%{if 1}a%{endif}"      | Incorrect condition type | The condition expression must be of type bool.
          abs(1,2)                | Too many function arguments | Function "abs" expects only 1 argument(s).
          [1][1]                  | Invalid index | The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.
          local.l[2]              | Invalid index | The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.
          [][0]                   | Invalid index | The given key does not identify an element in this collection value: the collection has no elements.
          [][1]                   | Invalid index | The given key does not identify an element in this collection value.
          true ? [][0] : "a"      | Invalid index | The given key does not identify an element in this collection value: the collection has no elements.
          true ? {a=1} : "x"      | Inconsistent conditional result types | The true and false result expressions must have consistent types. The 'true' value is object, but the 'false' value is string.
          local.u == "" ? {a=1} : "x" | Inconsistent conditional result types | The true and false result expressions must have consistent types. The 'true' value is object, but the 'false' value is string.
          false ? {a=1} : {a="x", b=[]} | Inconsistent conditional result types | The true and false result expressions must have consistent types. Type mismatch for object attribute "a": The 'true' value is number, but the 'false' value is string.
          true ? [1, {}] : [2, []] | Inconsistent conditional result types | The true and false result expressions must have consistent types. Type mismatch for tuple element 1: The 'true' value is object, but the 'false' value is tuple.
          true ? tolist([{a=1}]) : tolist([{b=[]}]) | Inconsistent conditional result types | The true and false result expressions must have consistent types. Mismatched list element types: The 'true' value includes object attribute "a", which is absent in the 'false' value.
          "%{if null}a%{endif}"   | Null condition | The condition value is null. Conditions must either be true or false.
          """)
  void reportsTerraformErrors(String expr, String summary, String detail) {
    Result<Value> r = eval(expr);
    assertTrue(r.hasErrors(), () -> "expected an error, got " + r.value());
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals(summary, d.summary());
    assertEquals(detail, d.detail());
    assertTrue(d.subject() != null, "diagnostic has a source range");
  }

  @org.junit.jupiter.api.Test
  void anUnknownConditionGivesAnUnknownOfTheUnifiedType() {
    assertEquals(Value.unknown(Type.STRING), eval("local.u == \"x\" ? \"a\" : 1").value());
    assertEquals(
        Value.unknown(Type.map(Type.NUMBER)), eval("local.u == \"x\" ? {a = 1} : {b = 2}").value());
    Result<Value> r = eval("local.u == \"x\" ? \"a\" : [][0]");
    assertTrue(r.diagnostics().isEmpty(), "the results' errors do not count: " + r.diagnostics());
  }

  @org.junit.jupiter.api.Test
  void reportsBothOperandsOfAStringComparison() {
    Result<Value> r = eval("\"a\" < \"b\"");
    List<String> details =
        r.diagnostics().asList().stream().map(Diagnostic::detail).collect(Collectors.toList());
    assertEquals(
        List.of(
            "Unsuitable value for left operand: a number is required.",
            "Unsuitable value for right operand: a number is required."),
        details);
    assertEquals(1, r.diagnostics().asList().get(0).subject().start().column());
    assertEquals(7, r.diagnostics().asList().get(1).subject().start().column());
  }

  @org.junit.jupiter.api.Test
  void tryReportsEveryFailureWhenNoExpressionSucceeds() {
    Result<Value> r = eval("try(local.obj.c, local.obj.d)");
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Error in function call", d.summary());
    assertTrue(
        d.detail()
            .startsWith(
                "Call to function \"try\" failed: no expression succeeded:\n"
                    + "- Unsupported attribute (at <console-input>:1,14-16)\n"
                    + "  This object does not have an attribute named \"c\".\n"
                    + "- Unsupported attribute (at <console-input>:1,27-29)\n"),
        d.detail());
  }
}
