package dev.forma.engine.diag;

import java.util.Collection;

/**
 * "Did you mean …?": the candidate nearest to a misspelt name, when it is near enough to be a
 * likely typo (edit distance at most a third of the name's length, and at most 3).
 */
public final class Suggest {
  private Suggest() {}

  /** The nearest candidate, or null when none is close. */
  public static String nearest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int limit = Math.min(3, Math.max(1, given.length() / 3));
    for (String c : candidates) {
      int d = distance(given.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= limit ? best : null;
  }

  /** {@code " Did you mean \"x\"?"} for the nearest candidate, or the empty string. */
  public static String didYouMean(String given, Collection<String> candidates) {
    String n = nearest(given, candidates);
    return n == null ? "" : " Did you mean \"" + n + "\"?";
  }

  /** Optimal-string-alignment distance: insertions, deletions, substitutions, transpositions. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
