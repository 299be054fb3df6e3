package dev.forma.engine.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.provider.api.diag.Result;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The token stream: kinds, exact texts and ranges, and that it reproduces the source. */
class ScannerTest {

  private static String tokens(String src) {
    Result<List<Token>> r = Scanner.scan("t", src);
    return r.value().stream()
        .map(t -> t.kind() + "(" + t.text().replace("\n", "\\n") + ")@" + Show.range(t.range()))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void scansAttributeWithCommentAndNewline() {
    assertEquals(
        """
        IDENT(a)@1:1:0-1:2:1
        EQUAL(=)@1:3:2-1:4:3
        NUMBER_LIT(1.5e+3)@1:5:4-1:11:10
        COMMENT(# hi)@1:12:11-1:16:15
        NEWLINE(\\n)@1:16:15-2:1:16
        COMMENT(/* x\\n */)@2:1:16-3:4:24
        IDENT(é-b_2)@3:5:25-3:10:31
        EOF()@3:10:31-3:10:31""",
        tokens("a = 1.5e+3 # hi\n/* x\n */ é-b_2"));
  }

  @Test
  void scansTemplatePieces() {
    assertEquals(
        """
        OQUOTE(")@1:1:0-1:2:1
        QUOTED_LIT(a\\"$${)@1:2:1-1:8:7
        TEMPLATE_INTERP(${~)@1:8:7-1:11:10
        IDENT(x)@1:11:10-1:12:11
        TEMPLATE_SEQ_END(~})@1:12:11-1:14:13
        TEMPLATE_CONTROL(%{)@1:14:13-1:16:15
        IDENT(if)@1:16:15-1:18:17
        IDENT(y)@1:19:18-1:20:19
        TEMPLATE_SEQ_END(})@1:20:19-1:21:20
        CQUOTE(")@1:21:20-1:22:21
        EOF()@1:22:21-1:22:21""",
        tokens("\"a\\\"$${${~x~}%{if y}\""));
  }

  @Test
  void scansHeredocLineByLine() {
    assertEquals(
        """
        OHEREDOC(<<-EOT\\n)@1:1:0-2:1:7
        STRING_LIT(  a )@2:1:7-2:5:11
        TEMPLATE_INTERP(${)@2:5:11-2:7:13
        OBRACE({)@2:7:13-2:8:14
        CBRACE(})@2:8:14-2:9:15
        TEMPLATE_SEQ_END(})@2:9:15-2:10:16
        STRING_LIT(\\n)@2:10:16-3:1:17
        STRING_LIT(EOTX\\n)@3:1:17-4:1:22
        CHEREDOC(  EOT)@4:1:22-4:6:27
        NEWLINE(\\n)@4:6:27-5:1:28
        EOF()@5:1:28-5:1:28""",
        tokens("<<-EOT\n  a ${{}}\nEOTX\n  EOT\n"));
  }

  @Test
  void identifiersMayStartWithAnUnderscore() {
    assertEquals(
        """
        IDENT(_x)@1:1:0-1:3:2
        IDENT(_)@1:4:3-1:5:4
        IDENT(__a-b_)@1:6:5-1:12:11
        EOF()@1:12:11-1:12:11""",
        tokens("_x _ __a-b_"));
  }

  @Test
  void closingHeredocMarkerMayHaveSpacesAndTabsAroundIt() {
    assertEquals(
        """
        OHEREDOC(<<EOT\\n)@1:1:0-2:1:6
        STRING_LIT(a\\n)@2:1:6-3:1:8
        CHEREDOC( \tEOT \t)@3:1:8-3:8:15
        NEWLINE(\\n)@3:8:15-4:1:16
        EOF()@4:1:16-4:1:16""",
        tokens("<<EOT\na\n \tEOT \t\n"));
  }

  @Test
  void aHeredocMarkerEndingAFileWithoutNewlineDoesNotCloseIt() {
    Result<List<Token>> file = Scanner.scanFile("t", "x = <<EOT\na\nEOT");
    assertEquals(
        "STRING_LIT", file.value().get(file.value().size() - 2).kind().name(), file.toString());
    Result<List<Token>> expr = Scanner.scan("t", "<<EOT\na\nEOT");
    assertEquals("CHEREDOC", expr.value().get(expr.value().size() - 2).kind().name());
  }

  @Test
  void scansOperatorsLongestFirst() {
    String kinds =
        Scanner.scan("t", "== != <= >= && || => ... :: ! < > = & | ^ ~ ? : . , * / % + -")
            .value()
            .stream()
            .map(t -> t.kind().name())
            .collect(Collectors.joining(" "));
    assertEquals(
        "EQUAL_OP NOT_EQUAL LESS_THAN_EQ GREATER_THAN_EQ AND OR FAT_ARROW ELLIPSIS"
            + " DOUBLE_COLON BANG LESS_THAN GREATER_THAN EQUAL BITWISE_AND BITWISE_OR BITWISE_XOR"
            + " BITWISE_NOT QUESTION COLON DOT COMMA STAR SLASH PERCENT PLUS MINUS EOF",
        kinds);
  }

  @Test
  void countsColumnsInCodePointsAndOffsetsInUtf8Bytes() {
    Result<List<Token>> r = Scanner.scan("t", "\"😀é\" x");
    assertEquals("1:6:9-1:7:10", Show.range(r.value().get(3).range()));
  }

  @Test
  void tokensReproduceTheSourceExactly() {
    String src =
        "# c\r\nresource \"a\" \"b\" {\n  x = [1, 2.5] // t\n  y = <<EOT\n  ${z}"
            + " %{if q}w%{endif}\n  EOT\n  s = \"\\u00e9 $${x}\"\n}\n";
    Result<List<Token>> r = Scanner.scan("t", src);
    assertFalse(r.hasErrors());
    byte[] bytes = src.getBytes(StandardCharsets.UTF_8);
    StringBuilder rebuilt = new StringBuilder();
    int at = 0;
    for (Token t : r.value()) {
      int start = t.range().start().byteOffset();
      rebuilt.append(new String(bytes, at, start - at, StandardCharsets.UTF_8)).append(t.text());
      at = t.range().end().byteOffset();
      assertEquals(t.text().getBytes(StandardCharsets.UTF_8).length, at - start, t.toString());
    }
    assertEquals(src, rebuilt.toString());
  }

  @Test
  void reportsInvalidCharacters() {
    Result<List<Token>> r = Scanner.scan("t", "a = $b\u00a0");
    assertEquals(
        "Invalid character @1:5:4-1:6:5; Invalid character @1:7:6-1:8:8",
        Show.diags(r.diagnostics()));
  }
}
