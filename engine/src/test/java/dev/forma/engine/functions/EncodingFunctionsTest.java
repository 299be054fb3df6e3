package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.N;
import static dev.forma.engine.functions.F.S;
import static dev.forma.engine.functions.F.b;
import static dev.forma.engine.functions.F.err;
import static dev.forma.engine.functions.F.list;
import static dev.forma.engine.functions.F.map;
import static dev.forma.engine.functions.F.n;
import static dev.forma.engine.functions.F.obj;
import static dev.forma.engine.functions.F.objT;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;
import static dev.forma.engine.functions.F.sens;
import static dev.forma.engine.functions.F.set;
import static dev.forma.engine.functions.F.tup;
import static dev.forma.engine.functions.F.unk;

import dev.forma.provider.api.value.Value;
import org.junit.jupiter.api.Test;

/** Encoding and hashing functions; expectations checked with terraform console 1.11.4. */
class EncodingFunctionsTest {
  private static final Value NULL = Value.NULL;

  @Test
  void base64AndUrlencode() {
    ok(s("hi"), "base64decode", s("aGk="));
    ok(s("aGninJM="), "base64encode", s("hi✓"));
    ok(s("MQ=="), "base64encode", n(1));
    err(
        "Call to function \"base64decode\" failed: failed to decode base64 data \"aGk\".",
        "base64decode",
        s("aGk"));
    err(
        "Call to function \"base64decode\" failed: the result of decoding the provided string is"
            + " not valid UTF-8.",
        "base64decode",
        s("/w=="));
    ok(s("a+b%26c%3Dd%2F%C3%A9~_.-%2A"), "urlencode", s("a b&c=d/é~_.-*"));
    ok(s("~%21%2A%28%29%27"), "urlencode", s("~!*()'"));
  }

  @Test
  void hashes() {
    ok(s("49f68a5c8493ec2c0bf489821c21fc3b"), "md5", s("hi"));
    ok(s("c22b5f9178342609428d6f51b2c5af4c0bde6a42"), "sha1", s("hi"));
    ok(s("8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4"), "sha256", s("hi"));
    ok(
        s(
            "150a14ed5bea6cc731cf86c41566ac427a8db48ef1b9fd626664b3bfbb99071fa4c922f33dde38719b8c8354"
                + "e2b7ab9d77e0e67fc12843920a712e73d558e197"),
        "sha512",
        s("hi"));
    ok(s("j0NDRmSPa5bfid2pAcUXaxCm2Dlh3TwayItZstwyeqQ="), "base64sha256", s("hi"));
    ok(
        s(
            "FQoU7VvqbMcxz4bEFWasQnqNtI7xuf1iZmSzv7uZBx+kySLzPd44cZuMg1Tit6udd+Dmf8EoQ5IKcS5z1Vjhlw=="),
        "base64sha512",
        s("hi"));
    ok(sens(s("49f68a5c8493ec2c0bf489821c21fc3b")), "md5", sens(s("hi")));
  }

  @Test
  void uuidIsRandomHex() throws Exception {
    String u = F.call("uuid").toString();
    org.junit.jupiter.api.Assertions.assertTrue(
        u.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), u);
  }

  @Test
  void csvdecode() {
    var ab = objT("a", S, "b", S);
    ok(
        list(ab, obj("a", s("1"), "b", s("2")), obj("a", s("3"), "b", s("4"))),
        "csvdecode",
        s("a,b\n1,2\n3,4"));
    ok(list(ab, obj("a", s("1"), "b", s("2"))), "csvdecode", s("a,b\n\n1,2\n"));
    ok(list(ab, obj("a", s("1"), "b", s("2"))), "csvdecode", s("a,b\r\n1,2\r\n"));
    ok(list(ab), "csvdecode", s("a,b"));
    ok(
        list(objT("a", S, "b\"c", S), obj("a", s("1"), "b\"c", s(" x "))),
        "csvdecode",
        s("a,\"b\"\"c\"\n1,\" x \"\n"));
    err(
        "Call to function \"csvdecode\" failed: CSV parse error on line 2: wrong number of"
            + " fields.",
        "csvdecode",
        s("a,b\n1"));
    err("Call to function \"csvdecode\" failed: missing header line.", "csvdecode", s(""));
    err(
        "Call to function \"csvdecode\" failed: CSV parse error on line 1: bare \" in"
            + " non-quoted-field.",
        "csvdecode",
        s("a,b\"c\n1,2"));
    err(
        "Call to function \"csvdecode\" failed: CSV parse error on line 2: extraneous or missing"
            + " \" in quoted-field.",
        "csvdecode",
        s("a,\"b\n1,2"));
    err(
        "Call to function \"csvdecode\" failed: duplicate column name \"a\".",
        "csvdecode",
        s("a,a\n1,2"));
  }

  @Test
  void json() {
    ok(
        obj("a", tup(n(1), b(true), NULL, s("x")), "b", obj()),
        "jsondecode",
        s("{\"a\":[1,true,null,\"x\"],\"b\":{}}"));
    ok(n("12345678901234567890.5"), "jsondecode", s("12345678901234567890.5"));
    ok(obj("a", n(2)), "jsondecode", s("{\"a\":1,\"a\":2}"));
    err("Call to function \"jsondecode\" failed: EOF.", "jsondecode", s(""));
    err(
        "Call to function \"jsondecode\" failed: extraneous data after JSON object.",
        "jsondecode",
        s("1 2"));
    ok(
        s("{\"a\":[1,\"x\",null,true],\"b\":{\"c\":1}}"),
        "jsonencode",
        obj("a", tup(n(1), s("x"), NULL, b(true)), "b", map(N, "c", n(1))));
    ok(s("\"\\u003c\\u003e\\u0026\\u2028\""), "jsonencode", s("<>&\u2028"));
    ok(s("[\"a\",\"b\"]"), "jsonencode", set(S, s("b"), s("a")));
    ok(s("null"), "jsonencode", NULL);
    ok(sens(s("1")), "jsonencode", sens(n(1)));
    ok(unk(S), "jsonencode", tup(unk(S)));
    ok(unk(dev.forma.provider.api.value.Type.DYNAMIC), "jsondecode", unk(S));
  }

  @Test
  void yamlencode() {
    ok(
        s(
            "\"a\":\n- 1\n- \"x\"\n- null\n- true\n\"b\":\n  \"c\": |-\n    multi\n    line\n\"d\":"
                + " \"\"\n\"e\": \"true\"\n\"f\": \"1.5\"\n\"g\": []\n\"h\": {}\n"),
        "yamlencode",
        obj(
            "a",
            tup(n(1), s("x"), NULL, b(true)),
            "b",
            obj("c", s("multi\nline")),
            "d",
            s(""),
            "e",
            s("true"),
            "f",
            s("1.5"),
            "g",
            tup(),
            "h",
            obj()));
    ok(
        s(
            "\"a\":\n- 1\n- \"x\": 1\n  \"y\":\n  - 2\n\"b\":\n  \"c\": |\n    multi\n    line\n"
                + "\"l\":\n- - 1\n  - 2\n- []\n\"sp\": \" lead\"\n\"t\": \"tab\\there\"\n"),
        "yamlencode",
        obj(
            "a",
            tup(n(1), obj("x", n(1), "y", tup(n(2)))),
            "b",
            obj("c", s("multi\nline\n")),
            "t",
            s("tab\there"),
            "sp",
            s(" lead"),
            "l",
            tup(tup(n(1), n(2)), tup())));
    ok(
        s("- |\n  a\n- |+\n  a\n\n- |2-\n    x\n  y\n- \"x \\ny\"\n- \"é\\a\"\n"),
        "yamlencode",
        tup(s("a\n"), s("a\n\n"), s("  x\ny"), s("x \ny"), s("é\u0007")));
    ok(s("- |2+\n\n- |+\n  a\n\n\n"), "yamlencode", tup(s("\n"), s("a\n\n\n")));
    ok(s("null\n...\n"), "yamlencode", NULL);
    ok(s("true\n...\n"), "yamlencode", b(true));
    ok(s("-0.5\n...\n"), "yamlencode", n("-0.5"));
    ok(s("12345678901234567890\n...\n"), "yamlencode", n("12345678901234567890"));
    ok(s("\"a\"\n"), "yamlencode", s("a"));
    ok(s("[]\n"), "yamlencode", tup());
    ok(s("\"a\\tb\\nc\"\n"), "yamlencode", s("a\tb\nc"));
    ok(s("\"a\\nb \"\n"), "yamlencode", s("a\nb "));
    ok(
        s(
            "\"k\": \"aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo"
                + " pppp\n  qqqq rrrr\"\n"),
        "yamlencode",
        obj(
            "k",
            s(
                "aaaa bbbb cccc dddd eeee ffff gggg"
                    + " hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr")));
    ok(sens(s("1\n...\n")), "yamlencode", sens(n(1)));
  }

  @Test
  void yamldecode() {
    ok(
        obj(
            "a",
            n(1),
            "b",
            tup(s("x"), b(true), NULL),
            "c",
            n("1.5"),
            "d",
            s("s"),
            "e",
            n(31),
            "f",
            b(true),
            "g",
            s("2001-12-14T00:00:00Z")),
        "yamldecode",
        s("a: 1\nb: [x, true, ~]\nc: 1.5\nd: \"s\"\ne: 0x1F\nf: yes\ng: 2001-12-14"));
    ok(
        tup(
            b(true),
            b(false),
            NULL,
            s("1_000"),
            s("0b11"),
            n(1),
            s("-0x1F"),
            n(1500),
            b(false),
            s("1_0.5"),
            n(7),
            n(7),
            n(8),
            s(""),
            NULL,
            NULL),
        "yamldecode",
        s("[y, Off, NULL, 1_000, 0b11, +1, -0x1F, 1.5e+3, n, 1_0.5, 0o7, 07, 08, \"\", null, ~]"));
    ok(tup(s("a"), s("b")), "yamldecode", s("- a\n- b"));
    ok(obj("a", n(1), "b", n(1)), "yamldecode", s("a: &x 1\nb: *x"));
    ok(obj("a", s("x\ny\n")), "yamldecode", s("a: |\n  x\n  y\n"));
    ok(obj("1", s("a"), "true", s("b")), "yamldecode", s("1: a\ntrue: b"));
    ok(s("1"), "yamldecode", s("!!str 1"));
    ok(s("aGk="), "yamldecode", s("!!binary aGk="));
    ok(s("2001-12-14 21:59:43.10 -5"), "yamldecode", s("2001-12-14 21:59:43.10 -5"));
    ok(tup(), "yamldecode", s("[]"));
    ok(obj(), "yamldecode", s("{}"));
    err(
        "Call to function \"yamldecode\" failed: on line 1, column 1: missing start of"
            + " document.",
        "yamldecode",
        s(""));
    err(
        "Call to function \"yamldecode\" failed: on line 1, column 1: missing start of"
            + " document.",
        "yamldecode",
        s("# only comment"));
    err(
        "Call to function \"yamldecode\" failed: on line 1, column 1: unexpected extra content"
            + " after value.",
        "yamldecode",
        s("--- 1\n--- 2"));
    err(
        "Call to function \"yamldecode\" failed: floating point NaN is not supported.",
        "yamldecode",
        s(".NaN"));
    err(
        "Call to function \"yamldecode\" failed: only strings are allowed as mapping keys.",
        "yamldecode",
        s("? [a]\n: 1"));
  }
}
