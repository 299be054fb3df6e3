package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar forma.jar} with a Java older than 21 (the default java of many machines is 17):
 * one clear message naming the Java needed and exit code 1, not UnsupportedClassVersionError. Runs
 * with the first JDK older than 21 found under /usr/lib/jvm (or {@code -Dforma.old.java=} the path
 * of its java), and is skipped on a machine that has none.
 */
class OldJavaIT {
  private static final Path JAR =
      Path.of(System.getProperty("forma.jar", "target/forma.jar")).toAbsolutePath();

  @Test
  void anOlderJavaIsToldWhichJavaFormaNeeds() throws Exception {
    Optional<Path> java = oldJava();
    assumeTrue(java.isPresent(), "no Java older than 21 on this machine");
    Process p =
        new ProcessBuilder(java.get().toString(), "-jar", JAR.toString(), "version")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(1, TimeUnit.MINUTES);
    assertEquals(1, p.exitValue(), out);
    assertEquals(3, out.lines().count(), out);
    assertTrue(out.startsWith("forma: Forma needs Java 21 or newer, and this is Java "), out);
    assertFalse(out.contains("UnsupportedClassVersionError"), out);
  }

  private static Optional<Path> oldJava() throws IOException {
    String given = System.getProperty("forma.old.java");
    if (given != null && !given.isEmpty()) {
      return Optional.of(Path.of(given));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    Pattern version = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        Path java = home.resolve("bin/java");
        if (!Files.isRegularFile(release) || !Files.isExecutable(java)) {
          continue;
        }
        Matcher m = version.matcher(Files.readString(release));
        if (m.find() && Integer.parseInt(m.group(1)) < 21) {
          return Optional.of(java);
        }
      }
    }
    return Optional.empty();
  }
}
