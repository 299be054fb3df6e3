package dev.forma.state.backend;

import dev.forma.state.StateException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

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
 * </ul>
 */
public final class LockHolderMain {
  public static void main(String[] args) throws Exception {
    LocalBackend backend = new LocalBackend(Path.of(args[1]), "0.1.0");
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
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
