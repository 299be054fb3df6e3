package dev.forma.cli.scenarios;

import dev.forma.state.backend.LocalStateStore;
import dev.forma.state.backend.LockInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The other process of the lock-contention scenario: {@code LockHolder STATEFILE OPERATION} takes
 * the state's lock as a Forma command would, prints {@code locked}, and holds the lock until its
 * standard input closes.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    // named as a forma run in that directory names it (the lock info shows it to waiters)
    LocalStateStore backend =
        new LocalStateStore(Path.of(args[0]), Path.of(args[0]).getFileName().toString(), "0.1.0");
    LockInfo lock = backend.lock(args[1], "", Duration.ZERO);
    System.out.println("locked");
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // hold until the scenario closes our input
      }
    } catch (IOException e) {
      // the scenario went away: release the lock below
    }
    backend.unlock(lock.id());
  }
}
