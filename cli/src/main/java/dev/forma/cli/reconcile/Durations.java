package dev.forma.cli.reconcile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go (and so Terraform's {@code -lock-timeout}) writes them: {@code 30s}, {@code
 * 1m30s}.
 */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  /** The longest duration Go reads (an int64 of nanoseconds, about 292 years). */
  private static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  /**
   * The duration {@code text} says; null when it is not one (a bare number, a unit we do not know,
   * or longer than Go's durations go, as Go's {@code time.ParseDuration} refuses).
   */
  static Duration parse(String text) {
    try {
      Duration d = parseUnchecked(text);
      return d == null || d.compareTo(MAX) > 0 ? null : d;
    } catch (NumberFormatException | ArithmeticException e) {
      return null; // a number too long for a long, or a sum that overflows: out of range
    }
  }

  private static Duration parseUnchecked(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(t);
    Duration d = Duration.ZERO;
    int at = 0;
    while (m.find() && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      d =
          d.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      at = m.end();
    }
    return at == 0 || at != t.length() ? null : d;
  }

  /** {@code d} as {@link #parse} reads it back: {@code 90s} is {@code 1m30s}. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long ms = d.toMillis();
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    long s = ms / 1000 % 60;
    long rest = ms % 1000;
    if (h > 0) {
      b.append(h).append('h');
    }
    if (m > 0) {
      b.append(m).append('m');
    }
    if (s > 0) {
      b.append(s).append('s');
    }
    if (rest > 0) {
      b.append(rest).append("ms");
    }
    return b.toString();
  }
}
