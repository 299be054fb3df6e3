package dev.forma.cli.scenarios;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.cli.Main;
import dev.forma.cli.Terminal;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario suite: each directory under {@code src/test/resources/scenarios} is a sequence of
 * steps run with Forma in one working directory, each step's standard output, standard error, exit
 * code and (after apply and destroy) state compared with what Terraform 1.11.4 gave for the same
 * steps (regenerate.sh remakes those; its header describes a step's files). Every step of a
 * scenario runs even when an earlier one differs, and the failure lists every difference.
 *
 * <p>Two step files need a second process: {@code hold-lock} runs {@link LockHolder} in a child JVM
 * holding the state lock while the step's command runs; {@code kill-when} runs the command in a
 * child JVM and kills it (SIGKILL) as soon as its output has the file's first line (and the file
 * its second line names exists), leaving the journal as a crash would.
 *
 * <p>A scenario's {@code modules} folder in a step is copied with its .tf files (child modules),
 * and {@code init} runs before each step whose configuration changed, as regenerate.sh runs
 * Terraform's. A scenario with a file named {@code pending} holds Terraform's outputs for a feature
 * Forma lacks: it is skipped, with the file's text as the reason.
 *
 * <p>What Forma printed is kept under {@code target/scenario-actual} in the same layout.
 */
class ScenarioTest {
  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> scenarios() throws IOException, URISyntaxException {
    Path root = Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
    List<Path> dirs;
    try (Stream<Path> s = Files.list(root)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    return dirs.stream()
        .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
  }

  private void run(Path scenario) throws Exception {
    Path pending = scenario.resolve("pending");
    // Terraform's expected outputs for a feature Forma does not have yet: kept, not run, and
    // reported as skipped with the file's reason
    Assumptions.assumeFalse(Files.exists(pending), () -> readQuietly(pending));
    Path work = Files.createDirectories(temp.resolve(scenario.getFileName().toString()));
    List<String> differences = new ArrayList<>();
    for (Path step : steps(scenario)) {
      if (copyConfiguration(step, work)) {
        // a new configuration may call modules not installed yet: init again, as the expected
        // outputs were made (regenerate.sh); init's own output is not part of the scenario
        inProcess(work, new String[] {"init", "-input=false"});
      }
      String[] args = Files.readString(step.resolve("cmd")).trim().split("\\s+");
      Outcome got;
      if (Files.exists(step.resolve("kill-when"))) {
        got = killMidway(work, args, Files.readAllLines(step.resolve("kill-when")));
      } else if (Files.exists(step.resolve("hold-lock"))) {
        Process holder = holdLock(work, Files.readString(step.resolve("hold-lock")).trim());
        try {
          got = inProcess(work, args);
        } finally {
          holder.getOutputStream().close();
          holder.waitFor(30, TimeUnit.SECONDS);
          holder.destroyForcibly();
        }
      } else {
        got = inProcess(work, args);
      }
      keep(scenario, step, got, work);
      compare(step, String.join(" ", args), got, work, differences);
    }
    if (!differences.isEmpty()) {
      fail(
          scenario.getFileName()
              + ": Forma differs from Terraform in "
              + differences.size()
              + " place(s)\n\n"
              + String.join("\n", differences));
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return file.toString();
    }
  }

  private static List<Path> steps(Path scenario) throws IOException {
    try (Stream<Path> s = Files.list(scenario)) {
      return s.filter(p -> p.getFileName().toString().matches("step\\d+"))
          .sorted(
              Comparator.comparingInt(
                  p -> Integer.parseInt(p.getFileName().toString().substring(4))))
          .toList();
    }
  }

  /**
   * A step with .tf files replaces the working directory's configuration (its .tf files and its
   * {@code modules} folder of child modules); one without keeps them. Says whether it replaced.
   */
  private static boolean copyConfiguration(Path step, Path work) throws IOException {
    List<Path> tf;
    try (Stream<Path> s = Files.list(step)) {
      tf = s.filter(p -> p.toString().endsWith(".tf")).toList();
    }
    if (tf.isEmpty()) {
      return false;
    }
    try (Stream<Path> s = Files.list(work)) {
      for (Path old : s.filter(p -> p.toString().endsWith(".tf")).toList()) {
        Files.delete(old);
      }
    }
    deleteTree(work.resolve("modules"));
    for (Path p : tf) {
      Files.copy(p, work.resolve(p.getFileName()));
    }
    Path modules = step.resolve("modules");
    if (Files.isDirectory(modules)) {
      try (Stream<Path> s = Files.walk(modules)) {
        for (Path p : s.toList()) {
          Path to = work.resolve(step.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        }
      }
    }
    return true;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private record Outcome(int exit, String out, String err) {}

  private static Outcome inProcess(Path work, String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal t =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]),
            new HashMap<>(),
            work,
            false);
    int code = Main.run(args, t);
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static ProcessBuilder childJvm(Path work, String mainClass, List<String> args) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return new ProcessBuilder(command).directory(work.toFile());
  }

  private static Process holdLock(Path work, String operation) throws IOException {
    Process p =
        childJvm(
                work,
                LockHolder.class.getName(),
                List.of(work.resolve("terraform.tfstate").toString(), operation))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    if (!"locked".equals(line)) {
      p.destroyForcibly();
      throw new IllegalStateException("the lock holder did not take the lock: " + line);
    }
    return p;
  }

  /**
   * Runs forma in a child JVM and kills it once its standard output has the condition's first line
   * and (when given) the file the second line names exists in the working directory.
   */
  private static Outcome killMidway(Path work, String[] args, List<String> condition)
      throws Exception {
    String line = condition.get(0).trim();
    Path file = condition.size() > 1 ? work.resolve(condition.get(1).trim()) : null;
    Process p =
        childJvm(work, Main.class.getName(), List.of(args)).redirectErrorStream(true).start();
    StringBuilder seen = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        seen.append(l).append('\n');
        if (l.equals(line)) {
          for (int i = 0; file != null && !Files.exists(file) && i < 300; i++) {
            Thread.sleep(100);
          }
          p.destroyForcibly();
          p.waitFor(30, TimeUnit.SECONDS);
          return new Outcome(137, seen.toString(), "");
        }
      }
    }
    int code = p.waitFor();
    return new Outcome(code, seen.toString(), "");
  }

  /**
   * Keeps what Forma gave, normalised, under target/scenario-actual/SCENARIO/STEP (the files named
   * as the expected ones), to read beside a failure or to review a forma-only scenario.
   */
  private static void keep(Path scenario, Path step, Outcome got, Path work) throws IOException {
    Path dir =
        Path.of("target", "scenario-actual")
            .resolve(scenario.getFileName().toString())
            .resolve(step.getFileName().toString());
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("expected.txt"), ScenarioText.normalise(got.out()));
    Files.deleteIfExists(dir.resolve("expected-err.txt"));
    if (!got.err().isEmpty()) {
      Files.writeString(dir.resolve("expected-err.txt"), ScenarioText.normalise(got.err()));
    }
    Files.writeString(dir.resolve("expected-exit"), got.exit() + "\n");
    Path state = work.resolve("terraform.tfstate");
    if (Files.exists(state)) {
      Files.writeString(
          dir.resolve("expected-state.json"),
          ScenarioText.pretty(ScenarioText.normaliseState(Files.readString(state))));
    }
  }

  private static void compare(
      Path step, String cmd, Outcome got, Path work, List<String> differences) throws IOException {
    String where = step.getFileName() + " (" + cmd + ")";
    Path exit = step.resolve("expected-exit");
    if (Files.exists(exit)) {
      int want = Integer.parseInt(Files.readString(exit).trim());
      if (want != got.exit()) {
        differences.add(where + ": exit code " + got.exit() + ", Terraform's " + want + "\n");
      }
    }
    compareText(where, "standard output", step.resolve("expected.txt"), got.out(), differences);
    compareText(where, "standard error", step.resolve("expected-err.txt"), got.err(), differences);
    Path state = step.resolve("expected-state.json");
    if (Files.exists(state)) {
      Path actual = work.resolve("terraform.tfstate");
      JsonNode want = ScenarioText.normaliseState(Files.readString(state));
      if (!Files.exists(actual)) {
        differences.add(where + ": no state file written\n");
      } else {
        JsonNode have = ScenarioText.normaliseState(Files.readString(actual));
        if (!want.equals(have)) {
          differences.add(
              where
                  + ": state differs\n--- expected\n"
                  + ScenarioText.pretty(want)
                  + "\n--- forma\n"
                  + ScenarioText.pretty(have)
                  + "\n");
        }
      }
    }
  }

  /**
   * Compares one stream; a step with no expected file for it expects it empty, except a killed step
   * (exit 137), whose output is not compared without a file.
   */
  private static void compareText(
      String where, String stream, Path expected, String actual, List<String> differences)
      throws IOException {
    String want = Files.exists(expected) ? Files.readString(expected) : "";
    String have = ScenarioText.normalise(actual);
    if (!Files.exists(expected) && expected.getParent().resolve("kill-when").toFile().exists()) {
      return;
    }
    if (!want.equals(have)) {
      differences.add(where + ": " + stream + " differs\n" + LineDiff.of(want, have) + "\n");
    }
  }
}
