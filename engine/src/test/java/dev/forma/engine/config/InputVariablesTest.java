package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected texts are what {@code terraform plan -input=false} 1.11.4 reports. */
class InputVariablesTest {
  @TempDir Path dir;

  private Result<Map<String, Value>> resolve(
      List<VariableArg> args, Map<String, String> env, Prompter prompter, String... files) {
    Fixtures.write(dir, files);
    Result<Module> m = Fixtures.load(dir);
    assertTrue(m.diagnostics().isEmpty(), m.diagnostics().toString());
    Result<Map<String, Value>> r =
        InputVariables.resolve(m.value(), dir, args, env, prompter != null, prompter);
    return new Result<>(r.value(), Fixtures.relativize(r.diagnostics(), dir + "/"));
  }

  @Test
  void laterSourcesWinInTerraformsOrder() {
    Path varFile =
        Fixtures.write(dir, "x.tfvars", "c = \"var-file\"\nd = \"var-file\"\n").resolve("x.tfvars");
    Result<Map<String, Value>> r =
        resolve(
            List.of(new VariableArg.Var("d=cli"), new VariableArg.VarFile(varFile.toString())),
            Map.of("TF_VAR_a", "env", "TF_VAR_b", "env", "TF_VAR_e", "env"),
            null,
            "main.tf",
            """
            variable "a" {}
            variable "b" {}
            variable "c" {}
            variable "d" {}
            variable "e" {}
            variable "f" { default = "default" }
            """,
            "terraform.tfvars",
            "b = \"tfvars\"\nc = \"tfvars\"",
            "b.auto.tfvars.json",
            "{\"c\": \"auto\", \"b\": \"auto-json\"}");
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    assertEquals(
        Map.of(
            "a", Value.of("env"),
            "b", Value.of("auto-json"),
            "c", Value.of("var-file"),
            "d", Value.of("var-file"),
            "e", Value.of("env"),
            "f", Value.of("default")),
        r.value());
  }

  @Test
  void reportsUndeclaredAndMissingValues() {
    Result<Map<String, Value>> r =
        resolve(
            List.of(new VariableArg.Var("w=2"), new VariableArg.Var("novalue")),
            Map.of("TF_VAR_q", "ignored"),
            null,
            "main.tf",
            "variable \"s\" {}\n",
            "terraform.tfvars",
            "zz = 1\n");
    assertEquals(
        List.of(
            "warning: Value for undeclared variable | The root module does not declare a variable"
                + " named \"zz\" but a value was found in file \"terraform.tfvars\". If you meant"
                + " to use this value, add a \"variable\" block to the configuration.\n\nTo silence"
                + " these warnings, use TF_VAR_... environment variables to provide certain"
                + " \"global\" settings to all configurations in your organization. To reduce the"
                + " verbosity of these warnings, use the -compact-warnings option. |"
                + " terraform.tfvars:1,1-3",
            "Value for undeclared variable | A variable named \"w\" was assigned on the command"
                + " line, but the root module does not declare a variable of that name. To use"
                + " this value, add a \"variable\" block to the configuration. | -",
            "Invalid -var option | The given -var option \"novalue\" is not correctly specified."
                + " Must be a variable name and value separated by an equals sign, like"
                + " -var=\"key=value\". | -",
            "No value for required variable | The root module input variable \"s\" is not set,"
                + " and has no default value. Use a -var or -var-file command line argument to"
                + " provide a value for this variable. | main.tf:1,1-13"),
        Fixtures.lines(r.diagnostics()));
  }

  @Test
  void promptsForMissingValuesAndMarksSensitiveOnes() {
    Result<Map<String, Value>> r =
        resolve(
            List.of(),
            Map.of(),
            prompt -> prompt.startsWith("var.token\n  API token") ? "s3cret" : null,
            "main.tf",
            """
            variable "token" {
              description = "API token"
              sensitive   = true
            }
            """);
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    assertEquals(Value.of("s3cret").markSensitive(), r.value().get("token"));
  }
}
