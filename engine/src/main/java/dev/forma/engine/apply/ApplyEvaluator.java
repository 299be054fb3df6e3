package dev.forma.engine.apply;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.Lifecycle;
import dev.forma.engine.statebridge.StateProvider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the apply needs from the configuration: each resource instance's arguments evaluated again
 * once its dependencies are applied (their values now known), the root module's outputs at the end,
 * and where a resource is declared. {@link ScopeEvaluator} implements it over the planner's
 * evaluation scope. Called from several threads at once.
 */
public interface ApplyEvaluator {
  /**
   * The configuration object of {@code address} (an object of its schema's implied type), evaluated
   * against {@code state}, the state as it is now. Null value when the instance has no
   * configuration any more.
   */
  Result<Value> resourceConfig(ResourceInstanceAddress address, State state);

  /**
   * As {@link #resourceConfig(ResourceInstanceAddress, State)}, with the state made only if the
   * evaluator needs it: a snapshot copies the whole state, which per instance made an apply
   * quadratic in the number of resources. By default it takes the snapshot.
   */
  default Result<Value> resourceConfig(ResourceInstanceAddress address, Supplier<State> state) {
    return resourceConfig(address, state.get());
  }

  /**
   * The {@code ignore_changes} of the resource of {@code address}, for planning it again at apply
   * time as the planner did; by default none.
   */
  default Lifecycle.IgnoreChanges ignoreChanges(ResourceInstanceAddress address) {
    return new Lifecycle.IgnoreChanges.Paths(List.of());
  }

  /** Every root module output evaluated against {@code state}, by name. */
  Map<String, OutputResult> outputs(State state);

  /**
   * The results of the configuration's checks to record in the state after an apply of a plan in
   * {@code mode}, as Terraform records them ({@code check_results}); by default none.
   */
  default List<dev.forma.state.CheckResult> checkResults(dev.forma.engine.plan.Plan.Mode mode) {
    return List.of();
  }

  /**
   * The diagnostics of the preconditions of {@code address} checked again before it is applied (a
   * value unknown at plan may now be known); by default none.
   */
  default Diagnostics preconditions(ResourceInstanceAddress address) {
    return new Diagnostics();
  }

  /**
   * The diagnostics of the postconditions of {@code address} checked against its new object {@code
   * value} ({@code self}); by default none.
   */
  default Diagnostics postconditions(ResourceInstanceAddress address, Value value) {
    return new Diagnostics();
  }

  /**
   * The diagnostics of the root module outputs' preconditions, checked at the end; none by default.
   */
  default Diagnostics outputPreconditions() {
    return new Diagnostics();
  }

  /** The diagnostics (warnings) of the check blocks' assertions after an apply; none by default. */
  default Diagnostics checkBlocks() {
    return new Diagnostics();
  }

  /** Where the resource of {@code address} is declared, for diagnostics; null if nowhere. */
  Range declaration(ResourceInstanceAddress address);

  /**
   * The provider as the state names it ({@code provider["registry.terraform.io/hashicorp/x"]}). By
   * default the source is the conventional one for the local name.
   */
  default String stateProvider(ProviderConfigAddress provider) {
    return StateProvider.of(provider, (String) null).toString();
  }

  /**
   * A provider's diagnostic about {@code address} as a configuration diagnostic; by default at the
   * resource's declaration.
   */
  default Diagnostic diagnostic(ResourceInstanceAddress address, ProviderDiagnostic diagnostic) {
    return new Diagnostic(
        diagnostic.severity(),
        diagnostic.summary(),
        diagnostic.detail(),
        declaration(address),
        null);
  }

  /**
   * Tells the evaluator that {@code address} now has {@code value} (its new object, applied or
   * read), or none ({@code null}: deleted), so that configurations evaluated later see it.
   */
  default void applied(ResourceInstanceAddress address, Value value) {}

  /** One output's value (possibly not wholly known when what it refers to failed). */
  record OutputResult(Value value, boolean sensitive, Diagnostics diagnostics) {}
}
