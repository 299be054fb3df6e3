package dev.forma.engine.plan;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ModulePath;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.Moved;
import dev.forma.engine.config.Resource;
import dev.forma.engine.scope.Expansion;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.state.IndexKey;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The {@code moved} blocks of the root module acted on, as Terraform acts on them: the statements
 * (those written, and those Terraform implies when {@code count} is added to or removed from a
 * resource that has objects), applied to the prior state before planning, and checked after
 * planning against the instances the configuration declares.
 *
 * <p>Statements are applied in dependency order (a statement that moves objects out of an address
 * another statement moves objects into comes after it), so a chain {@code a → b → c} moves {@code
 * a}'s objects to {@code c}. A move onto an address that already has objects is skipped and
 * reported ({@link #blockedWarning}); a cycle of statements moves nothing and is an error of {@link
 * #validate}.
 */
public final class Moves {
  private Moves() {}

  /**
   * One end of a move: a whole resource ({@code key} null: every instance moves, keeping its key)
   * or one instance ({@code key} set; {@link InstanceKey#NONE} for the instance of a resource
   * without {@code count} or {@code for_each}).
   */
  public record Endpoint(ResourceAddress resource, InstanceKey key) {
    public Endpoint {
      Objects.requireNonNull(resource, "resource");
    }

    boolean isResource() {
      return key == null;
    }

    ResourceInstanceAddress instance() {
      return resource.instance(key);
    }

    /** Whether this instance endpoint lies inside the resource endpoint {@code other}. */
    boolean nestedWithin(Endpoint other) {
      return !isResource() && other.isResource() && resource.equals(other.resource);
    }

    @Override
    public String toString() {
      return isResource() ? resource.toString() : instance().toString();
    }
  }

  /**
   * A move from {@code from} to {@code to}, both the same kind of endpoint. {@code declRange} is
   * the {@code moved} keyword, or for an implied move the resource's {@code count} (or its block).
   */
  public record Statement(
      Endpoint from, Endpoint to, Range declRange, boolean implied, boolean ofModule) {
    /** A statement a {@code moved} block of resources (or Terraform) makes. */
    public Statement(Endpoint from, Endpoint to, Range declRange, boolean implied) {
      this(from, to, declRange, implied, false);
    }
  }

  /** A move that did not happen because {@code wanted} already had objects. */
  public record Blocked(Endpoint actual, Endpoint wanted) {}

  /** The prior state with the moves applied, what moved, and what could not. */
  public record Outcome(State state, List<MovedObject> moved, List<Blocked> blocked) {
    public Outcome {
      moved = List.copyOf(moved);
      blocked = List.copyOf(blocked);
    }
  }

  /**
   * The statements of {@code module} against {@code prior}: its {@code moved} blocks in declaration
   * order, then the implied moves: {@code a → a[0]} for a resource that now has {@code count} and
   * an object without a key, {@code a[0] → a} for one that has neither {@code count} nor {@code
   * for_each} and an object at {@code [0]}, unless a {@code moved} block names the resource.
   */
  public static List<Statement> statements(Module module, State prior) {
    List<Statement> out = written(module, ModuleInstance.ROOT, prior);
    implied(module, ModuleInstance.ROOT, prior, out);
    return out;
  }

  /**
   * The statements of every module of {@code tree} against {@code prior}: the root module's (as
   * {@link #statements(Module, State)}), then, a level of modules at a time, those of each child
   * module in every instance of it, its addresses relative to that instance, as Terraform applies a
   * child's {@code moved} blocks. The instances are those the state has once the statements of the
   * modules above are applied, so a module moved by its caller has its own moves applied at its new
   * address.
   */
  public static List<Statement> statements(ConfigTree tree, State prior) {
    List<Statement> out = statements(tree.module(), prior);
    List<ConfigTree> below = new ArrayList<>(tree.all());
    below.removeIf(t -> t.path().isRoot());
    int deepest = below.stream().mapToInt(t -> t.path().names().size()).max().orElse(0);
    for (int depth = 1; depth <= deepest; depth++) {
      State now = apply(out, prior).state();
      List<Statement> level = new ArrayList<>();
      for (ConfigTree t : below) {
        if (t.path().names().size() != depth) {
          continue;
        }
        for (ModuleInstance mi : instancesIn(now, t.path())) {
          List<Statement> here = written(t.module(), mi, now);
          implied(t.module(), mi, now, here);
          level.addAll(here);
        }
      }
      out.addAll(level);
    }
    return out;
  }

  /** The instances of the module at {@code path} that {@code state} has objects in, in order. */
  private static java.util.SortedSet<ModuleInstance> instancesIn(State state, ModulePath path) {
    java.util.SortedSet<ModuleInstance> out = new java.util.TreeSet<>();
    int depth = path.names().size();
    for (ResourceState rs : state.resources().values()) {
      ModuleInstance m = StateAddresses.fromState(rs.address()).module();
      if (m.steps().size() >= depth) {
        ModuleInstance prefix = new ModuleInstance(m.steps().subList(0, depth));
        if (prefix.module().equals(path)) {
          out.add(prefix);
        }
      }
    }
    return out;
  }

  /** {@code relative}, an address in a module's configuration, in module instance {@code mi}. */
  private static ModuleInstance within(ModuleInstance mi, ModuleInstance relative) {
    ModuleInstance out = mi;
    for (ModuleInstance.Step step : relative.steps()) {
      out = out.child(step.name(), step.key());
    }
    return out;
  }

  private static ResourceAddress within(ModuleInstance mi, ResourceAddress relative) {
    return relative.local().in(within(mi, relative.module()));
  }

  /** The {@code moved} blocks of {@code module}, in module instance {@code mi}, in order. */
  private static List<Statement> written(Module module, ModuleInstance mi, State state) {
    List<Statement> out = new ArrayList<>();
    for (Moved m : module.moved()) {
      if (m.isModule()) {
        out.addAll(
            moduleStatements(
                within(mi, m.fromModule()), within(mi, m.toModule()), m.declRange(), state));
        continue;
      }
      boolean whole =
          m.from().key() instanceof InstanceKey.NoKey && m.to().key() instanceof InstanceKey.NoKey;
      out.add(
          new Statement(
              new Endpoint(within(mi, m.from().resource()), whole ? null : m.from().key()),
              new Endpoint(within(mi, m.to().resource()), whole ? null : m.to().key()),
              m.declRange(),
              false));
    }
    return out;
  }

  /**
   * Adds to {@code out} (the written statements of the same module instance) the moves Terraform
   * implies in module instance {@code mi}: {@code a → a[0]} for a resource that now has {@code
   * count} and an object without a key, {@code a[0] → a} for one that has neither {@code count} nor
   * {@code for_each} and an object at {@code [0]}, unless a written statement names the resource.
   */
  private static void implied(Module module, ModuleInstance mi, State state, List<Statement> out) {
    List<Statement> explicit = List.copyOf(out);
    for (ResourceState rs : state.resources().values()) {
      ResourceAddress a = StateAddresses.fromState(rs.address());
      if (!a.module().equals(mi)) {
        continue;
      }
      Resource r = module.resources().get(a.local());
      if (r == null || explicit.stream().anyMatch(s -> names(s, a))) {
        continue;
      }
      if (r.count() != null && rs.instances().containsKey(IndexKey.NONE)) {
        Range at = r.count().range();
        out.add(
            new Statement(
                new Endpoint(a, InstanceKey.NONE), new Endpoint(a, InstanceKey.of(0)), at, true));
      } else if (r.count() == null
          && r.forEach() == null
          && rs.instances().containsKey(IndexKey.of(0))) {
        out.add(
            new Statement(
                new Endpoint(a, InstanceKey.of(0)),
                new Endpoint(a, InstanceKey.NONE),
                r.declRange(),
                true));
      }
    }
  }

  /**
   * A move of a module call or instance as moves of the resources the prior state has in it (and in
   * the modules it calls): a call without keys on both sides moves every instance to the same key
   * of the new call, as Terraform does; otherwise the one instance named.
   */
  private static List<Statement> moduleStatements(
      ModuleInstance from, ModuleInstance to, Range declRange, State prior) {
    List<Statement> out = new ArrayList<>();
    boolean wholeCall =
        from.last().key() instanceof InstanceKey.NoKey
            && to.last().key() instanceof InstanceKey.NoKey;
    int depth = from.steps().size();
    for (ResourceState rs : prior.resources().values()) {
      ResourceAddress a = StateAddresses.fromState(rs.address());
      List<ModuleInstance.Step> steps = a.module().steps();
      if (steps.size() < depth
          || !steps.subList(0, depth - 1).equals(from.steps().subList(0, depth - 1))
          || !steps.get(depth - 1).name().equals(from.last().name())) {
        continue;
      }
      InstanceKey key = steps.get(depth - 1).key();
      ModuleInstance target;
      if (wholeCall) {
        target = to.parent().child(to.last().name(), key);
      } else if (key.equals(from.last().key())) {
        target = to;
      } else {
        continue;
      }
      for (ModuleInstance.Step s : steps.subList(depth, steps.size())) {
        target = target.child(s.name(), s.key());
      }
      out.add(
          new Statement(
              new Endpoint(a, null),
              new Endpoint(a.local().in(target), null),
              declRange,
              false,
              true));
    }
    return out;
  }

  private static boolean names(Statement s, ResourceAddress a) {
    return s.from().resource().equals(a) || s.to().resource().equals(a);
  }

  /**
   * {@code prior} with the statements applied. Nothing moves when the statements form a cycle (that
   * is {@link #validate}'s error).
   */
  public static Outcome apply(List<Statement> statements, State prior) {
    List<Statement> order = order(statements);
    if (order == null || statements.isEmpty()) {
      return new Outcome(prior, List.of(), List.of());
    }
    State current = prior;
    // new address -> the address its object had in the prior state (chains collapse to one)
    Map<ResourceInstanceAddress, ResourceInstanceAddress> moved = new LinkedHashMap<>();
    List<Blocked> blocked = new ArrayList<>();
    for (Statement s : order) {
      List<StateChange.Move> changes = new ArrayList<>();
      if (s.from().isResource()) {
        ResourceState rs =
            current.resource(StateAddresses.toState(s.from().resource())).orElse(null);
        if (rs == null) {
          continue;
        }
        if (current.resource(StateAddresses.toState(s.to().resource())).isPresent()) {
          blocked.add(new Blocked(s.from(), s.to()));
          continue;
        }
        for (IndexKey k : rs.instances().keySet()) {
          changes.add(
              new StateChange.Move(
                  StateAddresses.toState(s.from().resource()).instance(k),
                  StateAddresses.toState(s.to().resource()).instance(k)));
        }
      } else {
        var from = StateAddresses.toState(s.from().instance());
        if (current.instance(from).isEmpty()) {
          continue;
        }
        var to = StateAddresses.toState(s.to().instance());
        if (current.instance(to).isPresent()) {
          blocked.add(new Blocked(s.from(), s.to()));
          continue;
        }
        changes.add(new StateChange.Move(from, to));
      }
      State.Builder b = current.toBuilder();
      for (StateChange.Move m : changes) {
        b.apply(m);
        ResourceInstanceAddress oldAddr = StateAddresses.fromState(m.from());
        ResourceInstanceAddress original = moved.remove(oldAddr);
        moved.put(StateAddresses.fromState(m.to()), original != null ? original : oldAddr);
      }
      current = b.build();
    }
    List<MovedObject> out = new ArrayList<>();
    new TreeMap<>(moved)
        .forEach(
            (to, from) -> {
              if (!from.equals(to)) {
                out.add(new MovedObject(from, to));
              }
            });
    return new Outcome(current, out, blocked);
  }

  /**
   * Terraform's checks of the statements against the configuration as planned ({@code expansions}
   * says which instances each resource declares): a move from an object still declared, two
   * destinations for one source or two sources for one destination, a move to the same address;
   * and, when nothing else is wrong, cycles. A move between resource types is refused too, with the
   * error of Terraform before 1.8 (Terraform 1.11 has the provider convert the object, which
   * Forma's provider interface cannot).
   */
  public static Diagnostics validate(
      List<Statement> statements, Module module, Function<ResourceAddress, Expansion> expansions) {
    return validate(statements, ConfigTree.root(module), expansions);
  }

  /**
   * {@link #validate(List, Module, Function)} for the statements of every module of {@code tree}:
   * an object is still declared when its module's configuration declares the resource and, in a
   * child module, the plan expanded it in that module instance.
   */
  public static Diagnostics validate(
      List<Statement> statements,
      ConfigTree tree,
      Function<ResourceAddress, Expansion> expansions) {
    Diagnostics diags = new Diagnostics();
    record Seen(Endpoint other, Range at) {}
    Map<String, Seen> byFrom = new HashMap<>();
    Map<String, Seen> byTo = new HashMap<>();
    for (Statement s : statements) {
      Endpoint from = s.from();
      Endpoint to = s.to();
      if (from.equals(to)) {
        diags.add(
            Diagnostic.error(
                "Redundant move statement",
                "This statement declares a move from "
                    + from
                    + " to the same address, which is the same as not declaring this move at all.",
                s.declRange()));
        continue;
      }
      String noun = from.isResource() ? "resource" : "resource instance";
      String shortNoun = from.isResource() ? "resource" : "instance";
      ConfigTree declaring = tree.descendant(from.resource().module().module());
      Resource declared =
          declaring == null ? null : declaring.module().resources().get(from.resource().local());
      // (a module call's move is checked as a whole, below)
      boolean exists =
          !s.ofModule()
              && declared != null
              && (from.isResource()
                  ? from.resource().module().isRoot()
                      || !(expansions.apply(from.resource()) instanceof Expansion.Unknown)
                  : expansions.apply(from.resource()).instanceKeys().contains(from.key()));
      if (exists) {
        Range at = declared.declRange();
        if (!from.isResource()) {
          at =
              declared.forEach() != null
                  ? declared.forEach().range()
                  : declared.count() != null ? declared.count().range() : at;
        }
        diags.add(
            Diagnostic.error(
                "Moved object still exists",
                "This statement declares a move from "
                    + from
                    + ", but that "
                    + noun
                    + " is still declared at "
                    + start(at)
                    + ".\n\nChange your configuration so that this "
                    + shortNoun
                    + " will be declared as "
                    + to
                    + " instead.",
                s.declRange()));
      }
      Seen seenFrom = byFrom.get(from.toString());
      if (seenFrom == null) {
        byFrom.put(from.toString(), new Seen(to, s.declRange()));
      } else if (!seenFrom.other().equals(to)) {
        diags.add(
            Diagnostic.error(
                "Ambiguous move statements",
                "A statement at "
                    + start(seenFrom.at())
                    + " declared that "
                    + from
                    + " moved to "
                    + seenFrom.other()
                    + ", but this statement instead declares that it moved to "
                    + to
                    + ".\n\nEach "
                    + noun
                    + " can move to only one destination "
                    + shortNoun
                    + ".",
                s.declRange()));
      }
      Seen seenTo = byTo.get(to.toString());
      if (seenTo == null) {
        byTo.put(to.toString(), new Seen(from, s.declRange()));
      } else if (!seenTo.other().equals(from)) {
        diags.add(
            Diagnostic.error(
                "Ambiguous move statements",
                "A statement at "
                    + start(seenTo.at())
                    + " declared that "
                    + seenTo.other()
                    + " moved to "
                    + to
                    + ", but this statement instead declares that "
                    + from
                    + " moved there.\n\nEach "
                    + noun
                    + " can have moved from only one source "
                    + shortNoun
                    + ".",
                s.declRange()));
      }
      if (!from.resource().type().equals(to.resource().type())) {
        diags.add(
            Diagnostic.error(
                "Resource type mismatch",
                "This statement declares a move from "
                    + from
                    + " to "
                    + to
                    + ", which is a "
                    + noun
                    + " of a different type."));
      }
    }
    for (Moved m : tree.module().moved()) {
      if (!m.isModule() || !(m.fromModule().last().key() instanceof InstanceKey.NoKey)) {
        continue;
      }
      ConfigTree still = tree.descendant(m.fromModule().module());
      if (still != null && still.call() != null) {
        diags.add(
            Diagnostic.error(
                "Moved object still exists",
                "This statement declares a move from "
                    + m.fromModule()
                    + ", but that module call is still declared at "
                    + start(still.call().declRange())
                    + ".\n\nChange your configuration so that this call will be declared as "
                    + m.toModule()
                    + " instead.",
                m.declRange()));
      }
    }
    if (!diags.hasErrors()) {
      for (List<Statement> cycle : cycles(statements)) {
        List<String> lines = new ArrayList<>();
        for (Statement s : cycle) {
          lines.add(
              "\n  - "
                  + start(s.declRange())
                  + ": "
                  + statementEnd(s.from())
                  + " → "
                  + statementEnd(s.to()));
        }
        lines.sort(null);
        diags.add(
            Diagnostic.error(
                "Cyclic dependency in move statements",
                "The following chained move statements form a cycle, and so there is no final"
                    + " location to move objects to:"
                    + String.join("", lines)
                    + "\n\nA chain of move statements must end with an address that doesn't"
                    + " appear in any other statements, and which typically also refers to an"
                    + " object still declared in the configuration."));
      }
    }
    return diags;
  }

  /**
   * Terraform's warning for moves that found their destination taken, or null when every move
   * happened. The objects left behind are planned for destruction like any other orphan.
   */
  public static Diagnostic blockedWarning(List<Blocked> blocked) {
    if (blocked.isEmpty()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (Blocked b : blocked) {
      lines.add("\n  - " + b.actual() + " could not move to " + b.wanted());
    }
    lines.sort(null);
    return Diagnostic.warning(
        "Unresolved resource instance address changes",
        "Forma tried to adjust resource instance addresses in the prior state based on change"
            + " information recorded in the configuration, but some adjustments did not succeed"
            + " due to existing objects already at the intended addresses:"
            + String.join("", lines)
            + "\n\nForma has planned to destroy these objects. If Forma's proposed changes aren't"
            + " appropriate, you must first resolve the conflicts using the \"forma state\""
            + " subcommands and then create a new plan.",
        null);
  }

  /** An endpoint as a statement writes it: a whole resource as {@code type.name[*]}. */
  private static String statementEnd(Endpoint e) {
    return e.isResource() ? e.resource() + "[*]" : e.toString();
  }

  private static String start(Range r) {
    return r.filename() + ":" + r.start().line() + "," + r.start().column();
  }

  /** Whether {@code a} must run after {@code b}, as Terraform orders move statements. */
  private static boolean dependsOn(Statement a, Statement b) {
    return a.from().equals(b.to())
        || a.from().nestedWithin(b.to())
        || a.to().nestedWithin(b.to())
        || b.from().nestedWithin(a.from())
        || b.to().nestedWithin(a.from());
  }

  /** The statements in an order where each comes after those it depends on; null on a cycle. */
  private static List<Statement> order(List<Statement> statements) {
    int n = statements.size();
    int[] waiting = new int[n];
    List<List<Integer>> dependents = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      dependents.add(new ArrayList<>());
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        if (a != b && dependsOn(statements.get(a), statements.get(b))) {
          waiting[a]++;
          dependents.get(b).add(a);
        }
      }
    }
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    List<Statement> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      int i = ready.poll();
      out.add(statements.get(i));
      for (int d : dependents.get(i)) {
        if (--waiting[d] == 0) {
          ready.add(d);
        }
      }
    }
    return out.size() == n ? out : null;
  }

  /** The strongly connected groups of more than one statement (Tarjan's algorithm). */
  private static List<List<Statement>> cycles(List<Statement> statements) {
    int n = statements.size();
    int[] index = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    java.util.Arrays.fill(index, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    List<List<Statement>> out = new ArrayList<>();
    int[] counter = {0};
    for (int v = 0; v < n; v++) {
      if (index[v] < 0) {
        strongConnect(v, statements, index, low, onStack, stack, counter, out);
      }
    }
    return out;
  }

  private static void strongConnect(
      int v,
      List<Statement> statements,
      int[] index,
      int[] low,
      boolean[] onStack,
      Deque<Integer> stack,
      int[] counter,
      List<List<Statement>> out) {
    index[v] = low[v] = counter[0]++;
    stack.push(v);
    onStack[v] = true;
    for (int w = 0; w < statements.size(); w++) {
      if (w == v || !dependsOn(statements.get(v), statements.get(w))) {
        continue;
      }
      if (index[w] < 0) {
        strongConnect(w, statements, index, low, onStack, stack, counter, out);
        low[v] = Math.min(low[v], low[w]);
      } else if (onStack[w]) {
        low[v] = Math.min(low[v], index[w]);
      }
    }
    if (low[v] == index[v]) {
      List<Statement> group = new ArrayList<>();
      int w;
      do {
        w = stack.pop();
        onStack[w] = false;
        group.add(statements.get(w));
      } while (w != v);
      if (group.size() > 1) {
        out.add(group);
      }
    }
  }
}
