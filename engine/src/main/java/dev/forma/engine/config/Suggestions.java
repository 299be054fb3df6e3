package dev.forma.engine.config;

import dev.forma.engine.diag.Suggest;
import java.util.Collection;

/**
 * Terraform's "Did you mean" for configuration names: the nearest candidate at an edit distance
 * below 3, whatever the name's length (so {@code path.foo} suggests {@code root}).
 */
final class Suggestions {
  private Suggestions() {}

  static String didYouMean(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String c : candidates) {
      int d = Suggest.distance(given, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best == null ? "" : " Did you mean \"" + best + "\"?";
  }
}
