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

  /** Negative, zero or positive as {@code a} sorts before, with or after {@code b}. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
