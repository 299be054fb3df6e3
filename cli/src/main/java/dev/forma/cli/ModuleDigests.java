package dev.forma.cli;

import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.planfile.PlanFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The child modules' files of a configuration tree, by display name, each as the SHA-256 of its
 * text: what a saved plan records so that {@code apply PLANFILE} refuses modules changed since.
 */
final class ModuleDigests {
  private ModuleDigests() {}

  /**
   * {@link #of(ConfigTree)} and the dependency lock file of {@code workingDirectory} (under {@link
   * PlanFile#DEPENDENCY_LOCK}) when there is one: a saved plan is applied by the provider plugins
   * it was made with, or not at all.
   */
  static Map<String, String> of(ConfigTree tree, java.nio.file.Path workingDirectory) {
    Map<String, String> out = of(tree);
    java.nio.file.Path lock = workingDirectory.resolve(PlanFile.DEPENDENCY_LOCK);
    try {
      if (java.nio.file.Files.isRegularFile(lock)) {
        out.put(PlanFile.DEPENDENCY_LOCK, sha256Hex(java.nio.file.Files.readString(lock)));
      }
    } catch (java.io.IOException e) {
      out.put(PlanFile.DEPENDENCY_LOCK, "unreadable: " + e.getMessage());
    }
    return out;
  }

  static Map<String, String> of(ConfigTree tree) {
    Map<String, String> out = new TreeMap<>();
    if (tree == null) {
      return out;
    }
    for (ConfigTree t : tree.all()) {
      if (t == tree) {
        continue; // the root module's files are in the plan file themselves
      }
      t.module().sources().forEach((name, text) -> out.put(name, sha256Hex(text)));
    }
    return out;
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, in lower-case hex. */
  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
