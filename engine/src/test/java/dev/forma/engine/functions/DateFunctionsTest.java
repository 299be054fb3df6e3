package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.err;
import static dev.forma.engine.functions.F.n;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Date and time functions; checked with terraform console 1.11.4. */
class DateFunctionsTest {
  private static final String T = "2018-01-02T03:04:05Z";

  private static void badVerb(String format, String why) {
    err(
        "Invalid value for \"format\" parameter: invalid date format verb \""
            + format
            + "\""
            + why
            + ".",
        "formatdate",
        s(format),
        s(T));
  }

  private static void badTime(String time, String why) {
    err(
        "Invalid value for \"time\" parameter: not a valid RFC3339 timestamp: " + why + ".",
        "formatdate",
        s("YYYY"),
        s(time));
  }

  @Test
  void formatdate() {
    ok(
        s("02 Jan 2018 23:12 UTC"),
        "formatdate",
        s("DD MMM YYYY hh:mm ZZZ"),
        s("2018-01-02T23:12:01Z"));
    ok(
        s(
            "Tuesday, Tue, January, 01, 1, 2, 02, 18, 3, 03, 3, 03, AM, am, 4, 5, 05, -08:00,"
                + " -0800, -08:00"),
        "formatdate",
        s("EEEE, EEE, MMMM, MM, M, D, DD, YY, h, hh, H, HH," + " AA, aa, m, s, ss, ZZZZZ, ZZZZ, Z"),
        s("2018-01-02T03:04:05-08:00"));
    ok(s("quoted it's 3x"), "formatdate", s("'quoted' 'it''s' h'x'"), s(T));
    ok(s("+0530 +05:30"), "formatdate", s("ZZZ Z"), s("2018-01-02T03:04:05+05:30"));
    ok(s("+0000 +00:00"), "formatdate", s("ZZZZ ZZZZZ"), s(T));
    ok(s("Z UTC"), "formatdate", s("Z ZZZ"), s(T));
    ok(s("12 12 PM"), "formatdate", s("hh h AA"), s("2018-01-02T12:04:05Z"));
    ok(s("00 AM"), "formatdate", s("hh AA"), s("2018-01-02T00:04:05Z"));
    ok(s("0018"), "formatdate", s("YYYY"), s("0018-01-02T00:04:05Z"));
  }

  @Test
  void formatdateErrors() {
    badVerb("Q", "");
    badVerb("yyyy", "");
    badVerb("fff", "");
    badVerb("YYYYY", ": year must either be \"YY\" or \"YYYY\"");
    badVerb("Y", ": year must either be \"YY\" or \"YYYY\"");
    badVerb("MMMMM", ": month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"");
    badVerb("DDD", ": day of month must either be \"D\" or \"DD\"");
    badVerb("EE", ": day of week must either be \"EEE\" or \"EEEE\"");
    badVerb("hhh", ": 24-hour must either be \"h\" or \"hh\"");
    badVerb("HHH", ": 12-hour must either be \"H\" or \"HH\"");
    badVerb("A", ": must be \"AA\"");
    badVerb("a", ": must be \"aa\"");
    badVerb("mmm", ": minute must either be \"m\" or \"mm\"");
    badVerb("sss", ": second must either be \"s\" or \"ss\"");
    badVerb("ZZ", ": timezone must be Z, ZZZZ, or ZZZZZ");
    err(
        "Invalid value for \"format\" parameter: unterminated literal '.",
        "formatdate",
        s("'unterminated"),
        s(T));
    badTime("2018-01-02", "missing required time introducer 'T'");
    badTime("bad", "cannot use \"bad\" as year");
    badTime("2018-01-02T03:04:05.Z", "cannot use \".Z\" as UTC offset");
    badTime("2018-01-02t03:04:05z", "missing required time introducer 'T'");
    badTime("2018-01-02T24:04:05Z", "hour must be between 0 and 23 inclusive");
    badTime("2018-02-30T00:04:05Z", "day out of range");
    badTime("2018-13-02T03:04:05Z", "cannot use \"-02T03:04:05Z\" as month");
    badTime("2017-11-22T00:00:00Zx", "cannot use \"x\" as timestamp segment");
    badTime("2017-11-22T10:61:00Z", "minute must have exactly two digits");
    badTime("2017-11-22T10:00:61Z", "cannot use \"Z\" as second");
    badTime("2017-11-22T10:00:00", "end of string before UTC offset");
    badTime("2017-1-22T10:00:00Z", "cannot use \"1-22T10:00:00Z\" as month");
    badTime("2017-11-2T10:00:00Z", "cannot use \"2T10:00:00Z\" as day of month");
    badTime("2017-11-22T1:00:00Z", "hour must have exactly two digits");
    badTime("2017-11-22T10:00:00+5:00", "cannot use \"+5:00\" as UTC offset");
  }

  @Test
  void timeaddAndTimecmp() {
    ok(s("2017-11-22T00:10:00Z"), "timeadd", s("2017-11-22T00:00:00Z"), s("10m"));
    ok(s("2017-11-21T22:29:57Z"), "timeadd", s("2017-11-22T00:00:00Z"), s("-1h30m2.5s"));
    ok(s("2017-11-22T01:00:00+01:00"), "timeadd", s("2017-11-22T00:00:00+01:00"), s("1h"));
    ok(s("2017-11-22T00:00:00Z"), "timeadd", s("2017-11-22T00:00:00Z"), s("1us"));
    ok(s("2017-11-22T01:30:00Z"), "timeadd", s("2017-11-22T00:00:00Z"), s("1.5h1ms1µs1ns"));
    ok(s("2017-11-22T00:00:01Z"), "timeadd", s("2017-11-22T00:00:00.5Z"), s("1s"));
    err(
        "Call to function \"timeadd\" failed: time: unknown unit \"d\" in duration \"1d\".",
        "timeadd",
        s("2017-11-22T00:00:00Z"),
        s("1d"));
    err(
        "Call to function \"timeadd\" failed: time: invalid duration \"x\".",
        "timeadd",
        s("2017-11-22T00:00:00Z"),
        s("x"));
    err(
        "Call to function \"timeadd\" failed: time: missing unit in duration \"1\".",
        "timeadd",
        s("2017-11-22T00:00:00Z"),
        s("1"));
    err(
        "Call to function \"timeadd\" failed: time: invalid duration \"\".",
        "timeadd",
        s("2017-11-22T00:00:00Z"),
        s(""));
    err(
        "Call to function \"timeadd\" failed: not a valid RFC3339 timestamp: cannot use \"bad\""
            + " as year.",
        "timeadd",
        s("bad"),
        s("1h"));
    ok(n(0), "timecmp", s("2017-11-22T00:00:00Z"), s("2017-11-22T01:00:00+01:00"));
    ok(n(-1), "timecmp", s("2017-11-22T00:00:00Z"), s("2017-11-22T00:00:01Z"));
    err(
        "Invalid value for \"timestamp_b\" parameter: not a valid RFC3339 timestamp: cannot use"
            + " \"x\" as year.",
        "timecmp",
        s("2017-11-22T00:00:00Z"),
        s("x"));
  }

  @Test
  void timestamps() throws Exception {
    assertEquals(s("2024-05-06T07:08:09Z"), F.call("plantimestamp"));
    assertTrue(
        F.call("timestamp").toString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
  }
}
