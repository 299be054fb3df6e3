package dev.forma.engine.config;

import static dev.forma.provider.api.value.V.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Operator;
import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.TypeConstraint;
import dev.forma.provider.api.value.V;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Type constraints read from hand-built syntax trees. Expressions are laid out on one line as in
 * {@code type = <expr>} starting at column 10, so the ranges match what terraform 1.11 validate
 * reported for the same text.
 */
class TypeConstraintsTest {
  /** Builds nodes from source text positions: every node's range is given by its columns. */
  private static Range r(int from, int to) {
    return new Range("main.tf", new Pos(2, from, from - 1), new Pos(2, to, to - 1));
  }

  private static Expr kw(String name, int col) {
    Range range = r(col, col + name.length());
    return new Expr.ScopeTraversal(List.of(new Traverser.Root(name, range)), range);
  }

  /** {@code name(args)} starting at col; closeCol is the column of ')'. */
  private static Expr.FunctionCall call(String name, int col, int closeCol, Expr... args) {
    int open = col + name.length();
    return new Expr.FunctionCall(
        name,
        List.of(args),
        false,
        r(col, open),
        r(open, open + 1),
        r(closeCol, closeCol + 1),
        r(col, closeCol + 1));
  }

  private static Expr lit(Value v, int from, int to) {
    return new Expr.Literal(v, r(from, to));
  }

  private static Expr str(String s, int col) {
    return new Expr.Template(
        List.of(new Expr.Literal(Value.of(s), r(col + 1, col + 1 + s.length()))),
        r(col, col + s.length() + 2));
  }

  /** {@code {k=v, ...}} from alternating bare key names with their columns and value nodes. */
  private static Expr obj(int from, int to, Object... keyColValue) {
    List<Expr.ObjectItem> items = new ArrayList<>();
    for (int i = 0; i < keyColValue.length; i += 3) {
      String k = (String) keyColValue[i];
      int col = (Integer) keyColValue[i + 1];
      items.add(
          new Expr.ObjectItem(
              new Expr.Literal(Value.of(k), r(col, col + k.length())),
              (Expr) keyColValue[i + 2],
              true));
    }
    return new Expr.ObjectCons(items, r(from, to));
  }

  private static Diagnostic onlyError(Result<TypeConstraint> res) {
    assertEquals(1, res.diagnostics().size(), res.diagnostics().toString());
    return res.diagnostics().asList().getFirst();
  }

  private static void assertError(Expr e, String summary, String detail, int from, int to) {
    Diagnostic d = onlyError(TypeConstraints.parse(e));
    assertEquals(summary, d.summary());
    assertEquals(detail, d.detail());
    assertEquals(r(from, to), d.subject());
  }

  private static final String INVALID = "Invalid type specification";

  @Test
  void keywords() {
    assertEquals(Type.STRING, TypeConstraints.parse(kw("string", 10)).value().type());
    assertEquals(Type.DYNAMIC, TypeConstraints.parse(kw("any", 10)).value().type());
    assertEquals(Type.list(Type.DYNAMIC), TypeConstraints.parse(kw("list", 10)).value().type());
    assertEquals(Type.map(Type.DYNAMIC), TypeConstraints.parse(kw("map", 10)).value().type());
    assertError(
        kw("strin", 10),
        INVALID,
        "The keyword \"strin\" is not a valid type specification.",
        10,
        15);
    assertError(
        kw("set", 10),
        INVALID,
        "The set type constructor requires one argument specifying the element type.",
        10,
        13);
    assertError(
        kw("object", 10),
        INVALID,
        "The object type constructor requires one argument specifying the attribute types and"
            + " values as a map.",
        10,
        16);
    assertError(
        kw("tuple", 10),
        INVALID,
        "The tuple type constructor requires one argument specifying the element types as a list.",
        10,
        15);
  }

  @Test
  void constructorArgumentErrors() {
    // list(string, number)
    assertError(
        call("list", 10, 29, kw("string", 15), kw("number", 23)),
        INVALID,
        "The list type constructor requires one argument specifying the element type.",
        23,
        29);
    // map()
    assertError(
        call("map", 10, 14),
        INVALID,
        "The map type constructor requires one argument specifying the element type.",
        13,
        15);
    // string(x)
    assertError(
        call("string", 10, 18, kw("x", 17)),
        INVALID,
        "Primitive type keyword \"string\" does not expect arguments.",
        16,
        19);
    // any(string)
    assertError(
        call("any", 10, 20, kw("string", 14)),
        INVALID,
        "Type constraint keyword \"any\" does not expect arguments.",
        13,
        21);
    // foo(string)
    assertError(
        call("foo", 10, 20, kw("string", 14)),
        INVALID,
        "Keyword \"foo\" is not a valid type constructor.",
        10,
        21);
    // tuple(string)
    assertError(
        call("tuple", 10, 21, kw("string", 16)),
        INVALID,
        "Tuple type constructor requires a list of element types.",
        16,
        22);
    // object([string])
    Expr tupleArg = new Expr.TupleCons(List.of(kw("string", 18)), r(17, 25));
    assertError(
        call("object", 10, 25, tupleArg),
        INVALID,
        "Object type constructor requires a map whose keys are attribute names and whose values"
            + " are the corresponding attribute types.",
        17,
        25);
    // list(optional(string))
    assertError(
        call("list", 10, 31, call("optional", 15, 30, kw("string", 24))),
        INVALID,
        "Keyword \"optional\" is valid only as a modifier for object type attributes.",
        15,
        23);
    // var.x
    Expr varX =
        new Expr.ScopeTraversal(
            List.of(new Traverser.Root("var", r(10, 13)), new Traverser.Attr("x", r(13, 15))),
            r(10, 15));
    assertError(
        varX,
        INVALID,
        "A type specification is either a primitive type keyword (bool, number, string) or a"
            + " complex type constructor call, like list(string).",
        10,
        15);
    // list(1)
    assertError(
        call("list", 10, 16, lit(n(1), 15, 16)),
        INVALID,
        "A type specification is either a primitive type keyword (bool, number, string) or a"
            + " complex type constructor call, like list(string).",
        15,
        16);
  }

  @Test
  void quotedTypes() {
    assertError(
        str("foo", 10),
        "Invalid legacy variable type hint",
        "To provide a full type expression, remove the surrounding quotes and give the type"
            + " expression directly.",
        10,
        15);
    Diagnostic d = onlyError(TypeConstraints.parse(str("list", 10)));
    assertEquals("Invalid quoted type constraints", d.summary());
    assertTrue(
        d.detail()
            .endsWith(
                "Remove the quotes around \"list\" and write list(string) instead to explicitly"
                    + " indicate that the list elements are strings."));
  }

  @Test
  void objectKeyErrors() {
    // object({"a"=string})
    Expr quotedKey =
        new Expr.ObjectCons(
            List.of(new Expr.ObjectItem(str("a", 18), kw("string", 22), false)), r(17, 29));
    assertError(
        call("object", 10, 29, quotedKey),
        INVALID,
        "Object constructor map keys must be attribute names.",
        18,
        21);
    // object({a=string, a=number})
    assertError(
        call("object", 10, 37, obj(17, 37, "a", 18, kw("string", 20), "a", 28, kw("number", 30))),
        INVALID,
        "Object constructor map keys must be unique.",
        28,
        29);
    // object({a=optional()})
    assertError(
        call("object", 10, 31, obj(17, 31, "a", 18, call("optional", 20, 29))),
        INVALID,
        "Optional attribute modifier requires the attribute type as its argument.",
        28,
        30);
    // object({a=optional(string, 1, 2)})
    assertError(
        call(
            "object",
            10,
            43,
            obj(
                17,
                43,
                "a",
                18,
                call("optional", 20, 41, kw("string", 29), lit(n(1), 37, 38), lit(n(2), 40, 41)))),
        INVALID,
        "Optional attribute modifier expects at most two arguments: the attribute type, and a"
            + " default value.",
        28,
        42);
  }

  @Test
  void defaultErrors() {
    // object({a=optional(number, "x")})
    assertError(
        call(
            "object",
            10,
            41,
            obj(17, 41, "a", 18, call("optional", 20, 39, kw("number", 29), str("x", 37)))),
        "Invalid default value for optional attribute",
        "This default value is not compatible with the attribute's type constraint: a number is"
            + " required.",
        37,
        40);
    // object({a=optional(object({b=number}), {})})
    Expr inner = call("object", 29, 45, obj(36, 46, "b", 37, kw("number", 39)));
    assertError(
        call(
            "object",
            10,
            52,
            obj(
                17,
                52,
                "a",
                18,
                call("optional", 20, 51, inner, new Expr.ObjectCons(List.of(), r(49, 51))))),
        "Invalid default value for optional attribute",
        "This default value is not compatible with the attribute's type constraint: attribute"
            + " \"b\" is required.",
        49,
        51);
    // object({a=optional(number, var.y)})
    Expr varY =
        new Expr.ScopeTraversal(
            List.of(new Traverser.Root("var", r(37, 40)), new Traverser.Attr("y", r(40, 42))),
            r(37, 42));
    Diagnostic d =
        onlyError(
            TypeConstraints.parse(
                call(
                    "object",
                    10,
                    43,
                    obj(17, 43, "a", 18, call("optional", 20, 42, kw("number", 29), varY)))));
    assertEquals("Variables not allowed", d.summary());
    assertEquals("Variables may not be used here.", d.detail());
    // max(1,2) as a default
    Expr max = call("max", 37, 44, lit(n(1), 41, 42), lit(n(2), 43, 44));
    d =
        onlyError(
            TypeConstraints.parse(
                call(
                    "object",
                    10,
                    46,
                    obj(17, 46, "a", 18, call("optional", 20, 45, kw("number", 29), max)))));
    assertEquals("Function calls not allowed", d.summary());
    assertEquals("Functions may not be called here.", d.detail());
    assertEquals(r(37, 45), d.subject());
  }

  /**
   * {@code object({a=optional(string, "d"), b=optional(number),
   * c=optional(object({x=optional(number, 7)}), {})})}
   */
  private static TypeConstraint nested() {
    Expr cType =
        call(
            "object",
            1,
            1,
            obj(1, 1, "x", 1, call("optional", 1, 1, kw("number", 1), lit(n(7), 1, 1))));
    Expr e =
        call(
            "object",
            1,
            1,
            obj(
                1,
                1,
                "a",
                1,
                call("optional", 1, 1, kw("string", 1), str("d", 1)),
                "b",
                1,
                call("optional", 1, 1, kw("number", 1)),
                "c",
                1,
                call("optional", 1, 1, cType, new Expr.ObjectCons(List.of(), r(1, 1)))));
    Result<TypeConstraint> res = TypeConstraints.parse(e);
    assertFalse(res.hasErrors(), res.diagnostics().toString());
    return res.value();
  }

  @Test
  void readsOptionalAttributesAndDefaults() {
    TypeConstraint c = nested();
    Type.ObjectType cType =
        new Type.ObjectType(new TreeMap<>(Map.of("x", Type.NUMBER)), Set.of("x"));
    assertEquals(
        new Type.ObjectType(
            new TreeMap<>(Map.of("a", Type.STRING, "b", Type.NUMBER, "c", cType)),
            Set.of("a", "b", "c")),
        c.type());
    assertEquals(s("d"), c.defaults().get("a"));
    assertFalse(c.defaults().containsKey("b"));
    assertEquals(n(7), c.children().get("c").defaults().get("x"));
  }

  @Test
  void appliesDefaultsLikeTerraform() throws ConversionException {
    // x = {a = null} gives {a = "d", b = null, c = {x = 7}}
    Value got = TypeConstraints.convert(V.obj("a", Value.NULL), nested());
    assertEquals(V.obj("a", s("d"), "b", Value.nullOf(Type.NUMBER), "c", V.obj("x", n(7))), got);
  }

  @Test
  void appliesDefaultsInsideCollections() throws ConversionException {
    // map(object({a=optional(string, "d")})) given {k={}, j={a="x"}}
    Expr e =
        call(
            "map",
            1,
            1,
            call(
                "object",
                1,
                1,
                obj(1, 1, "a", 1, call("optional", 1, 1, kw("string", 1), str("d", 1)))));
    TypeConstraint c = TypeConstraints.parse(e).value();
    Value got = TypeConstraints.convert(V.obj("k", V.obj(), "j", V.obj("a", s("x"))), c);
    Type elem = Type.object(Map.of("a", Type.STRING));
    assertEquals(map(elem, "j", V.obj("a", s("x")), "k", V.obj("a", s("d"))), got);
    // list(object({a=optional(list(string), ["z"])})) given [{}, {a=["y", 1]}]
    Expr listDefault = new Expr.TupleCons(List.of(str("z", 1)), r(1, 1));
    Expr l =
        call(
            "list",
            1,
            1,
            call(
                "object",
                1,
                1,
                obj(
                    1,
                    1,
                    "a",
                    1,
                    call("optional", 1, 1, call("list", 1, 1, kw("string", 1)), listDefault))));
    Value got2 =
        TypeConstraints.convert(
            tup(V.obj(), V.obj("a", tup(s("y"), n(1)))), TypeConstraints.parse(l).value());
    Type le = Type.object(Map.of("a", Type.list(Type.STRING)));
    assertEquals(
        list(
            le,
            V.obj("a", list(Type.STRING, s("z"))),
            V.obj("a", list(Type.STRING, s("y"), s("1")))),
        got2);
  }

  @Test
  void constantDefaultsMayUseOperators() {
    Expr sum = new Expr.BinaryOp(Operator.ADD, lit(n(1), 1, 1), lit(n(1), 1, 1), r(1, 1));
    Expr e = call("object", 1, 1, obj(1, 1, "a", 1, call("optional", 1, 1, kw("number", 1), sum)));
    assertEquals(n(2), TypeConstraints.parse(e).value().defaults().get("a"));
  }
}
