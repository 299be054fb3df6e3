package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.LocalCloudOptions;
import dev.forma.emulator.api.CloudSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the end-to-end tests share: the built jar, clean copies of the examples, runs of the jar (or
 * of any command) as a separate process, and what the local cloud holds.
 */
final class E2E {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The built CLI, {@code cli/target/forma.jar} (Maven names it in {@code forma.jar}). */
  static final Path JAR =
      Path.of(System.getProperty("forma.jar", "target/forma.jar")).toAbsolutePath();

  /** The project's examples folder. */
  static final Path EXAMPLES =
      Path.of(System.getProperty("forma.examples", "../examples")).toAbsolutePath();

  private E2E() {}

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /**
   * A local cloud on a free port, keeping its objects in {@code tmp}, whose objects are ready at
   * once (the provider's 5 s polls would only slow the runs down).
   */
  static LocalCloud startReadyCloud(Path tmp) throws IOException {
    return LocalCloud.start(
        LocalCloudOptions.of(tmp.resolve("cloud.json"), 0)
            .withSettings(new CloudSettings(0, 0, Set.of(), Set.of())));
  }

  /**
   * A clean copy of the example {@code example} at {@code to}: without what running it leaves
   * ({@code .forma/}, state files).
   */
  static Path copyExample(String example, Path to) throws IOException {
    Path from = EXAMPLES.resolve(example);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path rel = from.relativize(p);
        if (rel.startsWith(".forma") || rel.toString().startsWith("terraform.tfstate")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          Files.createDirectories(to.resolve(rel));
        } else {
          Files.copy(p, to.resolve(rel));
        }
      }
    }
    return to;
  }

  /** The command that runs the built jar with {@code args}, on the JDK running the tests. */
  static List<String> forma(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Runs {@code cmd} in {@code dir} with {@code env} added to the environment and nothing on its
   * standard input, its output kept in files in {@code tmp}; fails after 5 minutes.
   */
  static Run exec(Path tmp, Path dir, Map<String, String> env, List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("forma did not finish: " + cmd + "\n" + Files.readString(out));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The local cloud's answer to {@code method /_emulator/what}, which must be 200. */
  static JsonNode admin(LocalCloud cloud, String method, String what) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cloud.url() + "/_emulator/" + what))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  /** How many objects of each kind the cloud holds: workspaces, connections, models, services. */
  static List<Integer> counts(LocalCloud cloud) throws Exception {
    JsonNode o = admin(cloud, "GET", "objects");
    return List.of(
        o.path("workspaces").size(),
        o.path("connections").size(),
        o.path("models").size(),
        o.path("services").size());
  }
}
