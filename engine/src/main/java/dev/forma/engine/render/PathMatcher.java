package dev.forma.engine.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of attribute paths matched step by step while a diff descends a value: the paths that force
 * replacement, or the attributes relevant to a drift. A step is a {@code String} (attribute or map
 * key) or an {@code Integer} (list index). With {@code propagate}, a path matched to its end keeps
 * matching everything below it.
 */
final class PathMatcher {
  static final PathMatcher ALWAYS = new PathMatcher(List.of(), true, true);
  static final PathMatcher NONE = new PathMatcher(List.of(), false, false);

  private final List<List<Object>> paths;
  private final boolean propagate;
  private final boolean always;

  private PathMatcher(List<List<Object>> paths, boolean propagate, boolean always) {
    this.paths = paths;
    this.propagate = propagate;
    this.always = always;
  }

  static PathMatcher of(List<List<Object>> paths, boolean propagate) {
    return new PathMatcher(List.copyOf(paths), propagate, false);
  }

  /** True when some path ends exactly here. */
  boolean matches() {
    if (always) {
      return true;
    }
    for (List<Object> p : paths) {
      if (p.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** True when some path ends here or goes on below here. */
  boolean matchesPartial() {
    return always || !paths.isEmpty();
  }

  PathMatcher key(String key) {
    return child(key);
  }

  PathMatcher index(int index) {
    return child(index);
  }

  private PathMatcher child(Object step) {
    if (always) {
      return this;
    }
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> p : paths) {
      if (p.isEmpty()) {
        if (propagate) {
          out.add(p);
        }
      } else if (Objects.equals(p.get(0), step)) {
        out.add(p.subList(1, p.size()));
      }
    }
    return new PathMatcher(out, propagate, false);
  }
}
