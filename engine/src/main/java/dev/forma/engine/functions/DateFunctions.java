package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.NUMBER;
import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** formatdate, timeadd, timecmp, timestamp, plantimestamp. */
final class DateFunctions {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

  private DateFunctions() {}

  static List<Builtin> all() {
    return List.of(
        Builtin.named("formatdate")
            .param("format", STRING)
            .param("time", STRING)
            .returns(STRING)
            .body(
                a -> {
                  OffsetDateTime t = parse(a.string(1), 1, "time");
                  return Value.of(format(a.string(0), t));
                }),
        Builtin.named("timeadd")
            .param("timestamp", STRING)
            .param("duration", STRING)
            .returns(STRING)
            .body(
                a -> {
                  OffsetDateTime t;
                  try {
                    t = parse(a.string(0), 0, "timestamp");
                  } catch (FunctionException e) {
                    throw new FunctionException(e.getMessage());
                  }
                  Duration d = duration(a.string(1));
                  return Value.of(RFC3339.format(t.plus(d)));
                }),
        Builtin.named("timecmp")
            .param("timestamp_a", STRING)
            .param("timestamp_b", STRING)
            .returns(NUMBER)
            .body(
                a -> {
                  OffsetDateTime x = parse(a.string(0), 0, "timestamp_a");
                  OffsetDateTime y = parse(a.string(1), 1, "timestamp_b");
                  return Value.of(Integer.signum(x.toInstant().compareTo(y.toInstant())));
                }),
        Builtin.named("timestamp").returns(STRING).body(a -> Value.of(rfc3339(Instant.now()))),
        Builtin.named("plantimestamp")
            .returns(STRING)
            .body(a -> Value.of(rfc3339(a.context().planTimestamp()))));
  }

  static String rfc3339(Instant i) {
    return RFC3339.format(i.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
  }

  // ---- RFC 3339 parsing with Go's complaints ----

  static OffsetDateTime parse(String s, int argIndex, String param) throws FunctionException {
    try {
      return new Rfc3339Parser(s).parse();
    } catch (IllegalArgumentException e) {
      throw new FunctionException(
          argIndex, param, "not a valid RFC3339 timestamp: " + e.getMessage());
    }
  }

  private static final class Rfc3339Parser {
    private final String s;
    private int i;

    Rfc3339Parser(String s) {
      this.s = s;
    }

    private String rest() {
      return "\"" + s.substring(i) + "\"";
    }

    private int digits(int n) {
      if (i + n > s.length()) {
        return -1;
      }
      int v = 0;
      for (int k = 0; k < n; k++) {
        char c = s.charAt(i + k);
        if (c < '0' || c > '9') {
          return -1;
        }
        v = v * 10 + (c - '0');
      }
      i += n;
      return v;
    }

    private boolean twoDigitsFollowedByNonDigit() {
      return digitsAt(i) && digitsAt(i + 1) && !digitsAt(i + 2);
    }

    private boolean digitsAt(int k) {
      return k < s.length() && s.charAt(k) >= '0' && s.charAt(k) <= '9';
    }

    private void expect(char c, String what) {
      if (i >= s.length() || s.charAt(i) != c) {
        throw new IllegalArgumentException("cannot use " + rest() + " as " + what);
      }
      i++;
    }

    OffsetDateTime parse() {
      int year = digits(4);
      if (year < 0) {
        throw new IllegalArgumentException("cannot use " + rest() + " as year");
      }
      expect('-', "\"-\"");
      if (!twoDigitsFollowedByNonDigit()) {
        throw new IllegalArgumentException("cannot use " + rest() + " as month");
      }
      int month = digits(2);
      if (month < 1 || month > 12) {
        throw new IllegalArgumentException("cannot use " + rest() + " as month");
      }
      expect('-', "\"-\"");
      if (!twoDigitsFollowedByNonDigit()) {
        throw new IllegalArgumentException("cannot use " + rest() + " as day of month");
      }
      int day = digits(2);
      if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
        throw new IllegalArgumentException("day out of range");
      }
      if (i >= s.length() || s.charAt(i) != 'T') {
        throw new IllegalArgumentException("missing required time introducer 'T'");
      }
      i++;
      if (!twoDigitsFollowedByNonDigit()) {
        throw new IllegalArgumentException("hour must have exactly two digits");
      }
      int hour = digits(2);
      if (hour > 23) {
        throw new IllegalArgumentException("hour must be between 0 and 23 inclusive");
      }
      expect(':', "\":\"");
      if (!twoDigitsFollowedByNonDigit()) {
        throw new IllegalArgumentException("minute must have exactly two digits");
      }
      int minute = digits(2);
      if (minute > 59) {
        throw new IllegalArgumentException("minute must have exactly two digits");
      }
      expect(':', "\":\"");
      if (!twoDigitsFollowedByNonDigit()) {
        throw new IllegalArgumentException("cannot use " + rest() + " as second");
      }
      int second = digits(2);
      if (second > 59) {
        throw new IllegalArgumentException("cannot use " + rest() + " as second");
      }
      int nanos = 0;
      if (i < s.length() && s.charAt(i) == '.' && digitsAt(i + 1)) {
        i++;
        int start = i;
        while (digitsAt(i)) {
          i++;
        }
        String frac = (s.substring(start, i) + "000000000").substring(0, 9);
        nanos = Integer.parseInt(frac);
      }
      if (i >= s.length()) {
        throw new IllegalArgumentException("end of string before UTC offset");
      }
      ZoneOffset offset;
      if (s.charAt(i) == 'Z') {
        offset = ZoneOffset.UTC;
        i++;
      } else {
        char sign = s.charAt(i);
        int save = i;
        i++;
        int oh = digits(2);
        boolean colon = i < s.length() && s.charAt(i) == ':';
        if (colon) {
          i++;
        }
        int om = colon ? digits(2) : -1;
        if ((sign != '+' && sign != '-') || oh < 0 || om < 0 || oh > 23 || om > 59) {
          i = save;
          throw new IllegalArgumentException("cannot use " + rest() + " as UTC offset");
        }
        int secs = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
        offset = ZoneOffset.ofTotalSeconds(secs);
      }
      if (i < s.length()) {
        throw new IllegalArgumentException("cannot use " + rest() + " as timestamp segment");
      }
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    }
  }

  // ---- formatdate ----

  static String format(String spec, OffsetDateTime t) throws FunctionException {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < spec.length()) {
      char c = spec.charAt(i);
      if (c == '\'') {
        int j = i + 1;
        StringBuilder lit = new StringBuilder();
        while (true) {
          if (j >= spec.length()) {
            throw new FunctionException(0, "format", "unterminated literal '");
          }
          if (spec.charAt(j) == '\'') {
            if (j + 1 < spec.length() && spec.charAt(j + 1) == '\'') {
              lit.append('\'');
              j += 2;
              continue;
            }
            break;
          }
          lit.append(spec.charAt(j));
          j++;
        }
        // '' outside a literal is a quote character.
        out.append(j == i + 1 ? "'" : lit);
        i = j + 1;
        continue;
      }
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        out.append(c);
        i++;
        continue;
      }
      int j = i;
      while (j < spec.length() && spec.charAt(j) == c) {
        j++;
      }
      out.append(verb(spec.substring(i, j), t));
      i = j;
    }
    return out.toString();
  }

  private static String verb(String v, OffsetDateTime t) throws FunctionException {
    int n = v.length();
    String rule =
        switch (v.charAt(0)) {
          case 'Y' -> {
            if (n == 2) {
              yield pad(t.getYear() % 100, 2);
            }
            if (n == 4) {
              yield pad(t.getYear(), 4);
            }
            yield "!year must either be \"YY\" or \"YYYY\"";
          }
          case 'M' ->
              switch (n) {
                case 1 -> Integer.toString(t.getMonthValue());
                case 2 -> pad(t.getMonthValue(), 2);
                case 3 -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 4 -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                default -> "!month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"";
              };
          case 'D' ->
              n == 1
                  ? Integer.toString(t.getDayOfMonth())
                  : n == 2
                      ? pad(t.getDayOfMonth(), 2)
                      : "!day of month must either be \"D\" or \"DD\"";
          case 'E' ->
              n == 3
                  ? t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                  : n == 4
                      ? t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                      : "!day of week must either be \"EEE\" or \"EEEE\"";
          case 'h' ->
              n == 1
                  ? Integer.toString(t.getHour())
                  : n == 2 ? pad(t.getHour(), 2) : "!24-hour must either be \"h\" or \"hh\"";
          case 'H' -> {
            int h12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
            yield n == 1
                ? Integer.toString(h12)
                : n == 2 ? pad(h12, 2) : "!12-hour must either be \"H\" or \"HH\"";
          }
          case 'A' -> n == 2 ? (t.getHour() < 12 ? "AM" : "PM") : "!must be \"AA\"";
          case 'a' -> n == 2 ? (t.getHour() < 12 ? "am" : "pm") : "!must be \"aa\"";
          case 'm' ->
              n == 1
                  ? Integer.toString(t.getMinute())
                  : n == 2 ? pad(t.getMinute(), 2) : "!minute must either be \"m\" or \"mm\"";
          case 's' ->
              n == 1
                  ? Integer.toString(t.getSecond())
                  : n == 2 ? pad(t.getSecond(), 2) : "!second must either be \"s\" or \"ss\"";
          case 'Z' -> {
            ZoneOffset o = t.getOffset();
            yield switch (n) {
              case 1 -> o.equals(ZoneOffset.UTC) ? "Z" : colonOffset(o);
              case 3 -> o.equals(ZoneOffset.UTC) ? "UTC" : colonOffset(o).replace(":", "");
              case 4 -> colonOffset(o).replace(":", "");
              case 5 -> colonOffset(o);
              default -> "!timezone must be Z, ZZZZ, or ZZZZZ";
            };
          }
          default -> "?";
        };
    if (rule.equals("?")) {
      throw new FunctionException(0, "format", "invalid date format verb \"" + v + "\"");
    }
    if (rule.startsWith("!")) {
      throw new FunctionException(
          0, "format", "invalid date format verb \"" + v + "\": " + rule.substring(1));
    }
    return rule;
  }

  private static String colonOffset(ZoneOffset o) {
    int total = o.getTotalSeconds();
    String sign = total < 0 ? "-" : "+";
    total = Math.abs(total);
    return sign + pad(total / 3600, 2) + ":" + pad(total / 60 % 60, 2);
  }

  private static String pad(int v, int width) {
    String s = Integer.toString(v);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  // ---- Go durations ----

  /** Go's time.ParseDuration. */
  static Duration duration(String text) throws FunctionException {
    String s = text;
    String quoted = "\"" + text + "\"";
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new FunctionException("time: invalid duration " + quoted);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String num = s.substring(start, i);
      if (num.isEmpty() || num.equals(".") || num.chars().filter(ch -> ch == '.').count() > 1) {
        throw new FunctionException("time: invalid duration " + quoted);
      }
      int ustart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(ustart, i);
      if (unit.isEmpty()) {
        throw new FunctionException("time: missing unit in duration " + quoted);
      }
      long scale =
          switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> -1L;
          };
      if (scale < 0) {
        throw new FunctionException("time: unknown unit \"" + unit + "\" in duration " + quoted);
      }
      nanos =
          nanos.add(
              new BigDecimal(num.endsWith(".") ? num + "0" : num)
                  .multiply(BigDecimal.valueOf(scale)));
    }
    long n = nanos.longValue();
    return Duration.ofNanos(negative ? -n : n);
  }
}
