package dev.forma.engine.graph;

import dev.forma.engine.addrs.ModulePath;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.Local;
import dev.forma.engine.config.ModuleCall;
import dev.forma.engine.config.Output;
import dev.forma.engine.config.Resource;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which resources an expression of a module in a configuration tree refers to, across modules: a
 * reference to {@code var.X} in a child module counts as the references of the call's argument
 * {@code X} in the calling module, a reference to {@code module.C.OUT} as the references of output
 * {@code OUT} of module {@code C} (and of the call's {@code count}, {@code for_each} and {@code
 * depends_on}), and locals as what they refer to. Targets are configuration addresses: in their
 * module without instance keys ({@link ResourceAddress#config()}).
 */
public final class TreeReferences {
  private final ConfigTree root;

  public TreeReferences(ConfigTree root) {
    this.root = root;
  }

  /**
   * The resources resource {@code r} of module {@code path} refers to, and those its module calls'
   * {@code count}, {@code for_each} and {@code depends_on} refer to (up to the root), in order.
   */
  public List<References.Reference> of(ModulePath path, Resource r) {
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
    List<References.Reference> out = new ArrayList<>();
    Set<String> visiting = new HashSet<>();
    resolve(path, ts, out, visiting);
    for (ModulePath p = path; !p.isRoot(); p = p.parent()) {
      resolve(p.parent(), callMeta(root.descendant(p).call()), out, visiting);
    }
    return out;
  }

  /** The resources {@code expr} of module {@code path} refers to. */
  public List<References.Reference> of(ModulePath path, Expr expr) {
    List<References.Reference> out = new ArrayList<>();
    resolve(path, Traversals.of(expr), out, new HashSet<>());
    return out;
  }

  private static List<Expr.ScopeTraversal> callMeta(ModuleCall c) {
    List<Expr.ScopeTraversal> ts = new ArrayList<>();
    if (c.count() != null) {
      ts.addAll(Traversals.of(c.count()));
    }
    if (c.forEach() != null) {
      ts.addAll(Traversals.of(c.forEach()));
    }
    ts.addAll(c.dependsOn());
    return ts;
  }

  private void resolve(
      ModulePath path,
      List<Expr.ScopeTraversal> ts,
      List<References.Reference> out,
      Set<String> visiting) {
    ConfigTree t = root.descendant(path);
    if (t == null) {
      return;
    }
    for (Expr.ScopeTraversal tr : ts) {
      dev.forma.engine.addrs.Reference ref = dev.forma.engine.addrs.Reference.parse(tr).value();
      if (ref == null) {
        continue;
      }
      ResourceAddress ra = ref.resource();
      if (ra != null) {
        if (t.module().resources().containsKey(ra)) {
          out.add(new References.Reference(ra.in(path.unkeyed()), tr.range(), List.of()));
        }
        continue;
      }
      switch (ref.subject()) {
        case dev.forma.engine.addrs.Reference.LocalValue(String name) -> {
          Local l = t.module().locals().get(name);
          if (l != null && visiting.add(path + " local." + name)) {
            resolve(path, Traversals.of(l.expr()), out, visiting);
          }
        }
        case dev.forma.engine.addrs.Reference.InputVariable(String name) -> {
          if (t.call() != null && visiting.add(path + " var." + name)) {
            Attribute arg = t.call().inputs().get(name);
            if (arg != null) {
              resolve(path.parent(), Traversals.of(arg.expr()), out, visiting);
            }
          }
        }
        case dev.forma.engine.addrs.Reference.ModuleCallOutput m ->
            callOutputs(path, m.call(), m.output(), out, visiting);
        case dev.forma.engine.addrs.Reference.ModuleCallInstance m ->
            callOutputs(path, m.name(), null, out, visiting);
        case dev.forma.engine.addrs.Reference.ModuleCall m ->
            callOutputs(path, m.name(), null, out, visiting);
        default -> {}
      }
    }
  }

  private void callOutputs(
      ModulePath path,
      String call,
      String output,
      List<References.Reference> out,
      Set<String> visiting) {
    ConfigTree child = root.descendant(path.child(call));
    if (child == null) {
      return;
    }
    if (visiting.add(child.path() + " call")) {
      resolve(path, callMeta(child.call()), out, visiting);
    }
    for (Output o : child.module().outputs().values()) {
      if ((output == null || output.equals(o.name()))
          && o.value() != null
          && visiting.add(child.path() + " output." + o.name())) {
        List<Expr.ScopeTraversal> ts = new ArrayList<>(Traversals.of(o.value()));
        ts.addAll(o.dependsOn());
        resolve(child.path(), ts, out, visiting);
      }
    }
  }

  /**
   * Resource {@code r} of the module at {@code path}, addressed in module instance {@code at} (an
   * instance of that module) and with the provider configuration it uses resolved to the module
   * that declares it: a {@code providers} entry of a call passes one, otherwise a module uses its
   * caller's configuration of the same name (inheritance of default configurations).
   */
  public Resource relocate(dev.forma.engine.addrs.ModuleInstance at, ModulePath path, Resource r) {
    if (path.isRoot()) {
      return r;
    }
    return new Resource(
        r.address().local().in(at),
        r.config(),
        r.count(),
        r.forEach(),
        r.dependsOn(),
        providerFor(path, r.providerAddress()),
        r.providerRange(),
        r.lifecycle(),
        r.declRange(),
        r.typeRange(),
        r.nameRange());
  }

  /** {@code r} (already {@link #relocate relocated}) addressed in module instance {@code at}. */
  public static Resource moved(Resource r, dev.forma.engine.addrs.ModuleInstance at) {
    if (r.address().module().equals(at)) {
      return r;
    }
    return new Resource(
        r.address().local().in(at),
        r.config(),
        r.count(),
        r.forEach(),
        r.dependsOn(),
        r.provider(),
        r.providerRange(),
        r.lifecycle(),
        r.declRange(),
        r.typeRange(),
        r.nameRange());
  }

  /** The provider configuration {@code local} (as module {@code path} names it) stands for. */
  public dev.forma.engine.addrs.ProviderConfigAddress providerFor(
      ModulePath path, dev.forma.engine.addrs.ProviderConfigAddress local) {
    ModulePath p = path;
    dev.forma.engine.addrs.ProviderConfigAddress a = local;
    while (!p.isRoot()) {
      ConfigTree t = root.descendant(p);
      final dev.forma.engine.addrs.ProviderConfigAddress here = a;
      if (t.module().providers().stream().anyMatch(pc -> pc.address().equals(here))) {
        return new dev.forma.engine.addrs.ProviderConfigAddress(p, a.localName(), a.alias());
      }
      dev.forma.engine.addrs.ProviderConfigAddress passed = null;
      for (ModuleCall.PassedProvider pp : t.call().providers()) {
        if (pp.child().equals(a)) {
          passed = pp.parent();
        }
      }
      if (passed != null) {
        a = passed;
      }
      p = p.parent();
    }
    return a;
  }
}
