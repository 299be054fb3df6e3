package dev.forma.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the team's {@code shared/} folder (beside the clone in CI; set by surefire as {@code
 * forma.shared.dir}), walking up from the project for checkouts that sit deeper, such as git
 * worktrees.
 */
public final class SharedDir {
  private SharedDir() {}

  /** {@code shared/conformance/hcl-specsuite/tests}. */
  public static Path hclSpecSuite() {
    return find("conformance/hcl-specsuite/tests");
  }

  /** A folder inside {@code shared/}; fails the test naming every place looked at. */
  public static Path find(String inside) {
    List<Path> candidates = new ArrayList<>();
    String shared = System.getProperty("forma.shared.dir");
    if (shared != null) {
      candidates.add(Path.of(shared));
    }
    String project = System.getProperty("forma.project.dir");
    Path start = (project != null ? Path.of(project) : Path.of("").toAbsolutePath()).normalize();
    for (Path p = start; p != null; p = p.getParent()) {
      candidates.add(p.resolve("shared"));
      if (p.getParent() != null) {
        candidates.add(p.getParent().resolve("shared"));
      }
    }
    for (Path c : candidates) {
      Path dir = c.resolve(inside).normalize();
      if (Files.isDirectory(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException(inside + " not found under shared/; looked in " + candidates);
  }
}
