package dev.forma.engine.plan;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a plan is made from: the module, the prior state, input variable values (resolved and
 * checked), configured providers by configuration address, the options, creates left in flight by
 * an interrupted operation (address to idempotency token, from the state journal), and the
 * environment ({@code path.*}, {@code terraform.workspace}, the timestamp), and the configuration
 * tree ({@code module} at its root, with the child modules its calls load).
 */
public record PlanRequest(
    Module module,
    State priorState,
    Map<String, Value> variables,
    Map<ProviderConfigAddress, Provider> providers,
    PlanOptions options,
    Map<ResourceInstanceAddress, String> pendingCreates,
    ModuleEvaluator.Environment environment,
    ConfigTree tree) {
  /** A request for a configuration without child modules (its tree is the root module alone). */
  public PlanRequest(
      Module module,
      State priorState,
      Map<String, Value> variables,
      Map<ProviderConfigAddress, Provider> providers,
      PlanOptions options,
      Map<ResourceInstanceAddress, String> pendingCreates,
      ModuleEvaluator.Environment environment) {
    this(
        module,
        priorState,
        variables,
        providers,
        options,
        pendingCreates,
        environment,
        ConfigTree.root(module));
  }

  public PlanRequest {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(priorState, "priorState");
    variables = Map.copyOf(variables);
    providers = Map.copyOf(providers);
    Objects.requireNonNull(options, "options");
    pendingCreates = Map.copyOf(pendingCreates);
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(tree, "tree");
  }
}
