package dev.forma.engine.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Walks two sequences along their longest common subsequence, as Terraform's list diff does:
 * removals before additions, common elements unchanged, and an object element facing an object
 * element paired as an update.
 */
final class Slices {
  private Slices() {}

  /** Receives a pair of indices; an index out of range means "absent on that side". */
  interface Visitor {
    void visit(int before, int after);
  }

  /**
   * Pairs the elements of a list diff: position by position when both have the same length and are
   * not a reordering of each other, along the longest common subsequence otherwise.
   */
  static <T> void transform(List<T> before, List<T> after, Predicate<T> isObject, Visitor v) {
    if (before.size() == after.size() && !isReorder(before, after)) {
      for (int i = 0; i < before.size(); i++) {
        v.visit(i, i);
      }
      return;
    }
    process(before, after, isObject, v);
  }

  private static <T> boolean isReorder(List<T> before, List<T> after) {
    for (T b : before) {
      if (!after.contains(b)) {
        return false;
      }
    }
    return true;
  }

  static <T> void process(List<T> before, List<T> after, Predicate<T> isObject, Visitor v) {
    List<T> lcs = lcs(before, after);
    int bi = 0;
    int ai = 0;
    int li = 0;
    while (bi < before.size() || ai < after.size() || li < lcs.size()) {
      while (bi < before.size()
          && (li >= lcs.size() || !Objects.equals(before.get(bi), lcs.get(li)))) {
        boolean objectDiff =
            isObject.test(before.get(bi))
                && ai < after.size()
                && isObject.test(after.get(ai))
                && (li >= lcs.size() || !Objects.equals(after.get(ai), lcs.get(li)));
        if (objectDiff) {
          v.visit(bi, ai);
          bi++;
          ai++;
          continue;
        }
        v.visit(bi, after.size());
        bi++;
      }
      while (ai < after.size()
          && (li >= lcs.size() || !Objects.equals(after.get(ai), lcs.get(li)))) {
        v.visit(before.size(), ai);
        ai++;
      }
      if (li < lcs.size()) {
        v.visit(bi, ai);
        bi++;
        ai++;
        li++;
      }
    }
  }

  /** The longest common subsequence, choosing among equals as Terraform's does. */
  static <T> List<T> lcs(List<T> xs, List<T> ys) {
    if (xs.isEmpty() || ys.isEmpty()) {
      return List.of();
    }
    int w = xs.size();
    int[] c = new int[xs.size() * ys.size()];
    boolean[] eqs = new boolean[c.length];
    for (int y = 0; y < ys.size(); y++) {
      for (int x = 0; x < xs.size(); x++) {
        if (Objects.equals(xs.get(x), ys.get(y))) {
          eqs[w * y + x] = true;
          c[w * y + x] = (x == 0 || y == 0) ? 1 : c[w * (y - 1) + (x - 1)] + 1;
        } else {
          int l = x > 0 ? c[w * y + (x - 1)] : 0;
          int u = y > 0 ? c[w * (y - 1) + x] : 0;
          c[w * y + x] = Math.max(l, u);
        }
      }
    }
    int n = c[c.length - 1];
    List<T> seq = new ArrayList<>(java.util.Collections.nCopies(n, null));
    int x = xs.size() - 1;
    int y = ys.size() - 1;
    int i = n - 1;
    while (x > -1 && y > -1) {
      if (eqs[w * y + x]) {
        seq.set(i, xs.get(x));
        x--;
        y--;
        i--;
      } else {
        int l = x > 0 ? c[w * y + (x - 1)] : 0;
        int u = y > 0 ? c[w * (y - 1) + x] : 0;
        if (l > u) {
          x--;
        } else {
          y--;
        }
      }
    }
    return seq;
  }
}
