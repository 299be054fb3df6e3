package dev.forma.engine.config;

import dev.forma.engine.addrs.AddressParser;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The address an {@code import} block's {@code to} names: a static traversal whose instance keys,
 * under {@code for_each}, may be expressions anywhere in it, on the resource ({@code
 * x.c[each.key]}) or on a module call on the way ({@code module.a[each.key].x.c}).
 */
public final class ImportTo {
  private ImportTo() {}

  /** One step of a {@code to} expression: a static traversal step, or a key expression. */
  private sealed interface Part {}

  private record Static(Traverser step) implements Part {}

  private record Dynamic(Expr key, Range range) implements Part {}

  /** Whether {@code to} has key expressions (that only {@code for_each} can give values to). */
  public static boolean dynamic(Expr to) {
    List<Part> parts = parts(to);
    return parts != null && parts.stream().anyMatch(p -> p instanceof Dynamic);
  }

  /** The key expressions in {@code to}, in order (none for a static address). */
  public static List<Expr> keys(Expr to) {
    List<Part> parts = parts(to);
    List<Expr> out = new ArrayList<>();
    if (parts != null) {
      parts.forEach(
          p -> {
            if (p instanceof Dynamic d) {
              out.add(d.key());
            }
          });
    }
    return out;
  }

  /**
   * The instance {@code to} names, each key expression replaced by what {@code keyOf} gives for it
   * (a known string or whole number), or dropped when {@code keyOf} is null: the address of the
   * resource in its module as configured. Null without diagnostics when {@code to} is not a
   * traversal at all, or when {@code keyOf} gives null for a key (it reported why).
   */
  public static Result<ResourceInstanceAddress> resolve(Expr to, Function<Expr, Value> keyOf) {
    List<Part> parts = parts(to);
    if (parts == null) {
      return new Result<>(null, new Diagnostics());
    }
    List<Traverser> steps = new ArrayList<>();
    for (Part p : parts) {
      switch (p) {
        case Static s -> steps.add(s.step());
        case Dynamic d -> {
          if (keyOf == null) {
            continue;
          }
          Value k = keyOf.apply(d.key());
          if (k == null) {
            return new Result<>(null, new Diagnostics());
          }
          steps.add(new Traverser.Index(k, d.range()));
        }
      }
    }
    return AddressParser.resourceInstance(steps);
  }

  private static List<Part> parts(Expr e) {
    return switch (e) {
      case Expr.Parens p -> parts(p.inner());
      case Expr.ScopeTraversal s -> {
        List<Part> out = new ArrayList<>();
        s.traversal().forEach(t -> out.add(new Static(t)));
        yield out;
      }
      case Expr.RelativeTraversal r -> {
        List<Part> out = parts(r.source());
        if (out != null) {
          r.traversal().forEach(t -> out.add(new Static(t)));
        }
        yield out;
      }
      case Expr.Index i -> {
        List<Part> out = parts(i.collection());
        if (out != null) {
          out.add(new Dynamic(i.key(), i.bracketRange()));
        }
        yield out;
      }
      default -> null;
    };
  }
}
