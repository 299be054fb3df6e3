package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.err;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** base64gzip, textencodebase64, textdecodebase64, as Terraform 1.11.4 gives them. */
class TextEncodingFunctionsTest {

  @Test
  void base64gzipWritesGzipAsTerraformDoes() throws Exception {
    ok(s("H4sIAAAAAAAA/ypJLS4BAAAA//8BAAD//wx+f9gEAAAA"), "base64gzip", s("test"));
    ok(s("H4sIAAAAAAAA/wAAAP//AQAA//8AAAAAAAAAAA=="), "base64gzip", s(""));
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(20) + "ünïcødé";
    String gz = TextEncodingFunctions.base64gzip(text);
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(gz)))) {
      assertEquals(text, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void textencodebase64EncodesInAnyIanaNamedEncoding() {
    ok(s("SABlAGwAbABvACAAVwBvAHIAbABkAA=="), "textencodebase64", s("Hello World"), s("UTF-16LE"));
    ok(s("SGVsbG8gV29ybGQ="), "textencodebase64", s("Hello World"), s("utf-8"));
    ok(s("/v9l5Wcs"), "textencodebase64", s("日本"), s("UTF-16"));
    ok(s("5A=="), "textencodebase64", s("ä"), s("latin1"));
    ok(s("k/qWew=="), "textencodebase64", s("日本"), s("MS_Kanji"));
    ok(s("yNWxvg=="), "textencodebase64", s("日本"), s("GBK"));
  }

  @Test
  void textencodebase64NamesTheEncodingItCannotUse() {
    err(
        "Invalid value for \"encoding\" parameter: \"cp1252\" is not a supported IANA encoding"
            + " name or alias in this Terraform version.",
        "textencodebase64",
        s("Hello"),
        s("cp1252"));
    err(
        "Invalid value for \"encoding\" parameter: \"UTF-32\" is not a supported IANA encoding"
            + " name or alias in this Terraform version.",
        "textencodebase64",
        s("Hello"),
        s("UTF-32"));
    err(
        "Invalid value for \"string\" parameter: the given string contains characters that"
            + " cannot be represented in ISO_8859-1:1987.",
        "textencodebase64",
        s("日本"),
        s("ISO-8859-1"));
    err(
        "Invalid value for \"string\" parameter: the given string contains characters that"
            + " cannot be represented in US-ASCII.",
        "textencodebase64",
        s("日本"),
        s("ISO646-US"));
  }

  @Test
  void textdecodebase64DecodesAndReportsGoStyleErrors() {
    ok(s("Hello World"), "textdecodebase64", s("SABlAGwAbABvACAAVwBvAHIAbABkAA=="), s("UTF-16LE"));
    ok(s("ä"), "textdecodebase64", s("5A=="), s("ISO-8859-1"));
    ok(s("Hello"), "textdecodebase64", s("SGVs\nbG8="), s("UTF-8"));
    ok(s(""), "textdecodebase64", s(""), s("UTF-8"));
    err(
        "Invalid value for \"source\" parameter: the given value is has an invalid base64 symbol"
            + " at offset 0.",
        "textdecodebase64",
        s("!!!"),
        s("UTF-8"));
    err(
        "Invalid value for \"source\" parameter: the given value is has an invalid base64 symbol"
            + " at offset 4.",
        "textdecodebase64",
        s("SGVsbG8"),
        s("UTF-8"));
    err(
        "Invalid value for \"source\" parameter: the given string contains symbols that are not"
            + " defined for UTF-8.",
        "textdecodebase64",
        s("/w=="),
        s("UTF-8"));
    err(
        "Invalid value for \"encoding\" parameter: \"nope\" is not a supported IANA encoding name"
            + " or alias in this Terraform version.",
        "textdecodebase64",
        s("SGVsbG8="),
        s("nope"));
  }
}
