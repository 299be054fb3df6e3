package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forma fmt}: outputs and exit codes as {@code terraform fmt} 1.11.4 gives them. */
class FmtCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void files() throws IOException {
    write("main.tf", "a=1\n");
    write("ok.tf", "ok = 1\n");
    write("sub/x.tf", "b=1\n");
    write("sub/deep/y.tfvars", "c  = 1\n");
    write("z.tf.json", "{\"c\":1}\n");
    write("t.tftest.hcl", "run \"x\" {\ncommand=plan\n}\n");
    write(".hidden.tf", "h=1\n");
    write("notes.txt", "x=1\n");
  }

  private void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  private int run(String stdin, String... args) {
    Terminal t =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            Map.of(),
            dir,
            false);
    return Main.run(args, t);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rewritesAndListsTheFilesOfTheWorkingDirectoryOnly() throws IOException {
    assertEquals(ExitCodes.OK, run("", "fmt"));
    assertEquals("main.tf\nt.tftest.hcl\n", out());
    assertEquals("a = 1\n", read("main.tf"));
    assertEquals("run \"x\" {\n  command = plan\n}\n", read("t.tftest.hcl"));
    assertEquals("b=1\n", read("sub/x.tf"));
    assertEquals("h=1\n", read(".hidden.tf"));
    assertEquals("{\"c\":1}\n", read("z.tf.json"));
  }

  @Test
  void recursiveAlsoFormatsSubdirectoriesInNameOrder() throws IOException {
    assertEquals(ExitCodes.OK, run("", "fmt", "-recursive"));
    assertEquals("main.tf\nsub/deep/y.tfvars\nsub/x.tf\nt.tftest.hcl\n", out());
    assertEquals("c = 1\n", read("sub/deep/y.tfvars"));
  }

  @Test
  void checkListsUnformattedFilesExitsThreeAndWritesNothing() throws IOException {
    assertEquals(ExitCodes.FMT_CHECK_FAILED, run("", "fmt", "-check"));
    assertEquals("main.tf\nt.tftest.hcl\n", out());
    assertEquals("a=1\n", read("main.tf"));
  }

  @Test
  void checkWithoutListPrintsNothing() {
    assertEquals(ExitCodes.FMT_CHECK_FAILED, run("", "fmt", "-check", "-list=false"));
    assertEquals("", out());
  }

  @Test
  void checkPassesOnFormattedFiles() {
    assertEquals(ExitCodes.OK, run("", "fmt", "-check", "ok.tf"));
    assertEquals("", out());
  }

  @Test
  void diffShowsTheChangeAfterTheName() throws IOException {
    assertEquals(ExitCodes.OK, run("", "fmt", "-diff", "-write=false", "main.tf"));
    assertEquals("main.tf\n--- old/main.tf\n+++ new/main.tf\n@@ -1 +1 @@\n-a=1\n+a = 1\n", out());
    assertEquals("a=1\n", read("main.tf"));
  }

  @Test
  void withoutListOrWriteEveryFileIsPrinted() {
    assertEquals(ExitCodes.OK, run("", "fmt", "-write=false", "-list=false", "main.tf", "ok.tf"));
    assertEquals("a = 1\nok = 1\n", out());
  }

  @Test
  void standardInputIsFormattedToStandardOutput() {
    assertEquals(ExitCodes.OK, run("a=1\r\nbb=2", "fmt", "-"));
    assertEquals("a  = 1\r\nbb = 2\n", out());
  }

  @Test
  void standardInputUnderCheckPrintsNothing() {
    assertEquals(ExitCodes.FMT_CHECK_FAILED, run("a=1\n", "fmt", "-check", "-"));
    assertEquals("", out());
    assertEquals(ExitCodes.OK, run("a = 1\n", "fmt", "-check", "-"));
  }

  @Test
  void standardInputDiffShowsOnlyTheDiff() {
    assertEquals(ExitCodes.OK, run("a=1\n", "fmt", "-diff", "-"));
    assertEquals("--- old/<stdin>\n+++ new/<stdin>\n@@ -1 +1 @@\n-a=1\n+a = 1\n", out());
  }

  @Test
  void aFileWithoutFinalNewlineIsWrittenWithoutOne() throws IOException {
    write("main.tf", "a=1");
    assertEquals(ExitCodes.OK, run("", "fmt", "main.tf"));
    assertEquals("a = 1", read("main.tf"));
  }

  @Test
  void syntaxErrorsAreReportedWithExitTwoAndOtherFilesStillFormatted() throws IOException {
    write("bad.tf", "resource \"x\" \"y\" {\n  a = 1 ;\n}\n");
    assertEquals(2, run("", "fmt", "-no-color"));
    assertEquals("main.tf\nt.tftest.hcl\n", out());
    assertEquals("a = 1\n", read("main.tf"));
    assertTrue(
        err()
            .startsWith(
                "\nError: Invalid character\n\n  on bad.tf line 2, in resource \"x\" \"y\":\n"
                    + "   2:   a = 1 ;\n"),
        err());
  }

  @Test
  void aMissingTargetStopsWithAnError() {
    assertEquals(2, run("", "fmt", "-no-color", "nope"));
    assertEquals("\nError: No file or directory at nope\n", err());
  }

  @Test
  void anExplicitFileOfAnotherKindIsAnErrorButTheOthersAreFormatted() {
    assertEquals(2, run("", "fmt", "-no-color", "-write=false", "notes.txt", "main.tf"));
    assertEquals("main.tf\n", out());
    assertEquals(
        "\nError: Only .tf, .tfvars, and .tftest.hcl files can be processed with forma fmt\n",
        err());
  }

  @Test
  void pathsArePrintedRelativeToTheWorkingDirectory() {
    assertEquals(ExitCodes.OK, run("", "fmt", "-write=false", dir.resolve("sub").toString()));
    assertEquals("sub/x.tf\n", out());
    out.reset();
    assertEquals(ExitCodes.OK, run("", "fmt", "-write=false", "./sub/../main.tf"));
    assertEquals("main.tf\n", out());
  }
}
