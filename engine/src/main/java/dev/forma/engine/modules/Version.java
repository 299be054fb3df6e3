package dev.forma.engine.modules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version number as Terraform's module installer reads it: dot-separated numbers (one to any
 * count, an optional leading {@code v}), an optional pre-release after {@code -} and optional build
 * metadata after {@code +}. Ordered by the numbers (missing ones count as zero), then a release
 * after its pre-releases, pre-releases by their dot-separated parts (numbers numerically and before
 * words); metadata is ignored.
 *
 * @param segments the numbers written, padded to at least three with zeros
 * @param specified how many numbers were written (what {@code ~>} looks at)
 * @param prerelease the pre-release, empty when there is none
 * @param metadata the build metadata, empty when there is none
 */
public record Version(List<BigInteger> segments, int specified, String prerelease, String metadata)
    implements Comparable<Version> {
  private static final Pattern SYNTAX =
      Pattern.compile(
          "v?([0-9]+(?:\\.[0-9]+)*)"
              + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
              + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

  public Version {
    segments = List.copyOf(segments);
  }

  /** The version {@code text} spells, or null when it is not a version. */
  public static Version parse(String text) {
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    List<BigInteger> segs = new ArrayList<>();
    for (String s : m.group(1).split("\\.")) {
      segs.add(new BigInteger(s));
    }
    int specified = segs.size();
    while (segs.size() < 3) {
      segs.add(BigInteger.ZERO);
    }
    return new Version(
        segs,
        specified,
        m.group(2) == null ? "" : m.group(2),
        m.group(3) == null ? "" : m.group(3));
  }

  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /** Whether the numbers are the same (pre-release and metadata aside). */
  boolean sameNumbers(Version o) {
    return compareNumbers(o) == 0;
  }

  private int compareNumbers(Version o) {
    int n = Math.max(segments.size(), o.segments.size());
    for (int i = 0; i < n; i++) {
      BigInteger a = i < segments.size() ? segments.get(i) : BigInteger.ZERO;
      BigInteger b = i < o.segments.size() ? o.segments.get(i) : BigInteger.ZERO;
      int c = a.compareTo(b);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public int compareTo(Version o) {
    int c = compareNumbers(o);
    if (c != 0) {
      return c;
    }
    if (prerelease.equals(o.prerelease)) {
      return 0;
    }
    if (prerelease.isEmpty()) {
      return 1;
    }
    if (o.prerelease.isEmpty()) {
      return -1;
    }
    String[] a = prerelease.split("\\.");
    String[] b = o.prerelease.split("\\.");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) {
        return -1;
      }
      if (i >= b.length) {
        return 1;
      }
      boolean an = a[i].matches("[0-9]+");
      boolean bn = b[i].matches("[0-9]+");
      int p =
          an && bn
              ? new BigInteger(a[i]).compareTo(new BigInteger(b[i]))
              : an ? -1 : bn ? 1 : a[i].compareTo(b[i]);
      if (p != 0) {
        return p;
      }
    }
    return 0;
  }

  /** The version as Terraform prints a chosen one: three numbers at least, then the rest. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      b.append(i == 0 ? "" : ".").append(segments.get(i));
    }
    if (!prerelease.isEmpty()) {
      b.append('-').append(prerelease);
    }
    if (!metadata.isEmpty()) {
      b.append('+').append(metadata);
    }
    return b.toString();
  }
}
