package dev.forma.provider.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an apply or a provider records of a value it never learned: nulls of the right type. */
class UnknownsToNullTest {
  @Test
  void everyUnknownInsideBecomesANullOfItsTypeAndSensitiveMarksStay() {
    Value v =
        Value.object(
            Map.of(
                "id", Value.of("x"),
                "arn", Value.unknown(Type.STRING),
                "tags", Value.tuple(List.of(Value.unknown(Type.NUMBER), Value.of(1))),
                "key", Value.unknown(Type.STRING).markSensitive()));
    Value out = v.unknownsToNull();
    assertTrue(out.isWhollyKnown(), out.toString());
    ObjectValue o = (ObjectValue) out;
    assertEquals(Value.of("x"), o.attributes().get("id"));
    assertEquals(new NullValue(Type.STRING), o.attributes().get("arn"));
    assertEquals(
        Value.tuple(List.of(new NullValue(Type.NUMBER), Value.of(1))), o.attributes().get("tags"));
    assertTrue(o.attributes().get("key").containsSensitive(), out.toString());
  }
}
