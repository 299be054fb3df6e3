package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.BOOL;
import static dev.forma.provider.api.value.Type.DYNAMIC;
import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * abspath, basename, dirname, file, filebase64, filebase64sha256, filebase64sha512, fileexists,
 * filemd5, fileset, filesha1, filesha256, filesha512, pathexpand, templatefile. Relative paths
 * resolve against {@link CallContext#baseDirectory()}.
 */
final class FilesystemFunctions {
  private FilesystemFunctions() {}

  static List<Builtin> all() {
    return List.of(
        Builtin.named("abspath")
            .param("path", STRING)
            .returns(STRING)
            .body(
                a -> {
                  String p = a.string(0);
                  String abs =
                      p.startsWith("/")
                          ? p
                          : a.context().baseDirectory().toAbsolutePath() + "/" + p;
                  return Value.of(GoPath.clean(abs));
                }),
        Builtin.named("basename")
            .param("path", STRING)
            .returns(STRING)
            .body(a -> Value.of(GoPath.base(a.string(0)))),
        Builtin.named("dirname")
            .param("path", STRING)
            .returns(STRING)
            .body(a -> Value.of(GoPath.dir(a.string(0)))),
        Builtin.named("pathexpand")
            .param("path", STRING)
            .returns(STRING)
            .body(a -> Value.of(expandHome(a.string(0)))),
        Builtin.named("file")
            .param("path", STRING)
            .returns(STRING)
            .body(a -> Value.of(readText(a, 0))),
        Builtin.named("fileexists")
            .param("path", STRING)
            .returns(BOOL)
            .body(
                a -> {
                  String p = a.string(0);
                  Path path = resolve(a, p);
                  if (Files.isDirectory(path)) {
                    throw new FunctionException("\"" + p + "\" is a directory, not a file");
                  }
                  return Value.of(Files.isRegularFile(path));
                }),
        Builtin.named("fileset")
            .param("path", STRING)
            .param("pattern", STRING)
            .returns(Type.set(STRING))
            .body(FilesystemFunctions::fileset),
        fileHash("filebase64", bytes -> Base64.getEncoder().encodeToString(bytes)),
        fileHash("filemd5", bytes -> hex("MD5", bytes)),
        fileHash("filesha1", bytes -> hex("SHA-1", bytes)),
        fileHash("filesha256", bytes -> hex("SHA-256", bytes)),
        fileHash("filesha512", bytes -> hex("SHA-512", bytes)),
        fileHash("filebase64sha256", bytes -> b64("SHA-256", bytes)),
        fileHash("filebase64sha512", bytes -> b64("SHA-512", bytes)),
        Builtin.named("templatefile")
            .param("path", STRING)
            .param("vars", DYNAMIC)
            .returns(DYNAMIC)
            .body(
                a -> {
                  if (Values.entries(a.get(1)) == null) {
                    throw new FunctionException(1, "vars", "invalid vars value: must be a map");
                  }
                  String text = readText(a, 0);
                  CallContext.Template parsed = a.context().parseTemplate(a.string(0), text);
                  return TemplateFunctions.render(
                      a, parsed, TemplateFunctions.variables(a.get(1)), true);
                }));
  }

  private interface BytesFunction {
    String apply(byte[] bytes);
  }

  private static Builtin fileHash(String name, BytesFunction f) {
    return Builtin.named(name)
        .param("path", STRING)
        .returns(STRING)
        .body(a -> Value.of(f.apply(readBytes(a, 0))));
  }

  private static String hex(String algorithm, byte[] bytes) {
    return HexFormat.of().formatHex(CryptoFunctions.digest(algorithm, bytes));
  }

  private static String b64(String algorithm, byte[] bytes) {
    return Base64.getEncoder().encodeToString(CryptoFunctions.digest(algorithm, bytes));
  }

  static String expandHome(String p) {
    if (p.equals("~") || p.startsWith("~/")) {
      return System.getProperty("user.home") + p.substring(1);
    }
    return p;
  }

  private static Path resolve(CallArgs a, String p) {
    return a.context().baseDirectory().resolve(expandHome(p));
  }

  private static byte[] readBytes(CallArgs a, int i) throws FunctionException {
    String p = a.string(i);
    Path path = resolve(a, p);
    if (Files.isDirectory(path)) {
      throw new FunctionException(i, "path", "failed to read file: read " + p + ": is a directory");
    }
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new FunctionException(
          i,
          "path",
          "no file exists at \""
              + p
              + "\"; this function works only with files that are distributed as part of the"
              + " configuration source code, so if this file will be created by a resource in this"
              + " configuration you must instead obtain this result from an attribute of that"
              + " resource");
    } catch (IOException e) {
      throw new FunctionException(i, "path", "failed to read file: " + e.getMessage());
    }
  }

  private static String readText(CallArgs a, int i) throws FunctionException {
    byte[] bytes = readBytes(a, i);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new FunctionException(
          "contents of \""
              + a.string(i)
              + "\" are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded"
              + " contents or the other file functions (e.g. filemd5, filesha256) to obtain file"
              + " hashing results instead");
    }
  }

  private static Value fileset(CallArgs a) throws FunctionException {
    String pattern = a.string(1);
    Pattern regex = glob(pattern);
    Path root = resolve(a, a.string(0));
    List<Value> out = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          if (!Files.isRegularFile(p)) {
            continue;
          }
          String rel = root.relativize(p).toString().replace('\\', '/');
          if (regex.matcher(rel).matches()) {
            out.add(Value.of(rel));
          }
        }
      } catch (IOException e) {
        throw new FunctionException(
            "failed to glob pattern \"" + pattern + "\": " + e.getMessage());
      }
    }
    return Value.set(STRING, out);
  }

  /** A doublestar glob ({@code ** * ? [...] {a,b}}) as a regular expression over "/" paths. */
  static Pattern glob(String pattern) throws FunctionException {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
            boolean slash = i + 2 < pattern.length() && pattern.charAt(i + 2) == '/';
            re.append(slash ? "(?:.*/)?" : ".*");
            i += slash ? 2 : 1;
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int close = pattern.indexOf(']', i + 2);
          if (close < 0) {
            throw new FunctionException(
                "failed to glob pattern \"" + pattern + "\": syntax error in pattern");
          }
          String body = pattern.substring(i + 1, close);
          if (body.startsWith("!") || body.startsWith("^")) {
            body = "^" + body.substring(1);
          }
          re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = close;
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            re.append("\\}");
          } else {
            braces--;
            re.append(')');
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 < pattern.length()) {
            re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces != 0) {
      throw new FunctionException(
          "failed to glob pattern \"" + pattern + "\": syntax error in pattern");
    }
    return Pattern.compile(re.toString());
  }

  /** Go's path/filepath Clean, Base and Dir for "/" separated paths. */
  static final class GoPath {
    private GoPath() {}

    static String clean(String p) {
      if (p.isEmpty()) {
        return ".";
      }
      boolean rooted = p.startsWith("/");
      List<String> parts = new ArrayList<>();
      for (String seg : p.split("/")) {
        if (seg.isEmpty() || seg.equals(".")) {
          continue;
        }
        if (seg.equals("..")) {
          if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
            parts.remove(parts.size() - 1);
          } else if (!rooted) {
            parts.add("..");
          }
          continue;
        }
        parts.add(seg);
      }
      String joined = String.join("/", parts);
      if (rooted) {
        return "/" + joined;
      }
      return joined.isEmpty() ? "." : joined;
    }

    static String base(String p) {
      if (p.isEmpty()) {
        return ".";
      }
      while (p.length() > 1 && p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      if (p.equals("/")) {
        return "/";
      }
      int slash = p.lastIndexOf('/');
      return slash >= 0 ? p.substring(slash + 1) : p;
    }

    static String dir(String p) {
      int slash = p.lastIndexOf('/');
      String d = slash >= 0 ? p.substring(0, slash + 1) : "";
      return clean(d);
    }
  }
}
