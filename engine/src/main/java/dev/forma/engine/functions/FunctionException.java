package dev.forma.engine.functions;

/**
 * A user-facing failure of a function call. When {@code argIndex} is 0 or more the fault lies
 * in that argument (0-based, after expansion) and {@code paramName} names its parameter, so the
 * message reads {@code Invalid value for "str" parameter: <message>.}; otherwise the whole call
 * failed: {@code Call to function "f" failed: <message>.}
 */
public final class FunctionException extends Exception {
  private final int argIndex;
  private final String paramName;

  public FunctionException(String message) {
    this(-1, null, message);
  }

  public FunctionException(int argIndex, String paramName, String message) {
    super(message, null, false, false);
    this.argIndex = argIndex;
    this.paramName = paramName;
  }

  public int argIndex() {
    return argIndex;
  }

  public String paramName() {
    return paramName;
  }
}
