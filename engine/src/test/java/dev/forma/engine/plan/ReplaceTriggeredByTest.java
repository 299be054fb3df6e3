package dev.forma.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.engine.statebridge.StateBridge;
import dev.forma.engine.statebridge.StoredObject;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code replace_triggered_by} in every shape Terraform accepts, planned over a state where some
 * watched objects change: only the instances whose trigger sees an update or a replacement (of the
 * attribute, when one is named) are replaced, as in Terraform 1.11.4.
 */
class ReplaceTriggeredByTest {
  private static final ProviderConfigAddress TF = ProviderConfigAddress.of("terraform");
  private State state = State.empty("lineage-1");

  private void put(String address, String input) {
    Map<String, Value> m = new LinkedHashMap<>();
    m.put("id", Value.of(address));
    m.put("input", Value.of(input));
    m.put("output", Value.of(input));
    m.put("triggers_replace", Value.NULL);
    StoredObject o = new StoredObject(Value.object(m), 0, null, List.of(), false, false);
    state =
        state.toBuilder()
            .setCurrent(
                StateAddresses.toState(ResourceInstanceAddress.parse(address).value()),
                "provider[\"terraform.io/builtin/terraform\"]",
                StateBridge.write(o, TerraformProvider.TERRAFORM_DATA_SCHEMA.block().impliedType()))
            .build();
  }

  private Result<Plan> plan(String hcl) {
    Result<Module> m = ConfigLoader.loadSources(Path.of("."), Map.of("main.tf", hcl));
    assertFalse(m.hasErrors(), m.diagnostics().toString());
    Map<ProviderConfigAddress, Provider> ps = Map.of(TF, new TerraformProvider());
    return Planner.plan(
        new PlanRequest(
            m.value(),
            state,
            Map.of(),
            ps,
            PlanOptions.defaults(),
            Map.of(),
            new ModuleEvaluator.Environment(Path.of("."), Path.of("."), "default", Instant.EPOCH)));
  }

  private static Action action(Plan p, String address) {
    return p.changes().stream()
        .filter(c -> c.address().toString().equals(address) && c.deposedKey() == null)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change for " + address + " in " + p.changes()))
        .action();
  }

  private Plan ok(String hcl) {
    Result<Plan> r = plan(hcl);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.value();
  }

  @Test
  void countIndexSelectsTheSameInstanceOfTheWatchedResource() {
    put("terraform_data.source[0]", "a");
    put("terraform_data.source[1]", "b");
    put("terraform_data.follower[0]", "x");
    put("terraform_data.follower[1]", "x");
    Plan p =
        ok(
            """
            resource "terraform_data" "source" {
              count = 2
              input = count.index == 0 ? "a" : "b-changed"
            }
            resource "terraform_data" "follower" {
              count = 2
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.source[count.index].output]
              }
            }
            """);
    assertEquals(Action.NO_OP, action(p, "terraform_data.follower[0]"));
    assertEquals(Action.DELETE_THEN_CREATE, action(p, "terraform_data.follower[1]"));
    assertEquals(ActionReason.REPLACE_BY_TRIGGERS, reason(p, "terraform_data.follower[1]"));
  }

  @Test
  void eachKeySelectsTheSameInstanceOfTheWatchedResource() {
    put("terraform_data.source[\"a\"]", "a");
    put("terraform_data.source[\"b\"]", "b");
    put("terraform_data.follower[\"a\"]", "x");
    put("terraform_data.follower[\"b\"]", "x");
    Plan p =
        ok(
            """
            resource "terraform_data" "source" {
              for_each = toset(["a", "b"])
              input    = each.key == "a" ? "a-changed" : "b"
            }
            resource "terraform_data" "follower" {
              for_each = toset(["a", "b"])
              input    = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.source[each.key]]
              }
            }
            """);
    assertEquals(Action.DELETE_THEN_CREATE, action(p, "terraform_data.follower[\"a\"]"));
    assertEquals(Action.NO_OP, action(p, "terraform_data.follower[\"b\"]"));
  }

  @Test
  void anAttributeOfASingleInstanceTriggersOnlyWhenItChanges() {
    put("terraform_data.source", "a");
    put("terraform_data.other", "o");
    put("terraform_data.on_output", "x");
    put("terraform_data.on_id", "x");
    put("terraform_data.on_any", "x");
    Plan p =
        ok(
            """
            resource "terraform_data" "source" { input = "a-changed" }
            resource "terraform_data" "other" { input = "o" }
            resource "terraform_data" "on_output" {
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.source.output]
              }
            }
            resource "terraform_data" "on_id" {
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.source.id, terraform_data.other]
              }
            }
            resource "terraform_data" "on_any" {
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.other, terraform_data.source]
              }
            }
            """);
    assertEquals(Action.DELETE_THEN_CREATE, action(p, "terraform_data.on_output"));
    assertEquals(Action.NO_OP, action(p, "terraform_data.on_id"), "the id does not change");
    assertEquals(Action.DELETE_THEN_CREATE, action(p, "terraform_data.on_any"));
  }

  @Test
  void aCreatedObjectDoesNotTrigger() {
    put("terraform_data.follower", "x");
    Plan p =
        ok(
            """
            resource "terraform_data" "fresh" { input = "new" }
            resource "terraform_data" "follower" {
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.fresh.output, terraform_data.fresh]
              }
            }
            """);
    assertEquals(Action.CREATE, action(p, "terraform_data.fresh"));
    assertEquals(Action.NO_OP, action(p, "terraform_data.follower"));
  }

  @Test
  void aSplatIsReportedWhenPlannedAsTerraformReportsIt() {
    put("terraform_data.source", "a");
    put("terraform_data.follower", "x");
    Result<Plan> r =
        plan(
            """
            resource "terraform_data" "source" { input = "a" }
            resource "terraform_data" "follower" {
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.source[*]]
              }
            }
            """);
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Invalid replace_triggered_by expression", d.summary());
    assertEquals("Unexpected expression found in replace_triggered_by.", d.detail());
    assertEquals("main.tf:5,29-53", d.subject().toString());
  }

  @Test
  void anUndeclaredResourceIsReportedWhenPlannedAsTerraformReportsIt() {
    put("terraform_data.follower", "x");
    Result<Plan> r =
        plan(
            """
            resource "terraform_data" "follower" {
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.nowhere.output]
              }
            }
            """);
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Reference to undeclared resource", d.summary());
    assertEquals(
        "A resource terraform_data.nowhere has not been declared in the root module", d.detail());
  }

  private static ActionReason reason(Plan p, String address) {
    return p.changes().stream()
        .filter(c -> c.address().toString().equals(address))
        .findFirst()
        .orElseThrow()
        .reason();
  }
}
