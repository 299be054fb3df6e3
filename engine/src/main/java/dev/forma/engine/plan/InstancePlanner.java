package dev.forma.engine.plan;

import dev.forma.engine.config.Lifecycle;
import dev.forma.engine.statebridge.StateValues;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Value;
import dev.forma.state.AttributePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the object of one managed resource instance with its provider: the proposed new object (the
 * configuration, with {@code ignore_changes} applied, over the prior object's computed values), the
 * provider's planned object, and the attribute paths whose change forces replacement.
 *
 * <p>The {@link Planner} plans every instance with it; the applier plans each instance again with
 * it at apply time, when the configuration's values are known, and checks the result against the
 * saved plan. One code path, so that plan and apply cannot disagree on what a configuration means.
 *
 * <p>Write-only attributes: the prior object holds their fingerprints, which mean nothing to a
 * provider, so the provider sees them null in the prior object and the configured secret in the
 * proposed one; the planned object returned holds fingerprints again, as state keeps them.
 */
public final class InstancePlanner {
  private InstancePlanner() {}

  /**
   * What one instance's object is planned from.
   *
   * @param prior the prior object (as state holds it, write-only fingerprints included), or null to
   *     plan a new object
   * @param salt the state's salt for write-only fingerprints
   */
  public record Request(
      String type,
      ResourceSchema schema,
      Provider provider,
      Value config,
      Value prior,
      String priorPrivate,
      Lifecycle.IgnoreChanges ignoreChanges,
      byte[] salt) {}

  /**
   * The planned object, or why there is none.
   *
   * @param planned the planned object, write-only attributes as fingerprints, sensitive paths of
   *     the schema and of the configuration marked; null when the provider failed or gave none
   * @param withSecrets the same object with write-only attributes as configured: what the provider
   *     is given to create or update
   * @param proposed what the provider was given to plan from (write-only attributes as configured)
   * @param plannedPrivate the provider's private data for the planned object
   * @param replacePaths the paths whose change cannot be made in place (ForceNew attributes that
   *     changed, and the provider's own); empty for a new object
   * @param repair the provider's reason to change an object that is not as its configuration wants
   *     although the configuration did not change (see {@link Requests.PlanResult#repair()})
   * @param diagnostics what the provider said
   */
  public record Planned(
      Value planned,
      Value withSecrets,
      Value proposed,
      String plannedPrivate,
      List<List<PathStep>> replacePaths,
      String repair,
      List<ProviderDiagnostic> diagnostics) {
    public Planned {
      replacePaths = List.copyOf(replacePaths);
      diagnostics = List.copyOf(diagnostics);
    }

    /** Whether the provider reported an error or planned nothing. */
    public boolean failed() {
      return planned == null || diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
  }

  /** Plans the object of {@code r}; a provider that throws is the caller's to report. */
  public static Planned plan(Request r) {
    BlockSchema block = r.schema().block();
    Value prior = r.prior();
    Value planConfig =
        prior == null
            ? r.config()
            : Diff.ignoreChanges(r.config(), prior, r.ignoreChanges(), block);
    Value proposed = withWriteOnlyFrom(Diff.proposed(block, prior, planConfig), r.config(), block);
    Requests.PlanResult result =
        r.provider()
            .planChange(
                new Requests.PlanChange(
                    r.type(),
                    prior == null ? null : withoutWriteOnly(prior, block).unmarkDeep(),
                    proposed.unmarkDeep(),
                    r.config().unmarkDeep(),
                    r.priorPrivate()));
    if (result.plannedState() == null
        || result.diagnostics().stream().anyMatch(ProviderDiagnostic::isError)) {
      return new Planned(
          null, null, proposed, null, List.of(), result.repair(), result.diagnostics());
    }
    List<List<PathStep>> replace = new ArrayList<>();
    if (prior != null) {
      for (List<PathStep> path : Diff.forceNewChanges(block, prior, result.plannedState())) {
        if (!replace.contains(path)) {
          replace.add(path);
        }
      }
      for (List<PathStep> path : result.requiresReplace()) {
        if (!replace.contains(path)) {
          replace.add(path);
        }
      }
    }
    Value withSecrets =
        SchemaValues.markSensitive(withMarks(result.plannedState(), proposed, r.config()), block);
    Value planned =
        SchemaValues.markSensitive(
            SchemaValues.fingerprintWriteOnly(withSecrets, block, r.salt()), block);
    return new Planned(
        planned,
        withSecrets,
        proposed,
        result.plannedPrivate(),
        replace,
        result.repair(),
        result.diagnostics());
  }

  /** Whether the two objects are the same after normalisation by the schema. */
  public static boolean same(Value a, Value b) {
    return Diff.same(a, b);
  }

  /**
   * {@code value} with each write-only attribute taken from {@code config}: the provider gets the
   * secret itself, which state never keeps.
   */
  static Value withWriteOnlyFrom(Value value, Value config, BlockSchema block) {
    if (!(value.unmark() instanceof ObjectValue o)
        || !(config.unmark() instanceof ObjectValue co)) {
      return value;
    }
    Map<String, Value> attrs = null;
    for (AttributeSchema a : block.attributes().values()) {
      if (a.writeOnly() && co.attributes().containsKey(a.name())) {
        if (attrs == null) {
          attrs = new LinkedHashMap<>(o.attributes());
        }
        attrs.put(a.name(), co.attributes().get(a.name()));
      }
    }
    return attrs == null ? value : Value.object(attrs).markSensitiveIf(value.isSensitive());
  }

  /** {@code value} with its write-only attributes null: they are never compared nor read. */
  public static Value withoutWriteOnly(Value value, BlockSchema block) {
    if (value == null || !(value.unmark() instanceof ObjectValue o)) {
      return value;
    }
    Map<String, Value> attrs = null;
    for (AttributeSchema a : block.attributes().values()) {
      if (a.writeOnly() && o.attributes().containsKey(a.name())) {
        if (attrs == null) {
          attrs = new LinkedHashMap<>(o.attributes());
        }
        attrs.put(a.name(), Value.nullOf(a.type()));
      }
    }
    return attrs == null ? value : Value.object(attrs).markSensitiveIf(value.isSensitive());
  }

  /** {@code value} marked sensitive at every path any of {@code sources} has marked. */
  public static Value withMarks(Value value, Value... sources) {
    Value out = value.unmarkDeep();
    Set<AttributePath> paths = new LinkedHashSet<>();
    for (Value source : sources) {
      if (source != null) {
        paths.addAll(StateValues.sensitivePaths(source));
      }
    }
    return paths.isEmpty() ? out : StateValues.markPaths(out, List.copyOf(paths));
  }
}
