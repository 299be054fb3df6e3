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

  @Test
  void exitEndsTheSession() {
    assertEquals(0, cli.run("1+1\nexit\n2+2\n", "console"));
    assertEquals("2\n", cli.out());
  }
}
