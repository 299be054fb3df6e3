package dev.forma.provider.api.value;

import static dev.forma.provider.api.value.V.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each expected text is what terraform 1.11 console printed for the same value. */
class ValueRendererTest {
  static final Type STR = Type.STRING;
  static final Type NUM = Type.NUMBER;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(s("a"), "\"a\""),
        Arguments.of(s("a\nb"), "<<EOT\na\nb\nEOT"),
        Arguments.of(s("a\nb\n"), "<<EOT\na\nb\n\nEOT"),
        Arguments.of(s("\n"), "<<EOT\n\n\nEOT"),
        Arguments.of(s("a\r\nb"), "<<EOT\na\r\nb\nEOT"),
        Arguments.of(s("a\tb\nc"), "<<EOT\na\tb\nc\nEOT"),
        Arguments.of(s("tab\there \"q\" \\ ${x} %{y}"), "\"tab\\there \\\"q\\\" \\\\ ${x} %{y}\""),
        Arguments.of(s("a\rb"), "\"a\\rb\""),
        Arguments.of(s("é\u0001"), "\"é\\x01\""),
        Arguments.of(s("\u00a0\u2028x"), "\"\\u00a0\\u2028x\""),
        Arguments.of(tup(), "[]"),
        Arguments.of(obj(), "{}"),
        Arguments.of(list(Type.DYNAMIC), "tolist([])"),
        Arguments.of(set(Type.DYNAMIC), "toset([])"),
        Arguments.of(map(Type.DYNAMIC), "tomap({})"),
        Arguments.of(
            tup(tup(), obj(), tup(n(1), tup(n(2)))),
            "[\n  [],\n  {},\n  [\n    1,\n    [\n      2,\n    ],\n  ],\n]"),
        Arguments.of(
            obj("a", obj("b", tup(n(1))), "c d", s("x"), "1a", Value.NULL),
            "{\n  \"1a\" = null\n  \"a\" = {\n    \"b\" = [\n      1,\n    ]\n  }\n"
                + "  \"c d\" = \"x\"\n}"),
        Arguments.of(
            map(Type.list(STR), "a", list(STR, s("x"))),
            "tomap({\n  \"a\" = tolist([\n    \"x\",\n  ])\n})"),
        Arguments.of(Value.NULL, "null"),
        Arguments.of(Value.nullOf(Type.list(Type.DYNAMIC)), "tolist(null) /* of dynamic */"),
        Arguments.of(Value.nullOf(Type.list(STR)), "tolist(null) /* of string */"),
        Arguments.of(Value.nullOf(Type.map(Type.list(NUM))), "tomap(null) /* of list of number */"),
        Arguments.of(Value.nullOf(Type.set(STR)), "toset(null) /* of string */"),
        Arguments.of(Value.nullOf(objT("a", STR)), "null /* object */"),
        Arguments.of(Value.nullOf(tupT(STR)), "null /* tuple */"),
        Arguments.of(Value.nullOf(STR), "tostring(null)"),
        Arguments.of(Value.nullOf(NUM), "tonumber(null)"),
        Arguments.of(Value.nullOf(Type.BOOL), "tobool(null)"),
        Arguments.of(tup(Value.nullOf(objT("a", STR))), "[\n  null /* object */,\n]"),
        Arguments.of(b(true), "true"),
        Arguments.of(n("1.50"), "1.5"),
        Arguments.of(n(-3), "-3"),
        Arguments.of(
            tup(n("1e40"), n("0.5")), "[\n  10000000000000000000000000000000000000000,\n  0.5,\n]"),
        Arguments.of(tup(s("a\nb")), "[\n  <<-EOT\n  a\n  b\n  EOT,\n]"),
        Arguments.of(obj("a", s("x\ny")), "{\n  \"a\" = <<-EOT\n  x\n  y\n  EOT\n}"),
        Arguments.of(
            obj("a", obj("b", s("x\ny\n"))),
            "{\n  \"a\" = {\n    \"b\" = <<-EOT\n    x\n    y\n    \n    EOT\n  }\n}"),
        Arguments.of(sens(tup(n(1))), "(sensitive value)"),
        Arguments.of(obj("a", sens(n(1))), "{\n  \"a\" = (sensitive value)\n}"),
        Arguments.of(list(STR, sens(s("a"))), "tolist([\n  (sensitive value),\n])"),
        Arguments.of(unk(STR), "(known after apply)"),
        Arguments.of(sens(unk(STR)), "(known after apply)"),
        Arguments.of(sens(Value.NULL), "(sensitive value)"),
        Arguments.of(map(STR, "a", unk(STR)), "tomap({\n  \"a\" = (known after apply)\n})"),
        Arguments.of(obj("a\"b", n(1)), "{\n  \"a\\\"b\" = 1\n}"),
        Arguments.of(set(STR, s("b"), s("a")), "toset([\n  \"a\",\n  \"b\",\n])"),
        Arguments.of(tup(map(NUM, "x y", n(1))), "[\n  tomap({\n    \"x y\" = 1\n  }),\n]"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rendersLikeTerraformConsole(Value v, String expected) {
    assertEquals(expected, ValueRenderer.render(v));
  }
}
