package dev.forma.state.backend;

import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import java.util.List;

/**
 * The state lock is held by someone else: Terraform's "Error acquiring the state lock", with the
 * holder's lock info when it could be read.
 */
public final class StateLockException extends StateException {
  /** Terraform's summary for a failed lock. */
  public static final String SUMMARY = "Error acquiring the state lock";

  private final transient LockInfo holder;

  /** A failed lock: {@code reason} as the error message, {@code holder} (null if unknown). */
  public StateLockException(String reason, LockInfo holder) {
    super(List.of(StateProblem.of(SUMMARY, detail(reason, holder))));
    this.holder = holder;
  }

  /** Who holds the lock, or null if its lock info could not be read. */
  public LockInfo holder() {
    return holder;
  }

  private static String detail(String reason, LockInfo holder) {
    return "Error message: "
        + reason
        + "\n"
        + (holder == null ? "" : holder.table())
        + "\n\n"
        // line breaks where Terraform's own message has them
        + "Forma acquires a state lock to protect the state from being written\n"
        + "by multiple users at the same time. Please resolve the issue above and try\n"
        + "again. For most commands, you can disable locking with the \"-lock=false\"\n"
        + "flag, but this is not recommended.";
  }
}
