package dev.forma.cli;

/** Forma's exit codes, the same as Terraform's. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** Any error, including a bad flag (picocli's default of 2 is overridden). */
  public static final int ERROR = 1;

  /** {@code plan -detailed-exitcode}: success, and there are changes. */
  public static final int CHANGES_PRESENT = 2;

  /** {@code forma drift}: success, and drift was found (of any kind). */
  public static final int DRIFT_FOUND = 2;

  /** {@code fmt -check}: some file is not formatted (Terraform's value). */
  public static final int FMT_CHECK_FAILED = 3;

  /** {@code forma} without a command: the help is printed (Terraform's value). */
  public static final int NO_COMMAND = 127;

  private ExitCodes() {}
}
