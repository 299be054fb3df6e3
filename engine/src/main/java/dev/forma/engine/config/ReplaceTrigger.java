package dev.forma.engine.config;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traverser;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a resource's {@code lifecycle.replace_triggered_by}, read into what a plan needs:
 * which resource it watches, which of its instances, and which attribute. {@code expr} is the entry
 * as written (for references, graph edges and error ranges).
 */
public sealed interface ReplaceTrigger {
  Expr expr();

  /** {@code terraform_data.a}: an update or replacement of any instance triggers. */
  record AnyInstance(Expr expr, ResourceAddress resource) implements ReplaceTrigger {}

  /**
   * One instance, optionally one of its attributes: {@code terraform_data.a.output} ({@code key}
   * null: the resource's only instance), {@code terraform_data.a[count.index].output}, {@code
   * terraform_data.a[each.key]}, {@code terraform_data.a["k"]}. {@code key} is evaluated per
   * instance of the resource that declares the trigger (so {@code count.index} and {@code each.key}
   * are that instance's); {@code path} is empty when the whole instance is watched.
   */
  record Instance(Expr expr, ResourceAddress resource, Expr key, List<Traverser> path)
      implements ReplaceTrigger {
    public Instance {
      path = List.copyOf(path);
    }
  }

  /**
   * An entry that names exactly one resource but is not a plain reference (a splat, a function
   * call, a template): Terraform accepts it in configuration and reports it when it plans.
   */
  record Unsupported(Expr expr) implements ReplaceTrigger {}

  /** Reads an entry that checked out as naming exactly one resource ({@code resource}). */
  static ReplaceTrigger of(Expr expr, ResourceAddress resource) {
    List<Object> chain = chain(expr);
    if (chain == null) {
      return new Unsupported(expr);
    }
    // root, name (or data, type, name), then the instance key, then the attribute path
    int next = resource.mode() == dev.forma.engine.addrs.ResourceMode.DATA ? 3 : 2;
    if (chain.size() < next) {
      return new Unsupported(expr);
    }
    if (chain.size() == next) {
      return new AnyInstance(expr, resource);
    }
    Expr key = null;
    Object step = chain.get(next);
    if (step instanceof Expr k) {
      key = k;
      next++;
    } else if (step instanceof Traverser.Index i) {
      key = new Expr.Literal(i.key(), i.range());
      next++;
    }
    List<Traverser> path = new ArrayList<>();
    for (Object o : chain.subList(next, chain.size())) {
      if (!(o instanceof Traverser t)) {
        return new Unsupported(expr); // a computed index inside the attribute path
      }
      path.add(t);
    }
    return new Instance(expr, resource, key, path);
  }

  /**
   * The steps of a reference chain: static {@link Traverser} steps, and an {@link Expr} for each
   * computed index ({@code [count.index]}); null when the expression is not such a chain.
   */
  private static List<Object> chain(Expr e) {
    return switch (e) {
      case Expr.ScopeTraversal s -> new ArrayList<>(s.traversal());
      case Expr.RelativeTraversal r -> {
        List<Object> base = chain(r.source());
        if (base != null) {
          base.addAll(r.traversal());
        }
        yield base;
      }
      case Expr.Index i -> {
        List<Object> base = chain(i.collection());
        if (base != null) {
          base.add(i.key());
        }
        yield base;
      }
      default -> null;
    };
  }
}
