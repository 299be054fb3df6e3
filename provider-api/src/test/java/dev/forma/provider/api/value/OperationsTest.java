package dev.forma.provider.api.value;

import static dev.forma.provider.api.value.V.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Operators, each result and error text checked against terraform 1.11 console. */
class OperationsTest {
  private static final String THIRD =
      "0.33333333333333333333333333333333333333333333333333333333333333333333333333333333333333"
          + "333333333333333333333333333333333333333333333333333333333333333333335";

  interface Op {
    Value apply(Value a, Value b) throws OperationException;
  }

  static Stream<Arguments> arithmetic() {
    Op add = Operations::add;
    Op sub = Operations::subtract;
    Op mul = Operations::multiply;
    Op div = Operations::divide;
    Op mod = Operations::modulo;
    return Stream.of(
        Arguments.of(add, s("1"), n(2), "3"),
        Arguments.of(add, n("0.1"), n("0.2"), "0.3"),
        Arguments.of(div, n(1), n(3), THIRD),
        Arguments.of(
            div,
            n(2),
            n(3),
            "0.666666666666666666666666666666666666666666666666666666666666666666666666666666666"
                + "6666666666666666666666666666666666666666666666666666666666666666666666667"),
        Arguments.of(div, n(10), n(4), "2.5"),
        Arguments.of(div, n(2), n(4), "0.5"),
        Arguments.of(mul, Value.of(new java.math.BigDecimal(THIRD)), n(3), "1"),
        Arguments.of(
            mod,
            n(11),
            n("5.1"),
            "0.8000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000000000000024"),
        Arguments.of(
            mod,
            n(1),
            n("0.3"),
            "0.0999999999999999999999999999999999999999999999999999999999999999999999999999999999"
                + "99999999999999999999999999999999999999999999999999999999999999999999999955"),
        Arguments.of(
            sub,
            n(1),
            n("0.9"),
            "0.1000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000000000000003"),
        Arguments.of(mod, n(-7), n(3), "-1"),
        Arguments.of(mod, n(7), n(-3), "1"),
        Arguments.of(mod, n(5), n(0), "5"),
        Arguments.of(mod, n(5), n("2.5"), "0"),
        Arguments.of(mod, n("-5.5"), n(2), "-1.5"),
        Arguments.of(mul, n("0.1"), n(3), "0.3"),
        Arguments.of(mul, n("1e20"), n("1e20"), "10000000000000000000000000000000000000000"));
  }

  @ParameterizedTest
  @MethodSource("arithmetic")
  void computesLikeTerraform(Op op, Value a, Value b, String printed) throws OperationException {
    assertEquals(printed, op.apply(a, b).toString());
  }

  @Test
  void hundredThirdsTimesThreeIsHundred() throws OperationException {
    assertEquals(n(100), Operations.multiply(Operations.divide(n(100), n(3)), n(3)));
  }

  static Stream<Arguments> failures() {
    Op add = Operations::add;
    Op div = Operations::divide;
    Op lt = Operations::lessThan;
    Op and = Operations::and;
    Op or = Operations::or;
    return Stream.of(
        Arguments.of(
            add,
            s("a"),
            n(1),
            0,
            "Invalid operand",
            "Unsuitable value for left operand: a number is required."),
        Arguments.of(
            add,
            n(1),
            s("a"),
            1,
            "Invalid operand",
            "Unsuitable value for right operand: a number is required."),
        Arguments.of(
            add,
            b(true),
            n(1),
            0,
            "Invalid operand",
            "Unsuitable value for left operand: number required."),
        Arguments.of(
            add,
            tup(),
            n(1),
            0,
            "Invalid operand",
            "Unsuitable value for left operand: number required."),
        Arguments.of(
            add,
            Value.NULL,
            n(1),
            -1,
            "Operation failed",
            "Error during operation: argument must not be null."),
        Arguments.of(
            add,
            n(1),
            Value.NULL,
            -1,
            "Operation failed",
            "Error during operation: argument must not be null."),
        Arguments.of(
            div,
            n(0),
            n(0),
            -1,
            "Operation failed",
            "Error during operation: can't divide zero by zero or infinity by infinity."),
        Arguments.of(
            or,
            b(true),
            Value.NULL,
            -1,
            "Operation failed",
            "Error during operation: argument must not be null."),
        Arguments.of(
            and,
            Value.NULL,
            b(true),
            -1,
            "Operation failed",
            "Error during operation: argument must not be null."),
        Arguments.of(
            and,
            b(false),
            n(1),
            1,
            "Invalid operand",
            "Unsuitable value for right operand: bool required."),
        Arguments.of(
            lt,
            n(1),
            Value.NULL,
            -1,
            "Operation failed",
            "Error during operation: argument must not be null."));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failsLikeTerraform(Op op, Value a, Value b, int operand, String summary, String detail) {
    OperationException e = assertThrows(OperationException.class, () -> op.apply(a, b));
    assertEquals(operand, e.operandIndex());
    assertEquals(summary, e.summary());
    assertEquals(detail, e.detail());
  }

  @Test
  void comparingTwoStringsBlamesBothOperands() {
    OperationException e =
        assertThrows(OperationException.class, () -> Operations.lessThan(s("a"), s("b")));
    assertEquals(
        List.of(
            new OperationException.Problem(
                0, "Invalid operand", "Unsuitable value for left operand: a number is required."),
            new OperationException.Problem(
                1, "Invalid operand", "Unsuitable value for right operand: a number is required.")),
        e.problems());
  }

  @Test
  void unaryOperators() throws OperationException {
    assertEquals(n(-2), Operations.negate(s("2")));
    assertEquals(b(false), Operations.not(s("true")));
    assertEquals(sens(n(-1)), Operations.negate(sens(n(1))));
    assertEquals(
        "Unsuitable value for unary operand: bool required.",
        assertThrows(OperationException.class, () -> Operations.not(n(1))).detail());
    assertEquals(
        "Unsuitable value for unary operand: number required.",
        assertThrows(OperationException.class, () -> Operations.negate(b(true))).detail());
  }

  static Stream<Arguments> equalities() {
    Type str = Type.STRING;
    Type num = Type.NUMBER;
    Value u = unk(str);
    return Stream.of(
        Arguments.of(s("1"), n(1), b(false)),
        Arguments.of(tup(), tup(), b(true)),
        Arguments.of(tup(n(1)), list(num, n(1)), b(false)),
        Arguments.of(list(Type.DYNAMIC), tup(), b(false)),
        Arguments.of(obj(), obj(), b(true)),
        Arguments.of(obj("a", n(1)), map(num, "a", n(1)), b(false)),
        Arguments.of(Value.NULL, Value.NULL, b(true)),
        Arguments.of(n(1), Value.NULL, b(false)),
        Arguments.of(n(1), n("1.0"), b(true)),
        Arguments.of(list(num, n(1)), list(str, s("1")), b(false)),
        Arguments.of(map(num, "a", n(1)), map(str, "a", s("1")), b(false)),
        Arguments.of(set(num, n(1), n(2)), set(num, n(2), n(1)), b(true)),
        Arguments.of(tup(Value.NULL), tup(Value.NULL), b(true)),
        Arguments.of(tup(Value.NULL), tup(n(1)), b(false)),
        Arguments.of(obj("a", Value.NULL), obj("a", n(1)), b(false)),
        Arguments.of(u, u, unk(Type.BOOL)),
        Arguments.of(u, n(1), b(false)),
        Arguments.of(u, Value.nullOf(str), unk(Type.BOOL)),
        Arguments.of(unk(Type.DYNAMIC), n(1), unk(Type.BOOL)),
        Arguments.of(u, s("a"), unk(Type.BOOL)),
        Arguments.of(tup(u, n(1)), tup(s("x"), n(2)), unk(Type.BOOL)),
        Arguments.of(tup(n(1), u), tup(n(2), s("x")), b(false)),
        Arguments.of(tup(u), tup(n(1)), b(false)),
        Arguments.of(set(str, u), set(str, s("a")), unk(Type.BOOL)),
        Arguments.of(map(str, "a", u), map(str, "b", s("x")), b(false)),
        Arguments.of(tup(sens(n(1))), tup(n(1)), sens(b(true))),
        Arguments.of(sens(Value.NULL), Value.NULL, sens(b(true))));
  }

  @ParameterizedTest
  @MethodSource("equalities")
  void equalsLikeTerraform(Value a, Value b, Value expected) throws OperationException {
    assertEquals(expected, Operations.equal(a, b));
  }

  @Test
  void unknownAndSensitiveOperands() throws OperationException {
    Value u = unk(Type.STRING);
    assertEquals(unk(Type.NUMBER), Operations.add(u, n(1)));
    assertEquals(unk(Type.BOOL), Operations.or(b(true), unk(Type.BOOL)));
    assertEquals(unk(Type.BOOL), Operations.and(unk(Type.BOOL), b(false)));
    assertEquals(unk(Type.BOOL), Operations.lessThan(u, n(1)));
    assertEquals(unk(Type.BOOL), Operations.notEqual(u, s("a")));
    assertEquals(sens(n(2)), Operations.add(sens(n(1)), n(1)));
    assertEquals(sens(b(false)), Operations.equal(sens(n(1)), n(2)));
    assertEquals(b(true), Operations.lessThan(s("1"), n(2)));
    assertEquals(b(true), Operations.and(b(true), s("true")));
  }
}
