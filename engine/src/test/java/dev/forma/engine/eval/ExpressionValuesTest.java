package dev.forma.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a diagnostic says a referenced value is, in Terraform's words. */
class ExpressionValuesTest {
  @Test
  void describesValuesAsTerraformDoes() {
    assertEquals("is \"staging\"", ExpressionValues.statement(Value.of("staging")));
    assertEquals("is 12", ExpressionValues.statement(Value.of(12)));
    assertEquals("is 1.5", ExpressionValues.statement(Value.of(new BigDecimal("1.50"))));
    assertEquals("is true", ExpressionValues.statement(Value.of(true)));
    assertEquals("is null", ExpressionValues.statement(Value.nullOf(Type.STRING)));
    assertEquals(
        "is a object",
        ExpressionValues.statement(Value.unknown(Value.object(Map.of("a", Value.of(1))).type())));
    assertEquals("is a string", ExpressionValues.statement(Value.unknown(Type.STRING)));
    assertEquals(
        "is list of string with 2 elements",
        ExpressionValues.statement(Value.list(Type.STRING, List.of(Value.of("a"), Value.of("b")))));
    assertEquals(
        "is empty list of string", ExpressionValues.statement(Value.list(Type.STRING, List.of())));
    assertEquals(
        "is object with 1 attribute \"a\"",
        ExpressionValues.statement(Value.object(Map.of("a", Value.of(1)))));
    assertEquals(
        "is object with 2 attributes",
        ExpressionValues.statement(Value.object(Map.of("a", Value.of(1), "b", Value.of(2)))));
  }
}
