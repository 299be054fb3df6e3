package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.DYNAMIC;
import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * base64decode, base64encode, csvdecode, jsondecode, jsonencode, urlencode, yamldecode, yamlencode.
 */
final class EncodingFunctions {
  private EncodingFunctions() {}

  static List<Builtin> all() {
    return List.of(
        Builtin.named("base64encode")
            .param("str", STRING)
            .returns(STRING)
            .body(
                a ->
                    Value.of(
                        Base64.getEncoder().encodeToString(CryptoFunctions.utf8(a.string(0))))),
        Builtin.named("base64decode")
            .param("str", STRING)
            .returns(STRING)
            .body(a -> Value.of(base64decode(a.string(0)))),
        Builtin.named("csvdecode")
            .param("str", STRING)
            .returns(EncodingFunctions::csvType)
            .body(a -> csvdecode(a.string(0))),
        Builtin.named("jsonencode")
            .param(Param.of("val", DYNAMIC).nullable())
            .returns(STRING)
            .body(
                a -> {
                  try {
                    return Value.of(ValueJson.encode(a.get(0)));
                  } catch (ValueJson.JsonException e) {
                    throw new FunctionException(0, "val", e.getMessage());
                  }
                }),
        Builtin.named("jsondecode")
            .param("str", STRING)
            .returns(DYNAMIC)
            .body(
                a -> {
                  try {
                    return ValueJson.decode(a.string(0));
                  } catch (ValueJson.JsonException e) {
                    throw new FunctionException(e.getMessage());
                  }
                }),
        Builtin.named("urlencode")
            .param("str", STRING)
            .returns(STRING)
            .body(a -> Value.of(urlencode(a.string(0)))),
        Builtin.named("yamlencode")
            .param(Param.of("value", DYNAMIC).nullable())
            .returns(STRING)
            .body(a -> Value.of(Yaml.encode(a.get(0)))),
        Builtin.named("yamldecode")
            .param("src", STRING)
            .returns(DYNAMIC)
            .body(a -> Yaml.decode(a.string(0))));
  }

  private static String base64decode(String s) throws FunctionException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new FunctionException("failed to decode base64 data \"" + s + "\"");
    }
    if (s.length() % 4 != 0) {
      throw new FunctionException("failed to decode base64 data \"" + s + "\"");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new FunctionException("the result of decoding the provided string is not valid UTF-8");
    }
  }

  /** Go's url.QueryEscape: unreserved characters kept, space as +, the rest %XX. */
  static String urlencode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : CryptoFunctions.utf8(s)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  // ---- CSV, as Go's encoding/csv reads it ----

  private static Type csvType(List<Value> args) throws FunctionException {
    Value src = args.get(0);
    if (!src.isKnown()) {
      return DYNAMIC;
    }
    List<List<String>> rows = csvRows(Values.str(src));
    if (rows.isEmpty()) {
      throw new FunctionException("missing header line");
    }
    Map<String, Type> attrs = new LinkedHashMap<>();
    for (String h : rows.get(0)) {
      if (attrs.put(h, STRING) != null) {
        throw new FunctionException("duplicate column name \"" + h + "\"");
      }
    }
    return Type.list(Type.object(attrs));
  }

  private static Value csvdecode(String src) throws FunctionException {
    List<List<String>> rows = csvRows(src);
    List<String> header = rows.get(0);
    List<Value> out = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      Map<String, Value> attrs = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        attrs.put(header.get(i), Value.of(row.get(i)));
      }
      out.add(Value.object(attrs));
    }
    Map<String, Type> attrs = new LinkedHashMap<>();
    header.forEach(h -> attrs.put(h, STRING));
    return Value.list(Type.object(attrs), out);
  }

  /** Records of RFC 4180 text; blank lines skipped; every record as wide as the first. */
  private static List<List<String>> csvRows(String s) throws FunctionException {
    List<List<String>> rows = new ArrayList<>();
    int i = 0;
    int line = 1;
    int n = s.length();
    while (i < n) {
      if (s.charAt(i) == '\n' || s.startsWith("\r\n", i)) {
        i += s.charAt(i) == '\n' ? 1 : 2;
        line++;
        continue;
      }
      int recordLine = line;
      List<String> fields = new ArrayList<>();
      while (true) {
        StringBuilder f = new StringBuilder();
        if (i < n && s.charAt(i) == '"') {
          i++;
          while (true) {
            if (i >= n) {
              throw csvError(line, "extraneous or missing \" in quoted-field");
            }
            char c = s.charAt(i);
            if (c == '"') {
              if (i + 1 < n && s.charAt(i + 1) == '"') {
                f.append('"');
                i += 2;
                continue;
              }
              i++;
              break;
            }
            if (c == '\n') {
              line++;
            }
            if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
              i++;
              continue;
            }
            f.append(c);
            i++;
          }
          if (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && !s.startsWith("\r\n", i)) {
            throw csvError(line, "extraneous or missing \" in quoted-field");
          }
        } else {
          while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && !s.startsWith("\r\n", i)) {
            if (s.charAt(i) == '"') {
              throw csvError(line, "bare \" in non-quoted-field");
            }
            f.append(s.charAt(i));
            i++;
          }
        }
        fields.add(f.toString());
        if (i < n && s.charAt(i) == ',') {
          i++;
          continue;
        }
        break;
      }
      if (!rows.isEmpty() && fields.size() != rows.get(0).size()) {
        throw csvError(recordLine, "wrong number of fields");
      }
      rows.add(fields);
    }
    return rows;
  }

  private static FunctionException csvError(int line, String what) {
    return new FunctionException("CSV parse error on line " + line + ": " + what);
  }
}
