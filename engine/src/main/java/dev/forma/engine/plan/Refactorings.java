package dev.forma.engine.plan;

import dev.forma.engine.addrs.AddressParser;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.Removed;
import dev.forma.engine.config.Resource;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.State;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the root module's {@code moved} and {@code removed} blocks do to the prior state before a
 * plan is made: the state with the moves applied ({@link Moves}), and the resources whose objects
 * are forgotten rather than destroyed ({@code removed} with {@code lifecycle { destroy = false }}),
 * which are neither refreshed nor destroyed. The planner starts from it, and the CLI shows refresh
 * progress for it, so both name objects by the addresses the plan gives them.
 */
public final class Refactorings {
  private Refactorings() {}

  /**
   * The prior state as planning sees it. {@code statements} are every move statement (for {@link
   * Moves#validate} once planned), {@code moves} what they did.
   */
  public record Prepared(
      State state,
      List<Moves.Statement> statements,
      Moves.Outcome moves,
      Set<ResourceAddress> forgotten) {
    public Prepared {
      statements = List.copyOf(statements);
      forgotten = Set.copyOf(forgotten);
    }
  }

  /**
   * Applies the moves of {@code module} to {@code prior}. Errors, with no value, when a {@code
   * removed} block names a resource that is still declared, or when {@code targets} (the {@code
   * -target} addresses; empty for none) leave out an address a moved object had or has, as
   * Terraform refuses such a plan before reading anything.
   */
  public static Result<Prepared> prepare(
      Module module, State prior, List<ResourceInstanceAddress> targets) {
    return prepare(dev.forma.engine.config.ConfigTree.root(module), prior, targets);
  }

  /**
   * {@link #prepare(Module, State, List)} with the {@code moved} blocks of every module of {@code
   * tree}, a child module's acted on in every instance of it ({@link Moves#statements(
   * dev.forma.engine.config.ConfigTree, State)}).
   */
  public static Result<Prepared> prepare(
      dev.forma.engine.config.ConfigTree tree, State prior, List<ResourceInstanceAddress> targets) {
    Module module = tree.module();
    Diagnostics diags = new Diagnostics();
    Set<ResourceAddress> forgotten = new TreeSet<>();
    for (Removed r : module.removed()) {
      Resource still = module.resources().get(r.from());
      if (still != null) {
        diags.add(
            Diagnostic.error(
                "Removed resource still exists",
                "This statement declares that "
                    + r.from()
                    + " was removed, but it is still declared in configuration.",
                still.declRange()));
      } else if (!r.destroy()) {
        forgotten.add(r.from());
      }
    }
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    List<Moves.Statement> statements = Moves.statements(tree, prior);
    Moves.Outcome moves = Moves.apply(statements, prior);
    if (!targets.isEmpty()) {
      Set<String> missing = new TreeSet<>();
      for (MovedObject m : moves.moved()) {
        for (ResourceInstanceAddress a : List.of(m.from(), m.to())) {
          if (targets.stream().noneMatch(t -> covers(t, a))) {
            missing.add("\n  -target=" + AddressParser.quote(a.toString()));
          }
        }
      }
      if (!missing.isEmpty()) {
        diags.add(
            Diagnostic.error(
                "Moved resource instances excluded by targeting",
                "Resource instances in your current state have moved to new addresses in the"
                    + " latest configuration. Forma must include those resource instances while"
                    + " planning in order to ensure a correct result, but your -target=... options"
                    + " do not fully cover all of those resource instances.\n\nTo create a valid"
                    + " plan, either remove your -target=... options altogether or add the"
                    + " following additional target options:"
                    + String.join("", missing)
                    + "\n\nNote that adding these options may include further additional resource"
                    + " instances in your plan, in order to respect object dependencies."));
        return new Result<>(null, diags);
      }
    }
    return new Result<>(new Prepared(moves.state(), statements, moves, forgotten), diags);
  }

  /** Whether the {@code -target} address {@code t} takes in instance {@code a}. */
  private static boolean covers(ResourceInstanceAddress t, ResourceInstanceAddress a) {
    return t.resource().equals(a.resource())
        && (t.key() instanceof dev.forma.engine.addrs.InstanceKey.NoKey || t.key().equals(a.key()));
  }

  /**
   * Terraform's warning that applying the plan forgets objects without destroying them, naming each
   * (the {@link Action#FORGET} changes), or null when there are none.
   */
  public static Diagnostic forgetWarning(List<ResourceChange> changes) {
    List<String> lines = new java.util.ArrayList<>();
    for (ResourceChange c : changes) {
      if (c.action() == Action.FORGET) {
        lines.add(
            "\n - "
                + c.address()
                + (c.deposedKey() == null ? "" : " (deposed object " + c.deposedKey() + ")"));
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    return Diagnostic.warning(
        "Some objects will no longer be managed by Forma",
        "If you apply this plan, Forma will discard its tracking information for the following"
            + " objects, but it will not delete them:"
            + String.join("", lines)
            + "\n\nAfter applying this plan, Forma will no longer manage these objects. You will"
            + " need to import them into Forma to manage them again.",
        null);
  }

  /**
   * {@code changes} with Terraform's reason for destroying a moved object that nothing declares at
   * its new address ({@link ActionReason#DELETE_BECAUSE_NO_MOVE_TARGET}).
   */
  public static List<ResourceChange> withMoveReasons(
      List<ResourceChange> changes, List<MovedObject> moved) {
    if (moved.isEmpty()) {
      return changes;
    }
    Set<ResourceInstanceAddress> movedTo = new java.util.HashSet<>();
    moved.forEach(m -> movedTo.add(m.to()));
    List<ResourceChange> out = new java.util.ArrayList<>(changes.size());
    for (ResourceChange c : changes) {
      boolean orphan =
          c.action() == Action.DELETE
              && c.deposedKey() == null
              && c.reason() == ActionReason.DELETE_BECAUSE_NO_RESOURCE_CONFIG
              && movedTo.contains(c.address());
      out.add(orphan ? c.withAction(Action.DELETE, ActionReason.DELETE_BECAUSE_NO_MOVE_TARGET) : c);
    }
    return out;
  }
}
