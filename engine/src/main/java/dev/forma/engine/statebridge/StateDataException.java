package dev.forma.engine.statebridge;

/**
 * State data that does not fit the schema it is read with (a corrupt or foreign state file, or a
 * provider schema that changed without an upgrade). Callers turn it into a diagnostic naming the
 * resource instance; {@link #path()} says where in the object it went wrong.
 */
public final class StateDataException extends Exception {
  private final String path;

  public StateDataException(String path, String message) {
    super(path.isEmpty() ? message : path + ": " + message, null, false, false);
    this.path = path;
  }

  /** Where in the attributes the problem is, as {@code .input.name}; empty for the whole object. */
  public String path() {
    return path;
  }
}
