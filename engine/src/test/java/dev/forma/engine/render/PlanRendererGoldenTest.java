package dev.forma.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.engine.plan.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plan text of plans Terraform 1.11.4 made with {@code terraform_data}: Forma renders the same
 * plan to the same bytes Terraform printed ({@code terraform show}), with "Forma" for "Terraform".
 */
class PlanRendererGoldenTest {

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
  void rendersAsTerraformDoes(String name, Plan.Mode mode) {
    Plan plan = TerraformPlans.plan(name, mode);
    String expected = TerraformPlans.read(name, "plan.txt");
    String actual = PlanRenderer.render(plan, TerraformPlans.SCHEMAS, RenderOptions.PLAIN);
    TerraformPlans.keep(name + ".txt", actual);
    assertEquals(expected, actual);
  }

  @ParameterizedTest(name = "{0} in colour")
  @CsvSource({"update, NORMAL", "values, NORMAL"})
  void coloursAsTerraformDoes(String name, Plan.Mode mode) {
    Plan plan = TerraformPlans.plan(name, mode);
    String expected = TerraformPlans.read(name, "plan.color.txt");
    String actual = PlanRenderer.render(plan, TerraformPlans.SCHEMAS, RenderOptions.COLOR);
    TerraformPlans.keep(name + ".color.txt", actual);
    assertEquals(expected, actual);
  }
}
