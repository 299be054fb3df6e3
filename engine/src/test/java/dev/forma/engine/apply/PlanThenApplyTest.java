package dev.forma.engine.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.PlanOptions;
import dev.forma.engine.plan.PlanRequest;
import dev.forma.engine.plan.Planner;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.engine.scope.Scope;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.State;
import dev.forma.state.backend.LoadedState;
import dev.forma.state.backend.LocalStateStore;
import dev.forma.state.backend.StateTransaction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner's plans applied as the CLI will: plan, apply, plan again, change, destroy. */
class PlanThenApplyTest {
  @TempDir Path dir;

  private final Map<ProviderConfigAddress, Provider> providers =
      Map.of(ProviderConfigAddress.of("terraform"), new TerraformProvider());
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private static final String CONFIG =
      """
      resource "terraform_data" "a" {
        input = "one"
      }
      resource "terraform_data" "b" {
        input = terraform_data.a.output
      }
      resource "terraform_data" "c" {
        count            = 2
        triggers_replace = "x"
        input            = "${terraform_data.b.output}-${count.index}"
      }
      resource "terraform_data" "d" {
        triggers_replace = "x"
        lifecycle {
          create_before_destroy = true
        }
      }
      output "o" {
        value = terraform_data.c[1].output
      }
      """;

  private Module load(String source) {
    Result<Module> m = ConfigLoader.loadSources(dir, Map.of("main.tf", source));
    assertFalse(m.hasErrors(), m.diagnostics().toString());
    return m.value();
  }

  private ModuleEvaluator.Environment env() {
    return new ModuleEvaluator.Environment(dir, dir, "default", Instant.EPOCH);
  }

  private Plan plan(LocalStateStore backend, Module module, Plan.Mode mode) throws Exception {
    LoadedState loaded = backend.read();
    Result<Plan> plan =
        Planner.plan(
            new PlanRequest(
                module,
                loaded.state(),
                Map.of(),
                providers,
                PlanOptions.defaults().withMode(mode),
                Map.of(),
                env()));
    assertFalse(plan.hasErrors(), plan.diagnostics().toString());
    return plan.value();
  }

  private Result<ApplyOutcome> apply(LocalStateStore backend, Module module, Plan plan)
      throws Exception {
    printed.reset();
    try (StateTransaction tx = backend.begin("apply", backend.read().state())) {
      Scope scope = new Scope(module, Map.of(), env(), true);
      ScopeEvaluator.prepare(scope, plan, tx.state().snapshot(), providers);
      Result<ApplyOutcome> result =
          new Applier()
              .apply(
                  ApplyRequest.of(plan, tx.state(), providers, new ScopeEvaluator(scope, providers))
                      .withHooks(
                          new ProgressPrinter(
                              new PrintStream(printed, true, StandardCharsets.UTF_8), false)));
      tx.commit();
      return result;
    }
  }

  private static List<String> actions(Plan plan) {
    return plan.changes().stream()
        .filter(c -> c.action() != Action.NO_OP)
        .map(ResourceChange::address)
        .map(
            a ->
                a
                    + " "
                    + plan.changes().stream()
                        .filter(c -> c.address().equals(a) && c.action() != Action.NO_OP)
                        .findFirst()
                        .orElseThrow()
                        .action())
        .toList();
  }

  @Test
  void appliesWhatThePlannerPlannedUntilNothingIsLeftToChange() throws Exception {
    LocalStateStore backend = LocalStateStore.inDirectory(dir, "0.1.0");
    Module module = load(CONFIG);
    Plan first = plan(backend, module, Plan.Mode.NORMAL);
    Result<ApplyOutcome> created = apply(backend, module, first);
    assertFalse(created.hasErrors(), created.diagnostics().toString());
    assertTrue(
        printed
            .toString(StandardCharsets.UTF_8)
            .endsWith("Apply complete! Resources: 5 added, 0 changed, 0 destroyed.\n"),
        printed.toString(StandardCharsets.UTF_8));
    State state = backend.read().state();
    assertEquals("\"one-1\"", state.outputs().get("o").value().toString());

    assertFalse(plan(backend, module, Plan.Mode.NORMAL).hasChanges(), "nothing left to do");

    Module changed = load(CONFIG.replace("\"one\"", "\"two\"").replace("\"x\"", "\"y\""));
    Plan second = plan(backend, changed, Plan.Mode.NORMAL);
    assertEquals(
        List.of(
            "terraform_data.a UPDATE",
            "terraform_data.b UPDATE",
            "terraform_data.c[0] DELETE_THEN_CREATE",
            "terraform_data.c[1] DELETE_THEN_CREATE",
            "terraform_data.d CREATE_THEN_DELETE"),
        actions(second));
    Result<ApplyOutcome> updated = apply(backend, changed, second);
    assertFalse(updated.hasErrors(), updated.diagnostics().toString());
    assertTrue(
        printed
            .toString(StandardCharsets.UTF_8)
            .endsWith("Apply complete! Resources: 3 added, 2 changed, 3 destroyed.\n"));
    state = backend.read().state();
    assertEquals("\"two-1\"", state.outputs().get("o").value().toString());
    assertTrue(
        state
            .instance(
                StateAddresses.toState(
                    dev.forma.engine.addrs.ResourceInstanceAddress.parse("terraform_data.d")
                        .value()))
            .orElseThrow()
            .deposed()
            .isEmpty());
    assertFalse(plan(backend, changed, Plan.Mode.NORMAL).hasChanges(), "nothing left to do");

    Plan destroy = plan(backend, changed, Plan.Mode.DESTROY);
    Result<ApplyOutcome> destroyed = apply(backend, changed, destroy);
    assertFalse(destroyed.hasErrors(), destroyed.diagnostics().toString());
    assertTrue(
        printed
            .toString(StandardCharsets.UTF_8)
            .endsWith("\nDestroy complete! Resources: 5 destroyed.\n"));
    state = backend.read().state();
    assertTrue(state.resources().isEmpty());
    assertTrue(state.outputs().isEmpty());
  }
}
