package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.N;
import static dev.forma.engine.functions.F.S;
import static dev.forma.engine.functions.F.err;
import static dev.forma.engine.functions.F.n;
import static dev.forma.engine.functions.F.nul;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;
import static dev.forma.engine.functions.F.sens;
import static dev.forma.engine.functions.F.unk;

import org.junit.jupiter.api.Test;

/** Numeric functions; every expectation was checked with terraform console 1.11.4. */
class NumericFunctionsTest {

  @Test
  void roundingAndSign() {
    ok(n("1.5"), "abs", n("-1.5"));
    ok(n(0), "abs", n(0));
    ok(n(2), "ceil", n("1.2"));
    ok(n(0), "ceil", n("-0.5"));
    ok(n(-2), "floor", n("-1.5"));
    ok(n(-1), "signum", n(-3));
    ok(n(0), "signum", n(0));
    ok(n(1), "signum", s("7"));
  }

  @Test
  void logAndPowUseBinaryFloatingPoint() {
    ok(n(4), "log", n(16), n(2));
    ok(n(3), "log", n(8), n(2));
    ok(n("2.9999999999999996"), "log", n(1000), n(10));
    ok(n(1024), "pow", n(2), n(10));
    ok(n("1.4142135623730951"), "pow", n(2), n("0.5"));
    ok(n("0.5"), "pow", n(2), n(-1));
    ok(n("12157665459056929000"), "pow", n(3), n(40));
    ok(n("0.010000000000000002"), "pow", n("0.1"), n(2));
  }

  @Test
  void maxAndMin() {
    ok(n("5.5"), "max", n(1), n("5.5"), n(3));
    ok(n(-3), "min", n(1), n(5), n(-3));
    err("Call to function \"max\" failed: must pass at least one number.", "max");
    err("Invalid value for \"numbers\" parameter: a number is required.", "max", n(1), s("a"));
  }

  @Test
  void parseint() {
    ok(n(255), "parseint", s("ff"), n(16));
    ok(n(255), "parseint", s("FF"), n(16));
    ok(n(-5), "parseint", s("-101"), n(2));
    ok(n(5), "parseint", s("+5"), n(10));
    ok(n(3817), "parseint", s("Zz"), n(62));
    ok(n(395), "parseint", s("AZ"), n(36));
    ok(n(1), "parseint", s("1"), n(37));
    ok(n("99999999999999999999999"), "parseint", s("99999999999999999999999"), n(10));
    err(
        "Invalid value for \"base\" parameter: base must be a whole number between 2 and 62"
            + " inclusive.",
        "parseint",
        s("12"),
        n(1));
    err(
        "Invalid value for \"base\" parameter: value must be a whole number, between"
            + " -9223372036854775808 and 9223372036854775807.",
        "parseint",
        s("1"),
        n("2.5"));
    err(
        "Invalid value for \"number\" parameter: cannot parse \"zz\" as a base 10 integer.",
        "parseint",
        s("zz"),
        n(10));
    err(
        "Invalid value for \"number\" parameter: cannot parse \"0x10\" as a base 16 integer.",
        "parseint",
        s("0x10"),
        n(16));
    err(
        "Invalid value for \"number\" parameter: cannot parse \"\" as a base 10 integer.",
        "parseint",
        s(""),
        n(10));
    err(
        "Invalid value for \"number\" parameter: cannot parse \"1_0\" as a base 10 integer.",
        "parseint",
        s("1_0"),
        n(10));
    err(
        "Invalid value for \"number\" parameter: first argument must be a string, not number.",
        "parseint",
        n(5),
        n(10));
  }

  @Test
  void commonArgumentHandling() {
    err(
        "Not enough function arguments: Function \"abs\" expects 1 argument(s). Missing value"
            + " for \"num\".",
        "abs");
    err(
        "Too many function arguments: Function \"abs\" expects only 1 argument(s).",
        "abs",
        n(1),
        n(2));
    err("Invalid value for \"num\" parameter: argument must not be null.", "abs", nul(N));
    ok(unk(N), "abs", unk(N));
    ok(unk(N), "abs", unk(dev.forma.provider.api.value.Type.DYNAMIC));
    ok(sens(n(1)), "abs", sens(n(-1)));
    ok(unk(N).markSensitive(), "max", n(1), sens(unk(N)));
    ok(unk(N), "parseint", unk(S), n(10));
  }
}
