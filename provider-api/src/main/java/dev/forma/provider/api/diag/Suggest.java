package dev.forma.provider.api.diag;

import java.util.Collection;

/**
 * "Did you mean …?" as Terraform decides it: the first candidate (in the order given) at an edit
 * distance below 3 from the misspelt name, whatever the name's length.
 */
public final class Suggest {
  private Suggest() {}

  /** The suggested candidate, or null when none is close. */
  public static String nearest(String given, Collection<String> candidates) {
    for (String c : candidates) {
      if (distance(given, c) < 3) {
        return c;
      }
    }
    return null;
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
