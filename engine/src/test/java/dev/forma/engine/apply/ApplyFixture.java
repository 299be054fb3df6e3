package dev.forma.engine.apply;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.Resource;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.engine.providers.MockProvider;
import dev.forma.engine.scope.Scope;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.engine.statebridge.StateBridge;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.Value;
import dev.forma.state.InstanceObject;
import dev.forma.state.State;
import dev.forma.state.backend.LocalStateStore;
import dev.forma.state.backend.StateTransaction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs applies against real configuration, a real scope and a local state file: the changes of a
 * plan are computed here the way the planner computes them (configuration evaluated in the scope,
 * the provider's plan), so tests state only the actions.
 */
final class ApplyFixture {
  static final ProviderConfigAddress TERRAFORM = ProviderConfigAddress.of("terraform");
  static final ProviderConfigAddress MOCK = ProviderConfigAddress.of("mock");

  final Path dir;
  final MockProvider mock;
  final Map<ProviderConfigAddress, Provider> providers;
  final LocalStateStore backend;
  final ManualClock clock = new ManualClock();
  Module module;
  Scope planScope;
  final List<ResourceChange> changes = new ArrayList<>();
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  StateTransaction transaction;

  ApplyFixture(Path dir, MockProvider mock) {
    this.dir = dir;
    this.mock = mock;
    this.providers = Map.of(TERRAFORM, new TerraformProvider(), MOCK, mock);
    this.backend = LocalStateStore.inDirectory(dir, "0.1.0");
  }

  /** A clock tests move by hand. */
  static final class ManualClock implements InstantSource {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  /** Loads {@code main.tf} and starts a new plan over the current state. */
  ApplyFixture config(String source) throws Exception {
    Result<Module> loaded = ConfigLoader.loadSources(dir, Map.of("main.tf", source));
    assertFalse(loaded.hasErrors(), loaded.diagnostics().toString());
    module = loaded.value();
    planScope = newScope();
    ScopeEvaluator.prepare(planScope, emptyPlan(), state(), providers);
    changes.clear();
    return this;
  }

  Scope newScope() {
    return new Scope(
        module,
        Map.of(),
        new ModuleEvaluator.Environment(dir, dir, "default", Instant.EPOCH),
        true);
  }

  State state() throws Exception {
    return backend.read().state();
  }

  static ResourceInstanceAddress addr(String text) {
    return ResourceInstanceAddress.parse(text).value();
  }

  private Provider providerOf(ResourceInstanceAddress a) {
    return providers.get(ProviderConfigAddress.of(a.resource().impliedProvider()));
  }

  private ResourceSchema schemaOf(ResourceInstanceAddress a) {
    return providerOf(a).schema().resources().get(a.resource().type());
  }

  Value current(String address) throws Exception {
    ResourceInstanceAddress a = addr(address);
    InstanceObject o = state().currentObject(StateAddresses.toState(a)).orElseThrow();
    return StateBridge.read(o, schemaOf(a).block().impliedType()).value();
  }

  private Value config(ResourceInstanceAddress a) throws Exception {
    Result<Value> config = new ScopeEvaluator(planScope, providers).resourceConfig(a, state());
    assertFalse(config.hasErrors(), config.diagnostics().toString());
    return config.value();
  }

  /**
   * Plans {@code action} (a create, an update or a replacement) for {@code address}, whose
   * configuration refers to the resources {@code dependencies}.
   */
  ApplyFixture plan(String address, Action action, String... dependencies) throws Exception {
    ResourceInstanceAddress a = addr(address);
    Value config = config(a);
    Value before = action == Action.CREATE ? null : current(address);
    Requests.PlanResult planned =
        providerOf(a)
            .planChange(
                new Requests.PlanChange(
                    a.resource().type(),
                    action == Action.UPDATE ? before : null,
                    action == Action.UPDATE ? withPriorComputed(config, before) : config,
                    config,
                    null));
    Value after = planned.plannedState();
    planScope.setInstance(a, after);
    Resource r = module.resources().get(a.resource());
    changes.add(
        new ResourceChange(
            a,
            null,
            r.providerAddress(),
            action,
            ActionReason.NONE,
            before,
            after,
            List.of(),
            null,
            java.util.Arrays.stream(dependencies).map(StateAddresses::dependency).toList(),
            action == Action.CREATE_THEN_DELETE,
            null,
            null));
    return this;
  }

  /** Plans deleting the current object of {@code address}. */
  ApplyFixture planDelete(String address) throws Exception {
    ResourceInstanceAddress a = addr(address);
    InstanceObject o = state().currentObject(StateAddresses.toState(a)).orElseThrow();
    changes.add(
        new ResourceChange(
            a,
            null,
            ProviderConfigAddress.of(a.resource().impliedProvider()),
            Action.DELETE,
            ActionReason.DELETE_BECAUSE_NO_RESOURCE_CONFIG,
            current(address),
            null,
            List.of(),
            null,
            o.dependencies().stream().map(StateAddresses::dependency).toList(),
            false,
            null,
            null));
    return this;
  }

  /** Adds a change as given. */
  ApplyFixture plan(ResourceChange change) {
    changes.add(change);
    return this;
  }

  private static Value withPriorComputed(Value config, Value prior) {
    if (!(config instanceof ObjectValue c) || !(prior.unmark() instanceof ObjectValue p)) {
      return config;
    }
    Map<String, Value> out = new LinkedHashMap<>(c.attributes());
    p.attributes()
        .forEach(
            (k, v) -> {
              if (out.get(k) == null || out.get(k).isNull()) {
                out.put(k, v);
              }
            });
    return Value.object(out);
  }

  Plan emptyPlan() {
    return new Plan(
        Plan.Mode.NORMAL, List.of(), List.of(), List.of(), Map.of(), 0, "", Instant.EPOCH, true);
  }

  Plan thePlan(Plan.Mode mode) {
    // as the planner's: every output of the configuration is planned (apply writes those only)
    List<dev.forma.engine.plan.OutputChange> outputs = new java.util.ArrayList<>();
    if (mode != Plan.Mode.DESTROY && module != null) {
      for (String name : module.outputs().keySet()) {
        outputs.add(
            new dev.forma.engine.plan.OutputChange(
                name,
                dev.forma.engine.plan.Action.CREATE,
                null,
                dev.forma.provider.api.value.Value.unknown(
                    dev.forma.provider.api.value.Type.DYNAMIC),
                false));
      }
    }
    return new Plan(mode, changes, List.of(), outputs, Map.of(), 0, "", Instant.EPOCH, true);
  }

  /** Applies the plan made so far in a new transaction, then commits. */
  Result<ApplyOutcome> apply(int parallelism) throws Exception {
    return apply(new Applier(), Plan.Mode.NORMAL, parallelism, UnaryOperator.identity(), true);
  }

  Result<ApplyOutcome> apply(
      Applier applier,
      Plan.Mode mode,
      int parallelism,
      UnaryOperator<ApplyHooks> hooks,
      boolean commit)
      throws Exception {
    return apply(applier, thePlan(mode), parallelism, hooks, commit);
  }

  /** Applies {@code plan} (made by the planner, say) in a new transaction. */
  Result<ApplyOutcome> apply(
      Applier applier, Plan plan, int parallelism, UnaryOperator<ApplyHooks> hooks, boolean commit)
      throws Exception {
    transaction = backend.begin("apply", backend.read().state());
    Scope scope = newScope();
    ScopeEvaluator.prepare(scope, plan, transaction.state().snapshot(), providers);
    ApplyHooks printer =
        new ProgressPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8), false);
    ApplyRequest request =
        ApplyRequest.of(plan, transaction.state(), providers, new ScopeEvaluator(scope, providers))
            .withHooks(hooks.apply(printer))
            .withParallelism(parallelism)
            .withClock(clock, Duration.ofMillis(5));
    Result<ApplyOutcome> result = applier.apply(request);
    if (commit) {
      transaction.commit();
    }
    return result;
  }

  String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }
}
