package dev.forma.provider.api.value;

import static dev.forma.provider.api.value.V.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.forma.provider.api.value.Type.ObjectType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Conversions and unification, each case checked against terraform 1.11 (console, plan). */
class ConvertTest {
  static final Type STR = Type.STRING;
  static final Type NUM = Type.NUMBER;
  static final Type BOOL = Type.BOOL;
  static final Type ANY = Type.DYNAMIC;

  static Stream<Arguments> conversions() {
    return Stream.of(
        Arguments.of(n(1), STR, s("1")),
        Arguments.of(n("1.50"), STR, s("1.5")),
        Arguments.of(n("1e30"), STR, s("1000000000000000000000000000000")),
        Arguments.of(n("0.1e-5"), STR, s("0.000001")),
        Arguments.of(b(true), STR, s("true")),
        Arguments.of(s("1e3"), NUM, n(1000)),
        Arguments.of(s("+1"), NUM, n(1)),
        Arguments.of(s(".5"), NUM, n("0.5")),
        Arguments.of(s("1."), NUM, n(1)),
        Arguments.of(s("1"), BOOL, b(true)),
        Arguments.of(s("0"), BOOL, b(false)),
        Arguments.of(s("false"), BOOL, b(false)),
        // tolist(["a", 1]) and tolist(["a", true]) unify to list of string
        Arguments.of(tup(s("a"), n(1)), Type.list(ANY), list(STR, s("a"), s("1"))),
        Arguments.of(tup(s("a"), b(true)), Type.list(ANY), list(STR, s("a"), s("true"))),
        Arguments.of(tup(n(1), Value.NULL), Type.list(ANY), list(NUM, n(1), Value.nullOf(NUM))),
        Arguments.of(tup(Value.NULL), Type.list(ANY), list(ANY, Value.NULL)),
        Arguments.of(tup(), Type.list(ANY), list(ANY)),
        Arguments.of(
            tup(tup(n(1)), tup(s("a"))), Type.list(ANY), list(tupT(STR), tup(s("1")), tup(s("a")))),
        Arguments.of(
            tup(tup(n(1)), tup(n(1), s("a"))),
            Type.list(ANY),
            list(Type.list(STR), list(STR, s("1")), list(STR, s("1"), s("a")))),
        // objects of different attributes unify to a map
        Arguments.of(
            tup(obj("a", n(1)), obj("b", s("x"))),
            Type.list(ANY),
            list(Type.map(STR), map(STR, "a", s("1")), map(STR, "b", s("x")))),
        Arguments.of(
            tup(obj("a", n(1)), obj("a", s("x"))),
            Type.list(ANY),
            list(objT("a", STR), obj("a", s("1")), obj("a", s("x")))),
        Arguments.of(
            obj("a", n(1), "b", s("x")), Type.map(ANY), map(STR, "a", s("1"), "b", s("x"))),
        Arguments.of(tup(s("b"), s("a"), n(1)), Type.set(ANY), set(STR, s("1"), s("a"), s("b"))),
        Arguments.of(list(NUM, n(2), n(1), n(2)), Type.set(NUM), set(NUM, n(1), n(2))),
        Arguments.of(set(NUM, n(1)), Type.list(STR), list(STR, s("1"))),
        Arguments.of(map(NUM, "a", n(1)), objT("a", STR), obj("a", s("1"))),
        Arguments.of(map(NUM, "a", n(1), "b", n(2)), objT("a", NUM), obj("a", n(1))),
        Arguments.of(obj("a", s("x"), "b", n(1)), objT("a", STR), obj("a", s("x"))),
        Arguments.of(tup(s("a"), s("2")), tupT(STR, NUM), tup(s("a"), n(2))),
        Arguments.of(Value.NULL, Type.list(STR), Value.nullOf(Type.list(STR))),
        Arguments.of(Value.nullOf(NUM), STR, Value.nullOf(STR)),
        Arguments.of(unk(ANY), NUM, unk(NUM)),
        Arguments.of(unk(tupT(NUM, STR)), Type.list(ANY), unk(Type.list(STR))),
        Arguments.of(tup(n(1), s("a")), ANY, tup(n(1), s("a"))),
        Arguments.of(sens(n(1)), STR, sens(s("1"))),
        Arguments.of(tup(sens(n(1)), s("a")), Type.list(STR), list(STR, sens(s("1")), s("a"))),
        Arguments.of(
            obj("a", tup(unk(NUM))), objT("a", Type.list(STR)), obj("a", list(STR, unk(STR)))));
  }

  @ParameterizedTest
  @MethodSource("conversions")
  void converts(Value in, Type want, Value expected) throws ConversionException {
    Value got = Convert.convert(in, want);
    assertEquals(expected, got);
    assertEquals(expected.type(), got.type());
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(s("abc"), NUM, "a number is required"),
        Arguments.of(s("0x10"), NUM, "a number is required"),
        Arguments.of(s(" 1"), NUM, "a number is required"),
        Arguments.of(s("1_000"), NUM, "a number is required"),
        Arguments.of(s("True"), BOOL, "a bool is required"),
        Arguments.of(n(1), BOOL, "bool required"),
        Arguments.of(b(true), NUM, "number required"),
        Arguments.of(tup(n(1)), STR, "string required"),
        Arguments.of(obj("a", s("x")), objT("a", STR, "b", NUM), "attribute \"b\" is required"),
        Arguments.of(
            obj("a", s("x"), "b", obj("c", s("maybe"))),
            objT("a", STR, "b", objT("c", BOOL)),
            "a bool is required"),
        Arguments.of(
            obj("a", s("x"), "b", obj("c", tup(n(1)))),
            objT("a", STR, "b", objT("c", BOOL)),
            "attribute \"b\": attribute \"c\": bool required"),
        Arguments.of(
            obj("a", s("x"), "b", obj()),
            objT("a", STR, "b", objT("c", BOOL)),
            "attribute \"b\": attribute \"c\" is required"),
        Arguments.of(tup(n(1), s("x")), Type.list(NUM), "a number is required"),
        Arguments.of(tup(n(1), tup(n(2))), Type.list(NUM), "element 1: number required"),
        Arguments.of(
            tup(obj("a", n(1)), obj("b", n(2))),
            Type.list(objT("a", NUM)),
            "element 1: attribute \"a\" is required"),
        Arguments.of(obj("a", tup(n(1))), Type.map(STR), "element \"a\": string required"),
        Arguments.of(
            obj("k", obj("a", tup(n(1)))),
            Type.map(objT("a", NUM)),
            "element \"k\": attribute \"a\": number required"),
        Arguments.of(
            tup(tup(n(1)), tup(b(true))),
            Type.list(Type.list(NUM)),
            "element 1: element 0: number required"),
        Arguments.of(
            obj("a", tup(n(1), tup(n(2)))),
            objT("a", Type.list(NUM)),
            "attribute \"a\": element 1: number required"),
        Arguments.of(tup(s("a")), tupT(STR, NUM), "tuple required"),
        Arguments.of(tup(s("a"), obj()), tupT(STR, NUM), "tuple required"),
        Arguments.of(tup(s("a"), s("b")), tupT(STR, NUM), "a number is required"),
        Arguments.of(list(NUM, n(1), n(2)), tupT(NUM, NUM), "tuple required"),
        Arguments.of(tup(n(1)), objT("a", STR), "object required"),
        Arguments.of(s("x"), Type.list(STR), "list of string required"),
        Arguments.of(obj("a", n(1)), Type.set(NUM), "set of number required"),
        Arguments.of(tup(s("a")), Type.map(STR), "map of string required"),
        Arguments.of(
            tup(n(1), b(true)), Type.list(ANY), "all list elements must have the same type"),
        Arguments.of(
            tup(tup(n(1)), obj("a", n(1))),
            Type.list(ANY),
            "all list elements must have the same type"),
        Arguments.of(
            tup(obj("a", n(1)), obj("a", tup(n(1)))),
            Type.list(ANY),
            "all list elements must have the same type"),
        Arguments.of(
            obj("a", n(1), "b", b(true)),
            Type.map(ANY),
            "all map elements must have the same type"),
        Arguments.of(
            map(STR, "b", s("1")),
            objT("a", STR),
            "map has no element for required attribute \"a\""));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failsLikeTerraform(Value in, Type want, String described) {
    ConversionException e =
        assertThrows(ConversionException.class, () -> Convert.convert(in, want));
    assertEquals(described, e.describe());
  }

  @Test
  void pathLocatesValueErrors() {
    ConversionException e =
        assertThrows(
            ConversionException.class,
            () -> Convert.convert(obj("b", obj("c", s("maybe"))), objT("b", objT("c", BOOL))));
    assertEquals(List.of(PathStep.attr("b"), PathStep.attr("c")), e.path());
    assertEquals("a bool is required", e.getMessage());
  }

  @Test
  void missingOptionalAttributeBecomesNull() throws ConversionException {
    ObjectType t = new ObjectType(new TreeMap<>(Map.of("a", STR, "b", NUM)), Set.of("b"));
    assertEquals(obj("a", s("x"), "b", Value.nullOf(NUM)), Convert.convert(obj("a", s("x")), t));
    assertEquals(
        obj("a", s("x"), "b", Value.nullOf(NUM)), Convert.convert(map(STR, "a", s("x")), t));
    assertEquals(objT("a", STR, "b", NUM), Convert.convert(Value.NULL, t).type());
  }

  static Stream<Arguments> unifications() {
    return Stream.of(
        Arguments.of(List.of(NUM, STR), STR),
        Arguments.of(List.of(BOOL, STR), STR),
        Arguments.of(List.of(NUM, BOOL), null),
        Arguments.of(List.of(NUM, ANY), NUM),
        Arguments.of(List.of(), ANY),
        Arguments.of(List.of(tupT(NUM), Type.list(NUM)), Type.list(NUM)),
        Arguments.of(List.of(objT("a", NUM), Type.map(NUM)), Type.map(NUM)),
        Arguments.of(List.of(objT("a", NUM), objT("b", NUM)), Type.map(NUM)),
        Arguments.of(List.of(objT("a", NUM), Type.map(STR)), Type.map(STR)),
        Arguments.of(List.of(objT("a", NUM), objT("a", STR)), objT("a", STR)),
        Arguments.of(List.of(tupT(NUM), tupT(STR, NUM)), Type.list(STR)),
        Arguments.of(List.of(tupT(), tupT(NUM)), Type.list(NUM)),
        Arguments.of(List.of(tupT(NUM), tupT(ANY)), tupT(NUM)),
        Arguments.of(List.of(Type.set(NUM), Type.list(NUM)), Type.list(NUM)),
        Arguments.of(List.of(Type.list(NUM), Type.set(STR)), Type.list(NUM)),
        Arguments.of(List.of(Type.list(NUM), Type.list(STR)), Type.list(STR)),
        Arguments.of(List.of(Type.set(NUM), Type.set(STR)), Type.set(STR)),
        Arguments.of(List.of(Type.map(NUM), Type.map(STR)), Type.map(STR)),
        Arguments.of(List.of(Type.list(NUM), tupT(STR)), Type.list(STR)),
        Arguments.of(List.of(Type.set(NUM), tupT(STR)), Type.set(NUM)),
        Arguments.of(List.of(Type.list(BOOL), tupT(NUM)), null),
        Arguments.of(List.of(Type.map(NUM), Type.list(NUM)), null));
  }

  @ParameterizedTest
  @MethodSource("unifications")
  void unifiesLikeConditionals(List<Type> types, Type expected) {
    Type got = Convert.unify(types);
    if (expected == null) {
      assertNull(got);
    } else {
      assertEquals(expected, got);
    }
  }
}
