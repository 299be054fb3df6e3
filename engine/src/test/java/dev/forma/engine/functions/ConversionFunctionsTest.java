package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.B;
import static dev.forma.engine.functions.F.N;
import static dev.forma.engine.functions.F.S;
import static dev.forma.engine.functions.F.b;
import static dev.forma.engine.functions.F.err;
import static dev.forma.engine.functions.F.list;
import static dev.forma.engine.functions.F.map;
import static dev.forma.engine.functions.F.n;
import static dev.forma.engine.functions.F.nul;
import static dev.forma.engine.functions.F.obj;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;
import static dev.forma.engine.functions.F.sens;
import static dev.forma.engine.functions.F.set;
import static dev.forma.engine.functions.F.strs;
import static dev.forma.engine.functions.F.tup;
import static dev.forma.engine.functions.F.unk;

import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import org.junit.jupiter.api.Test;

/** Type conversion and sensitivity functions; checked with terraform console 1.11.4. */
class ConversionFunctionsTest {

  @Test
  void primitives() {
    ok(b(true), "tobool", s("true"));
    ok(n("1.5"), "tonumber", s("1.5"));
    ok(n(1000), "tonumber", s("1e3"));
    ok(s("1.5"), "tostring", n("1.50"));
    ok(s("true"), "tostring", b(true));
    ok(nul(N), "tonumber", Value.NULL);
    ok(nul(S), "tostring", Value.NULL);
    ok(sens(s("1")), "tostring", sens(n(1)));
    ok(unk(N), "tonumber", unk(S));
    err(
        "Invalid value for \"v\" parameter: cannot convert \"yes\" to bool; only the strings"
            + " \"true\" or \"false\" are allowed.",
        "tobool",
        s("yes"));
    err("Invalid value for \"v\" parameter: cannot convert number to bool.", "tobool", n(1));
    err("Invalid value for \"v\" parameter: cannot convert bool to number.", "tonumber", b(true));
    err(
        "Invalid value for \"v\" parameter: cannot convert \"x\" to number; given string must be"
            + " a decimal representation of a number.",
        "tonumber",
        s("x"));
    err(
        "Invalid value for \"v\" parameter: cannot convert \"0x10\" to number; given string must"
            + " be a decimal representation of a number.",
        "tonumber",
        s("0x10"));
    err("Invalid value for \"v\" parameter: cannot convert tuple to string.", "tostring", tup());
    err("Invalid value for \"v\" parameter: cannot convert object to string.", "tostring", obj());
    err(
        "Invalid value for \"v\" parameter: cannot convert tuple to number.",
        "tonumber",
        tup(n(1)));
  }

  @Test
  void collections() {
    ok(strs("a", "1"), "tolist", tup(s("a"), n(1)));
    ok(list(Type.list(S), list(S), strs("a")), "tolist", tup(tup(), tup(s("a"))));
    ok(map(S, "a", s("1"), "b", s("x")), "tomap", obj("a", n(1), "b", s("x")));
    ok(set(S, s("a"), s("b")), "toset", tup(s("b"), s("a"), s("b")));
    err(
        "Invalid value for \"v\" parameter: cannot convert tuple to list of any single type.",
        "tolist",
        tup(obj("a", n(1)), s("x")));
    err(
        "Invalid value for \"v\" parameter: cannot convert object to list of any single type.",
        "tolist",
        obj("a", n(1)));
    err(
        "Invalid value for \"v\" parameter: cannot convert object to set of any single type.",
        "toset",
        obj("a", n(1)));
    err(
        "Invalid value for \"v\" parameter: cannot convert tuple to map of any single type.",
        "tomap",
        tup(n(1)));
    err(
        "Invalid value for \"v\" parameter: cannot convert object to map of any single type.",
        "tomap",
        obj("a", n(1), "b", tup(n(1))));
  }

  @Test
  void sensitivity() {
    ok(sens(n(1)), "sensitive", n(1));
    ok(sens(Value.NULL), "sensitive", Value.NULL);
    ok(n(1), "nonsensitive", sens(n(1)));
    ok(n(1), "nonsensitive", n(1));
    ok(Value.NULL, "nonsensitive", Value.NULL);
    ok(b(true), "issensitive", sens(n(1)));
    ok(b(false), "issensitive", n(1));
    ok(b(false), "issensitive", tup(sens(n(1))));
    ok(sens(unk(B)), "sensitive", unk(B));
  }

  @Test
  void typeNamesTheTypeConstraint() {
    ok(s("number"), "type", n(1));
    ok(s("tuple([number,string])"), "type", tup(n(1), s("a")));
    ok(s("map(number)"), "type", map(N, "a", n(1)));
    ok(s("any"), "type", Value.NULL);
  }
}
