package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.PlanOptions;
import dev.forma.engine.plan.PlanRequest;
import dev.forma.engine.plan.Planner;
import dev.forma.engine.planfile.PlanFile;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma show [-json] PLANFILE}: a saved plan as the plan text and as Terraform's plan JSON
 * (format 1.2); the expected output is what Terraform 1.11.4 printed for the same configuration.
 */
class ShowPlanFileTest {
  @TempDir Path dir;

  private static final String CONFIG =
      """
      resource "terraform_data" "a" {
        input = "x"
      }
      output "o" {
        value = terraform_data.a.output
      }
      """;

  private void savePlan(CliRun cli) throws Exception {
    cli.write("main.tf", CONFIG);
    Result<Module> m = ConfigLoader.load(dir, dir);
    assertFalse(m.hasErrors(), m.diagnostics().toString());
    Result<Plan> p =
        Planner.plan(
            new PlanRequest(
                m.value(),
                State.empty("lin"),
                Map.of(),
                Map.of(ProviderConfigAddress.of("terraform"), new TerraformProvider()),
                PlanOptions.defaults(),
                Map.of(),
                new ModuleEvaluator.Environment(dir, dir, "default", Instant.EPOCH)));
    assertFalse(p.hasErrors(), p.diagnostics().toString());
    PlanFile.of(
            p.value(),
            true,
            List.of(),
            List.of(),
            State.empty("lin"),
            m.value(),
            List.of(),
            "0.1.0")
        .write(dir.resolve("p.tfplan"), Main.VERSION);
  }

  @Test
  void showsASavedPlanAsThePlanText() throws Exception {
    CliRun cli = new CliRun(dir);
    savePlan(cli);
    assertEquals(0, cli.run("", "show", "-no-color", "p.tfplan"), cli.err());
    assertEquals(
        """

        Forma used the selected providers to generate the following execution plan.
        Resource actions are indicated with the following symbols:
        """
            + ShowCommandTest.fixture("plan-show.txt")
                .substring(ShowCommandTest.fixture("plan-show.txt").indexOf("  + create"))
                .replace("Terraform", "Forma"),
        cli.out());
  }

  @Test
  void showsASavedPlanAsTerraformPlanJson() throws Exception {
    CliRun cli = new CliRun(dir);
    savePlan(cli);
    assertEquals(0, cli.run("", "show", "-json", "p.tfplan"), cli.err());
    ObjectMapper m = new ObjectMapper();
    JsonNode got = m.readTree(cli.out());
    JsonNode want = m.readTree(ShowCommandTest.fixture("plan-show.json"));
    // Forma's saved plans do not record relevant_attributes (they only matter for drift).
    for (JsonNode n : List.of(got, want)) {
      ((ObjectNode) n).remove(List.of("terraform_version", "timestamp", "relevant_attributes"));
    }
    assertEquals(want.toPrettyString(), got.toPrettyString());
  }
}
