package dev.forma.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.plan.Plan;
import dev.forma.provider.api.value.PathStep;
import dev.forma.state.codec.GoJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code show -json} of plans Terraform 1.11.4 made: Forma writes the same JSON for the same plan
 * (the prior state and configuration are compared where the fixture has them).
 */
class PlanJsonGoldenTest {
  private static final List<String> KEYS =
      List.of(
          "format_version",
          "variables",
          "planned_values",
          "resource_drift",
          "resource_changes",
          "output_changes",
          "relevant_attributes",
          "timestamp",
          "applyable",
          "complete",
          "errored");

  static List<RelevantAttribute> relevant(JsonNode plan) {
    List<RelevantAttribute> out = new ArrayList<>();
    for (JsonNode r : plan.path("relevant_attributes")) {
      List<PathStep> path = new ArrayList<>();
      for (JsonNode s : r.get("attribute")) {
        path.add(s.isNumber() ? PathStep.index(s.asLong()) : PathStep.attr(s.asText()));
      }
      out.add(
          new RelevantAttribute(
              ResourceInstanceAddress.parse(r.get("resource").asText()).value(), path));
    }
    return out;
  }

  private static JsonNode render(String name, Plan.Mode mode, Module config) {
    JsonNode expected = TerraformPlans.json(name, "plan.json");
    Plan plan = TerraformPlans.plan(name, mode);
    PlanJson.Context ctx =
        new PlanJson.Context(
            "1.11.4",
            null,
            config,
            TerraformPlans.SCHEMAS,
            ProviderNames.DEFAULT,
            relevant(expected));
    String text = PlanJson.render(plan, ctx);
    TerraformPlans.keep(name + ".json", text);
    try {
      return TerraformPlans.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "create, NORMAL",
    "update, NORMAL",
    "replace_delete, NORMAL",
    "values, NORMAL",
    "nochange, NORMAL",
    "outputs_only, NORMAL",
    "destroy, DESTROY",
    "import, NORMAL",
    "import_update, NORMAL",
    "lists, NORMAL",
    "removed_module, NORMAL"
  })
  void writesTerraformsPlanJson(String name, Plan.Mode mode) {
    JsonNode expected = TerraformPlans.json(name, "plan.json");
    JsonNode actual = render(name, mode, null);
    for (String key : KEYS) {
      assertEquals(
          expected.has(key) ? GoJson.compact(expected.get(key)) : null,
          actual.has(key) ? GoJson.compact(actual.get(key)) : null,
          name + ": " + key);
    }
  }

  @Test
  void writesTheConfigurationWithConstantsAndReferences() {
    Module config = ConfigLoader.load(TerraformPlans.dir("create")).value();
    JsonNode expected = TerraformPlans.json("create", "plan.json");
    JsonNode actual = render("create", Plan.Mode.NORMAL, config);
    assertEquals(
        GoJson.compact(expected.get("configuration")), GoJson.compact(actual.get("configuration")));
  }
}
