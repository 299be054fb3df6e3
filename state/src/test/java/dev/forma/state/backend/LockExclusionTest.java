package dev.forma.state.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state lock is exclusive between processes: pairs of JVMs ({@link LockHolderMain} {@code
 * contend}) started together on one state each, every one trying to lock hundreds of times without
 * waiting, each holder writing an enter and an exit line to a shared log. Any two holders at once
 * show as two enters in a row. Half the pairs start with a lock file left by a killed holder (no OS
 * lock on it), so both the creation of the lock file and the takeover of a stale one are raced.
 */
class LockExclusionTest {
  /** Pairs in all (override with {@code -Dforma.lockPairs=N} for a longer campaign). */
  private static final int PAIRS = Integer.getInteger("forma.lockPairs", 50);

  /** Pairs running at once, each on its own state. */
  private static final int PAIRS_AT_ONCE = 10;

  /** Lock attempts per process. */
  private static final int ROUNDS = 60;

  private static final String STALE =
      "{\"ID\":\"11111111-2222-3333-4444-555555555555\",\"Operation\":\"OperationTypeApply\","
          + "\"Info\":\"\",\"Who\":\"ghost@gone\",\"Version\":\"0.1.0\","
          + "\"Created\":\"2020-01-01T00:00:00Z\",\"Path\":\"terraform.tfstate\"}";

  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
  }

  private record Contender(Process process, BufferedReader out) {}

  private record Pair(Path log, List<Contender> contenders) {}

  @Test
  void ofTwoProcessesStartedTogetherNeverDoBothHoldTheLock() throws Exception {
    long totalHeld = 0;
    long totalRefused = 0;
    for (int first = 0; first < PAIRS; first += PAIRS_AT_ONCE) {
      List<Pair> wave = new ArrayList<>();
      for (int k = first; k < Math.min(PAIRS, first + PAIRS_AT_ONCE); k++) {
        Path stateDir = Files.createDirectories(dir.resolve("pair-" + k));
        if (k % 2 == 1) {
          Files.writeString(stateDir.resolve(".terraform.tfstate.lock.info"), STALE);
        }
        Path state = stateDir.resolve("terraform.tfstate");
        Path log = stateDir.resolve("holders.log");
        wave.add(new Pair(log, List.of(contender(state, log), contender(state, log))));
      }
      for (Pair p : wave) {
        for (Contender c : p.contenders()) {
          assertEquals("READY", line(c));
        }
      }
      // the start signal, to every contender of the wave at once
      for (Pair p : wave) {
        for (Contender c : p.contenders()) {
          OutputStream in = c.process().getOutputStream();
          in.write('\n');
          in.flush();
        }
      }
      for (Pair p : wave) {
        long held = 0;
        long refused = 0;
        for (Contender c : p.contenders()) {
          String done = line(c);
          assertTrue(done.startsWith("DONE "), done);
          String[] counts = done.split(" ");
          held += Long.parseLong(counts[1]);
          refused += Long.parseLong(counts[2]);
          assertTrue(c.process().waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(held, checkOneHolderAtATime(p.log()), "holds logged");
        assertTrue(refused > 0, "the two processes of a pair did not contend: " + p.log());
        totalHeld += held;
        totalRefused += refused;
      }
    }
    assertTrue(totalHeld >= PAIRS, "held " + totalHeld);
    assertTrue(totalRefused >= PAIRS, "refused " + totalRefused);
  }

  /** Fails at two holders at once; returns how many holds the log shows. */
  private static long checkOneHolderAtATime(Path log) throws IOException {
    String holder = null;
    long holds = 0;
    Map<String, Integer> byProcess = new HashMap<>();
    List<String> lines = Files.readAllLines(log);
    for (int i = 0; i < lines.size(); i++) {
      String[] l = lines.get(i).split(" ");
      switch (l[0]) {
        case "enter" -> {
          if (holder != null) {
            fail(
                "processes "
                    + holder
                    + " and "
                    + l[1]
                    + " held the lock at the same time (line "
                    + (i + 1)
                    + " of "
                    + log
                    + ")");
          }
          holder = l[1];
          holds++;
          byProcess.merge(l[1], 1, Integer::sum);
        }
        case "exit" -> {
          assertEquals(holder, l[1], "line " + (i + 1) + " of " + log);
          holder = null;
        }
        default -> fail("unexpected line " + lines.get(i));
      }
    }
    return holds;
  }

  private Contender contender(Path state, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // starting quickly matters more than running fast
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LockHolderMain.class.getName());
    command.addAll(List.of("contend", state.toString(), log.toString(), Integer.toString(ROUNDS)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(process);
    return new Contender(
        process,
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
  }

  private static String line(Contender c) throws IOException {
    String line = c.out().readLine();
    if (line == null) {
      throw new IOException("a contender ended without output");
    }
    return line;
  }
}
