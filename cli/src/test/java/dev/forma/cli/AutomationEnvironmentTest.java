package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform's automation variables (and their FORMA_ names, which win): TF_IN_AUTOMATION,
 * TF_CLI_ARGS and TF_CLI_ARGS_command, TF_INPUT, TF_LOG and TF_DATA_DIR.
 */
class AutomationEnvironmentTest {
  @TempDir Path dir;
  CliRun cli;

  private static final String CONFIG =
      """
      variable "name" {
        type = string
      }
      resource "terraform_data" "a" {
        input = var.name
      }
      """;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(dir);
    cli.write("main.tf", CONFIG);
  }

  private int run(String... args) {
    return cli.run("", args);
  }

  // ---- TF_IN_AUTOMATION

  @Test
  void inAutomationPlanLeavesOutTheHintsOfWhatToRunNext() {
    assertEquals(0, run("plan", "-no-color", "-var", "name=x", "-out=p.tfplan"), cli.err());
    assertTrue(cli.out().contains("To perform exactly these actions"), cli.out());
    assertEquals(0, run("plan", "-no-color", "-var", "name=x"), cli.err());
    assertTrue(cli.out().contains("Note: You didn't use the -out option"), cli.out());

    cli.env.put("TF_IN_AUTOMATION", "1");
    assertEquals(0, run("plan", "-no-color", "-var", "name=x", "-out=p.tfplan"), cli.err());
    assertTrue(cli.out().endsWith("Plan: 1 to add, 0 to change, 0 to destroy.\n"), cli.out());
    assertTrue(Files.exists(dir.resolve("p.tfplan")));
    assertEquals(0, run("plan", "-no-color", "-var", "name=x"), cli.err());
    assertTrue(cli.out().endsWith("Plan: 1 to add, 0 to change, 0 to destroy.\n"), cli.out());

    cli.env.remove("TF_IN_AUTOMATION");
    cli.env.put("FORMA_IN_AUTOMATION", "true");
    assertEquals(0, run("plan", "-no-color", "-var", "name=x"), cli.err());
    assertFalse(cli.out().contains("Note: You didn't use"), cli.out());
  }

  @Test
  void inAutomationInitSaysItIsInitialisedAndNoMore() {
    cli.env.put("TF_IN_AUTOMATION", "yes");
    assertEquals(0, run("init", "-no-color"), cli.err());
    assertTrue(cli.out().endsWith("Forma has been successfully initialized!\n"), cli.out());
    cli.env.remove("TF_IN_AUTOMATION");
    assertEquals(0, run("init", "-no-color"), cli.err());
    assertTrue(cli.out().contains("You may now begin working with Forma."), cli.out());
  }

  // ---- TF_CLI_ARGS

  @Test
  void cliArgsAreSplitLikeAShellAndPlacedAfterTheCommandSoTypedFlagsWin() {
    cli.env.put("TF_CLI_ARGS", "-no-color");
    cli.env.put("TF_CLI_ARGS_plan", "-var 'name=from the environment'");
    assertEquals(0, run("plan"), cli.err());
    assertTrue(cli.out().contains("+ input  = \"from the environment\""), cli.out());
    assertFalse(cli.out().contains("\u001b["), "-no-color from TF_CLI_ARGS");

    assertEquals(0, run("plan", "-var", "name=typed"), cli.err());
    assertTrue(cli.out().contains("+ input  = \"typed\""), cli.out());

    cli.env.put("FORMA_CLI_ARGS_plan", "-var \"name=forma's\"");
    assertEquals(0, run("plan"), cli.err());
    assertTrue(cli.out().contains("+ input  = \"forma's\""), cli.out());

    // another command's variable is not used: validate takes no -var
    assertEquals(0, run("validate"), cli.err());
  }

  @Test
  void cliArgsOfTheCommandApplyAfterChdirWithASpace() {
    cli.env.put("TF_CLI_ARGS_plan", "-no-color -var 'name=from the environment'");
    assertEquals(0, run("-chdir", dir.toString(), "plan"), cli.err());
    assertTrue(cli.out().contains("+ input  = \"from the environment\""), cli.out());
  }

  @Test
  void cliArgsForASubcommandUseItsWholeName() throws Exception {
    cli.env.put("TF_CLI_ARGS_state_list", "-state=other.tfstate");
    Files.writeString(
        dir.resolve("other.tfstate"),
        """
        {"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"l","outputs":{},
         "resources":[{"mode":"managed","type":"terraform_data","name":"other",
          "provider":"provider[\\"terraform.io/builtin/terraform\\"]",
          "instances":[{"schema_version":0,"attributes":{"id":"1","input":null,"output":null,
          "triggers_replace":null},"sensitive_attributes":[]}]}]}
        """);
    assertEquals(0, run("state", "list"), cli.err());
    assertEquals("terraform_data.other\n", cli.out());
  }

  @Test
  void cliArgsThatCannotBeSplitAreAnError() {
    cli.env.put("TF_CLI_ARGS", "-var 'name=x");
    assertEquals(1, run("plan"));
    assertEquals(
        "Error parsing extra CLI args from TF_CLI_ARGS: invalid command line string\n", cli.err());
  }

  @Test
  void splitsAsTerraformsShellwords() {
    assertEquals(List.of(), AutomationEnvironment.split("  "));
    assertEquals(
        List.of("-a", "b c", "d'e", "f\"g", "h i", ""),
        AutomationEnvironment.split("-a 'b c' \"d'e\" 'f\"g' h\\ i ''"));
    assertEquals(List.of("-var=x=\\n"), AutomationEnvironment.split("-var='x=\\n'"));
    assertNull(AutomationEnvironment.split("\"open"));
    assertNull(AutomationEnvironment.split("end\\"));
  }

  // ---- TF_INPUT

  @Test
  void inputFalseStopsThePromptForAVariableUnlessTheFlagSaysOtherwise() {
    cli.interactive = true;
    assertEquals(0, cli.run("asked\n", "plan", "-no-color"), cli.err());
    assertTrue(cli.out().contains("+ input  = \"asked\""), cli.out());

    for (String off : List.of("0", "false", "F")) {
      cli.env.put("TF_INPUT", off);
      assertEquals(1, cli.run("asked\n", "plan", "-no-color"), off);
      assertTrue(cli.err().contains("No value for required variable"), cli.err());
    }
    assertEquals(0, cli.run("asked\n", "plan", "-no-color", "-input=true"), cli.err());

    cli.env.put("TF_INPUT", "1");
    assertEquals(0, cli.run("asked\n", "plan", "-no-color"), cli.err());
    cli.env.put("FORMA_INPUT", "false");
    assertEquals(1, cli.run("asked\n", "plan", "-no-color"));
  }

  // ---- TF_LOG

  @Test
  void logLevelComesFromFormaLogElseTfLogAndAnUnknownOneIsTraceWithAWarning() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals("off", AutomationEnvironment.logLevel(Map.of(), p));
    assertEquals("debug", AutomationEnvironment.logLevel(Map.of("TF_LOG", "DEBUG"), p));
    assertEquals("trace", AutomationEnvironment.logLevel(Map.of("TF_LOG", "json"), p));
    assertEquals(
        "off", AutomationEnvironment.logLevel(Map.of("TF_LOG", "DEBUG", "FORMA_LOG", "off"), p));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    assertEquals("trace", AutomationEnvironment.logLevel(Map.of("TF_LOG", "bogus"), p));
    assertEquals(
        "[WARN] Invalid log level: \"BOGUS\". Defaulting to level: TRACE. Valid levels are:"
            + " [TRACE DEBUG INFO WARN ERROR OFF]\n",
        err.toString(StandardCharsets.UTF_8));
  }

  // ---- TF_DATA_DIR

  @Test
  void dataDirHoldsModulesTheBackendRecordAndTheWorkspace() throws Exception {
    cli.write(
        "main.tf",
        """
        terraform {
          backend "local" {
            path = "team.tfstate"
          }
        }
        module "m" {
          source = "./m"
        }
        """);
    cli.write("m/main.tf", "resource \"terraform_data\" \"b\" {}\n");
    cli.env.put("TF_DATA_DIR", "ci-data");
    assertEquals(0, run("init", "-no-color"), cli.err());
    assertTrue(Files.exists(dir.resolve("ci-data/modules/modules.json")));
    assertTrue(Files.exists(dir.resolve("ci-data/" + BackendInit.FILE)));
    assertFalse(Files.exists(dir.resolve(".terraform")), "nothing in .terraform");
    assertEquals(0, run("workspace", "new", "-no-color", "dev"), cli.err());
    assertEquals("dev", Files.readString(dir.resolve("ci-data/environment")));
    assertEquals(0, run("plan", "-no-color"), cli.err());
    assertTrue(cli.out().contains("module.m.terraform_data.b will be created"), cli.out());

    // without it, .terraform holds nothing: init is needed
    cli.env.remove("TF_DATA_DIR");
    assertEquals(1, run("plan", "-no-color"));
    assertTrue(cli.err().contains("forma init"), cli.err());
    // FORMA_DATA_DIR wins
    cli.env.put("TF_DATA_DIR", "elsewhere");
    cli.env.put("FORMA_DATA_DIR", "ci-data");
    assertEquals(0, run("plan", "-no-color"), cli.err());
  }
}
