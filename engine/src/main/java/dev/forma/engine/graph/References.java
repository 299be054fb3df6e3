package dev.forma.engine.graph;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.config.Local;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.Resource;
import dev.forma.engine.diag.Range;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import dev.forma.engine.hcl.Traverser;
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
    return resolve(ts, new HashSet<>());
  }

  /** The resources {@code expr} refers to, directly or through locals. */
  public List<Reference> of(Expr expr) {
    return resolve(Traversals.of(expr), new HashSet<>());
  }

  private List<Reference> resolve(List<Expr.ScopeTraversal> ts, Set<String> visiting) {
    List<Reference> out = new ArrayList<>();
    for (Expr.ScopeTraversal t : ts) {
      ResourceAddress a = resource(t);
      if (a != null) {
        out.add(new Reference(a, t.range(), List.of()));
        continue;
      }
      String local = localName(t);
      if (local != null) {
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

  private static String localName(Expr.ScopeTraversal t) {
    if (t.rootName().equals("local")
        && t.traversal().size() > 1
        && t.traversal().get(1) instanceof Traverser.Attr a) {
      return a.name();
    }
    return null;
  }

  /** The resource a traversal names ({@code x.y...} or {@code data.x.y...}) if it is declared. */
  private ResourceAddress resource(Expr.ScopeTraversal t) {
    List<Traverser> s = t.traversal();
    String root = t.rootName();
    ResourceAddress a = null;
    if (root.equals("data")) {
      if (s.size() > 2
          && s.get(1) instanceof Traverser.Attr type
          && s.get(2) instanceof Traverser.Attr name) {
        a = new ResourceAddress(ResourceMode.DATA, type.name(), name.name());
      }
    } else if (s.size() > 1 && s.get(1) instanceof Traverser.Attr name) {
      a = new ResourceAddress(ResourceMode.MANAGED, root, name.name());
    }
    return a != null && module.resources().containsKey(a) ? a : null;
  }

  /** Distinct targets of {@code refs}, in first-seen order. */
  static Set<ResourceAddress> targets(List<Reference> refs) {
    Set<ResourceAddress> out = new LinkedHashSet<>();
    refs.forEach(r -> out.add(r.target()));
    return out;
  }
}
