package dev.forma.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.json.JsonSchema;
import dev.forma.engine.hcl.json.JsonSyntax;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.Nesting;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding resource bodies against schemas. Diagnostic texts and ranges were recorded from
 * Terraform 1.11.4 ({@code terraform validate -json}) on the same configurations: {@code
 * terraform_data} for arguments and blocks, and the {@code local-exec} provisioner (whose schema
 * {@link #EXEC} mirrors) for required arguments and value types.
 */
class SchemaDecoderTest {
  /** The local-exec provisioner's schema, as Terraform declares it. */
  static final BlockSchema EXEC =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("command", Type.STRING).required().build(),
              AttributeSchema.builder("interpreter", Type.list(Type.STRING)).optional().build(),
              AttributeSchema.builder("working_dir", Type.STRING).optional().build(),
              AttributeSchema.builder("environment", Type.map(Type.STRING)).optional().build(),
              AttributeSchema.builder("quiet", Type.BOOL).optional().build()),
          List.of());

  static final BlockSchema DATA = TerraformProvider.TERRAFORM_DATA_SCHEMA.block();

  /** A schema with nested blocks of each nesting mode and bounds. */
  static final BlockSchema NESTED =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("name", Type.STRING).required().build(),
              AttributeSchema.builder("tags", Type.map(Type.STRING)).optional().build(),
              AttributeSchema.builder("secret", Type.STRING).optional().sensitive().build()),
          List.of(
              new NestedBlockSchema(
                  "meta",
                  BlockSchema.of(
                      List.of(AttributeSchema.builder("owner", Type.STRING).required().build()),
                      List.of()),
                  Nesting.SINGLE,
                  0,
                  1,
                  false),
              new NestedBlockSchema(
                  "rule",
                  BlockSchema.of(
                      List.of(
                          AttributeSchema.builder("port", Type.NUMBER).required().build(),
                          AttributeSchema.builder("proto", Type.STRING).optional().build()),
                      List.of()),
                  Nesting.LIST,
                  1,
                  2,
                  false),
              new NestedBlockSchema(
                  "label",
                  BlockSchema.of(
                      List.of(AttributeSchema.builder("v", Type.STRING).optional().build()),
                      List.of()),
                  Nesting.SET,
                  0,
                  0,
                  false)));

  static final EvalContext CTX =
      new EvalContext(
          Map.of(
              "var",
              Value.object(
                  Map.of(
                      "ports", Value.tuple(List.of(Value.of(80), Value.of(443))),
                      "u", Value.unknown(Type.list(Type.NUMBER))))),
          StandardFunctions.INSTANCE,
          null);

  static Body body(String src) {
    Result<ConfigFile> f = Parser.parseFile("main.tf", src);
    assertFalse(f.hasErrors(), () -> f.diagnostics().toString());
    Block b = f.value().body().blocks().getFirst();
    return b.body();
  }

  static List<String> lines(Diagnostics ds) {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : ds) {
      out.add(d.summary() + " | " + d.detail() + " | " + d.subject());
    }
    return out;
  }

  static BlockSchema schema(String name) {
    return switch (name) {
      case "data" -> DATA;
      case "exec" -> EXEC;
      default -> NESTED;
    };
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          # schema | body                                        | summary                        | detail | range
          data | 'inptu = 1'                                     | Unsupported argument           | 'An argument named "inptu" is not expected here. Did you mean "input"?' | main.tf:2,1-6
          data | 'foo = 2'                                       | Unsupported argument           | 'An argument named "foo" is not expected here.' | main.tf:2,1-4
          data | 'triggers_replace {\n}'                         | Unsupported block type         | 'Blocks of type "triggers_replace" are not expected here. Did you mean to define argument "triggers_replace"? If so, use the equals sign to assign it a value.' | main.tf:2,1-17
          data | 'bar {\n}'                                      | Unsupported block type         | 'Blocks of type "bar" are not expected here.' | main.tf:2,1-4
          data | 'dynamic "input" {\nfor_each = [1]\ncontent {}\n}' | Unsupported block type      | 'Blocks of type "input" are not expected here.' | main.tf:2,9-16
          data | 'id = "x"'                                      | Value for unconfigurable attribute | 'Can''t configure a value for "id": its value will be decided automatically based on the result of applying this configuration.' | main.tf:2,6-9
          exec | 'quiet = true'                                  | Missing required argument      | 'The argument "command" is required, but no definition was found.' | main.tf:1,18-19
          exec | 'command = "x"\nenvironment = { a = [1] }'     | Incorrect attribute value type | 'Inappropriate value for attribute "environment": element "a": string required.' | main.tf:3,15-26
          exec | 'command = "x"\ninterpreter = "sh"'            | Incorrect attribute value type | 'Inappropriate value for attribute "interpreter": list of string required.' | main.tf:3,15-19
          exec | 'command = "x"\nquiet = "maybe"'               | Incorrect attribute value type | 'Inappropriate value for attribute "quiet": a bool is required.' | main.tf:3,9-16
          exec | 'command = "x"\ncomand = "x"'                   | Unsupported argument           | 'An argument named "comand" is not expected here. Did you mean "command"?' | main.tf:3,1-7
          nested | 'name = "n"\nrule {\nport = 1\n}\nrule {\nport = 2\n}\nrule {\nport = 3\n}' | Too many rule blocks | 'No more than 2 "rule" blocks are allowed' | main.tf:9,6-7
          nested | 'name = "n"'                                    | Insufficient rule blocks       | 'At least 1 "rule" blocks are required.' | main.tf:1,18-19
          nested | 'name = "n"\nrule {\nport = 1\n}\nmeta {\nowner = "a"\n}\nmeta {\nowner = "b"\n}' | Duplicate meta block | 'Only one block of type "meta" is allowed. Previous definition was at main.tf:6,1-5.' | main.tf:9,1-5
          nested | 'name = "n"\nrule {\n}'                        | Missing required argument      | 'The argument "port" is required, but no definition was found.' | main.tf:3,6-7
          nested | 'name = "n"\nrule {\nport = "http"\n}'         | Incorrect attribute value type | 'Inappropriate value for attribute "port": a number is required.' | main.tf:4,8-14
          nested | 'name = "n"\nrule = {port = 1}\nrule {\nport = 1\n}' | Unsupported argument           | 'An argument named "rule" is not expected here. Did you mean to define a block of type "rule"?' | main.tf:3,1-5
          nested | 'name = "n"\ntags {\n}\nrule {\nport = 1\n}'  | Unsupported block type         | 'Blocks of type "tags" are not expected here. Did you mean to define argument "tags"? If so, use the equals sign to assign it a value.' | main.tf:3,1-5
          nested | 'name = "n"\nrul {\n}\nrule {\nport = 1\n}'   | Unsupported block type         | 'Blocks of type "rul" are not expected here. Did you mean "rule"?' | main.tf:3,1-4
          nested | 'name = "n"\nrule {\nport = 1\n}\ndynamic "rule" {\nfor_each = null\ncontent {\nport = 1\n}\n}' | Invalid dynamic for_each value | 'Cannot use a null value in for_each.' | main.tf:7,12-16
          nested | 'name = "n"\nrule {\nport = 1\n}\ndynamic "rule" {\nfor_each = "x"\ncontent {\nport = 1\n}\n}' | Invalid dynamic for_each value | 'Cannot use a string value in for_each. An iterable collection is required.' | main.tf:7,12-15
          nested | 'name = "n"\nrule {\nport = 1\n}\ndynamic "rule" {\nfor_each = [1]\n}' | Missing dynamic content block | 'A dynamic block must have a nested block of type "content" to describe the body of each generated block.' | main.tf:6,16-17
          """)
  void reportsWhatTerraformReports(
      String schema, String src, String summary, String detail, String range) {
    String text = "resource \"x\" \"y\" {\n" + src.replace("\\n", "\n") + "\n}\n";
    Result<Value> r = SchemaDecoder.decode(body(text), schema(schema), CTX);
    assertEquals(List.of(summary + " | " + detail + " | " + range), lines(r.diagnostics()));
    boolean evaluated =
        summary.startsWith("Incorrect attribute") || summary.startsWith("Invalid dynamic");
    assertEquals(
        evaluated ? List.of() : List.of(summary + " | " + detail + " | " + range),
        lines(SchemaDecoder.checkStructure(body(text), schema(schema))),
        "checkStructure");
  }

  @Test
  void decodesAttributesBlocksAndAbsentValues() {
    Result<Value> r =
        SchemaDecoder.decode(
            body(
                """
                resource "x" "y" {
                  name  = "n"
                  count = 3
                  rule {
                    port = "80"
                  }
                  label {
                    v = "b"
                  }
                  label {
                    v = "a"
                  }
                  lifecycle {
                    create_before_destroy = true
                  }
                }
                """),
            NESTED,
            CTX);
    assertEquals(List.of(), lines(r.diagnostics()));
    assertEquals(
        """
        {
          "label" = toset([
            {
              "v" = "a"
            },
            {
              "v" = "b"
            },
          ])
          "meta" = null /* object */
          "name" = "n"
          "rule" = tolist([
            {
              "port" = 80
              "proto" = tostring(null)
            },
          ])
          "secret" = tostring(null)
          "tags" = tomap(null) /* of string */
        }\
        """,
        ValueRenderer.render(r.value()));
    assertEquals(NESTED.impliedType(), r.value().type());
  }

  @Test
  void expandsDynamicBlocksWithIterator() {
    Result<Value> r =
        SchemaDecoder.decode(
            body(
                """
                resource "x" "y" {
                  name = "n"
                  dynamic "rule" {
                    for_each = var.ports
                    iterator = p
                    content {
                      port  = p.value
                      proto = "k${p.key}"
                    }
                  }
                }
                """),
            NESTED,
            CTX);
    assertEquals(List.of(), lines(r.diagnostics()));
    assertEquals(
        """
        tolist([
          {
            "port" = 80
            "proto" = "k0"
          },
          {
            "port" = 443
            "proto" = "k1"
          },
        ])\
        """,
        ValueRenderer.render(((dev.forma.provider.api.value.ObjectValue) r.value()).get("rule")));
  }

  @Test
  void unknownDynamicForEachMakesTheBlocksUnknownAndSkipsCounts() {
    Result<Value> r =
        SchemaDecoder.decode(
            body(
                """
                resource "x" "y" {
                  name = "n"
                  dynamic "rule" {
                    for_each = var.u
                    content {
                      port = rule.value
                    }
                  }
                }
                """),
            NESTED,
            CTX);
    assertEquals(List.of(), lines(r.diagnostics()));
    Value rule = ((dev.forma.provider.api.value.ObjectValue) r.value()).get("rule");
    assertFalse(rule.isKnown());
    assertEquals(Type.list(NESTED.blocks().get("rule").block().impliedType()), rule.type());
  }

  @Test
  void readsNestedBlocksOfJsonBodies() {
    String src =
        """
        {"resource": {"x": {"y": {
          "name": "n",
          "rule": [{"port": 1}, {"port": "2", "proto": "udp"}],
          "meta": {"owner": "me"}
        }}}}
        """;
    JsonSchema js =
        new JsonSchema(
            Map.of(
                "resource",
                new JsonSchema.BlockSpec(2, new JsonSchema(Map.of(), java.util.Set.of()))),
            java.util.Set.of());
    Result<ConfigFile> f = JsonSyntax.parse("main.tf.json", src, js);
    assertFalse(f.hasErrors(), () -> f.diagnostics().toString());
    Body b = f.value().body().blocks().getFirst().body();
    Result<Value> r = SchemaDecoder.decode(b, NESTED, CTX);
    assertEquals(List.of(), lines(r.diagnostics()));
    dev.forma.provider.api.value.ObjectValue o =
        (dev.forma.provider.api.value.ObjectValue) r.value();
    assertEquals(
        """
        tolist([
          {
            "port" = 1
            "proto" = tostring(null)
          },
          {
            "port" = 2
            "proto" = "udp"
          },
        ])\
        """,
        ValueRenderer.render(o.get("rule")));
    assertEquals("{\n  \"owner\" = \"me\"\n}", ValueRenderer.render(o.get("meta")));
  }

  @Test
  void mapsAttributePathsToNarrowestRanges() {
    Body b =
        body(
            """
            resource "x" "y" {
              name = "n"
              tags = { env = "prod", team = "a" }
              list = ["a", "b"]
              rule {
                port = 1
              }
              rule {
                port = 2
              }
            }
            """);
    assertEquals("main.tf:2,10-13", str(SchemaDecoder.rangeOf(b, List.of(PathStep.attr("name")))));
    assertEquals(
        "main.tf:3,33-36",
        str(SchemaDecoder.rangeOf(b, List.of(PathStep.attr("tags"), PathStep.key("team")))));
    assertEquals(
        "main.tf:3,3-7",
        str(SchemaDecoder.rangeOf(b, List.of(PathStep.attr("tags"), PathStep.key("nope")))));
    assertEquals(
        "main.tf:4,16-19",
        str(SchemaDecoder.rangeOf(b, List.of(PathStep.attr("list"), PathStep.index(1)))));
    assertEquals(
        "main.tf:9,12-13",
        str(
            SchemaDecoder.rangeOf(
                b, List.of(PathStep.attr("rule"), PathStep.index(1), PathStep.attr("port")))));
    assertEquals(
        "main.tf:8,3-7",
        str(
            SchemaDecoder.rangeOf(
                b, List.of(PathStep.attr("rule"), PathStep.index(1), PathStep.attr("other")))));
    assertNull(SchemaDecoder.rangeOf(b, List.of(PathStep.attr("absent"))));
    Range fallback = SchemaDecoder.rangeOf(b, List.of(PathStep.attr("name")));
    Diagnostic d =
        SchemaDecoder.toDiagnostic(
            ProviderDiagnostic.error("Bad", "bad tags", List.of(PathStep.attr("absent"))),
            b,
            fallback);
    assertEquals(
        "Bad | bad tags | main.tf:2,10-13", d.summary() + " | " + d.detail() + " | " + d.subject());
  }

  private static String str(Range r) {
    return String.valueOf(r);
  }
}
