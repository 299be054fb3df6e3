package dev.forma.engine.apply;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Prints apply and refresh progress as Terraform's human output does, line for line: {@code
 * terraform_data.a: Creating...}, {@code Still creating... [10s elapsed]}, {@code Creation complete
 * after 2s [id=...]}, and the closing {@code Apply complete! Resources: 1 added, 0 changed, 0
 * destroyed.}, with Terraform's escape codes when colour is on. A failed step prints nothing here:
 * its diagnostics say what went wrong. Thread-safe: each line is written whole.
 */
public final class ProgressPrinter implements ApplyHooks {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String GREEN = "\u001b[32m";

  private final PrintStream out;
  private final boolean color;

  public ProgressPrinter(PrintStream out, boolean color) {
    this.out = out;
    this.color = color;
  }

  @Override
  public void preApply(ObjectTarget target, Operation operation, String priorId) {
    String text =
        switch (operation) {
          case CREATE -> target + ": Creating...";
          case UPDATE -> target + ": Modifying..." + idSuffix(priorId);
          case DELETE -> target + ": Destroying..." + idSuffix(priorId);
        };
    startLine(text);
  }

  @Override
  public void stillApplying(
      ObjectTarget target, Operation operation, Duration elapsed, String status) {
    String verb =
        switch (operation) {
          case CREATE -> "creating";
          case UPDATE -> "modifying";
          case DELETE -> "destroying";
        };
    String text = target + ": Still " + verb + "... [" + formatElapsed(elapsed) + " elapsed]";
    if (status != null && !status.isBlank()) {
      text += " (" + status.strip() + ")";
    }
    startLine(text);
  }

  @Override
  public void postApply(
      ObjectTarget target, Operation operation, boolean succeeded, String newId, Duration elapsed) {
    if (!succeeded) {
      return;
    }
    String after = " after " + formatElapsed(elapsed);
    String text =
        switch (operation) {
          case CREATE -> target.address() + ": Creation complete" + after + idSuffix(newId);
          case UPDATE -> target.address() + ": Modifications complete" + after + idSuffix(newId);
          case DELETE -> target.address() + ": Destruction complete" + after;
        };
    endLine(text);
  }

  @Override
  public void preparingImport(ResourceInstanceAddress address, String id) {
    endLine(address + ": Preparing import..." + idSuffix(id));
  }

  @Override
  public void preImport(ResourceInstanceAddress address, String id) {
    endLine(address + ": Importing..." + idSuffix(id));
  }

  @Override
  public void postImport(ResourceInstanceAddress address, String id) {
    endLine(address + ": Import complete" + idSuffix(id));
  }

  @Override
  public void preRefresh(ObjectTarget target, String priorId) {
    endLine(target + ": Refreshing state..." + idSuffix(priorId));
  }

  @Override
  public void preRead(ResourceInstanceAddress address) {
    startLine(address + ": Reading...");
  }

  @Override
  public void postRead(
      ResourceInstanceAddress address, boolean succeeded, String id, Duration elapsed) {
    if (succeeded) {
      endLine(address + ": Read complete after " + formatElapsed(elapsed) + idSuffix(id));
    }
  }

  @Override
  public void applyFinished(ApplySummary summary) {
    if (!summary.succeeded()) {
      return;
    }
    String text =
        switch (summary.mode()) {
          case DESTROY -> "Destroy complete! Resources: " + summary.destroyed() + " destroyed.";
          case NORMAL, REFRESH_ONLY ->
              "Apply complete! Resources: "
                  + (summary.imported() > 0 ? summary.imported() + " imported, " : "")
                  + summary.added()
                  + " added, "
                  + summary.changed()
                  + " changed, "
                  + summary.destroyed()
                  + " destroyed.";
        };
    synchronized (out) {
      out.print(color ? RESET + BOLD + GREEN + "\n" + text + "\n" + RESET : "\n" + text + "\n");
      out.flush();
    }
  }

  /**
   * An elapsed time as Terraform prints it (Go's duration format, whole seconds): {@code 0s},
   * {@code 10s}, {@code 1m5s}, {@code 2h0m3s}.
   */
  public static String formatElapsed(Duration elapsed) {
    long seconds = Math.max(0, elapsed.toSeconds());
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (hours > 0) {
      return hours + "h" + minutes + "m" + secs + "s";
    }
    if (minutes > 0) {
      return minutes + "m" + secs + "s";
    }
    return secs + "s";
  }

  private static String idSuffix(String id) {
    return id == null || id.isEmpty() ? "" : " [id=" + id + "]";
  }

  /** A line announcing something that goes on: Terraform ends these with two resets. */
  private void startLine(String text) {
    print(color ? RESET + BOLD + text + RESET + RESET : text);
  }

  /** A line saying something happened. */
  private void endLine(String text) {
    print(color ? RESET + BOLD + text + RESET : text);
  }

  private void print(String line) {
    synchronized (out) {
      out.print(line + "\n");
      out.flush();
    }
  }
}
