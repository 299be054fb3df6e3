package dev.forma.engine.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.Progress;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code terraform_data} as Terraform 1.11.4 plans and applies it (recorded with {@code terraform
 * plan} and {@code apply}): output unknown on create and when input changes, id kept by updates,
 * any change of triggers_replace replaces, import sets only the id.
 */
class TerraformProviderTest {
  static final String T = TerraformProvider.TERRAFORM_DATA;
  final TerraformProvider p = new TerraformProvider();

  static ObjectValue obj(Value id, Value input, Value output, Value triggers) {
    Map<String, Value> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("input", input);
    m.put("output", output);
    m.put("triggers_replace", triggers);
    return (ObjectValue) Value.object(m);
  }

  static final Value NULL = Value.nullOf(Type.DYNAMIC);

  static Value attr(Value o, String name) {
    return ((ObjectValue) o).get(name);
  }

  @Test
  void createPlansUnknownIdAndOutputThenSetsOutputToInput() {
    ObjectValue config = obj(Value.nullOf(Type.STRING), Value.of("a"), NULL, Value.of(1));
    Requests.PlanResult plan = p.planChange(new Requests.PlanChange(T, null, config, config, null));
    assertEquals(List.of(), plan.diagnostics());
    assertFalse(attr(plan.plannedState(), "id").isKnown());
    assertFalse(attr(plan.plannedState(), "output").isKnown());
    assertEquals(Value.of("a"), attr(plan.plannedState(), "input"));
    Requests.ApplyResult r =
        p.create(
            new Requests.Create(
                T, plan.plannedState(), config, "tok", Duration.ofMinutes(1), Progress.NONE));
    assertEquals(Value.of("a"), attr(r.newState(), "output"));
    assertEquals(Value.of(1), attr(r.newState(), "triggers_replace"));
    String id = ((StringValue) attr(r.newState(), "id")).value();
    assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
  }

  @Test
  void changedInputUpdatesInPlaceWithUnknownOutput() {
    ObjectValue prior = obj(Value.of("x-1"), Value.of("a"), Value.of("a"), Value.of(1));
    ObjectValue proposed = obj(Value.of("x-1"), Value.of("b"), Value.of("a"), Value.of(1));
    Requests.PlanResult plan =
        p.planChange(new Requests.PlanChange(T, prior, proposed, proposed, null));
    assertEquals(List.of(), plan.requiresReplace());
    assertEquals(Value.of("x-1"), attr(plan.plannedState(), "id"));
    assertFalse(attr(plan.plannedState(), "output").isKnown());
    Requests.ApplyResult r =
        p.update(
            new Requests.Update(
                T, prior, plan.plannedState(), proposed, null, Duration.ZERO, Progress.NONE));
    assertEquals(obj(Value.of("x-1"), Value.of("b"), Value.of("b"), Value.of(1)), r.newState());
  }

  @Test
  void unchangedInputKeepsPriorOutput() {
    ObjectValue prior = obj(Value.of("x-1"), Value.of(2), Value.of(2), NULL);
    ObjectValue proposed =
        obj(Value.of("x-1"), Value.of(new java.math.BigDecimal("2.0")), Value.of(2), NULL);
    Requests.PlanResult plan =
        p.planChange(new Requests.PlanChange(T, prior, proposed, proposed, null));
    assertEquals(prior, plan.plannedState());
  }

  @Test
  void inputOfAnotherTypeIsAChange() {
    ObjectValue prior = obj(Value.of("x-1"), Value.of(1), Value.of(1), NULL);
    ObjectValue proposed = obj(Value.of("x-1"), Value.of("1"), Value.of(1), NULL);
    Requests.PlanResult plan =
        p.planChange(new Requests.PlanChange(T, prior, proposed, proposed, null));
    assertFalse(attr(plan.plannedState(), "output").isKnown());
  }

  @Test
  void changedTriggersReplace() {
    ObjectValue prior = obj(Value.of("x-1"), Value.of("a"), Value.of("a"), Value.of(1));
    ObjectValue proposed = obj(Value.of("x-1"), Value.of("a"), Value.of("a"), Value.of(2));
    Requests.PlanResult plan =
        p.planChange(new Requests.PlanChange(T, prior, proposed, proposed, null));
    assertEquals(List.of(List.of(PathStep.attr("triggers_replace"))), plan.requiresReplace());
    assertFalse(attr(plan.plannedState(), "id").isKnown());
    assertFalse(attr(plan.plannedState(), "output").isKnown());
  }

  @Test
  void unknownTriggersReplace() {
    ObjectValue prior = obj(Value.of("x-1"), NULL, NULL, Value.of("t"));
    ObjectValue proposed = obj(Value.of("x-1"), NULL, NULL, Value.unknown(Type.STRING));
    Requests.PlanResult plan =
        p.planChange(new Requests.PlanChange(T, prior, proposed, proposed, null));
    assertEquals(List.of(List.of(PathStep.attr("triggers_replace"))), plan.requiresReplace());
  }

  @Test
  void importSetsOnlyTheId() {
    Requests.ImportResult r = p.importResource(new Requests.Import(T, "my-id"));
    assertEquals(List.of(), r.diagnostics());
    assertEquals(obj(Value.of("my-id"), NULL, NULL, NULL), r.state());
  }

  @Test
  void readKeepsPriorStateAndIdsDiffer() {
    ObjectValue prior = obj(Value.of("x-1"), Value.of("a"), Value.of("a"), NULL);
    assertEquals(prior, p.read(new Requests.Read(T, prior, null)).newState());
    assertNotEquals(TerraformProvider.uuid(), TerraformProvider.uuid());
  }

  @Test
  void readOnlyAttributesInConfigAreErrors() {
    ObjectValue config = obj(Value.of("x"), NULL, Value.of(3), NULL);
    assertEquals(
        List.of("\"id\" attribute is read-only", "\"output\" attribute is read-only"),
        p.validateResource(new Requests.ValidateResource(T, config)).diagnostics().stream()
            .map(d -> d.summary())
            .toList());
  }

  @Test
  void findInFlightFindsNothing() {
    assertNull(p.findInFlight(new Requests.FindInFlight(T, NULL, "tok")).newState());
  }
}
