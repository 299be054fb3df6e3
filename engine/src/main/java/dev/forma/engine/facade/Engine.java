package dev.forma.engine.facade;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.apply.Applier;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.apply.ApplyOutcome;
import dev.forma.engine.apply.ApplyRequest;
import dev.forma.engine.apply.ScopeEvaluator;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.plan.ImportTargets;
import dev.forma.engine.plan.ModuleInstances;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.PlanRequest;
import dev.forma.engine.plan.Planner;
import dev.forma.engine.providers.ProviderConfigs;
import dev.forma.engine.providers.Providers;
import dev.forma.engine.scope.Scope;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.engine.statebridge.StateProvider;
import dev.forma.engine.statebridge.StoredObject;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.Value;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.SyncState;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The engine's entry points, each returning its result with its diagnostics (a partial result
 * included where there is one): {@link #validate}, {@link #providers}, {@link #plan}, {@link
 * #apply} and {@link #importObject}. See the package documentation.
 */
public final class Engine {
  /** The place of the implied empty configuration of a provider only the state uses. */
  private static final Range NOWHERE = new Range("", new Pos(1, 1, 0), new Pos(1, 1, 0));

  private Engine() {}

  /** Validates the root module against the providers' schemas (its child modules too). */
  public static Diagnostics validate(
      Module module, ModuleEvaluator.Environment env, Providers registry) {
    return ModuleEvaluator.validate(module, env, registry);
  }

  /**
   * The providers a plan or apply of {@code tree} over {@code prior} needs, configured: each {@code
   * provider} block of the root module, and the default configuration (empty) of each provider that
   * only child modules' resources or objects in the state still use (their resource blocks were
   * removed), so that those can be refreshed and destroyed. An aliased configuration that is gone
   * is the planner's error to report. Only errors of evaluating the root module are returned: its
   * warnings are validation's.
   */
  public static Result<Map<ProviderConfigAddress, Provider>> providers(
      ConfigTree tree,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env,
      Providers registry,
      State prior) {
    Module module = tree.module();
    Diagnostics d = new Diagnostics();
    Result<EvalContext> ctx = ModuleEvaluator.evalContext(module, variables, env);
    for (Diagnostic diag : ctx.diagnostics()) {
      if (diag.isError()) {
        d.add(diag);
      }
    }
    if (d.hasErrors()) {
      return new Result<>(null, d);
    }
    Result<Map<ProviderConfigAddress, Provider>> configured =
        ProviderConfigs.configure(module, ctx.value(), registry);
    d.addAll(configured.diagnostics());
    if (d.hasErrors()) {
      return new Result<>(null, d);
    }
    Map<ProviderConfigAddress, Provider> providers = new TreeMap<>(configured.value());
    configureImplied(prior, tree, registry, ctx.value(), providers, d);
    return new Result<>(d.hasErrors() ? null : providers, d);
  }

  private static void configureImplied(
      State prior,
      ConfigTree tree,
      Providers registry,
      EvalContext ctx,
      Map<ProviderConfigAddress, Provider> providers,
      Diagnostics d) {
    Set<ProviderConfigAddress> wanted = new LinkedHashSet<>();
    // the default configurations child modules inherit without the root module declaring them
    var refs = new dev.forma.engine.graph.TreeReferences(tree);
    for (ConfigTree t : tree.all()) {
      if (!t.path().isRoot()) {
        t.module()
            .resources()
            .values()
            .forEach(r -> wanted.add(refs.providerFor(t.path(), r.providerAddress())));
      }
    }
    for (ResourceState rs : prior.resources().values()) {
      StateProvider sp = StateProvider.parse(rs.provider());
      ResourceAddress ra = StateAddresses.fromState(rs.address());
      wanted.add(sp != null ? sp.configAddress() : ProviderConfigAddress.of(ra.impliedProvider()));
    }
    for (ProviderConfigAddress a : wanted) {
      if (providers.containsKey(a) || a.alias() != null) {
        continue;
      }
      Provider p = ProviderConfigs.configureDefault(a.localName(), registry, ctx, NOWHERE, d);
      if (p != null) {
        providers.put(a, p);
      }
    }
  }

  /**
   * Plans {@code request} (refreshing first, unless told not to), telling {@code hooks} of each
   * object it reads: the plan (incomplete when there are errors, null when nothing could be
   * planned) and the diagnostics.
   */
  public static Result<Plan> plan(PlanRequest request, ApplyHooks hooks) {
    return Planner.plan(request, hooks);
  }

  /** What an apply needs besides the plan: the configuration it was made from, and where to. */
  public record ApplyInput(
      Plan plan,
      ConfigTree tree,
      Map<String, Value> variables,
      ModuleEvaluator.Environment environment,
      Map<ProviderConfigAddress, Provider> providers,
      SyncState state,
      ApplyHooks hooks,
      int parallelism) {}

  /**
   * Applies {@code in.plan()} through {@code applier} (so that the caller can ask it to stop),
   * recording each change in {@code in.state()}: the outcome with every diagnostic, or no outcome
   * when the configuration cannot be evaluated against the state (nothing was changed then).
   */
  public static Result<ApplyOutcome> apply(Applier applier, ApplyInput in) {
    ModuleInstances modules =
        in.tree().children().isEmpty()
            ? null
            : new ModuleInstances(in.tree(), in.environment(), new Diagnostics());
    Module module = in.tree().module();
    Scope scope =
        modules == null
            ? new Scope(module, in.variables(), in.environment(), true)
            : new Scope(module, in.variables(), in.environment(), true, modules);
    if (modules != null) {
      modules.root(scope);
    }
    Diagnostics prepared =
        ScopeEvaluator.prepare(scope, in.plan(), in.state().snapshot(), in.providers(), modules);
    if (prepared.hasErrors()) {
      return new Result<>(null, prepared);
    }
    return applier.apply(
        ApplyRequest.of(
                in.plan(),
                in.state(),
                in.providers(),
                new ScopeEvaluator(scope, in.providers(), modules))
            .withHooks(in.hooks())
            .withParallelism(in.parallelism()));
  }

  /**
   * Imports the remote object {@code id} into {@code address} as import blocks do when planning
   * (the provider's import, then its read): the object to record in the state, or null after
   * errors. {@code convert} turns the provider's diagnostics into diagnostics (with a source range
   * where the caller has one); {@code subject} is where "not found" points (may be null).
   */
  public static Result<StoredObject> importObject(
      Provider provider,
      ResourceSchema schema,
      ResourceInstanceAddress address,
      String id,
      ApplyHooks hooks,
      Function<ProviderDiagnostic, Diagnostic> convert,
      Range subject) {
    return ImportTargets.importObject(provider, schema, address, id, hooks, convert, subject);
  }
}
