package dev.forma.engine.providers;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Where Forma looks for provider plugin jars, in order: {@code .forma/plugins} in the working
 * directory, the user's plugin directory ({@code $XDG_DATA_HOME/forma/plugins} when {@code
 * XDG_DATA_HOME} is set, else {@code ~/.forma/plugins}), then each entry of {@code
 * FORMA_PLUGIN_PATH} (separated by the platform's path separator, {@code :} on Unix). A directory
 * that does not exist is skipped; it is still named in the errors that say where Forma looked.
 *
 * @param directories the directories, in search order, each once
 */
public record PluginDirectories(List<Path> directories) {
  /** The environment variable listing extra plugin directories. */
  public static final String PATH_VARIABLE = "FORMA_PLUGIN_PATH";

  public PluginDirectories {
    directories = List.copyOf(new LinkedHashSet<>(directories));
  }

  /** The directories for a run in {@code workingDirectory} with the environment {@code env}. */
  public static PluginDirectories of(Path workingDirectory, Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(workingDirectory.resolve(".forma").resolve("plugins").toAbsolutePath().normalize());
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      dirs.add(Path.of(xdg, "forma", "plugins").toAbsolutePath().normalize());
    } else {
      String home = env.getOrDefault("HOME", System.getProperty("user.home"));
      if (home != null && !home.isBlank()) {
        dirs.add(Path.of(home, ".forma", "plugins").toAbsolutePath().normalize());
      }
    }
    String path = env.get(PATH_VARIABLE);
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          dirs.add(workingDirectory.resolve(entry.trim()).toAbsolutePath().normalize());
        }
      }
    }
    return new PluginDirectories(dirs);
  }

  /** The directories as an error message lists them, one per line. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (Path d : directories) {
      b.append("\n  - ").append(d);
    }
    return b.toString();
  }
}
