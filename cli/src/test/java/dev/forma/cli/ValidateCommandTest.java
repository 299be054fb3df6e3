package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forma validate}: texts, JSON and exit codes as {@code terraform validate} 1.11.4's. */
class ValidateCommandTest {
  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void setUp() {
    cli = new CliRun(dir);
  }

  @Test
  void reportsSuccessForAValidConfiguration() throws Exception {
    cli.write(
        "main.tf",
        """
        variable "name" {
          type    = string
          default = "demo"
        }
        locals {
          label = "${var.name}-${upper("x")}"
        }
        resource "terraform_data" "a" {
          input = local.label
        }
        output "id" {
          value = terraform_data.a.id
        }
        """);
    assertEquals(0, cli.run("", "validate", "-no-color"));
    assertEquals("Success! The configuration is valid.\n\n", cli.out());
  }

  @Test
  void reportsEveryErrorWithFileLineBlockAndSourceLine() throws Exception {
    cli.write(
        "main.tf",
        """
        locals {
          obj = { a = 1 }
          b   = local.obj.c
          c = upperr("x")
        }
        resource "terraform_data" "a" {
          input = "hello ${local.nope} there"
        }
        """);
    assertEquals(1, cli.run("", "validate", "-no-color"));
    String err = cli.err();
    assertTrue(
        err.contains(
            """

            Error: Call to unknown function

              on main.tf line 4, in locals:
               4:   c = upperr("x")

            There is no function named "upperr". Did you mean "upper"?
            """),
        err);
    assertTrue(
        err.contains(
            """

            Error: Reference to undeclared local value

              on main.tf line 7, in resource "terraform_data" "a":
               7:   input = "hello ${local.nope} there"

            A local value with the name "nope" has not been declared.
            """),
        err);
    assertTrue(err.contains("Error: Unsupported attribute"), err);
    assertEquals("", cli.out());
  }

  @Test
  void checksResourceBodiesAgainstProviderSchemas() throws Exception {
    cli.write(
        "main.tf",
        """
        resource "terraform_data" "a" {
          inptu = 1
        }
        resource "terraform_dat" "b" {
        }
        """);
    assertEquals(1, cli.run("", "validate", "-no-color"));
    String err = cli.err();
    assertTrue(
        err.contains(
            """

            Error: Unsupported argument

              on main.tf line 2, in resource "terraform_data" "a":
               2:   inptu = 1

            An argument named "inptu" is not expected here. Did you mean "input"?
            """),
        err);
    assertTrue(
        err.contains(
            """

            Error: Invalid resource type

              on main.tf line 4, in resource "terraform_dat" "b":
               4: resource "terraform_dat" "b" {

            The provider terraform.io/builtin/terraform does not support resource type
            "terraform_dat". Did you mean "terraform_data"?
            """),
        err);
  }

  @Test
  void printsTerraformsValidateJson() throws Exception {
    cli.write("main.tf", "locals {\n  obj = { a = 1 }\n  b   = local.obj.c\n}\n");
    assertEquals(1, cli.run("", "validate", "-json"));
    JsonNode j = new ObjectMapper().readTree(cli.out());
    assertEquals("1.0", j.get("format_version").asText());
    assertEquals(false, j.get("valid").asBoolean());
    assertEquals(1, j.get("error_count").asInt());
    assertEquals(0, j.get("warning_count").asInt());
    JsonNode d = j.get("diagnostics").get(0);
    assertEquals("error", d.get("severity").asText());
    assertEquals("Unsupported attribute", d.get("summary").asText());
    assertEquals("main.tf", d.at("/range/filename").asText());
    assertEquals(3, d.at("/range/start/line").asInt());
    assertEquals(18, d.at("/range/start/column").asInt());
    assertEquals(44, d.at("/range/start/byte").asInt());
    assertEquals(20, d.at("/range/end/column").asInt());
    assertEquals("locals", d.at("/snippet/context").asText());
    assertEquals("  b   = local.obj.c", d.at("/snippet/code").asText());
    assertEquals(17, d.at("/snippet/highlight_start_offset").asInt());
    assertEquals(19, d.at("/snippet/highlight_end_offset").asInt());
  }

  @Test
  void reportsSyntaxErrorsFromEveryFileInOneRun() throws Exception {
    cli.write("a.tf", "locals {\n  x = 'single'\n}\n");
    cli.write("b.tf", "variable \"v\" {\n  type = string\n  default = 1 ==> 2\n}\n");
    assertEquals(1, cli.run("", "validate", "-no-color"));
    String err = cli.err();
    assertTrue(err.contains("on a.tf line 2"), err);
    assertTrue(err.contains("Single quotes are not valid"), err);
    assertTrue(err.contains("on b.tf line 3"), err);
  }

  @Test
  void chdirValidatesAnotherDirectory() throws Exception {
    cli.write("sub/main.tf", "locals {\n  a = local.b\n}\n");
    assertEquals(1, cli.run("", "-chdir=sub", "validate", "-no-color"));
    assertTrue(cli.err().contains("on main.tf line 2, in locals:"), cli.err());
  }

  @Test
  void anUnknownFlagIsExitCodeOne() {
    assertEquals(1, cli.run("", "validate", "-bogus"));
    assertTrue(cli.err().contains("-bogus"), cli.err());
  }
}
