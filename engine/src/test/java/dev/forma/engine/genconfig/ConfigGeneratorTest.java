package dev.forma.engine.genconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.Nesting;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigGeneratorTest {
  @Test
  void writesTerraformDataAsTerraformDoes() {
    BlockSchema schema = new TerraformProvider().schema().resources().get("terraform_data").block();
    Map<String, Value> v = new LinkedHashMap<>();
    v.put("id", Value.of("abc"));
    v.put("input", Value.nullOf(Type.DYNAMIC));
    v.put("output", Value.nullOf(Type.DYNAMIC));
    v.put("triggers_replace", Value.nullOf(Type.DYNAMIC));
    String text =
        new ConfigGenerator()
            .add(
                new ConfigGenerator.Imported(
                    ResourceAddress.managed("terraform_data", "a"), "abc", Value.object(v), schema))
            .text();
    // Terraform 1.11.4's generated file for the same import, with "Forma" for "Terraform".
    assertEquals(
        "# __generated__ by Forma\n"
            + "# Please review these resources and move them into your main configuration files.\n"
            + "\n"
            + "# __generated__ by Forma from \"abc\"\n"
            + "resource \"terraform_data\" \"a\" {\n"
            + "  input            = null\n"
            + "  triggers_replace = null\n"
            + "}\n",
        text);
  }

  @Test
  void secretsBecomeVariablesNeverValues() {
    BlockSchema meta =
        BlockSchema.of(
            List.of(AttributeSchema.builder("extra", Type.STRING).optional().build()), List.of());
    BlockSchema schema =
        BlockSchema.of(
            List.of(
                AttributeSchema.builder("id", Type.STRING).computed().build(),
                AttributeSchema.builder("name", Type.STRING).required().build(),
                AttributeSchema.builder("configs", Type.map(Type.STRING)).required().build(),
                AttributeSchema.builder("password", Type.STRING).optional().sensitive().build(),
                AttributeSchema.builder("secrets", Type.map(Type.STRING))
                    .optional()
                    .sensitive()
                    .writeOnly()
                    .build(),
                AttributeSchema.builder("tags", Type.list(Type.STRING)).optional().build()),
            List.of(new NestedBlockSchema("meta", meta, Nesting.SINGLE, 0, 1, false)));
    Map<String, Value> v = new LinkedHashMap<>();
    v.put("id", Value.of("c-1"));
    v.put("name", Value.of("ds"));
    v.put(
        "configs",
        Value.map(Type.STRING, Map.of("base_url", Value.of("https://x/v1"), "a.b", Value.of("1"))));
    v.put("password", Value.of("hunter2").markSensitive());
    v.put("secrets", Value.nullOf(Type.map(Type.STRING)));
    v.put("tags", Value.list(Type.STRING, List.of(Value.of("a"), Value.of("b"))));
    v.put("meta", Value.object(Map.of("extra", Value.of("e"))));
    ConfigGenerator g =
        new ConfigGenerator()
            .add(
                new ConfigGenerator.Imported(
                    ResourceAddress.managed("alicloud_pai_workspace_connection", "ds"),
                    "ws-1:c-1",
                    Value.object(v),
                    schema));
    String text = g.text();
    assertFalse(text.contains("hunter2"), text);
    assertEquals(
        ConfigGenerator.HEADER
            + "\n"
            + "# __generated__ by Forma from \"ws-1:c-1\"\n"
            + "resource \"alicloud_pai_workspace_connection\" \"ds\" {\n"
            + "  configs  = {\n"
            + "    \"a.b\"    = \"1\"\n"
            + "    base_url = \"https://x/v1\"\n"
            + "  }\n"
            + "  name     = \"ds\"\n"
            + "  password = var.ds_password\n"
            + "  secrets  = var.ds_secrets\n"
            + "  tags     = [\"a\", \"b\"]\n"
            + "\n"
            + "  meta {\n"
            + "    extra = \"e\"\n"
            + "  }\n"
            + "}\n"
            + "\n"
            + "variable \"ds_password\" {\n"
            + "  type      = string\n"
            + "  sensitive = true\n"
            + "}\n"
            + "\n"
            + "variable \"ds_secrets\" {\n"
            + "  type      = map(string)\n"
            + "  sensitive = true\n"
            + "}\n",
        text);
    assertEquals(List.of("ds_password", "ds_secrets"), g.variableNames());
  }
}
