package dev.forma.provider.api.value;

import static dev.forma.provider.api.value.V.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** jsonencode / jsondecode results checked against terraform 1.11 console. */
class ValueJsonTest {
  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of(
            obj(
                "b", n(1),
                "a", tup(b(true), Value.NULL, s("x<>&")),
                "c", map(Type.NUMBER, "z", n("1.5"), "y", n(0))),
            "{\"a\":[true,null,\"x\\u003c\\u003e\\u0026\"],\"b\":1,\"c\":{\"y\":0,\"z\":1.5}}"),
        Arguments.of(s("\u2028\u2029\u0001é\t\n/"), "\"\\u2028\\u2029\\u0001é\\t\\n/\""),
        Arguments.of(s("\b\f\u007fÿ"), "\"\\b\\f\u007fÿ\""),
        Arguments.of(n("1e40"), "10000000000000000000000000000000000000000"),
        Arguments.of(n("0.000001"), "0.000001"),
        Arguments.of(n("1e-7"), "0.0000001"),
        Arguments.of(set(Type.STRING, s("b"), s("a")), "[\"a\",\"b\"]"),
        Arguments.of(Value.NULL, "null"),
        Arguments.of(list(Type.DYNAMIC), "[]"),
        Arguments.of(obj(), "{}"),
        Arguments.of(obj("é", n(1), "z", n(2), "B", n(3)), "{\"B\":3,\"z\":2,\"é\":1}"),
        Arguments.of(tup(sens(n(1))), "[1]"));
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void encodesLikeJsonencode(Value v, String json) throws ValueJson.JsonException {
    assertEquals(json, ValueJson.encode(v));
  }

  @Test
  void unknownCannotBeEncoded() {
    assertThrows(ValueJson.JsonException.class, () -> ValueJson.encode(tup(unk(Type.STRING))));
  }

  @Test
  void decodesLikeJsondecode() throws ValueJson.JsonException {
    Value v = ValueJson.decode("{\"b\":1,\"a\":[1.50,true,null,\"x\"],\"c\":{}}");
    assertEquals(obj("a", tup(n("1.5"), b(true), Value.NULL, s("x")), "b", n(1), "c", obj()), v);
    assertEquals(
        V.objT(
            "a", V.tupT(Type.NUMBER, Type.BOOL, Type.DYNAMIC, Type.STRING),
            "b", Type.NUMBER,
            "c", Type.EMPTY_OBJECT),
        v.type());
    assertEquals(obj("a", n(2)), ValueJson.decode("{\"a\":1,\"a\":2}"));
    assertEquals(s("😀"), ValueJson.decode("\"\\ud83d\\ude00\""));
    assertEquals(
        "12345678901234567890.123456789",
        ValueJson.decode("12345678901234567890.123456789").toString());
    assertEquals("1" + "0".repeat(400), ValueJson.decode("1e400").toString());
  }

  @Test
  void decodeErrorsNameTheProblem() {
    assertEquals(
        "EOF",
        assertThrows(ValueJson.JsonException.class, () -> ValueJson.decode("")).getMessage());
    assertEquals(
        "extraneous data after JSON object",
        assertThrows(ValueJson.JsonException.class, () -> ValueJson.decode("1 2")).getMessage());
  }

  @Test
  void typedDecodingConvertsToTheDeclaredType() throws Exception {
    ObjectMapper m = new ObjectMapper();
    assertEquals(
        list(Type.STRING, s("1"), s("a")),
        ValueJson.fromJson(m.readTree("[1, \"a\"]"), Type.list(Type.STRING)));
    assertEquals(
        map(Type.NUMBER, "a", n(1)),
        ValueJson.fromJson(m.readTree("{\"a\": 1}"), Type.map(Type.NUMBER)));
  }
}
