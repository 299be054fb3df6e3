package dev.forma.engine.graph;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.config.Local;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.Resource;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import dev.forma.provider.api.diag.Range;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resources an expression refers to, directly or through local values (a reference to {@code
 * local.x} counts as references to whatever {@code x} refers to, however deep).
 */
public final class References {
  /** One reference of a resource to another; {@code via} names the locals it went through. */
  public record Reference(ResourceAddress target, Range range, List<String> via) {
    public Reference {
      via = List.copyOf(via);
    }
  }

  private final Module module;
  private final Map<String, List<Reference>> localCache = new LinkedHashMap<>();

  public References(Module module) {
    this.module = module;
  }

  /** The resources the resource's arguments and meta-arguments refer to, in source order. */
  public List<Reference> of(Resource r) {
    List<Expr.ScopeTraversal> ts = new ArrayList<>();
    if (r.config() != null) {
      ts.addAll(Traversals.of(r.config()));
    }
    if (r.count() != null) {
      ts.addAll(Traversals.of(r.count()));
    }
    if (r.forEach() != null) {
      ts.addAll(Traversals.of(r.forEach()));
    }
    ts.addAll(r.dependsOn());
    for (var trigger : r.lifecycle().replaceTriggeredBy()) {
      ts.addAll(Traversals.of(trigger.expr()));
    }
    // what the custom conditions read orders the resource after it, as Terraform's references
    for (var rule : r.lifecycle().preconditions()) {
      ts.addAll(Traversals.of(rule.condition()));
      ts.addAll(Traversals.of(rule.errorMessage()));
    }
    for (var rule : r.lifecycle().postconditions()) {
      ts.addAll(Traversals.of(rule.condition()));
      ts.addAll(Traversals.of(rule.errorMessage()));
    }
    return resolve(ts, new HashSet<>());
  }

  /** The resources {@code expr} refers to, directly or through locals. */
  public List<Reference> of(Expr expr) {
    return resolve(Traversals.of(expr), new HashSet<>());
  }

  private List<Reference> resolve(List<Expr.ScopeTraversal> ts, Set<String> visiting) {
    List<Reference> out = new ArrayList<>();
    for (Expr.ScopeTraversal t : ts) {
      dev.forma.engine.addrs.Reference ref = dev.forma.engine.addrs.Reference.parse(t).value();
      ResourceAddress a = ref == null ? null : declared(ref.resource());
      if (a != null) {
        out.add(new Reference(a, t.range(), List.of()));
        continue;
      }
      if (ref != null
          && ref.subject() instanceof dev.forma.engine.addrs.Reference.LocalValue(String local)) {
        for (Reference r : local(local, visiting)) {
          List<String> via = new ArrayList<>();
          via.add(local);
          via.addAll(r.via());
          out.add(new Reference(r.target(), t.range(), via));
        }
      }
    }
    return out;
  }

  private List<Reference> local(String name, Set<String> visiting) {
    List<Reference> cached = localCache.get(name);
    if (cached != null) {
      return cached;
    }
    Local l = module.locals().get(name);
    if (l == null || !visiting.add(name)) {
      return List.of(); // undeclared, or a cycle of locals (reported when locals are ordered)
    }
    List<Reference> refs = resolve(Traversals.of(l.expr()), visiting);
    visiting.remove(name);
    // keep one reference per target: the first
    Map<ResourceAddress, Reference> first = new LinkedHashMap<>();
    refs.forEach(r -> first.putIfAbsent(r.target(), r));
    List<Reference> out = List.copyOf(first.values());
    localCache.put(name, out);
    return out;
  }

  /** The resource a reference names, if it is a resource declared in the module. */
  private ResourceAddress declared(ResourceAddress a) {
    return a != null && module.resources().containsKey(a) ? a : null;
  }

  /** Resources in the order of their text, as Terraform sorts a state object's dependencies. */
  public static final java.util.Comparator<ResourceAddress> BY_TEXT =
      java.util.Comparator.comparing(ResourceAddress::toString);

  /**
   * The dependencies a resource's references give it, as state records them: distinct, without the
   * resource itself, sorted by text.
   */
  public static List<ResourceAddress> dependencies(List<Reference> refs, ResourceAddress self) {
    java.util.TreeSet<ResourceAddress> out = new java.util.TreeSet<>(BY_TEXT);
    for (Reference r : refs) {
      if (!r.target().equals(self)) {
        out.add(r.target().config());
      }
    }
    return List.copyOf(out);
  }

  /** Distinct targets of {@code refs}, in first-seen order. */
  static Set<ResourceAddress> targets(List<Reference> refs) {
    Set<ResourceAddress> out = new LinkedHashSet<>();
    refs.forEach(r -> out.add(r.target()));
    return out;
  }
}
