package dev.forma.engine.plan;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Value;
import java.util.List;

/**
 * The planned change of one resource instance (or of one of its deposed objects when {@code
 * deposedKey} is not null). {@code before} is null for a create, {@code after} null for a delete;
 * {@code after} may hold unknown values ("known after apply") and is what apply must produce.
 * {@code replacePaths} are the attribute paths whose change forces replacement. {@code importId} is
 * set when the change imports an existing object ({@code import} block). {@code dependencies} are
 * the resources this instance depends on (in their modules without instance keys, sorted by their
 * text as Terraform sorts them), recorded in state for ordering later deletes. {@code repair} is
 * the provider's sentence when the change puts right an object that is not in the state its
 * configuration asks for (reason {@link ActionReason#REPAIR}); null otherwise.
 */
public record ResourceChange(
    ResourceInstanceAddress address,
    String deposedKey,
    ProviderConfigAddress provider,
    Action action,
    ActionReason reason,
    Value before,
    Value after,
    List<List<PathStep>> replacePaths,
    String importId,
    List<ResourceAddress> dependencies,
    boolean createBeforeDestroy,
    String priorPrivate,
    String plannedPrivate,
    String repair) {
  public ResourceChange {
    replacePaths = List.copyOf(replacePaths);
    dependencies = List.copyOf(dependencies);
  }

  /** A change that repairs nothing. */
  public ResourceChange(
      ResourceInstanceAddress address,
      String deposedKey,
      ProviderConfigAddress provider,
      Action action,
      ActionReason reason,
      Value before,
      Value after,
      List<List<PathStep>> replacePaths,
      String importId,
      List<ResourceAddress> dependencies,
      boolean createBeforeDestroy,
      String priorPrivate,
      String plannedPrivate) {
    this(
        address,
        deposedKey,
        provider,
        action,
        reason,
        before,
        after,
        replacePaths,
        importId,
        dependencies,
        createBeforeDestroy,
        priorPrivate,
        plannedPrivate,
        null);
  }

  /** This change with other recorded dependencies. */
  public ResourceChange withDependencies(List<ResourceAddress> deps) {
    return new ResourceChange(
        address,
        deposedKey,
        provider,
        action,
        reason,
        before,
        after,
        replacePaths,
        importId,
        deps,
        createBeforeDestroy,
        priorPrivate,
        plannedPrivate,
        repair);
  }

  /** This change with another action and reason. */
  public ResourceChange withAction(Action a, ActionReason r) {
    return new ResourceChange(
        address,
        deposedKey,
        provider,
        a,
        r,
        before,
        after,
        replacePaths,
        importId,
        dependencies,
        createBeforeDestroy,
        priorPrivate,
        plannedPrivate,
        repair);
  }
}
