package dev.forma.engine.hcl.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonSyntaxTest {
  private static final JsonSchema VARIABLE =
      new JsonSchema(
          Map.of("validation", new JsonSchema.BlockSpec(0, JsonSchema.ATTRIBUTES)), Set.of("type"));
  private static final JsonSchema ROOT =
      new JsonSchema(
          Map.of(
              "variable", new JsonSchema.BlockSpec(1, VARIABLE),
              "resource", new JsonSchema.BlockSpec(2, JsonSchema.ATTRIBUTES),
              "locals", new JsonSchema.BlockSpec(0, JsonSchema.ATTRIBUTES)),
          Set.of());

  private static Result<ConfigFile> parse(String src) {
    return JsonSyntax.parse("main.tf.json", src, ROOT);
  }

  @Test
  void readsLabelledBlocksWithTokenRanges() {
    Result<ConfigFile> r =
        parse("{\"resource\": {\"t\": {\"n\": {\"count\": 2, \"//\": \"note\"}}}}");
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    Block b = r.value().body().blocks().getFirst();
    assertEquals("resource", b.type());
    assertEquals(List.of("t", "n"), b.labels());
    assertEquals("main.tf.json:1,2-12", b.typeRange().toString());
    assertEquals("main.tf.json:1,15-18", b.labelRanges().get(0).toString());
    assertEquals("main.tf.json:1,21-24", b.labelRanges().get(1).toString());
    assertEquals(1, b.body().items().size(), "the // comment is dropped");
    Attribute count = b.body().attribute("count");
    assertEquals(Value.of(2), ((Expr.Literal) count.expr()).value());
    assertEquals("main.tf.json:1,27-34", count.nameRange().toString());
    assertEquals("main.tf.json:1,36-37", count.expr().range().toString());
    assertEquals(36, count.expr().range().start().byteOffset() + 1);
  }

  @Test
  void arraysGiveSeveralBlocksAndRootArraysMerge() {
    Result<ConfigFile> r =
        parse("[{\"locals\": [{\"a\": 1}, {\"b\": true}]}, {\"variable\": {\"v\": [{}, {}]}}]");
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    List<Block> blocks = r.value().body().blocks();
    assertEquals(4, blocks.size());
    assertEquals(List.of("v"), blocks.get(3).labels());
  }

  @Test
  void positionsCountLinesCodePointsAndUtf8Bytes() {
    String src = "{\n  \"locals\": {\n    \"é\": \"ü\"\n  }\n}";
    Attribute a = parse(src).value().body().blocks().getFirst().body().attributes().getFirst();
    assertEquals("main.tf.json:3,5-8", a.nameRange().toString());
    assertEquals(20, a.nameRange().start().byteOffset());
    assertEquals(24, a.nameRange().end().byteOffset());
    Expr.Template t = assertInstanceOf(Expr.Template.class, a.expr());
    Expr.Literal lit = (Expr.Literal) t.parts().getFirst();
    assertEquals(Value.of("ü"), lit.value());
    assertEquals("main.tf.json:3,11-12", lit.range().toString());
  }

  @Test
  void objectArgumentsStayAmbiguousUntilTheSchemaDecides() {
    Result<ConfigFile> r =
        parse(
            "{\"resource\": {\"t\": {\"n\": {\"setting\": [{\"name\": \"a\", \"//\": \"x\"},"
                + " {\"name\": \"b\"}], \"tags\": {\"k\": \"v\"}}}}}");
    Body body = r.value().body().blocks().getFirst().body();
    Attribute tags = body.attribute("tags");
    assertInstanceOf(Expr.ObjectCons.class, tags.expr());
    Attribute setting = body.attribute("setting");
    assertInstanceOf(Expr.TupleCons.class, setting.expr());
    Result<List<Block>> blocks = JsonSyntax.blocksOf(setting);
    assertTrue(blocks.diagnostics().isEmpty());
    assertEquals(2, blocks.value().size());
    Block first = blocks.value().getFirst();
    assertEquals("setting", first.type());
    assertEquals(1, first.body().items().size(), "comment dropped once it is a block body");
    assertEquals("main.tf.json:1,27-36", first.typeRange().toString());
    assertTrue(JsonSyntax.isJson(first.range()));
  }

  @Test
  void reportsDuplicateArgumentsWithThePreviousDefinition() {
    Result<ConfigFile> r = parse("{\"variable\": {\"a\": {\"default\": 1, \"default\": 2}}}");
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Duplicate argument", d.summary());
    assertEquals("The argument \"default\" was already set at main.tf.json:1,21-33.", d.detail());
    assertEquals("main.tf.json:1,35-44", d.subject().toString());
  }

  @Test
  void reportsWrongValueKindsAsTerraformDoes() {
    Diagnostic d = parse("{\"variable\": {\"a\": 1}}").diagnostics().asList().getFirst();
    assertEquals("Incorrect JSON value type", d.summary());
    assertEquals(
        "Either a JSON object or a JSON array is required, representing the contents of one or"
            + " more \"variable\" blocks.",
        d.detail());
    assertEquals("main.tf.json:1,20-21", d.subject().toString());

    Diagnostic root = parse("[1]").diagnostics().asList().getFirst();
    assertEquals("Root value must be object", root.summary());
    assertEquals("main.tf.json:1,1-2", root.subject().toString());

    Diagnostic comma = parse("{\"variable\": {\"a\": {}},}").diagnostics().asList().getFirst();
    assertEquals("Trailing comma in object", comma.summary(), comma.toString());
    assertEquals("main.tf.json:1,23-24", comma.subject().toString());
  }
}
