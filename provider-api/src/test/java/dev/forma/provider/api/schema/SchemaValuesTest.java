package dev.forma.provider.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sensitive paths and marks, and write-only fingerprints, driven by the schema. */
class SchemaValuesTest {
  static final BlockSchema CONN =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("name", Type.STRING).required().build(),
              AttributeSchema.builder("password", Type.STRING).optional().sensitive().build(),
              AttributeSchema.builder("api_key", Type.STRING)
                  .optional()
                  .sensitive()
                  .writeOnly()
                  .build()),
          List.of(
              new NestedBlockSchema(
                  "auth",
                  BlockSchema.of(
                      List.of(
                          AttributeSchema.builder("user", Type.STRING).optional().build(),
                          AttributeSchema.builder("token", Type.STRING)
                              .optional()
                              .sensitive()
                              .writeOnly()
                              .build()),
                      List.of()),
                  Nesting.LIST,
                  0,
                  0,
                  false)));

  static final Type AUTH = CONN.blocks().get("auth").block().impliedType();

  static Value auth(String user, Value token) {
    return Value.object(Map.of("user", Value.of(user), "token", token));
  }

  static Value conn(Value password, Value apiKey, List<Value> auths) {
    return Value.object(
        Map.of(
            "name",
            Value.of("c"),
            "password",
            password,
            "api_key",
            apiKey,
            "auth",
            Value.list(AUTH, auths)));
  }

  static final byte[] SALT = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @Test
  void sensitivePathsNameSetSensitiveAttributesAndListElements() {
    Value v =
        conn(
            Value.of("pw"),
            Value.nullOf(Type.STRING),
            List.of(auth("a", Value.nullOf(Type.STRING)), auth("b", Value.of("t"))));
    assertEquals(
        List.of(
            List.of(PathStep.attr("password")),
            List.of(PathStep.attr("auth"), PathStep.index(1), PathStep.attr("token"))),
        SchemaValues.sensitivePaths(v, CONN));
  }

  @Test
  void marksSensitiveAttributesOnly() {
    Value v = conn(Value.of("pw"), Value.of("k"), List.of(auth("a", Value.of("t"))));
    ObjectValue marked = (ObjectValue) SchemaValues.markSensitive(v, CONN);
    assertTrue(marked.get("password").isSensitive());
    assertTrue(marked.get("api_key").isSensitive());
    assertFalse(marked.get("name").isSensitive());
    assertEquals(v, marked.unmarkDeep());
    assertTrue(marked.get("auth").containsSensitive());
  }

  @Test
  void writeOnlyAttributesBecomeSaltedFingerprints() {
    Value v = conn(Value.of("pw"), Value.of("secret-key"), List.of(auth("a", Value.of("tok"))));
    ObjectValue kept = (ObjectValue) SchemaValues.fingerprintWriteOnly(v, CONN, SALT);
    String fp = ((StringValue) kept.get("api_key")).value();
    assertTrue(fp.matches("fp1:[A-Za-z0-9+/]{43}="), fp);
    assertFalse(kept.toString().contains("secret-key"));
    assertEquals(Value.of("pw"), kept.get("password"));
    assertTrue(SchemaValues.matchesFingerprint(Value.of("secret-key"), fp, SALT));
    assertTrue(SchemaValues.matchesFingerprint(Value.of("secret-key").markSensitive(), fp, SALT));
    assertFalse(SchemaValues.matchesFingerprint(Value.of("other-key"), fp, SALT));
    assertFalse(
        SchemaValues.matchesFingerprint(Value.of("secret-key"), fp, SchemaValues.newSalt()));
    Value token =
        ((ObjectValue)
                ((dev.forma.provider.api.value.ListValue) kept.get("auth")).elements().get(0))
            .get("token");
    assertTrue(SchemaValues.isFingerprint(token));
    assertEquals(kept, SchemaValues.fingerprintWriteOnly(kept, CONN, SALT));
  }

  @Test
  void fingerprintsDependOnTypeAndSalt() {
    assertNotEquals(
        SchemaValues.fingerprint(Value.of("1"), SALT), SchemaValues.fingerprint(Value.of(1), SALT));
    assertEquals(
        SchemaValues.fingerprint(Value.of(1), SALT),
        SchemaValues.fingerprint(Value.of(new java.math.BigDecimal("1.0")), SALT));
  }

  @Test
  void nullAndUnknownWriteOnlyValuesStayAsTheyAre() {
    Value v = conn(Value.of("pw"), Value.unknown(Type.STRING), List.of());
    assertEquals(v, SchemaValues.fingerprintWriteOnly(v, CONN, SALT));
    Value n = conn(Value.of("pw"), Value.nullOf(Type.STRING), List.of());
    assertEquals(n, SchemaValues.fingerprintWriteOnly(n, CONN, SALT));
  }
}
