package dev.forma.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.DriftReport;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.value.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drift report's JSON, text and Markdown, and the drift section of a plan's Markdown, on
 * changes with sensitive values: the paths that changed are named, the sensitive values never
 * shown.
 */
class DriftRendererTest {
  private static final String SECRET = "s3cr3t-before";
  private static final String SECRET2 = "s3cr3t-after";

  private static Value object(String input, Value token, String tag) {
    Map<String, Value> inner = new LinkedHashMap<>();
    inner.put("name", Value.of(input));
    inner.put("token", token);
    inner.put("tags", Value.tuple(List.of(Value.of("a"), Value.of(tag))));
    Map<String, Value> attrs = new LinkedHashMap<>();
    attrs.put("id", Value.of("x1"));
    attrs.put("input", Value.object(inner));
    attrs.put("output", Value.object(inner));
    attrs.put("triggers_replace", Value.nullOf(dev.forma.provider.api.value.Type.DYNAMIC));
    return Value.object(attrs);
  }

  private static ResourceChange drifted() {
    return new ResourceChange(
        new ResourceInstanceAddress(
            ResourceAddress.managed("terraform_data", "a"),
            dev.forma.engine.addrs.InstanceKey.NONE),
        null,
        ProviderConfigAddress.of("terraform"),
        Action.UPDATE,
        ActionReason.NONE,
        object("n", Value.of(SECRET).markSensitive(), "b"),
        object("n2", Value.of(SECRET2).markSensitive(), "c"),
        List.of(),
        null,
        List.of(),
        false,
        null,
        null);
  }

  private static Plan plan(Plan.Mode mode, List<ResourceChange> drift, List<OutputChange> outs) {
    return new Plan(mode, List.of(), drift, outs, Map.of(), 1, "l", Instant.EPOCH, true);
  }

  private static DriftReport report() {
    return new DriftReport(
        plan(Plan.Mode.REFRESH_ONLY, List.of(drifted()), List.of()),
        plan(
            Plan.Mode.NORMAL,
            List.of(),
            List.of(
                new OutputChange(
                    "key",
                    Action.UPDATE,
                    Value.of(SECRET),
                    Value.of(SECRET2),
                    /* sensitive */ true))));
  }

  @Test
  void jsonNamesEveryChangedPathAndLeavesSensitiveValuesOut() throws Exception {
    String json = DriftRenderer.json(report(), TerraformPlans.SCHEMAS, "0.1.0");
    assertFalse(json.contains(SECRET) || json.contains(SECRET2), json);
    JsonNode doc = TerraformPlans.MAPPER.readTree(json);
    assertEquals(
        TerraformPlans.MAPPER.readTree(
            """
            [
              {"path": ["input", "name"], "sensitive": false, "before": "n", "after": "n2"},
              {"path": ["input", "tags", 1], "sensitive": false, "before": "b", "after": "c"},
              {"path": ["input", "token"], "sensitive": true},
              {"path": ["output", "name"], "sensitive": false, "before": "n", "after": "n2"},
              {"path": ["output", "tags", 1], "sensitive": false, "before": "b", "after": "c"},
              {"path": ["output", "token"], "sensitive": true}
            ]
            """),
        doc.path("changed_outside").path(0).path("attributes"));
    assertEquals(
        TerraformPlans.MAPPER.readTree(
            "[{\"name\": \"key\", \"actions\": [\"update\"], \"sensitive\": true}]"),
        doc.path("output_changes"));
    assertEquals(1, doc.path("summary").path("not_applied").asInt());
    assertTrue(doc.path("drift").asBoolean());
  }

  @Test
  void textAndMarkdownMaskSensitiveValues() {
    String text = DriftRenderer.render(report(), TerraformPlans.SCHEMAS, RenderOptions.PLAIN);
    assertFalse(text.contains(SECRET) || text.contains(SECRET2), text);
    assertTrue(text.contains("(sensitive value)"), text);
    assertTrue(text.contains("~ key = (sensitive value)"), text);
    String md = PlanMarkdown.drift(report(), TerraformPlans.SCHEMAS);
    assertFalse(md.contains(SECRET) || md.contains(SECRET2), md);
    assertTrue(
        md.contains(
            "- `terraform_data.a` has changed: `input.name`, `input.tags[1]`, `input.token`,"
                + " `output.name`, `output.tags[1]`, `output.token`\n"),
        md);
  }

  @Test
  void aPlansMarkdownShowsItsDriftInItsOwnSection() {
    Plan plan = plan(Plan.Mode.NORMAL, List.of(drifted()), List.of());
    String md = PlanMarkdown.render(plan, TerraformPlans.SCHEMAS);
    assertFalse(md.contains(SECRET) || md.contains(SECRET2), md);
    assertTrue(
        md.startsWith(
            "## Forma plan\n\n**No changes. Your infrastructure matches the configuration.**\n\n"
                + "### Changed outside Forma (1)\n\n- `terraform_data.a` has changed:"),
        md);
    assertTrue(md.contains("<details><summary>terraform_data.a has changed</summary>"), md);
  }
}
