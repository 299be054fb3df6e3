package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected texts and ranges are what {@code terraform validate -json} 1.11.4 reports. */
class ModuleEvaluatorTest {
  @TempDir Path dir;

  private List<String> validate(String main) {
    Fixtures.write(dir, "main.tf", main);
    Result<Module> m = Fixtures.load(dir);
    assertTrue(m.diagnostics().isEmpty(), m.diagnostics().toString());
    Diagnostics d = ModuleEvaluator.validate(m.value());
    return Fixtures.lines(Fixtures.relativize(d, dir + "/"));
  }

  @Test
  void reportsUndeclaredReferencesWithSuggestions() {
    assertEquals(
        List.of(
            "Reference to undeclared input variable | An input variable with the name \"regin\""
                + " has not been declared. Did you mean \"region\"? | main.tf:3,22-31",
            "Reference to undeclared local value | A local value with the name \"nme\" has not"
                + " been declared. Did you mean \"name\"? | main.tf:4,22-31",
            "Reference to undeclared resource | A managed resource \"terraform_data\" \"wbe\" has"
                + " not been declared in the root module. | main.tf:5,22-40",
            "Reference to undeclared resource | A data resource \"foo\" \"bar\" has not been"
                + " declared in the root module. | main.tf:6,22-34",
            "Invalid \"path\" attribute | The \"path\" object does not have an attribute named"
                + " \"foo\". Did you mean \"root\"? | main.tf:7,22-30",
            "Invalid reference | The \"var\" object cannot be accessed directly. Instead, access"
                + " one of its attributes. | main.tf:8,22-25",
            "Invalid reference | A reference to a resource type must be followed by at least one"
                + " attribute access, specifying the resource name. | main.tf:9,22-25",
            "Reference to undeclared input variable | An input variable with the name \"a\" has"
                + " not been declared. This variable can be declared with a variable \"a\" {}"
                + " block. | main.tf:10,22-27"),
        validate(
            """
            variable "region" {}
            locals { name = 1 }
            output "a" { value = var.regin }
            output "b" { value = local.nme }
            output "c" { value = terraform_data.wbe }
            output "d" { value = data.foo.bar.x }
            output "e" { value = path.foo }
            output "f" { value = var }
            output "g" { value = foo }
            output "h" { value = var.a }
            output "i" { value = [path.module, terraform.workspace, local.name, var.region] }
            """));
  }

  @Test
  void checksCountEachAndSelfByPlace() {
    assertEquals(
        List.of(
            "Invalid \"count\" attribute | The \"count\" object does not have an attribute named"
                + " \"foo\". The only supported attribute is count.index, which is the index of"
                + " each instance of a resource block that has the \"count\" argument set. |"
                + " main.tf:3,12-21",
            "Invalid \"self\" reference | The \"self\" object is not available in this context."
                + " This object can be used only in resource provisioner, connection, and"
                + " postcondition blocks. | main.tf:3,23-27",
            "Invalid \"each\" attribute | The \"each\" object does not have an attribute named"
                + " \"foo\". The supported attributes are each.key and each.value, the current key"
                + " and value pair of the \"for_each\" attribute set. | main.tf:7,12-20",
            "Reference to \"count\" in non-counted context | The \"count\" object can only be used"
                + " in \"module\", \"resource\", and \"data\" blocks, and only when the \"count\""
                + " argument is set. | main.tf:7,22-33",
            "Reference to \"each\" in context without for_each | The \"each\" object can be used"
                + " only in \"module\" or \"resource\" blocks, and only when the \"for_each\""
                + " argument is set. | main.tf:15,22-30"),
        validate(
            """
            resource "terraform_data" "web" {
              count = 2
              input = [count.foo, self.x, count.index]
            }
            resource "terraform_data" "fe" {
              for_each = {}
              input = [each.foo, count.index, each.key]
              lifecycle {
                postcondition {
                  condition = self.id != ""
                  error_message = "x"
                }
              }
            }
            output "o" { value = each.key }
            """));
  }

  @Test
  void reportsEveryLocalOnACycleWithItsLocation() {
    assertEquals(
        List.of(
            "Cycle: local.a, local.b, local.c | These local values refer to each other in a"
                + " cycle:\n  local.a (main.tf:2,3-14) refers to local.b\n  local.b"
                + " (main.tf:3,3-14) refers to local.c\n  local.c (main.tf:4,3-14) refers to"
                + " local.a | main.tf:2,3-14"),
        validate(
            """
            locals {
              a = local.b
              b = local.c
              c = local.a
              d = local.a
              e = 1
            }
            """));
  }

  private Result<dev.forma.engine.eval.EvalContext> console(String main, Map<String, Value> vars) {
    Fixtures.write(dir, "main.tf", main);
    Result<Module> m = Fixtures.load(dir);
    assertTrue(m.diagnostics().isEmpty(), m.diagnostics().toString());
    Result<dev.forma.engine.eval.EvalContext> r =
        ModuleEvaluator.evalContext(
            m.value(),
            vars,
            ModuleEvaluator.Environment.of(dir, dir, Map.of("TF_WORKSPACE", "staging")));
    return new Result<>(r.value(), Fixtures.relativize(r.diagnostics(), dir + "/"));
  }

  @Test
  void evaluatesLocalsInDependencyOrderForTheConsole() {
    Result<dev.forma.engine.eval.EvalContext> r =
        console(
            """
            variable "n" { type = number }
            locals {
              b = local.a * 2
              a = var.n + 1
              w = "${terraform.workspace}-${upper("x")}"
            }
            """,
            Map.of("n", Value.of(2)));
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    ObjectValue local = (ObjectValue) r.value().lookup("local");
    assertEquals(Value.of(6), local.get("b"));
    assertEquals(Value.of("staging-X"), local.get("w"));
  }

  @Test
  void reportsFailedValidationRulesAndSensitiveOutputs() {
    Result<dev.forma.engine.eval.EvalContext> r =
        console(
            """
            variable "n" {
              type = number
              validation {
                condition = var.n > 5
                error_message = "Too small."
              }
            }
            variable "s" {
              sensitive = true
              default = "x"
            }
            output "y" { value = var.s }
            output "z" {
              value = var.s
              sensitive = true
            }
            """,
            Map.of("n", Value.of(3), "s", Value.of("x").markSensitive()));
    assertEquals(
        List.of(
            "Invalid value for variable | Too small.\n\nThis was checked by the validation rule at"
                + " main.tf:3,3-13. | main.tf:1,1-13",
            "Output refers to sensitive values | To reduce the risk of accidentally exporting"
                + " sensitive data that was intended to be only internal, Forma requires that any"
                + " root module output containing sensitive data be explicitly marked as"
                + " sensitive, to confirm your intent.\n\nIf you do intend to export this data,"
                + " annotate the output value as sensitive by adding the following argument:\n"
                + "    sensitive = true | main.tf:12,1-11"),
        Fixtures.lines(r.diagnostics()));
  }

  @Test
  void validatesWithUnknownVariablesOfTheirTypes() {
    List<String> got =
        validate(
            """
            variable "n" { type = number }
            variable "l" { type = list(string) }
            locals { x = var.n + 1 }
            locals { y = var.l + 1 }
            output "o" { value = local.x }
            """);
    assertEquals(
        List.of(
            "Invalid operand | Unsuitable value for left operand: number required. |"
                + " main.tf:4,14-19"),
        got);
  }

  private Value console(String main, Map<String, Value> vars, String expr) {
    Fixtures.write(dir, "main.tf", main);
    Result<Module> m = Fixtures.load(dir);
    assertTrue(m.diagnostics().isEmpty(), m.diagnostics().toString());
    Result<dev.forma.engine.eval.EvalContext> ctx =
        ModuleEvaluator.evalContext(
            m.value(), vars, ModuleEvaluator.Environment.of(dir, dir, Map.of()));
    assertTrue(ctx.diagnostics().isEmpty(), ctx.diagnostics().toString());
    Result<Value> v =
        dev.forma.engine.eval.Evaluator.evaluate(
            dev.forma.engine.hcl.Parser.parseExpression("t", expr).value(), ctx.value());
    assertTrue(v.diagnostics().isEmpty(), v.diagnostics().toString());
    return v.value();
  }

  @Test
  void pathModuleAndRootAreDotForTheRootModule() {
    assertEquals(
        Value.tuple(
            List.of(
                Value.of("."),
                Value.of("."),
                Value.of(dir.toAbsolutePath().normalize().toString()),
                Value.of("./main.tf"))),
        console(
            "locals { f = \"${path.module}/main.tf\" }\n",
            Map.of(),
            "[path.module, path.root, path.cwd, local.f]"));
  }

  @Test
  void theNullGuardIdiomPlansItsFallback() {
    String main =
        """
        variable "x" {
          type    = string
          default = null
        }
        variable "regional" { default = true }
        variable "zones" {
          type    = list(string)
          default = []
        }
        locals {
          vpc  = var.x != null ? "vpc/${var.x}" : "none"
          zone = var.regional ? "cn-hangzhou" : var.zones[0]
        }
        output "vpc" { value = local.vpc }
        output "zone" { value = local.zone }
        """;
    assertEquals(
        Value.tuple(List.of(Value.of("none"), Value.of("cn-hangzhou"))),
        console(
            main,
            Map.of(
                "x",
                Value.nullOf(dev.forma.provider.api.value.Type.STRING),
                "regional",
                Value.TRUE,
                "zones",
                Value.list(dev.forma.provider.api.value.Type.STRING, List.of())),
            "[local.vpc, local.zone]"));
  }
}
