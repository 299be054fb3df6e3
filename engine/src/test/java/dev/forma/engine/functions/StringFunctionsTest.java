package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.N;
import static dev.forma.engine.functions.F.S;
import static dev.forma.engine.functions.F.b;
import static dev.forma.engine.functions.F.err;
import static dev.forma.engine.functions.F.list;
import static dev.forma.engine.functions.F.n;
import static dev.forma.engine.functions.F.nul;
import static dev.forma.engine.functions.F.obj;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;
import static dev.forma.engine.functions.F.sens;
import static dev.forma.engine.functions.F.strs;
import static dev.forma.engine.functions.F.tup;
import static dev.forma.engine.functions.F.tupT;
import static dev.forma.engine.functions.F.unk;

import dev.forma.provider.api.value.Type;
import org.junit.jupiter.api.Test;

/** String functions; every expectation was checked with terraform console 1.11.4. */
class StringFunctionsTest {
  private static final String FAMILY = "👩‍👩‍👧‍👦";

  @Test
  void simpleStringFunctions() {
    ok(s("a"), "chomp", s("a\n\r\n"));
    ok(s("a"), "chomp", s("a\r\n\n"));
    ok(b(true), "endswith", s("abc"), s(""));
    ok(b(true), "startswith", s("abc"), s("ab"));
    ok(b(true), "strcontains", s("abc"), s(""));
    ok(s("àb"), "lower", s("ÀB"));
    ok(s("A"), "upper", s("a"));
    ok(s("5"), "upper", n(5));
    ok(s("a\n  b\n  \n  c\n  "), "indent", n(2), s("a\nb\n\nc\n"));
    ok(s("a\r\n  b"), "indent", n(2), s("a\r\nb"));
    ok(s("Hello WORLD-Foo_bar Baz.Qux"), "title", s("hello wORLD-foo_bar baz.qux"));
    ok(s("hello"), "trim", s("?!hello?!"), s("!?"));
    ok(s("world"), "trimprefix", s("helloworld"), s("hello"));
    ok(s("hello"), "trimsuffix", s("helloworld"), s("world"));
    ok(s("hi"), "trimspace", s("  \t\nhi \n"));
    err("Invalid value for \"str\" parameter: string required.", "upper", tup(n(1)));
    err("Invalid value for \"str\" parameter: argument must not be null.", "upper", nul(S));
    ok(sens(s("A")), "upper", sens(s("a")));
    ok(unk(S), "upper", unk(S));
  }

  @Test
  void charactersAreGraphemeClusters() {
    ok(s("x" + FAMILY + "olléh"), "strrev", s("héllo" + FAMILY + "x"));
    ok(s("ello"), "substr", s("hello"), n(1), n(-1));
    ok(s("ll"), "substr", s("hello"), n(-3), n(2));
    ok(s(""), "substr", s("hello"), n(10), n(2));
    ok(s("ello"), "substr", s("hello"), n(1), n(10));
    ok(s("he"), "substr", s("hello"), n(-10), n(2));
    ok(s("llo"), "substr", s("hello"), n(2), n(-2));
    ok(s(FAMILY), "substr", s(FAMILY + "ab"), n(0), n(1));
  }

  @Test
  void joinAndSplit() {
    ok(s("a,b,c"), "join", s(","), tup(s("a"), s("b")), tup(s("c")));
    ok(s(""), "join", s(","), tup());
    err("Call to function \"join\" failed: at least one list is required.", "join", s(","));
    err(
        "Not enough function arguments: Function \"join\" expects at least 1 argument(s). Missing"
            + " value for \"separator\".",
        "join");
    err(
        "Invalid value for \"lists\" parameter: element 1 is null; cannot concatenate null"
            + " values.",
        "join",
        s(","),
        tup(s("a"), nul(Type.DYNAMIC)));
    err(
        "Invalid value for \"lists\" parameter: element 1 of list 2 is null; cannot concatenate"
            + " null values.",
        "join",
        s(","),
        tup(s("a")),
        tup(s("b"), nul(Type.DYNAMIC)));
    ok(unk(S), "join", s(","), list(S, s("a"), unk(S)));
    ok(strs("a", "", "b"), "split", s(","), s("a,,b"));
    ok(strs(""), "split", s(","), s(""));
    ok(strs("a", "b", "c"), "split", s(""), s("abc"));
  }

  @Test
  void replace() {
    ok(s("hell0 w0rld"), "replace", s("hello world"), s("o"), s("0"));
    ok(s("hellwld"), "replace", s("hello world"), s("/o(.)/"), s("$1X"));
    ok(s("hell wrld"), "replace", s("hello world"), s("/o(.)/"), s("${1}"));
    ok(s("hell[o] w[o]rld"), "replace", s("hello world"), s("/(?P<x>o)/"), s("[${x}]"));
    ok(s("-a-b-c-"), "replace", s("abc"), s(""), s("-"));
    ok(s("hellllo"), "replace", s("hello"), s("/l+/"), s("$0$0"));
    ok(s("-b-c-"), "replace", s("baaac"), s("/a*/"), s("-"));
  }

  @Test
  void regexResultShapeFollowsCaptureGroups() {
    ok(s("abc"), "regex", s("[a-z]+"), s("123abc456"));
    ok(tup(s("10"), s("20")), "regex", s("(\\d+)-(\\d+)"), s("10-20"));
    ok(obj("a", s("10"), "b", s("20")), "regex", s("(?P<a>\\d+)-(?P<b>\\d+)"), s("10-20"));
    ok(tup(nul(S)), "regex", s("(a)?b"), s("b"));
    ok(obj("a", nul(S)), "regex", s("(?P<a>a)?b"), s("b"));
    ok(strs("a", "bb", "ccc"), "regexall", s("[a-z]+"), s("a1bb2ccc"));
    ok(
        list(tupT(S, S), tup(s("1"), s("a")), tup(s("2"), s("b"))),
        "regexall",
        s("(\\d)(\\w)"),
        s("1a2b"));
    ok(list(S), "regexall", s("x"), s("abc"));
    ok(s("ab"), "regex", s("^a[[:alpha:]]$"), s("ab"));
    ok(s("b"), "regex", s("(?m)^b$"), s("a\nb\nc"));
    err(
        "Call to function \"regex\" failed: pattern did not match any part of the given string.",
        "regex",
        s("x"),
        s("abc"));
    err(
        "Invalid value for \"pattern\" parameter: invalid regexp pattern: missing closing ) in (.",
        "regex",
        s("("),
        s("abc"));
    err(
        "Invalid value for \"pattern\" parameter: invalid regexp pattern: cannot mix both named"
            + " and unnamed capture groups.",
        "regex",
        s("(?P<a>\\d+)-(\\d+)"),
        s("10-20"));
    ok(unk(tupT(S)), "regex", s("(a)"), unk(S));
    ok(unk(Type.DYNAMIC), "regex", unk(S), s("a"));
  }

  private static void badPattern(String pattern, String why) {
    err(
        "Invalid value for \"pattern\" parameter: invalid regexp pattern: " + why + ".",
        "regex",
        s(pattern),
        s("a"));
  }

  @Test
  void re2SyntaxIsTranslatedOrRefusedAsGoDoes() {
    badPattern("(?=a)", "invalid or unsupported Perl syntax in (?=");
    badPattern("a**", "invalid nested repetition operator in **");
    badPattern("\\1", "invalid escape sequence in \\1");
    badPattern("*a", "missing argument to repetition operator in *");
    badPattern("[a", "missing closing ] in [a");
    badPattern("a)", "unexpected ) in a)");
    badPattern("\\Z", "invalid escape sequence in \\Z");
    badPattern("[z-a]", "invalid character class range in z-a");
    ok(s("a{,3}"), "regex", s("a{,3}"), s("a{,3}"));
    ok(s("ab"), "regex", s("[[:^digit:]]+"), s("ab1"));
    ok(strs(" "), "regexall", s("\\s"), s("a b\u000Bc"));
    ok(s("ab"), "regex", s("(?i)AB"), s("xab"));
    ok(obj("n", s("b")), "regex", s("(?P<n>a)(?P<n>b)"), s("ab"));
    ok(s("héllo"), "regex", s("\\pL+"), s("héllo1"));
    ok(s("a"), "regex", s("(?U)a+"), s("aaa"));
    ok(s("aaa"), "regex", s("(?U)a+?"), s("aaa"));
  }

  @Test
  void dollarMatchesOnlyAtTheEndAsInRe2() {
    err(
        "Call to function \"regex\" failed: pattern did not match any part of the given string.",
        "regex",
        s("a$"),
        s("a\n"));
  }

  @Test
  void formatVerbs() {
    ok(
        s("a|12|3.500000|3.14|   ab|cd   |\"x\\\"y\""),
        "format",
        s("%s|%d|%f|%.2f|%5s|%-5s|%q"),
        s("a"),
        n(12),
        n("3.5"),
        n("3.14159"),
        s("ab"),
        s("cd"),
        s("x\"y"));
    ok(
        s("true 1.234568e+03 1.2345e-05 ff FF 10 101 %"),
        "format",
        s("%t %e %g %x %X %o %b %%"),
        b(true),
        n("1234.5678"),
        n("0.000012345"),
        n(255),
        n(255),
        n(8),
        n(5));
    ok(s("003.1"), "format", s("%05.1f"), n("3.14159"));
    ok(s("b a"), "format", s("%[2]s %[1]s"), s("a"), s("b"));
    ok(s("a a b"), "format", s("%s %[1]s %s"), s("a"), s("b"));
    ok(s("+5  5"), "format", s("%+d % d"), n(5), n(5));
    ok(s("   3.142|3.14e+04|"), "format", s("%8.3f|%-8.2e|"), n("3.14159"), n("31415.9"));
    ok(s("1e+08 1e+21 1.5"), "format", s("%g %g %g"), n(100000000), n("1e21"), n("1.5"));
    ok(
        s("100|1e+06|1e+21|1e-05|1.23456789e+08"),
        "format",
        s("%v|%v|%v|%v|%v"),
        n(100),
        n(1000000),
        n("1e21"),
        n("0.00001"),
        n(123456789));
    ok(s("0.000000e+00"), "format", s("%e"), n(0));
    ok(s("   ab|"), "format", s("%5.2s|"), s("abcdef"));
    ok(s("005"), "format", s("%.3d"), n(5));
    ok(s("-0042"), "format", s("%05d"), n(-42));
    ok(s("-ff"), "format", s("%x"), n(-255));
    ok(s("2"), "format", s("%.0f"), n("2.5"));
    ok(s("4"), "format", s("%.0f"), n("3.5"));
    ok(s("2.67"), "format", s("%.2f"), n("2.675"));
    ok(s("1.67"), "format", s("%.2f"), n("1.675"));
    ok(s("0.12"), "format", s("%.2f"), n("0.125"));
    ok(s("0.3"), "format", s("%.1f"), n("0.35"));
    ok(s("0.10000000000000000000"), "format", s("%.20f"), n("0.1"));
    ok(s("x|  2.2|true|"), "format", s("%.1s|%5.1f|%-6t|"), s("xy"), n("2.25"), b(true));
    ok(
        s("1.500000e+00 1.500000E+00 1E-07 1.23456789e+08"),
        "format",
        s("%e %E %G %g"),
        n("1.5"),
        n("1.5"),
        n("1e-7"),
        n("123456789.0"));
    ok(s("1.235e+03 1.23e+03"), "format", s("%.3e %.3g"), n("1234.5678"), n("1234.5678"));
    ok(s("0000a|   -3"), "format", s("%05s|%5d"), s("a"), n(-3));
    ok(s("0xff 010"), "format", s("%#x %#o"), n(255), n(8));
    ok(s("\"ab\""), "format", s("%.2q"), s("abc"));
    ok(s("      \"a\""), "format", s("%9q"), s("a"));
    ok(s("\"12\""), "format", s("%q"), n(12));
    ok(s("123456789012345678901234567890"), "format", s("%d"), n("123456789012345678901234567890"));
    ok(
        s("1.2345678901234567890123456789e+29"),
        "format",
        s("%v"),
        n("123456789012345678901234567890"));
    ok(s("1000000000000000000000000000000.000000"), "format", s("%f"), n("1e30"));
    ok(s("null"), "format", s("%v"), nul(S));
    ok(unk(S), "format", s("%v"), unk(N));
    ok(sens(s("a")), "format", s("%s"), sens(s("a")));
  }

  @Test
  void formatErrors() {
    err(
        "Call to function \"format\" failed: unsupported value for \"%d\" at 0: an integer is"
            + " required.",
        "format", s("%d"), n("1.5"));
    err(
        "Call to function \"format\" failed: unsupported value for \"%d\" at 0: a number is"
            + " required.",
        "format", s("%d"), s("x"));
    err(
        "Call to function \"format\" failed: unsupported value for \"%d\" at 0: number"
            + " required.",
        "format", s("%d"), b(true));
    err(
        "Call to function \"format\" failed: unsupported value for \"%t\" at 0: bool"
            + " required.",
        "format", s("%t"), n(1));
    err(
        "Call to function \"format\" failed: unsupported value for \"%s\" at 0: string"
            + " required.",
        "format", s("%s"), tup(n(1)));
    err(
        "Call to function \"format\" failed: not enough arguments for \"%s\" at 0: need index 1"
            + " but have 0 total.",
        "format", s("%s"));
    err(
        "Call to function \"format\" failed: not enough arguments for \"%s\" at 3: need index 2"
            + " but have 1 total.",
        "format", s("%s %s"), s("a"));
    err(
        "Call to function \"format\" failed: unsupported format verb 'z' in \"%z\" at offset 0.",
        "format", s("%z"), n(1));
    err(
        "Invalid value for \"args\" parameter: too many arguments; no verbs in format string.",
        "format",
        s("a"),
        n(1));
    err(
        "Invalid value for \"args\" parameter: too many arguments; only 1 used by format string.",
        "format",
        s("%s"),
        s("a"),
        s("b"));
    err(
        "Call to function \"format\" failed: unsupported value for \"%s\" at 0: null value cannot"
            + " be formatted.",
        "format", s("%s"), nul(S));
    err(
        "Call to function \"format\" failed: unrecognized format character '*' at offset 1.",
        "format",
        s("%*d"),
        n(5),
        n(3));
    err(
        "Call to function \"format\" failed: invalid format string starting at offset 4.",
        "format",
        s("%s %"),
        s("a"));
    err(
        "Call to function \"format\" failed: unrecognized format character 'x' at offset 2.",
        "format",
        s("%[x]s"),
        n(1));
  }

  @Test
  void formatlist() {
    ok(strs("a-1", "b-1"), "formatlist", s("%s-%d"), strs("a", "b"), n(1));
    ok(strs(), "formatlist", s("%s"), tup());
    ok(strs("x"), "formatlist", s("x"));
    ok(strs("a"), "formatlist", s("%s"), s("a"));
    err(
        "Invalid value for \"args\" parameter: argument 2 has length 1, which is inconsistent"
            + " with argument 1 of length 2.",
        "formatlist",
        s("%s-%s"),
        strs("a", "b"),
        strs("c"));
    err(
        "Call to function \"formatlist\" failed: error on format iteration 1: unsupported value"
            + " for \"%s\" at 0: null value cannot be formatted.",
        "formatlist", s("%s"), tup(s("a"), nul(Type.DYNAMIC)));
  }
}
