package dev.forma.state.backend;

import dev.forma.state.StateException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A second process for the lock and crash tests, run with the test classpath.
 *
 * <ul>
 *   <li>{@code hold STATE}: locks, prints {@code LOCKED <id>}, waits for a line on stdin, unlocks,
 *       prints {@code UNLOCKED}.
 *   <li>{@code try STATE}: tries once, prints {@code LOCKED <id>} or {@code FAILED} and the
 *       problem's detail.
 *   <li>{@code crash STATE N}: locks, records N creates (intent then object) and one more intent,
 *       prints {@code READY}, then halts without unlocking or compacting.
 *   <li>{@code contend STATE LOG ROUNDS}: loads the lock code (on a state of its own), prints
 *       {@code READY}, waits for a line on stdin (the start signal, sent to every contender at
 *       once), then tries to lock ROUNDS times without waiting; each time it holds the lock it
 *       appends {@code enter PID} and then {@code exit PID} to LOG (one O_APPEND write each, so the
 *       lines of all contenders interleave in the order they were written). Prints {@code DONE held
 *       refused}.
 * </ul>
 */
public final class LockHolderMain {
  public static void main(String[] args) throws Exception {
    LocalStateStore backend = new LocalStateStore(Path.of(args[1]), "0.1.0");
    switch (args[0]) {
      case "hold" -> {
        LockInfo lock = backend.lock(LockInfo.APPLY, "", Duration.ZERO);
        System.out.println("LOCKED " + lock.id());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        backend.unlock(lock.id());
        System.out.println("UNLOCKED");
      }
      case "try" -> {
        try {
          LockInfo lock = backend.lock(LockInfo.PLAN, "", Duration.ZERO);
          System.out.println("LOCKED " + lock.id());
          backend.unlock(lock.id());
        } catch (StateException e) {
          System.out.println("FAILED");
          System.out.println(e.problems().get(0).summary());
          System.out.println(e.problems().get(0).detail());
        }
      }
      case "crash" -> {
        backend.lock(LockInfo.APPLY, "", Duration.ZERO);
        StateTransaction tx = backend.begin("apply", backend.read().state());
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
          tx.state().recordIntent(Fixtures.instance(i), "token-" + i);
          tx.state()
              .setCurrent(Fixtures.instance(i), Fixtures.PROVIDER, Fixtures.object("id-" + i));
        }
        tx.state().recordIntent(Fixtures.instance(n), "token-" + n);
        System.out.println("READY");
        System.out.flush();
        Runtime.getRuntime().halt(3);
      }
      case "contend" -> contend(backend, Path.of(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void contend(LocalStateStore backend, Path log, int rounds) throws Exception {
    Path warmDir = Files.createTempDirectory("forma-lock-warm");
    LocalStateStore warm = new LocalStateStore(warmDir.resolve("terraform.tfstate"), "0.1.0");
    warm.unlock(warm.lock(LockInfo.APPLY, "", Duration.ZERO).id());
    Files.deleteIfExists(warmDir);
    String pid = Long.toString(ProcessHandle.current().pid());
    byte[] enter = ("enter " + pid + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] exit = ("exit " + pid + "\n").getBytes(StandardCharsets.UTF_8);
    System.out.println("READY");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    int held = 0;
    int refused = 0;
    try (FileChannel out =
        FileChannel.open(
            log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      for (int i = 0; i < rounds; i++) {
        LockInfo lock;
        try {
          lock = backend.lock(LockInfo.APPLY, "", Duration.ZERO);
        } catch (StateLockException e) {
          refused++;
          Thread.sleep(0, ThreadLocalRandom.current().nextInt(200_000));
          continue;
        }
        out.write(ByteBuffer.wrap(enter));
        Thread.sleep(0, ThreadLocalRandom.current().nextInt(500_000));
        out.write(ByteBuffer.wrap(exit));
        backend.unlock(lock.id());
        held++;
      }
    }
    System.out.println("DONE " + held + " " + refused);
  }
}
