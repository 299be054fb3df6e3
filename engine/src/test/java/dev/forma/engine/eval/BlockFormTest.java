package dev.forma.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Map attributes that accept the block form ({@code configs { uri = "..." }}), as the alicloud
 * connection's published example writes them: the block's arguments become the map's entries, with
 * a warning that shows the {@code =} form.
 */
class BlockFormTest {
  static final BlockSchema CONNECTION =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("name", Type.STRING).required().build(),
              AttributeSchema.builder("configs", Type.map(Type.STRING))
                  .required()
                  .acceptBlockForm()
                  .build(),
              AttributeSchema.builder("secrets", Type.map(Type.STRING))
                  .optional()
                  .sensitive()
                  .acceptBlockForm()
                  .build(),
              AttributeSchema.builder("tags", Type.map(Type.STRING)).optional().build()),
          List.of());

  private static Result<Value> decode(String src) {
    return SchemaDecoder.decode(
        SchemaDecoderTest.body("resource \"x\" \"y\" {\n" + src + "}\n"),
        CONNECTION,
        SchemaDecoderTest.CTX);
  }

  @Test
  void aBlockBecomesTheMapWithAWarningShowingTheArgumentForm() {
    Result<Value> r =
        decode("name = \"n\"\nconfigs {\n  uri  = \"http://m:19530\"\n  user = \"root\"\n}\n");
    assertEquals(
        List.of(
            "Argument written as a block | \"configs\" is a map argument, written here as a block."
                + " Forma accepts this form because the provider's published"
                + " example uses it, but Terraform rejects it. Write it as an argument instead:\n\n"
                + "  configs = {\n    uri  = ...\n    user = ...\n  } | main.tf:3,1-8"),
        SchemaDecoderTest.lines(r.diagnostics()));
    Value configs =
        ((dev.forma.provider.api.value.ObjectValue) r.value()).attributes().get("configs");
    assertEquals(
        Value.map(Type.STRING, Map.of("uri", Value.of("http://m:19530"), "user", Value.of("root"))),
        configs);
    assertEquals(
        Value.nullOf(Type.map(Type.STRING)),
        ((dev.forma.provider.api.value.ObjectValue) r.value()).attributes().get("secrets"));
  }

  @Test
  void anEmptyBlockIsAnEmptyMapAndSatisfiesRequired() {
    Result<Value> r = decode("name = \"n\"\nconfigs {\n}\nsecrets {\n}\n");
    List<String> lines = SchemaDecoderTest.lines(r.diagnostics());
    assertEquals(2, lines.size(), lines::toString);
    assertEquals(true, lines.get(0).contains("  configs = {} | main.tf:3,1-8"), lines.get(0));
    assertEquals(true, lines.get(1).contains("  secrets = {} | main.tf:5,1-8"), lines.get(1));
    assertEquals(
        Value.map(Type.STRING, Map.of()),
        ((dev.forma.provider.api.value.ObjectValue) r.value()).attributes().get("configs"));
    assertEquals(
        Set.of("configs", "secrets"),
        SchemaDecoder.blockFormAttributes(
            SchemaDecoderTest.body("resource \"x\" \"y\" {\nconfigs {\n}\nsecrets {\n}\n}\n"),
            CONNECTION));
  }

  @Test
  void bothFormsAtOnceAreAnError() {
    Result<Value> r = decode("name = \"n\"\nconfigs = {}\nconfigs {\n}\n");
    assertEquals(
        "Attribute redefined | The argument \"configs\" was already set at main.tf:3,1-8. Each"
            + " argument may be set only once. | main.tf:4,1-8",
        SchemaDecoderTest.lines(r.diagnostics()).getLast());
  }

  @Test
  void aBlockInsideOrAWrongValueTypeIsAnError() {
    Result<Value> r = decode("name = \"n\"\nconfigs {\n  a = [1]\n  inner {\n  }\n}\n");
    List<String> lines = SchemaDecoderTest.lines(r.diagnostics());
    assertEquals(
        List.of(
            "Unsupported block type | Blocks of type \"inner\" are not expected here. |"
                + " main.tf:5,3-8",
            "Incorrect attribute value type | Inappropriate value for attribute \"configs\":"
                + " element \"a\": string required. | main.tf:4,7-10"),
        lines.subList(1, lines.size()).stream().sorted().toList().reversed());
  }

  @Test
  void withoutTheFlagTheBlockFormIsTerraformsError() {
    Result<Value> r = decode("name = \"n\"\nconfigs = {}\ntags {\n}\n");
    assertEquals(
        List.of(
            "Unsupported block type | Blocks of type \"tags\" are not expected here. Did you mean"
                + " to define argument \"tags\"? If so, use the equals sign to assign it a value. |"
                + " main.tf:4,1-5"),
        SchemaDecoderTest.lines(r.diagnostics()));
    assertEquals(
        Set.of(),
        SchemaDecoder.blockFormAttributes(
            SchemaDecoderTest.body("resource \"x\" \"y\" {\ntags {\n}\n}\n"), CONNECTION));
  }

  @Test
  void onlyAMapAttributeMayAcceptTheBlockForm() {
    assertThrows(
        IllegalStateException.class,
        () -> AttributeSchema.builder("s", Type.STRING).optional().acceptBlockForm().build());
    assertEquals(
        false,
        new AttributeSchema("a", Type.STRING, "", true, false, false, false, false, false)
            .blockFormAccepted());
  }
}
