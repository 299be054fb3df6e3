package dev.forma.engine.config;

import dev.forma.engine.addrs.Reference;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a module's local values so that each comes after the locals it refers to. Locals on a
 * cycle are reported (one error per cycle naming each local and where it is defined) and left out
 * of the order.
 */
final class LocalOrder {
  private LocalOrder() {}

  /** The locals this one's expression refers to, in source order, without repeats. */
  static Set<String> dependencies(Local l, Map<String, Local> all) {
    Set<String> out = new LinkedHashSet<>();
    for (Expr.ScopeTraversal t : Traversals.of(l.expr())) {
      String name = Reference.localName(t);
      if (name != null && all.containsKey(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** The locals in an order where dependencies come first; cycles reported. */
  static List<Local> order(Map<String, Local> locals, Diagnostics diags) {
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    locals.forEach((n, l) -> deps.put(n, dependencies(l, locals)));
    List<Local> out = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done, 3 on a cycle
    for (String name : locals.keySet()) {
      visit(name, locals, deps, state, new ArrayList<>(), out, diags);
    }
    return out;
  }

  private static boolean visit(
      String name,
      Map<String, Local> locals,
      Map<String, Set<String>> deps,
      Map<String, Integer> state,
      List<String> path,
      List<Local> out,
      Diagnostics diags) {
    Integer s = state.get(name);
    if (s != null) {
      if (s == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
        for (String c : cycle) {
          state.put(c, 3);
        }
        diags.add(cycleError(cycle, locals));
        return false;
      }
      return s == 2;
    }
    state.put(name, 1);
    path.add(name);
    boolean ok = true;
    for (String d : deps.get(name)) {
      ok &= visit(d, locals, deps, state, path, out, diags);
    }
    path.removeLast();
    if (state.get(name) == 3) {
      return false;
    }
    if (ok) {
      state.put(name, 2);
      out.add(locals.get(name));
    } else {
      state.put(name, 3);
    }
    return ok;
  }

  private static Diagnostic cycleError(List<String> cycle, Map<String, Local> locals) {
    List<String> sorted = new ArrayList<>(cycle);
    sorted.sort(null);
    StringBuilder summary = new StringBuilder("Cycle: ");
    StringBuilder detail = new StringBuilder("These local values refer to each other in a cycle:");
    for (int i = 0; i < sorted.size(); i++) {
      String n = sorted.get(i);
      summary.append(i == 0 ? "" : ", ").append("local.").append(n);
    }
    for (int i = 0; i < cycle.size(); i++) {
      String n = cycle.get(i);
      String next = cycle.get((i + 1) % cycle.size());
      detail
          .append("\n  local.")
          .append(n)
          .append(" (")
          .append(locals.get(n).declRange())
          .append(") refers to local.")
          .append(next);
    }
    return Diagnostic.error(
        summary.toString(), detail.toString(), locals.get(sorted.getFirst()).declRange());
  }
}
