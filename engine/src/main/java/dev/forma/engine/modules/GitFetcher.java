package dev.forma.engine.modules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches a Git package with the {@code git} command, as Terraform does: {@code git clone} of the
 * URL into the destination (run from the working directory, so git's messages name the same paths
 * as Terraform's), then {@code git checkout} of {@code ?ref=} when given, then the submodules. The
 * query parameters Terraform takes: {@code ref} and {@code depth} (a shallow clone of that ref).
 */
final class GitFetcher {
  private final String git;

  /**
   * @param git the command to run ({@code git} on the PATH)
   */
  GitFetcher(String git) {
    this.git = git;
  }

  /**
   * Clones {@code address} ({@code git::URL[?ref=...]}) into {@code destination}, given relative to
   * {@code cwd}.
   */
  void fetch(String address, Path cwd, Path destination) throws FetchException {
    String url = address.startsWith("git::") ? address.substring("git::".length()) : address;
    String ref = null;
    String depth = null;
    int q = url.indexOf('?');
    String plain = url;
    if (q >= 0) {
      plain = url.substring(0, q);
      for (String p : url.substring(q + 1).split("&")) {
        if (p.isEmpty()) {
          continue;
        }
        int eq = p.indexOf('=');
        String name = eq < 0 ? p : p.substring(0, eq);
        String value =
            eq < 0 ? "" : java.net.URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
        switch (name) {
          case "ref" -> ref = value;
          case "depth" -> depth = value;
          default ->
              throw new FetchException(
                  "error downloading '"
                      + url
                      + "': Forma's git installer takes the parameters \"ref\" and \"depth\", not \""
                      + name
                      + "\"");
        }
      }
    }
    List<String> clone = new ArrayList<>(List.of(git, "clone"));
    if (depth != null) {
      if (!depth.matches("[0-9]+")) {
        throw new FetchException("error downloading '" + url + "': depth must be a number");
      }
      clone.add("--depth");
      clone.add(depth);
      if (ref != null) {
        clone.add("--branch");
        clone.add(ref);
      }
    }
    clone.add("--");
    clone.add(plain);
    clone.add(cwd.relativize(destination).toString());
    run(url, clone, cwd);
    if (ref != null && depth == null) {
      run(url, List.of(git, "checkout", ref), destination);
    }
    if (Files.exists(destination.resolve(".gitmodules"))) {
      run(url, List.of(git, "submodule", "update", "--init", "--recursive"), destination);
    }
  }

  private void run(String url, List<String> command, Path dir) throws FetchException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0"); // fail rather than wait for a password
    pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new FetchException(
          "error downloading '"
              + url
              + "': the git command could not be run ("
              + e.getMessage()
              + "). Install Git and put it on the PATH to use git:: module sources.");
    }
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      if (code != 0) {
        throw new FetchException(
            "error downloading '" + url + "': git exited with " + code + ": " + output.strip());
      }
    } catch (IOException e) {
      throw new FetchException("error downloading '" + url + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new FetchException("error downloading '" + url + "': interrupted");
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win")
            ? "NUL"
            : "/dev/null");
  }
}
