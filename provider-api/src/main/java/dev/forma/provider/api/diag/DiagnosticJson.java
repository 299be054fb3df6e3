package dev.forma.provider.api.diag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Diagnostics in Terraform's machine-readable shape (as {@code terraform validate -json} and the
 * JSON UI print them): severity, summary, detail, range, and a snippet with the source line and the
 * highlighted span as byte offsets into it.
 */
public final class DiagnosticJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DiagnosticJson() {}

  /** One diagnostic as a JSON object. */
  public static ObjectNode toJson(Diagnostic d, DiagnosticRenderer.Sources sources) {
    ObjectNode o = JSON.createObjectNode();
    o.put("severity", d.isError() ? "error" : "warning");
    o.put("summary", d.summary());
    o.put("detail", d.detail() == null ? "" : d.detail());
    Range r = d.subject();
    if (r == null) {
      return o;
    }
    ObjectNode range = o.putObject("range");
    range.put("filename", r.filename());
    range.set("start", pos(r.start()));
    range.set("end", pos(r.end()));
    String text = sources == null ? null : sources.text(r.filename());
    if (text == null) {
      return o;
    }
    ObjectNode snippet = o.putObject("snippet");
    String ctx = sources.context(r.filename(), r.start());
    if (ctx == null) {
      snippet.putNull("context");
    } else {
      snippet.put("context", ctx);
    }
    if (d.context() != null && d.context().filename().equals(r.filename())) {
      contextSnippet(snippet, text, r, d.context());
      return o;
    }
    int lineStartByte = lineStartByte(text, r.start().byteOffset());
    int endLine = r.end().line();
    int codeEndByte = lineEndByte(text, Math.max(r.end().byteOffset(), r.start().byteOffset()));
    if (endLine > r.start().line() && r.end().column() == 1) {
      codeEndByte = lineEndByte(text, r.start().byteOffset());
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    codeEndByte = Math.min(codeEndByte, bytes.length);
    String code =
        new String(bytes, lineStartByte, codeEndByte - lineStartByte, StandardCharsets.UTF_8);
    snippet.put("code", code);
    snippet.put("start_line", r.start().line());
    snippet.put("highlight_start_offset", r.start().byteOffset() - lineStartByte);
    snippet.put(
        "highlight_end_offset", Math.min(r.end().byteOffset(), codeEndByte) - lineStartByte);
    snippet.putArray("values");
    return o;
  }

  /**
   * The snippet of a diagnostic with a context range: the lines the text renderer shows, the
   * highlight as offsets from the first of them (capped at the code's length, as Terraform caps
   * them).
   */
  private static void contextSnippet(ObjectNode snippet, String text, Range r, Range ctx) {
    var lines = DiagnosticRenderer.contextLines(text, r, ctx);
    StringBuilder code = new StringBuilder();
    for (var l : lines) {
      if (!code.isEmpty()) {
        code.append('\n');
      }
      code.append(l.text());
    }
    int codeStart = lines.isEmpty() ? r.start().byteOffset() : lines.getFirst().startByte();
    int codeLength = DiagnosticRenderer.utf8Length(code.toString());
    int start = Math.max(0, Math.min(codeLength, r.start().byteOffset() - codeStart));
    int end =
        Math.max(
            0,
            Math.min(
                codeLength,
                r.start().byteOffset()
                    - codeStart
                    + Math.max(1, r.end().byteOffset() - r.start().byteOffset())));
    snippet.put("code", code.toString());
    snippet.put("start_line", lines.isEmpty() ? r.start().line() : lines.getFirst().number());
    snippet.put("highlight_start_offset", start);
    snippet.put("highlight_end_offset", end);
    snippet.putArray("values");
  }

  /** Every diagnostic, in order, as a JSON array. */
  public static ArrayNode toJson(Iterable<Diagnostic> diags, DiagnosticRenderer.Sources sources) {
    ArrayNode a = JSON.createArrayNode();
    for (Diagnostic d : diags) {
      a.add(toJson(d, sources));
    }
    return a;
  }

  private static JsonNode pos(Pos p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("line", p.line());
    o.put("column", p.column());
    o.put("byte", p.byteOffset());
    return o;
  }

  /** The byte offset where the line holding {@code byteOffset} starts. */
  private static int lineStartByte(String text, int byteOffset) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int i = Math.min(byteOffset, b.length);
    while (i > 0 && b[i - 1] != '\n') {
      i--;
    }
    return i;
  }

  /** The byte offset of the end of the line holding {@code byteOffset} (before its newline). */
  private static int lineEndByte(String text, int byteOffset) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int i = Math.min(byteOffset, b.length);
    while (i < b.length && b[i] != '\n' && b[i] != '\r') {
      i++;
    }
    return i;
  }
}
