package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.S;
import static dev.forma.engine.functions.F.b;
import static dev.forma.engine.functions.F.obj;
import static dev.forma.engine.functions.F.render;
import static dev.forma.engine.functions.F.s;
import static dev.forma.engine.functions.F.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.forma.provider.api.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File and path functions, relative to the context's base directory. */
class FilesystemFunctionsTest {
  @TempDir Path dir;
  CallContext ctx;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "hello\n");
    Files.write(dir.resolve("bin.dat"), new byte[] {(byte) 0xff});
    Files.createDirectories(dir.resolve("sub/x"));
    Files.writeString(dir.resolve("sub/x/b.txt"), "");
    Files.writeString(dir.resolve("sub/c.txt"), "");
    Files.writeString(dir.resolve("t.tpl"), "v=${v}");
    ctx = F.context(dir);
  }

  private Value call(String name, Value... args) throws FunctionException {
    return StandardFunctions.INSTANCE.lookup(name).call(List.of(args), ctx);
  }

  private String error(String name, Value... args) {
    return render(name, assertThrows(FunctionException.class, () -> call(name, args)));
  }

  @Test
  void file() throws Exception {
    assertEquals(s("hello\n"), call("file", s("a.txt")));
    assertEquals(
        "Invalid value for \"path\" parameter: no file exists at \"nope.txt\"; this function works"
            + " only with files that are distributed as part of the configuration source code, so"
            + " if this file will be created by a resource in this configuration you must instead"
            + " obtain this result from an attribute of that resource.",
        error("file", s("nope.txt")));
    assertEquals(
        "Call to function \"file\" failed: contents of \"bin.dat\" are not valid UTF-8; use the"
            + " filebase64 function to obtain the Base64 encoded contents or the other file"
            + " functions (e.g. filemd5, filesha256) to obtain file hashing results instead.",
        error("file", s("bin.dat")));
    assertEquals(
        "Invalid value for \"path\" parameter: failed to read file: read sub: is a directory.",
        error("file", s("sub")));
    assertEquals(s("/w=="), call("filebase64", s("bin.dat")));
    assertEquals(s("b1946ac92492d2347c6235b4d2611184"), call("filemd5", s("a.txt")));
  }

  @Test
  void fileexists() throws Exception {
    assertEquals(b(true), call("fileexists", s("a.txt")));
    assertEquals(b(false), call("fileexists", s("nope")));
    assertEquals(
        "Call to function \"fileexists\" failed: \"sub\" is a directory, not a file.",
        error("fileexists", s("sub")));
  }

  @Test
  void fileset() throws Exception {
    assertEquals(
        set(S, s("a.txt"), s("sub/c.txt"), s("sub/x/b.txt")),
        call("fileset", s("."), s("**/*.txt")));
    assertEquals(set(S, s("c.txt")), call("fileset", s("sub"), s("*.txt")));
    assertEquals(set(S, s("sub/x/b.txt")), call("fileset", s("."), s("sub/{x,y}/*")));
    assertEquals(set(S, s("a.txt")), call("fileset", s("."), s("?.txt")));
    assertEquals(set(S), call("fileset", s("nope"), s("*")));
    assertEquals(
        "Call to function \"fileset\" failed: failed to glob pattern \"[\": syntax error in"
            + " pattern.",
        error("fileset", s("."), s("[")));
  }

  @Test
  void paths() throws Exception {
    assertEquals(s("b"), call("basename", s("/a/b/")));
    assertEquals(s("."), call("basename", s("")));
    assertEquals(s("a"), call("basename", s("a")));
    assertEquals(s("/a/b"), call("dirname", s("/a/b/")));
    assertEquals(s("."), call("dirname", s("a")));
    assertEquals(s("."), call("dirname", s("")));
    assertEquals(s("/"), call("dirname", s("/")));
    assertEquals(s("a"), call("dirname", s("a//b")));
    assertEquals(s(dir.toAbsolutePath() + "/b"), call("abspath", s("a/../b")));
    assertEquals(s("/x/y"), call("abspath", s("/x/./y/")));
    String home = System.getProperty("user.home");
    assertEquals(s(home + "/x"), call("pathexpand", s("~/x")));
    assertEquals(s(home), call("pathexpand", s("~")));
    assertEquals(s("a~"), call("pathexpand", s("a~")));
  }

  @Test
  void templatefileReadsTheFileAndRendersIt() throws Exception {
    assertEquals(s("v=x"), call("templatefile", s("t.tpl"), obj("v", s("x"))));
    assertEquals(
        "Invalid value for \"vars\" parameter: invalid vars value: must be a map.",
        error("templatefile", s("t.tpl"), Value.of(1)));
    assertEquals(
        "Invalid value for \"path\" parameter: no file exists at \"nope.tpl\"; this function"
            + " works only with files that are distributed as part of the configuration source"
            + " code, so if this file will be created by a resource in this configuration you must"
            + " instead obtain this result from an attribute of that resource.",
        error("templatefile", s("nope.tpl"), obj()));
  }
}
