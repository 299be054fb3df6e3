package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected texts and ranges below are what {@code terraform validate -json} 1.11.4 reports. */
class ConfigLoaderTest {
  @TempDir Path dir;

  private List<String> diagnostics(String... files) {
    Fixtures.write(dir, files);
    return Fixtures.lines(Fixtures.load(dir).diagnostics());
  }

  @Test
  void reportsDuplicatesUnsupportedBlocksAndBadNames() {
    List<String> got =
        diagnostics(
            "main.tf",
            """
            variable "a" {
              type = string
              tags {
              }
            }

            varable "b" {}

            variable "count" {}

            resource "terraform_data" "x" {}
            resource "terraform_data" "x" {}

            locals {
              q = 1
            }
            locals {
              q = 2
            }
            output "o" {
              value = 1
            }
            output "o" {
              value = 2
            }
            variable "a" {}
            variable "1bad" {}
            resource "terraform_data" {}
            """);
    assertEquals(
        List.of(
            "Unsupported block type | Blocks of type \"tags\" are not expected here. | main.tf:3,3-7",
            "Unsupported block type | Blocks of type \"varable\" are not expected here. Did you"
                + " mean \"variable\"? | main.tf:7,1-8",
            "Invalid variable name | The variable name \"count\" is reserved due to its special"
                + " meaning inside module blocks. | main.tf:9,10-17",
            "Duplicate resource \"terraform_data\" configuration | A terraform_data resource named"
                + " \"x\" was already declared at main.tf:11,1-30. Resource names must be unique"
                + " per type in each module. | main.tf:12,1-30",
            "Duplicate local value definition | A local value named \"q\" was already defined at"
                + " main.tf:15,3-8. Local value names must be unique within a module. |"
                + " main.tf:18,3-8",
            "Duplicate output definition | An output named \"o\" was already defined at"
                + " main.tf:20,1-11. Output names must be unique within a module. |"
                + " main.tf:23,1-11",
            "Duplicate variable declaration | A variable named \"a\" was already declared at"
                + " main.tf:1,1-13. Variable names must be unique within a module. |"
                + " main.tf:26,1-13",
            "Invalid variable name | A name must start with a letter or underscore and may"
                + " contain only letters, digits, underscores, and dashes. | main.tf:27,10-16",
            "Missing name for resource | All resource blocks must have 2 labels (type, name). |"
                + " main.tf:28,27-28"),
        got);
  }

  @Test
  void suggestsTheEqualsSignForABlockWrittenWhereAnArgumentIsExpected() {
    List<String> got =
        diagnostics(
            "main.tf",
            """
            variable "a" {
              description {}
              default = 1
              foo = 2
            }
            locals {
              x {}
            }
            """);
    assertEquals(
        List.of(
            "Unsupported block type | Blocks of type \"description\" are not expected here. Did"
                + " you mean to define argument \"description\"? If so, use the equals sign to"
                + " assign it a value. | main.tf:2,3-14",
            "Unsupported argument | An argument named \"foo\" is not expected here. | main.tf:4,3-6",
            "Unexpected \"x\" block | Blocks are not allowed here. | main.tf:7,3-4"),
        got);
  }

  @Test
  void reportsMetaArgumentMisuse() {
    List<String> got =
        diagnostics(
            "main.tf",
            """
            resource "terraform_data" "y" {
              count = 1
              for_each = {}
              depends_on = [terraform_data.z, "terraform_data.z"]
              provider = foo.bar.baz
              lifecycle {
                create_before_destroy = var.a
              }
              lifecycle {}
            }
            resource "terraform_data" "z" {
              lifecycle {
                ignore_changes = "all"
              }
            }
            data "terraform_remote_state" "x" {
              lifecycle {
                create_before_destroy = true
              }
            }
            """);
    assertEquals(
        List.of(
            "Invalid combination of \"count\" and \"for_each\" | The \"count\" and \"for_each\""
                + " meta-arguments are mutually-exclusive, only one should be used to be explicit"
                + " about the number of resources to be created. | main.tf:3,3-11",
            "warning: Quoted references are deprecated | In this context, references are expected"
                + " literally rather than in quotes. Terraform 0.11 and earlier required quotes,"
                + " but quoted references are now deprecated and will be removed in a future"
                + " version of Terraform. Remove the quotes surrounding this reference to silence"
                + " this warning. | main.tf:4,35-53",
            "Invalid provider configuration reference | The provider argument requires a provider"
                + " type name, optionally followed by a period and then a configuration alias. |"
                + " main.tf:5,14-25",
            "Variables not allowed | Variables may not be used here. | main.tf:7,29-34",
            "Unsuitable value type | Unsuitable value: value must be known | main.tf:7,29-34",
            "Duplicate lifecycle block | This resource already has a lifecycle block at"
                + " main.tf:6,3-12. | main.tf:9,3-12",
            "Invalid expression | A static list expression is required. | main.tf:13,22-27",
            "Invalid data resource lifecycle argument | The lifecycle argument"
                + " \"create_before_destroy\" is defined only for managed resources (\"resource\""
                + " blocks), and is not valid for data resources. | main.tf:18,5-26"),
        got);
  }

  @Test
  void reportsLabelCountsAndMissingArguments() {
    List<String> got =
        diagnostics(
            "main.tf",
            """
            foo = 1
            variable "a" "b" {
            }
            resource "terraform_data" "x" "y" {}
            output {
            }
            output "r" {
            }
            resource {}
            """);
    assertEquals(
        List.of(
            "Unsupported argument | An argument named \"foo\" is not expected here. | main.tf:1,1-4",
            "Extraneous label for variable | Only 1 labels (name) are expected for variable"
                + " blocks. | main.tf:2,14-17",
            "Extraneous label for resource | Only 2 labels (type, name) are expected for resource"
                + " blocks. | main.tf:4,31-34",
            "Missing name for output | All output blocks must have 1 labels (name). |"
                + " main.tf:5,8-9",
            "Missing required argument | The argument \"value\" is required, but no definition was"
                + " found. | main.tf:7,12-13",
            "Missing type for resource | All resource blocks must have 2 labels (type, name). |"
                + " main.tf:9,10-11"),
        got);
  }

  @Test
  void buildsTheModelWithAddressesAndMetaArguments() {
    Fixtures.write(
        dir,
        "main.tf",
        """
        terraform {
          required_version = ">= 1.0"
          required_providers {
            alicloud = {
              source  = "aliyun/alicloud"
              version = "~> 1.2"
            }
          }
          backend "local" {
            path = "x"
          }
        }
        provider "alicloud" {
          alias  = "west"
          region = "a"
        }
        resource "alicloud_pai_workspace_connection" "default" {
          count      = 2
          provider   = alicloud.west
          depends_on = [terraform_data.a]
          name       = "c"
          lifecycle {
            create_before_destroy = true
            ignore_changes        = [tags["x"], name]
            precondition {
              condition     = var.ok
              error_message = "no"
            }
          }
        }
        resource "terraform_data" "a" {
          lifecycle {
            ignore_changes = all
          }
        }
        import {
          to = terraform_data.a
          id = "x"
        }
        moved {
          from = terraform_data.b[0]
          to   = terraform_data.a
        }
        removed {
          from = terraform_data.c
          lifecycle {
            destroy = false
          }
        }
        """);
    Result<Module> r = Fixtures.load(dir);
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    Module m = r.value();
    Resource conn =
        m.resources().get(ResourceAddress.managed("alicloud_pai_workspace_connection", "default"));
    assertEquals(new ProviderConfigAddress("alicloud", "west"), conn.providerAddress());
    assertEquals(dir + "/main.tf:20,17-33", conn.dependsOn().getFirst().range().toString());
    assertTrue(conn.lifecycle().createBeforeDestroy());
    Lifecycle.IgnoreChanges.Paths paths =
        assertInstanceOf(Lifecycle.IgnoreChanges.Paths.class, conn.lifecycle().ignoreChanges());
    assertEquals(2, paths.paths().size());
    assertEquals(1, conn.lifecycle().preconditions().size());
    assertEquals(
        dir + "/main.tf:25,5-17",
        conn.lifecycle().preconditions().getFirst().declRange().toString());
    assertEquals(List.of("name"), conn.config().attributes().stream().map(a -> a.name()).toList());
    assertInstanceOf(
        Lifecycle.IgnoreChanges.All.class,
        m.resources()
            .get(ResourceAddress.managed("terraform_data", "a"))
            .lifecycle()
            .ignoreChanges());
    assertEquals(
        ResourceAddress.managed("terraform_data", "a"), m.imports().getFirst().toResource());
    assertEquals(
        ResourceInstanceAddress.parse("terraform_data.b[0]").value(), m.moved().getFirst().from());
    assertFalse(m.removed().getFirst().destroy());
    TerraformSettings t = m.terraform().getFirst();
    assertEquals(List.of(">= 1.0"), t.requiredVersion());
    assertEquals("aliyun/alicloud", t.requiredProviders().getFirst().source());
    assertEquals("~> 1.2", t.requiredProviders().getFirst().version());
    assertEquals("local", t.backend().type());
    assertEquals("alicloud.west", m.providers().getFirst().address().toString());
  }

  @Test
  void reportsInvalidImportMovedAndRemovedAddresses() {
    List<String> got =
        diagnostics(
            "main.tf",
            """
            import {
              to = terraform_data
              id = "x"
            }
            moved {
              from = terraform_data.b[0]
              to = terraform_data
            }
            removed {
              from = terraform_data.c[0]
              lifecycle { destroy = false }
            }
            provider "alicloud" {
              alias = "x"
            }
            provider "alicloud" {
              alias = "x"
            }
            """);
    assertEquals(
        List.of(
            "Invalid import address | Only managed resources can be imported. | main.tf:2,3-22",
            "Invalid address | Resource specification must include a resource type and name. |"
                + " main.tf:2,8-22",
            "Invalid address | Resource specification must include a resource type and name. |"
                + " main.tf:7,8-22",
            "Resource instance keys not allowed | Resource address must be a resource (e.g."
                + " \"test_instance.foo\"), not a resource instance (e.g. \"test_instance.foo[1]\")."
                + " | main.tf:10,26-29",
            "Duplicate provider configuration | A provider configuration for \"alicloud\" with"
                + " alias \"x\" was already given at main.tf:13,1-20. Each configuration for the"
                + " same provider must have a distinct alias. | main.tf:16,1-20"),
        got);
  }

  @Test
  void readsJsonFilesIntoTheSameModel() {
    Fixtures.write(
        dir,
        "main.tf.json",
        """
        {
          "//": "a comment",
          "variable": {"region": {"default": "cn-hangzhou", "sensitive": true}},
          "resource": {
            "terraform_data": {
              "a": {"count": 2, "input": {"k": "v"}, "lifecycle": {"prevent_destroy": true}},
              "a": {}
            }
          }
        }
        """);
    Result<Module> r = Fixtures.load(dir);
    assertEquals(
        List.of(
            "Duplicate resource \"terraform_data\" configuration | A terraform_data resource named"
                + " \"a\" was already declared at main.tf.json:6,12-13. Resource names must be"
                + " unique per type in each module. | main.tf.json:7,12-13"),
        Fixtures.lines(r.diagnostics()));
    Module m = r.value();
    assertTrue(m.variables().get("region").sensitive());
    Resource a = m.resources().get(ResourceAddress.managed("terraform_data", "a"));
    assertTrue(a.lifecycle().preventDestroy());
    assertEquals(dir + "/main.tf.json:6,22-23", a.count().range().toString());
    assertEquals(List.of("input"), a.config().attributes().stream().map(x -> x.name()).toList());
    assertNull(a.forEach());
  }

  @Test
  void overrideFilesReplaceArgumentsOfTheBlocksTheyName() {
    Fixtures.write(
        dir,
        "main.tf.json",
        "{\"variable\": {\"v\": {\"default\": \"a\", \"description\": \"d\"}}}",
        "override.tf.json",
        "{\"variable\": {\"v\": {\"default\": \"b\"}}, \"output\": {\"nope\": {\"value\": 1}}}");
    Result<Module> r = Fixtures.load(dir);
    Variable v = r.value().variables().get("v");
    assertEquals("d", v.description());
    assertEquals("main.tf.json:1,20-21", v.declRange().toString().replace(dir + "/", ""));
    assertEquals(dir + "/override.tf.json", v.defaultExpr().range().filename());
    assertEquals(
        List.of(
            "Missing base output definition to override | There is no output named \"nope\". An"
                + " override file can only override an output that was already defined in a"
                + " primary configuration file. | override.tf.json:1,58-59"),
        Fixtures.lines(r.diagnostics()));
  }
}
