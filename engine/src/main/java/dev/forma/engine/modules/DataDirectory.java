package dev.forma.engine.modules;

import java.util.Map;

/**
 * Where a working directory keeps what {@code init} installs and records (Terraform's data
 * directory): {@code .terraform}, or the directory {@code FORMA_DATA_DIR} or {@code TF_DATA_DIR}
 * names (the first set wins), relative to the working directory unless absolute.
 */
public final class DataDirectory {
  /** The default data directory. */
  public static final String DEFAULT = ".terraform";

  private DataDirectory() {}

  /** The data directory {@code env} asks for. */
  public static String of(Map<String, String> env) {
    for (String name : new String[] {"FORMA_DATA_DIR", "TF_DATA_DIR"}) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return DEFAULT;
  }
}
