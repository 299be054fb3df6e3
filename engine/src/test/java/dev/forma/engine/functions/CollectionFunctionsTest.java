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
import static dev.forma.engine.functions.F.nums;
import static dev.forma.engine.functions.F.obj;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;
import static dev.forma.engine.functions.F.sens;
import static dev.forma.engine.functions.F.set;
import static dev.forma.engine.functions.F.strs;
import static dev.forma.engine.functions.F.tup;
import static dev.forma.engine.functions.F.tupT;
import static dev.forma.engine.functions.F.unk;

import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import org.junit.jupiter.api.Test;

/** Collection functions; every expectation was checked with terraform console 1.11.4. */
class CollectionFunctionsTest {
  private static final Value NULL = Value.NULL;

  @Test
  void alltrueAndAnytrue() {
    ok(b(true), "alltrue", tup());
    ok(b(true), "alltrue", tup(b(true), s("true")));
    ok(b(false), "alltrue", tup(b(true), NULL));
    ok(b(true), "anytrue", tup(NULL, b(true)));
    err("Invalid value for \"list\" parameter: a bool is required.", "anytrue", tup(s("x")));
  }

  @Test
  void chunklist() {
    ok(
        list(Type.list(N), nums(1, 2), nums(3, 4), nums(5)),
        "chunklist",
        tup(n(1), n(2), n(3), n(4), n(5)),
        n(2));
    ok(list(Type.list(N), nums(1, 2)), "chunklist", tup(n(1), n(2)), n(0));
    ok(list(Type.list(S), strs("a"), strs("1")), "chunklist", tup(s("a"), n(1)), n(1));
    err(
        "Call to function \"chunklist\" failed: the size argument must be positive.",
        "chunklist",
        tup(n(1)),
        n(-1));
    err(
        "Invalid value for \"list\" parameter: list of any single type required.",
        "chunklist",
        s("a"),
        n(1));
  }

  @Test
  void coalesceSkipsNullsAndEmptyStrings() {
    ok(s("b"), "coalesce", s(""), s("b"));
    ok(s("1"), "coalesce", NULL, n(1), s("a"));
    ok(s("a"), "coalesce", s("a"), n(1));
    ok(s("true"), "coalesce", b(true), s("x"));
    ok(list(N), "coalesce", tup(), tup(n(1)));
    err(
        "Call to function \"coalesce\" failed: no non-null, non-empty-string arguments.",
        "coalesce",
        s(""),
        s(""));
    err(
        "Call to function \"coalesce\" failed: no non-null, non-empty-string arguments.",
        "coalesce",
        NULL);
    err("Call to function \"coalesce\" failed: all arguments must have the same type.", "coalesce");
    ok(unk(S), "coalesce", unk(S), s("a"));
    ok(sens(s("a")), "coalesce", NULL, sens(s("a")));
  }

  @Test
  void coalescelistCompactConcat() {
    ok(tup(n(1)), "coalescelist", tup(), tup(n(1)), tup(s("a")));
    ok(tup(s("a")), "coalescelist", tup(s("a")), tup(n(1), n(2)));
    err(
        "Call to function \"coalescelist\" failed: coalescelist arguments must be lists or"
            + " tuples.",
        "coalescelist",
        tup(),
        obj("a", n(1)));
    err(
        "Call to function \"coalescelist\" failed: no non-null arguments.",
        "coalescelist",
        tup(),
        tup());
    ok(strs("a", "b"), "compact", tup(s("a"), s(""), NULL, s("b")));
    ok(strs("1", "2"), "compact", tup(n(1), s(""), n(2)));
    ok(tup(n(1), s("a")), "concat", tup(n(1)), tup(s("a")));
    ok(tup(n(1), tup(n(1))), "concat", tup(n(1)), tup(tup(n(1))));
    ok(tup(), "concat", tup(), tup());
    ok(nums(1, 2), "concat", nums(1), nums(2));
    err("Call to function \"concat\" failed: at least one argument is required.", "concat");
    err(
        "Invalid value for \"seqs\" parameter: all arguments must be lists or tuples; got"
            + " string.",
        "concat",
        tup(n(1)),
        s("a"));
    err(
        "Invalid value for \"seqs\" parameter: argument must not be null.",
        "concat",
        tup(n(1)),
        NULL);
  }

  @Test
  void containsDistinctIndexElement() {
    ok(b(false), "contains", tup(n(1), n(2)), s("1"));
    ok(b(true), "contains", tup(n(1), n(2)), n(2));
    ok(b(false), "contains", tup(n(1)), tup(n(1)));
    err(
        "Call to function \"contains\" failed: argument must be list, tuple, or set.",
        "contains",
        s("a"),
        s("a"));
    ok(strs("1", "2"), "distinct", tup(n(1), s("1"), n(2), n(1)));
    err(
        "Invalid value for \"list\" parameter: list of any single type required.",
        "distinct",
        obj("a", n(1)));
    ok(n(1), "index", tup(s("a"), s("b")), s("b"));
    err("Call to function \"index\" failed: item not found.", "index", tup(s("a")), s("z"));
    err("Call to function \"index\" failed: item not found.", "index", tup(n(1)), s("1"));
    err(
        "Call to function \"index\" failed: argument must be a list or tuple.",
        "index",
        s("a"),
        s("a"));
    ok(s("b"), "element", tup(s("a"), s("b")), n(5));
    err(
        "Call to function \"element\" failed: cannot use element function with an empty list.",
        "element",
        tup(),
        n(0));
    err(
        "Call to function \"element\" failed: invalid index: value must be a whole number,"
            + " between -9223372036854775808 and 9223372036854775807.",
        "element",
        tup(s("a")),
        n("1.5"));
    err(
        "Call to function \"element\" failed: cannot read elements from object.",
        "element",
        obj("a", n(1)),
        n(0));
  }

  @Test
  void flattenKeysValuesLength() {
    ok(
        tup(n(1), n(2), n(3), n(4), s("a")),
        "flatten",
        tup(tup(n(1), tup(n(2), tup(n(3)))), n(4), tup(), tup(tup(s("a")))));
    ok(tup(obj("a", n(1)), NULL), "flatten", tup(obj("a", n(1)), tup(tup(NULL))));
    err(
        "Call to function \"flatten\" failed: can only flatten lists, sets and tuples.",
        "flatten",
        s("a"));
    ok(tup(s("a"), s("b")), "keys", obj("b", n(1), "a", s("x")));
    ok(strs("a"), "keys", map(N, "a", n(1)));
    ok(tup(), "keys", obj());
    err(
        "Invalid value for \"inputMap\" parameter: must have map or object type.",
        "keys",
        tup(s("a")));
    ok(tup(s("x"), n(1)), "values", obj("b", n(1), "a", s("x")));
    ok(nums(2, 1), "values", map(N, "b", n(1), "a", n(2)));
    err(
        "Call to function \"values\" failed: values() requires a map as the first argument.",
        "values",
        tup(n(1)));
    ok(n(1), "length", obj("a", n(1)));
    ok(n(2), "length", set(N, n(1), n(2)));
    ok(n(1), "length", s("👩‍👩‍👧‍👦"));
    ok(n(1), "length", s("e\u0301"));
    ok(n(2), "length", tup(s("a"), sens(s("b"))));
    ok(sens(n(1)), "length", sens(tup(s("a"))));
    ok(n(1), "length", tup(unk(S)));
    ok(unk(N), "length", unk(Type.list(S)));
    ok(n(2), "length", unk(tupT(S, S)));
    err(
        "Call to function \"length\" failed: argument must be a string, a collection type, or a"
            + " structural type.",
        "length",
        n(5));
    err("Invalid value for \"value\" parameter: argument must not be null.", "length", NULL);
  }

  @Test
  void lookupAndMerge() {
    ok(n(2), "lookup", obj("a", n(1)), s("b"), n(2));
    ok(s("x"), "lookup", obj("a", s("x")), s("a"), n(1));
    ok(n(1), "lookup", obj("a", n(1), "b", s("x")), s("a"));
    ok(n(1), "lookup", obj("a", n(1)), s("a"), s("z"));
    ok(n(1), "lookup", obj("a", n(1)), s("a"), NULL);
    err(
        "Invalid value for \"inputMap\" parameter: the given object has no attribute \"b\".",
        "lookup",
        obj("a", n(1)),
        s("b"));
    err(
        "Invalid value for \"default\" parameter: the default value must have the same type as"
            + " the map elements.",
        "lookup",
        map(N, "a", n(1)),
        s("a"),
        tup());
    err(
        "Call to function \"lookup\" failed: lookup failed to find key \"b\".",
        "lookup",
        map(N, "a", n(1)),
        s("b"));
    err(
        "Call to function \"lookup\" failed: lookup() takes two or three arguments, got 4.",
        "lookup",
        obj("a", n(1)),
        s("a"),
        n(1),
        n(2));
    err(
        "Invalid value for \"inputMap\" parameter: lookup() requires a map as the first"
            + " argument.",
        "lookup",
        s("x"),
        s("a"));
    ok(obj("a", n(1), "b", s("x")), "merge", obj("a", n(1)), obj("b", s("x")));
    ok(obj("a", n(2)), "merge", obj("a", n(1)), NULL, obj("a", n(2)));
    ok(map(N, "a", n(1), "b", n(2)), "merge", map(N, "a", n(1)), map(N, "b", n(2)));
    ok(obj("a", n(1), "b", s("x")), "merge", map(N, "a", n(1)), map(S, "b", s("x")));
    ok(obj(), "merge");
    err(
        "Call to function \"merge\" failed: arguments must be maps or objects, got \"tuple\".",
        "merge",
        tup(n(1)));
  }

  @Test
  void oneRangeReverseSlice() {
    ok(NULL, "one", tup());
    ok(s("a"), "one", tup(s("a")));
    ok(nul(N), "one", set(N));
    err(
        "Invalid value for \"list\" parameter: must be a list, set, or tuple value with either"
            + " zero or one elements.",
        "one",
        tup(n(1), n(2)));
    err("Invalid value for \"list\" parameter: argument must not be null.", "one", NULL);
    ok(nums(0, 1, 2), "range", n(3));
    ok(nums(1, 2), "range", n(1), n(3));
    ok(list(N, n(1), n("1.5")), "range", n(1), n(2), n("0.5"));
    ok(nums(3, 2), "range", n(3), n(1));
    ok(nums(0, 1), "range", n("1.5"));
    err(
        "Invalid value for \"params\" parameter: end must be less than start when step is"
            + " negative.",
        "range",
        n(1),
        n(3),
        n(-1));
    err(
        "Call to function \"range\" failed: more than 1024 values were generated; either"
            + " decrease the difference between start and end or use a smaller step.",
        "range",
        n(0),
        n(1),
        n(0));
    err("Call to function \"range\" failed: must have one, two, or three arguments.", "range");
    ok(tup(s("a"), n(1)), "reverse", tup(n(1), s("a")));
    ok(nums(1), "reverse", set(N, n(1)));
    err(
        "Invalid value for \"list\" parameter: can only reverse list or tuple values, not"
            + " string.",
        "reverse",
        s("a"));
    ok(tup(n(2)), "slice", tup(n(1), n(2), n(3)), n(1), n(2));
    ok(tup(n(1), s("a")), "slice", tup(n(1), s("a"), n(3)), n(0), n(2));
    ok(list(N), "slice", nums(1, 2, 3), n(3), n(3));
    err(
        "Invalid value for \"start_index\" parameter: start index must not be greater than end"
            + " index.",
        "slice",
        tup(n(1), n(2), n(3)),
        n(2),
        n(1));
    err(
        "Invalid value for \"end_index\" parameter: end index must not be greater than the"
            + " length of the list.",
        "slice",
        tup(n(1), n(2), n(3)),
        n(1),
        n(5));
    err(
        "Invalid value for \"list\" parameter: must be a list or tuple value.",
        "slice",
        s("a"),
        n(0),
        n(0));
  }

  @Test
  void sets() {
    ok(set(S, s("b")), "setintersection", tup(s("a"), s("b")), tup(s("b"), s("c")));
    ok(set(S, s("1")), "setintersection", tup(n(1)), tup(s("1")));
    ok(set(S, s("1"), s("a")), "setunion", tup(n(1)), tup(s("a")));
    ok(set(N, n(1)), "setsubtract", tup(n(1), n(2)), tup(n(2)));
    err(
        "Not enough function arguments: Function \"setintersection\" expects at least 1"
            + " argument(s). Missing value for \"first_set\".",
        "setintersection");
    Type pair = tupT(S, N);
    ok(
        list(pair, tup(s("a"), n(1)), tup(s("a"), n(2)), tup(s("b"), n(1)), tup(s("b"), n(2))),
        "setproduct",
        tup(s("a"), s("b")),
        tup(n(1), n(2)));
    ok(set(pair, tup(s("a"), n(1))), "setproduct", set(S, s("a")), tup(n(1)));
    ok(list(tupT(Type.DYNAMIC, N)), "setproduct", tup(), tup(n(1)));
    err(
        "Call to function \"setproduct\" failed: at least two arguments are required.",
        "setproduct",
        tup(s("a")));
    err(
        "Invalid value for \"sets\" parameter: a set or a list is required.",
        "setproduct",
        tup(s("a")),
        obj("x", n(1)));
  }

  @Test
  void sortSumTransposeZipmap() {
    ok(strs("10", "9", "a", "b"), "sort", tup(s("b"), s("a"), s("10"), s("9")));
    ok(strs("1", "20", "3"), "sort", tup(n(3), n(1), n(20)));
    err(
        "Call to function \"sort\" failed: given list element 1 is null; a null string cannot"
            + " be sorted.",
        "sort",
        tup(s("a"), NULL));
    ok(n("3.5"), "sum", tup(n(1), n("2.5")));
    ok(n(3), "sum", tup(s("1"), n(2)));
    ok(n(3), "sum", set(N, n(1), n(2)));
    err("Invalid value for \"list\" parameter: cannot sum an empty list.", "sum", tup());
    err(
        "Invalid value for \"list\" parameter: argument must be list, set, or tuple of number"
            + " values.",
        "sum",
        tup(NULL));
    err(
        "Invalid value for \"list\" parameter: argument must be list, set, or tuple. Received"
            + " object.",
        "sum",
        obj("a", n(1)));
    ok(
        map(Type.list(S), "1", strs("a"), "2", strs("a", "b")),
        "transpose",
        obj("a", tup(s("1"), s("2")), "b", tup(s("2"))));
    ok(map(Type.list(S)), "transpose", obj("a", tup()));
    err(
        "Call to function \"transpose\" failed: input must not contain null list.",
        "transpose",
        obj("a", tup(s("1")), "b", NULL));
    ok(obj("a", n(1), "b", s("x")), "zipmap", tup(s("a"), s("b")), tup(n(1), s("x")));
    ok(map(N, "a", n(1), "b", n(2)), "zipmap", tup(s("a"), s("b")), nums(1, 2));
    ok(obj("a", n(2)), "zipmap", tup(s("a"), s("a")), tup(n(1), n(2)));
    err(
        "Call to function \"zipmap\" failed: number of keys (1) does not match number of values"
            + " (2).",
        "zipmap",
        tup(s("a")),
        tup(n(1), n(2)));
    err(
        "Call to function \"zipmap\" failed: keys list has null value at index 1.",
        "zipmap",
        tup(s("a"), NULL),
        tup(n(1), n(2)));
  }

  @Test
  void unknownsGiveUnknownsOfTheResultType() {
    ok(unk(Type.list(S)), "compact", list(S, s("a"), unk(S)));
    ok(unk(B), "alltrue", unk(Type.list(B)));
    ok(unk(Type.list(S)), "sort", unk(Type.list(S)));
    ok(unk(Type.DYNAMIC), "concat", unk(Type.DYNAMIC));
  }

  @Test
  void sortOfUnknownElementsKeepsTheLength() {
    // Terraform knows the length of the sorted list and plans it as that many unknown elements
    ok(list(S, unk(S), unk(S)), "sort", list(S, s("b"), unk(S)));
    err(
        "Call to function \"sort\" failed: given list element 1 is null; a null string cannot"
            + " be sorted.",
        "sort",
        list(S, unk(S), nul(S)));
  }
}
