package dev.forma.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive ({@code dist/target/forma-VERSION.tar.gz}) as a user gets it: unpacked into
 * an empty folder, its {@code bin/forma} linked into a folder on PATH, and run with a PATH that has
 * no {@code java} and no {@code JAVA_HOME}: only the runtime inside the archive can run it.
 */
class ReleaseArchiveIT {
  static final Path ARCHIVE =
      Path.of(System.getProperty("forma.release.archive", "target/forma.tar.gz")).toAbsolutePath();
  static final String NAME = System.getProperty("forma.release.name", "forma");

  @TempDir static Path tmp;
  static Path release;
  static Path onPath;
  static Path forma;

  @BeforeAll
  static void unpack() throws Exception {
    assertTrue(Files.isRegularFile(ARCHIVE), "no release archive at " + ARCHIVE);
    Path into = Files.createDirectories(tmp.resolve("unpacked"));
    Run tar =
        run(
            List.of("tar", "-xzf", ARCHIVE.toString(), "-C", into.toString()),
            into,
            System.getenv());
    assertEquals(0, tar.exit(), tar.all());
    try (Stream<Path> top = Files.list(into)) {
      assertEquals(
          List.of(NAME), top.map(p -> p.getFileName().toString()).toList(), "the archive's top");
    }
    release = into.resolve(NAME);
    // PATH: a folder with only what bin/forma uses besides the runtime (bash for its #! line,
    // readlink to follow the link below) and a link to bin/forma, as a user installs it
    onPath = Files.createDirectories(tmp.resolve("path"));
    for (String tool : List.of("bash", "readlink")) {
      Files.createSymbolicLink(onPath.resolve(tool), which(tool));
    }
    forma = Files.createSymbolicLink(onPath.resolve("forma"), release.resolve("bin/forma"));
  }

  @Test
  void theArchiveHoldsTheLauncherTheJarTheRuntimeTheStartUpCacheAndTheExamples() {
    assertTrue(Files.isExecutable(release.resolve("bin/forma")), "bin/forma is not executable");
    assertTrue(Files.isRegularFile(release.resolve("lib/forma.jar")));
    assertTrue(Files.isExecutable(release.resolve("runtime/bin/java")));
    assertTrue(
        Files.isRegularFile(release.resolve("lib/forma.aot"))
            || Files.isRegularFile(release.resolve("lib/forma.jsa")),
        "no start-up cache in lib/");
    assertTrue(Files.isRegularFile(release.resolve("examples/quickstart/main.tf")));
    assertFalse(
        Files.exists(release.resolve("examples/quickstart/terraform.tfstate")),
        "the archive carries a state file of a local run");
    assertFalse(
        Files.exists(release.resolve("examples/provider-plugin/target")),
        "the archive carries build output of an example");
    assertTrue(Files.isRegularFile(release.resolve("README.txt")));
  }

  @Test
  void theRuntimeHasTheModulesOfHttpServingPostgresqlAndTls() throws Exception {
    Run modules =
        run(List.of(release.resolve("runtime/bin/java").toString(), "--list-modules"), tmp, env());
    assertEquals(0, modules.exit(), modules.all());
    List<String> names = modules.out().lines().map(l -> l.replaceFirst("@.*", "")).toList();
    // jdk.httpserver: the local cloud and reconcile; java.sql: the pg backend; the EC provider
    // and jdk.charsets: TLS and the servers' encodings
    assertTrue(
        names.containsAll(
            List.of("java.base", "jdk.httpserver", "java.sql", "jdk.crypto.ec", "jdk.charsets")),
        modules.out());
    assertFalse(names.contains("jdk.compiler"), "a whole JDK: " + modules.out());
  }

  @Test
  void theQuickstartAppliesAndThenPlansNoChangesWithNoJavaOnThePath() throws Exception {
    for (String dir : env().get("PATH").split(File.pathSeparator)) {
      assertFalse(Files.exists(Path.of(dir, "java")), "a java on the test's PATH: " + dir);
    }
    Path quickstart = release.resolve("examples/quickstart");

    Run apply = forma("-chdir=" + quickstart, "apply", "-auto-approve");
    assertEquals(0, apply.exit(), apply.all());
    assertTrue(
        apply.out().contains("Apply complete! Resources: 5 added, 0 changed, 0 destroyed."),
        apply.all());

    Run plan = forma("-chdir=" + quickstart, "plan", "-detailed-exitcode");
    assertEquals(0, plan.exit(), plan.all());
    assertTrue(plan.out().contains("No changes."), plan.all());
  }

  @Test
  void theStartUpCacheMadeAtPackageTimeIsUsedWhereTheArchiveIsUnpacked() throws Exception {
    if (!Files.isRegularFile(release.resolve("lib/forma.aot"))) {
      return; // a build on Java 21-24 makes a class-data archive, whose use the JVM does not log
    }
    Map<String, String> env = env();
    env.put("FORMA_JAVA_OPTS", "-Xlog:aot=info");
    Run version = run(List.of(forma.toString(), "version"), tmp, env);
    assertEquals(0, version.exit(), version.all());
    assertTrue(version.out().contains("Forma v"), version.all());
    assertTrue(version.out().contains("Using AOT-linked classes: true"), version.all());

    // a heap the user sizes below the launcher's initial 512 MB still starts
    env.put("FORMA_JAVA_OPTS", "-Xmx256m");
    Run small = run(List.of(forma.toString(), "version"), tmp, env);
    assertEquals(0, small.exit(), small.all());
  }

  @Test
  void installedCompletionRunsTheReleasesLauncherWhichAnswersTheShell() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve(".bashrc"), "# mine\n");
    Map<String, String> env = env();
    env.put("HOME", home.toString());
    Run install = run(List.of(forma.toString(), "-install-autocomplete"), tmp, env);
    assertEquals(0, install.exit(), install.all());
    // the launcher's own path, through the link on PATH
    String line = "complete -C " + release.resolve("bin/forma").toRealPath() + " forma";
    assertEquals("# mine\n\n" + line + "\n", Files.readString(home.resolve(".bashrc")));

    // what bash does on TAB after "forma workspace s": runs that program with COMP_LINE set
    env.put("COMP_LINE", "forma workspace s");
    Run complete =
        run(List.of(release.resolve("bin/forma").toString(), "forma", "s", "workspace"), tmp, env);
    assertEquals(0, complete.exit(), complete.all());
    assertEquals("select\nshow\n", complete.out(), complete.all());
  }

  /** No JAVA_HOME, and a PATH of {@link #onPath} only. */
  static Map<String, String> env() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PATH", onPath.toString());
    env.put("HOME", tmp.toString());
    return env;
  }

  static Run forma(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(forma.toString());
    command.addAll(List.of(args));
    return run(command, tmp, env());
  }

  record Run(int exit, String out, String err) {
    String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Run run(List<String> command, Path dir, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 5 minutes: " + command);
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The real file of a tool on the build's PATH. */
  static Path which(String tool) throws IOException {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p.toRealPath();
      }
    }
    throw new AssertionError(tool + " is not on the PATH of the build");
  }
}
