package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forma console}: values printed as {@code terraform console} prints them. */
class ConsoleCommandTest {
  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(dir);
    cli.write(
        "main.tf",
        """
        variable "region" {
          default = "cn-hangzhou"
        }
        variable "required" {
          type = number
        }
        variable "key" {
          default   = "sk-demo"
          sensitive = true
        }
        locals {
          names = ["a", "b"]
          tags  = { env = "dev", region = var.region }
        }
        """);
  }

  @Test
  void evaluatesEachLineAgainstTheConfiguration() {
    assertEquals(0, cli.run("upper(\"a\")\nlocal.tags\nlength(local.names)\n", "console"));
    assertEquals(
        """
        "A"
        {
          "env" = "dev"
          "region" = "cn-hangzhou"
        }
        2
        """,
        cli.out());
  }

  @Test
  void anExpressionMaySpanLinesWhileBracketsAreOpen() {
    assertEquals(0, cli.run("[\n  1,\n  2,\n]\n", "console"));
    assertEquals("[\n  1,\n  2,\n]\n", cli.out());
  }

  @Test
  void sensitiveAndMissingValuesAreNeverPrinted() {
    assertEquals(0, cli.run("var.key\nvar.required\n", "console"));
    assertEquals("(sensitive value)\n(known after apply)\n", cli.out());
  }

  @Test
  void varFlagsSetVariables() {
    assertEquals(
        0,
        cli.run(
            "var.region\nvar.required + 1\n", "console", "-var", "region=us", "-var=required=41"));
    assertEquals("\"us\"\n42\n", cli.out());
  }

  @Test
  void anErrorStopsTheRunWithExitCodeOne() {
    assertEquals(1, cli.run("upperr(1)\n1+1\n", "console", "-no-color"));
    assertEquals("", cli.out());
    assertTrue(
        cli.err()
            .contains(
                """
                Error: Call to unknown function

                  on <console-input> line 1:
                   1: upperr(1)

                There is no function named "upperr". Did you mean "upper"?
                """),
        cli.err());
  }

  /** Texts from {@code terraform console} 1.11.4 on the same configuration. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          var.regin             | Reference to undeclared input variable | An input variable with the name "regin" has not been declared. Did you mean\\n"region"?
          var.nope              | Reference to undeclared input variable | An input variable with the name "nope" has not been declared. This variable\\ncan be declared with a variable "nope" {} block.
          local.nmes            | Reference to undeclared local value | A local value with the name "nmes" has not been declared. Did you mean\\n"names"?
          terraform_data.wbe.id | Reference to undeclared resource | A managed resource "terraform_data" "wbe" has not been declared in the root\\nmodule.
          count.index           | Reference to "count" in non-counted context | The "count" object can only be used in "module", "resource", and "data"\\nblocks, and only when the "count" argument is set.
          each.key              | Reference to "each" in context without for_each | The "each" object can be used only in "module" or "resource" blocks, and only\\nwhen the "for_each" argument is set.
          self.x                | Invalid "self" reference | The "self" object is not available in this context. This object can be used\\nonly in resource provisioner, connection, and postcondition blocks.
          path.foo              | Invalid "path" attribute | The "path" object does not have an attribute named "foo". Did you mean\\n"root"?
          true ? 1 : var.nope   | Reference to undeclared input variable | An input variable with the name "nope" has not been declared. This variable\\ncan be declared with a variable "nope" {} block.
          """)
  void referencesAreCheckedAsTerraformChecksThem(String input, String summary, String detail) {
    assertEquals(1, cli.run(input + "\n", "console", "-no-color"));
    assertEquals("", cli.out());
    String want =
        "Error: "
            + summary
            + "\n\n  on <console-input> line 1:\n   1: "
            + input
            + "\n\n"
            + detail.replace("\\n", "\n")
            + "\n";
    assertTrue(cli.err().contains(want), cli.err());
  }

  @Test
  void exitEndsTheSession() {
    assertEquals(0, cli.run("1+1\nexit\n2+2\n", "console"));
    assertEquals("2\n", cli.out());
  }
}
