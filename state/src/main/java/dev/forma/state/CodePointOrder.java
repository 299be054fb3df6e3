package dev.forma.state;

import java.util.Comparator;

/**
 * String order by Unicode code point, which is the byte order of UTF-8: the order Terraform (Go)
 * sorts names and map keys in. {@link String#compareTo} differs for characters outside the BMP.
 */
public final class CodePointOrder {
  /** Compares two strings code point by code point. */
  public static final Comparator<String> COMPARATOR = CodePointOrder::compare;

  private CodePointOrder() {}

  /**
   * Negative, zero or positive as {@code a} sorts before, with or after {@code b}. Compares UTF-16
   * units, moving surrogates above the rest of the BMP at the first difference, which is code point
   * order without decoding a code point per character (state files sort many thousands of names).
   */
  public static int compare(String a, String b) {
    if (a == b) {
      return 0;
    }
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char x = a.charAt(k);
      char y = b.charAt(k);
      if (x != y) {
        return Integer.compare(inCodePointOrder(x), inCodePointOrder(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** A UTF-16 unit's rank: surrogates (which start code points above the BMP) sort last. */
  private static int inCodePointOrder(char c) {
    if (c < Character.MIN_SURROGATE) {
      return c;
    }
    return c <= Character.MAX_SURROGATE ? c + 0x2000 : c - 0x800;
  }
}
