package dev.forma.engine.functions;

/**
 * A user-facing failure of a function call. When {@code argIndex} is 0 or more the fault lies in
 * that argument (0-based, after expansion) and {@code paramName} names its parameter, so the
 * message reads {@code Invalid value for "str" parameter: <message>.}; otherwise the whole call
 * failed: {@code Call to function "f" failed: <message>.} A few failures (a wrong number of
 * arguments) carry their own diagnostic {@link #summary()}; their message is then the whole detail.
 */
public final class FunctionException extends Exception {
  private final int argIndex;
  private final String paramName;
  private final String summary;

  public FunctionException(String message) {
    this(-1, null, message);
  }

  public FunctionException(int argIndex, String paramName, String message) {
    this(argIndex, paramName, message, null);
  }

  private FunctionException(int argIndex, String paramName, String message, String summary) {
    super(message, null, false, false);
    this.argIndex = argIndex;
    this.paramName = paramName;
    this.summary = summary;
  }

  /**
   * A failure with its own diagnostic summary, such as {@code Not enough function arguments}; the
   * detail is shown exactly as given.
   */
  public static FunctionException withSummary(String summary, String detail) {
    return new FunctionException(-1, null, detail, summary);
  }

  /** The diagnostic summary this failure asks for, or null for the usual ones. */
  public String summary() {
    return summary;
  }

  public int argIndex() {
    return argIndex;
  }

  public String paramName() {
    return paramName;
  }
}
