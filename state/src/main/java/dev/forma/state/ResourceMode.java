package dev.forma.state;

/** Whether a resource is managed (created, updated, deleted) or only read (a data source). */
public enum ResourceMode {
  /** A {@code resource} block. */
  MANAGED("managed"),
  /** A {@code data} block. */
  DATA("data");

  private final String jsonName;

  ResourceMode(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name in the state file: {@code managed} or {@code data}. */
  public String jsonName() {
    return jsonName;
  }

  /** The mode named {@code name} in a state file, or null if there is none. */
  public static ResourceMode fromJsonName(String name) {
    for (ResourceMode mode : values()) {
      if (mode.jsonName.equals(name)) {
        return mode;
      }
    }
    return null;
  }
}
