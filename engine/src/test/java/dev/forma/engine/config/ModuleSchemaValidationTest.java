package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.providers.MockProvider;
import dev.forma.engine.providers.Providers;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} with provider schemas: resource, data and provider bodies checked. Texts and
 * ranges for {@code terraform_data} are what {@code terraform validate -json} 1.11.4 reports for
 * the same files.
 */
class ModuleSchemaValidationTest {
  @TempDir Path dir;

  private List<String> validate(String main, Providers providers) {
    Fixtures.write(dir, "main.tf", main);
    Result<Module> m = Fixtures.load(dir);
    assertTrue(m.diagnostics().isEmpty(), m.diagnostics().toString());
    Diagnostics d =
        ModuleEvaluator.validate(
            m.value(), ModuleEvaluator.Environment.of(dir, dir, Map.of()), providers);
    return Fixtures.lines(Fixtures.relativize(d, dir + "/"));
  }

  @Test
  void reportsEverySchemaErrorInOneRunAsTerraform() {
    assertEquals(
        List.of(
            "Unsupported argument | An argument named \"inptu\" is not expected here. Did you mean"
                + " \"input\"? | main.tf:6,3-8",
            "Unsupported block type | Blocks of type \"triggers_replace\" are not expected here."
                + " Did you mean to define argument \"triggers_replace\"? If so, use the equals"
                + " sign to assign it a value. | main.tf:7,3-19",
            "Invalid resource type | The provider terraform.io/builtin/terraform does not support"
                + " resource type \"terraform_dat\". Did you mean \"terraform_data\"? |"
                + " main.tf:13,10-25",
            "Invalid data source | The provider terraform.io/builtin/terraform does not support"
                + " data source \"terraform_data\".\n\nDid you intend to use the managed resource"
                + " type \"terraform_data\"? If so, declare this using a \"resource\" block"
                + " instead of a \"data\" block. | main.tf:15,6-22",
            "Reference to undeclared local value | A local value with the name \"nope\" has not"
                + " been declared. | main.tf:18,11-21"),
        validate(
            """
            variable "n" {
              type = number
            }
            resource "terraform_data" "a" {
              count = 2
              inptu = var.n + count.index
              triggers_replace {
              }
              lifecycle {
                create_before_destroy = true
              }
            }
            resource "terraform_dat" "b" {
            }
            data "terraform_data" "d" {
            }
            resource "terraform_data" "e" {
              input = local.nope
              dynamic "foo" {
                for_each = [1]
                content {}
              }
            }
            """,
            Providers.discover()));
  }

  @Test
  void checksValueTypesWithUnknownVariablesAndProviderBlocks() {
    MockProvider mock =
        MockProvider.builder("mock")
            .providerBlock(
                BlockSchema.of(
                    List.of(AttributeSchema.builder("region", Type.STRING).required().build()),
                    List.of()))
            .resource(
                "mock_thing",
                AttributeSchema.builder("id", Type.STRING).computed().build(),
                AttributeSchema.builder("size", Type.NUMBER).required().build(),
                AttributeSchema.builder("tags", Type.map(Type.STRING)).optional().build())
            .build();
    assertEquals(
        List.of(
            "Missing required argument | The argument \"region\" is required, but no definition"
                + " was found. | main.tf:4,17-18",
            "Incorrect attribute value type | Inappropriate value for attribute \"tags\": element"
                + " \"a\": string required. | main.tf:8,10-25",
            "Value for unconfigurable attribute | Can't configure a value for \"id\": its value"
                + " will be decided automatically based on the result of applying this"
                + " configuration. | main.tf:9,10-13",
            "Missing required argument | The argument \"size\" is required, but no definition was"
                + " found. | main.tf:11,27-28"),
        validate(
            """
            variable "s" {
              type = number
            }
            provider "mock" {
            }
            resource "mock_thing" "a" {
              size = var.s
              tags = { a = [var.s] }
              id   = "x"
            }
            resource "mock_thing" "b" {
            }
            """,
            Providers.of(mock.factory())));
  }

  @Test
  void validConfigurationWithUnknownValuesPasses() {
    assertEquals(
        List.of(),
        validate(
            """
            variable "v" {
              type = list(string)
            }
            resource "terraform_data" "a" {
              for_each         = toset(var.v)
              input            = { name = each.key, all = var.v }
              triggers_replace = [each.value]
            }
            """,
            Providers.discover()));
  }
}
