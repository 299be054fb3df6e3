package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma validate} on a root module that calls local child modules: texts as {@code terraform
 * validate} 1.11.4 prints them for the same files.
 */
class ModuleValidateTest {
  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void setUp() {
    cli = new CliRun(dir);
  }

  private static final String CHILD =
      """
      variable "name" {
        type = string
      }
      variable "size" {
        type    = number
        default = 1
      }
      resource "terraform_data" "a" {
        input = "${var.name}-${var.size}-${path.module}"
      }
      output "out" {
        value = terraform_data.a.output
      }
      """;

  @Test
  void aRootCallingLocalModulesNestedIsValid() throws Exception {
    cli.write("modules/child/main.tf", CHILD);
    cli.write(
        "modules/pair/main.tf",
        """
        variable "prefix" {
          type = string
        }
        module "left" {
          source = "../child"
          name   = "${var.prefix}-l"
        }
        output "left" {
          value = module.left.out
        }
        """);
    cli.write(
        "main.tf",
        """
        module "one" {
          source = "./modules/child"
          count  = 2
          name   = "n${count.index}"
        }
        module "pair" {
          source   = "./modules/pair"
          for_each = toset(["a", "b"])
          prefix   = each.key
        }
        output "o" {
          value = [module.one[0].out, module.pair["a"].left]
        }
        """);
    assertEquals(0, cli.run("", "validate", "-no-color"), cli.err());
    assertEquals("Success! The configuration is valid.\n\n", cli.out());
  }

  @Test
  void reportsAnUndeclaredInputWithDidYouMeanAndAMissingRequiredOne() throws Exception {
    cli.write("modules/child/main.tf", CHILD);
    cli.write(
        "main.tf",
        """
        module "a" {
          source = "./modules/child"
          nmae   = "x"
        }
        """);
    assertEquals(1, cli.run("", "validate", "-no-color"));
    assertEquals(
        """

        Error: Missing required argument

          on main.tf line 1, in module "a":
           1: module "a" {

        The argument "name" is required, but no definition was found.

        Error: Unsupported argument

          on main.tf line 3, in module "a":
           3:   nmae   = "x"

        An argument named "nmae" is not expected here. Did you mean "name"?
        """,
        cli.err());
  }

  @Test
  void namesTheChildModuleInItsOwnReferenceErrors() throws Exception {
    cli.write(
        "modules/child/main.tf",
        """
        output "out" {
          value = terraform_data.nope.id
        }
        output "m" {
          value = module.zz.x
        }
        """);
    cli.write(
        "main.tf",
        """
        module "a" {
          source = "./modules/child"
        }
        output "p" {
          value = module.b.nope
        }
        """);
    assertEquals(1, cli.run("", "validate", "-no-color"));
    String err = cli.err();
    assertTrue(
        err.contains(
            """
            Error: Reference to undeclared module

              on main.tf line 5, in output "p":
               5:   value = module.b.nope

            No module call named "b" is declared in the root module. Did you mean "a"?
            """),
        err);
    assertTrue(
        err.contains(
            """
            Error: Reference to undeclared resource

              on modules/child/main.tf line 2, in output "out":
               2:   value = terraform_data.nope.id

            A managed resource "terraform_data" "nope" has not been declared in module.a.
            """),
        err);
    assertTrue(
        err.contains(
            """
            Error: Reference to undeclared module

              on modules/child/main.tf line 5, in output "m":
               5:   value = module.zz.x

            No module call named "zz" is declared in module.a.
            """),
        err);
  }

  @Test
  void aMissingDirectoryAndAModuleThatCallsItselfAreErrorsNotCrashes() throws Exception {
    cli.write(
        "me/main.tf",
        """
        module "again" {
          source = "../me"
        }
        """);
    cli.write(
        "main.tf",
        """
        module "gone" {
          source = "./modules/missing"
        }
        module "me" {
          source = "./me"
        }
        module "remote" {
          source  = "hashicorp/consul/aws"
          version = "0.1.0"
        }
        """);
    assertEquals(1, cli.run("", "validate", "-no-color"));
    String err = cli.err();
    assertTrue(
        err.contains(
            """
            Error: Unreadable module directory

              on main.tf line 2, in module "gone":
               2:   source = "./modules/missing"

            The directory modules/missing could not be read for module "gone" at
            main.tf:1: it does not exist or is not a directory. Check the module's source
            argument.
            """),
        err);
    assertTrue(
        err.contains(
            """
            Error: Module calls itself

              on me/main.tf line 2, in module "again":
               2:   source = "../me"

            Module "again" loads me, which is already being loaded as module.me: a module
            cannot call itself, directly or through the modules it calls. Point the
            source argument at another directory.
            """),
        err);
    assertTrue(
        err.contains(
            """
            Error: Module not installed

              on main.tf line 7:
               7: module "remote" {

            This module is not yet installed. Run "forma init" to install all modules
            required by this configuration.
            """),
        err);
  }

  @Test
  void planPlansTheResourcesOfModuleCallsWithTheirInputs() throws Exception {
    cli.write("modules/child/main.tf", CHILD);
    cli.write(
        "main.tf",
        """
        module "a" {
          source = "./modules/child"
          name   = "x"
        }
        resource "terraform_data" "r" {}
        """);
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err());
    assertTrue(
        cli.out()
            .contains(
                """
                  # module.a.terraform_data.a will be created
                  + resource "terraform_data" "a" {
                      + id     = (known after apply)
                      + input  = "x-1-modules/child"
                """),
        cli.out());
    assertTrue(cli.out().contains("Plan: 2 to add, 0 to change, 0 to destroy."), cli.out());
  }

  @Test
  void planReportsTheTreesErrorsFirst() throws Exception {
    cli.write("modules/child/main.tf", CHILD);
    cli.write(
        "main.tf",
        """
        module "app" {
          source = "./modules/child"
          name   = "x"
          sise   = 2
        }
        """);
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertEquals(
        """

        Error: Unsupported argument

          on main.tf line 4, in module "app":
           4:   sise   = 2

        An argument named "sise" is not expected here. Did you mean "size"?
        """,
        cli.err());
  }

  @Test
  void aConstantInputOfTheWrongTypeIsReportedAtTheArgument() throws Exception {
    cli.write("modules/child/main.tf", CHILD);
    cli.write(
        "main.tf",
        """
        module "app" {
          source = "./modules/child"
          name   = "x"
          size   = "many"
        }
        """);
    assertEquals(1, cli.run("", "plan", "-no-color"));
    // Terraform 1.11.4's text for the same mistake (scenario modules-errors, step 5)
    assertEquals(
        """

        Error: Invalid value for input variable

          on main.tf line 4, in module "app":
           4:   size   = "many"

        The given value is not suitable for module.app.var.size declared at
        modules/child/main.tf:4,1-16: a number is required.
        """,
        cli.err());
  }

  private static final String APP =
      """
      variable "env" {
        type = string
        validation {
          condition     = contains(["dev", "prod"], var.env)
          error_message = "env must be dev or prod."
        }
      }
      variable "size" {
        type    = number
        default = 1
        validation {
          condition     = var.size < 10
          error_message = "size too big."
        }
      }
      output "url" {
        value = "https://${var.env}"
      }
      """;

  @Test
  void constantArgumentsAreCheckedAgainstTheChildsValidationRulesWithTheirValues()
      throws Exception {
    cli.write("modules/app/main.tf", APP);
    cli.write(
        "main.tf",
        """
        module "app" {
          source = "./modules/app"
          env    = "staging"
          size   = 12
        }
        """);
    assertEquals(1, cli.run("", "validate", "-no-color"));
    // terraform validate 1.11.4's output for the same files
    assertEquals(
        """

        Error: Invalid value for variable

          on main.tf line 3, in module "app":
           3:   env    = "staging"
            ├────────────────
            │ var.env is "staging"

        env must be dev or prod.

        This was checked by the validation rule at modules/app/main.tf:3,3-13.

        Error: Invalid value for variable

          on main.tf line 4, in module "app":
           4:   size   = 12
            ├────────────────
            │ var.size is 12

        size too big.

        This was checked by the validation rule at modules/app/main.tf:11,3-13.
        """,
        cli.err());
  }

  @Test
  void anOutputTheCalledModuleDoesNotDeclareIsAnUnsupportedAttribute() throws Exception {
    cli.write("modules/app/main.tf", APP);
    cli.write(
        "main.tf",
        """
        module "app" {
          source = "./modules/app"
          env    = "dev"
        }
        output "urls" {
          value = module.app.urls
        }
        """);
    assertEquals(1, cli.run("", "validate", "-no-color"));
    assertEquals(
        """

        Error: Unsupported attribute

          on main.tf line 6, in output "urls":
           6:   value = module.app.urls
            ├────────────────
            │ module.app is a object

        This object does not have an attribute named "urls".
        """,
        cli.err());
  }
}
