package dev.forma.cli.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A branch of a Git repository, through the {@code git} command: cloned once into a folder of the
 * controller's data folder, then fetched each pass and checked out (detached) at the commit to
 * plan. Files Git does not track (the {@code .forma} folder that init writes) stay between
 * checkouts. Git reads its credentials as it always does (credential helpers, SSH keys, {@code
 * GIT_*} variables); it is never asked to prompt. Error messages go through the {@link Redactor}.
 */
final class GitSource implements Source {
  private static final long TIMEOUT_MINUTES = 5;

  private final String repository;
  private final String branch;
  private final String path;
  private final Path checkout;
  private final Map<String, String> env;
  private final Redactor redactor;
  private String checkedOut;

  GitSource(
      String repository,
      String branch,
      String path,
      Path checkout,
      Map<String, String> env,
      Redactor redactor) {
    this.repository = repository;
    this.branch = branch;
    this.path = path == null || path.isBlank() ? "." : path;
    this.checkout = checkout.toAbsolutePath().normalize();
    this.env = env;
    this.redactor = redactor;
  }

  @Override
  public String fetch() throws SourceException {
    if (!Files.isDirectory(checkout.resolve(".git"))) {
      try {
        Files.createDirectories(checkout.getParent());
      } catch (IOException e) {
        throw new SourceException("cannot create " + checkout.getParent() + ": " + e.getMessage());
      }
      git(
          checkout.getParent(),
          "clone",
          "--quiet",
          "--no-checkout",
          "--",
          repository,
          checkout.toString());
    }
    git(checkout, "remote", "set-url", "origin", repository);
    git(
        checkout,
        "fetch",
        "--quiet",
        "--force",
        "origin",
        "+refs/heads/" + branch + ":refs/remotes/origin/" + branch);
    return git(checkout, "rev-parse", "--verify", "refs/remotes/origin/" + branch + "^{commit}")
        .trim();
  }

  @Override
  public Path checkout(String revision) throws SourceException {
    if (!revision.equals(checkedOut)) {
      git(checkout, "checkout", "--quiet", "--force", "--detach", revision);
      checkedOut = revision;
    }
    Path dir = checkout.resolve(path).normalize();
    if (!dir.startsWith(checkout)) {
      throw new SourceException("the path \"" + path + "\" is outside the repository");
    }
    if (!Files.isDirectory(dir)) {
      throw new SourceException(
          "the path \"" + path + "\" is not a folder of the repository at commit " + revision);
    }
    return dir;
  }

  /** Runs git in {@code dir}; returns its standard output, or throws with its error message. */
  private String git(Path dir, String... args) throws SourceException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("LC_ALL", "C");
    try {
      Path err = Files.createTempFile("forma-git", ".err");
      try {
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new SourceException(
              "git " + args[0] + " did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        if (p.exitValue() != 0) {
          String message = Files.readString(err, StandardCharsets.UTF_8).strip();
          throw new SourceException(
              redactor.redact(
                  "git "
                      + args[0]
                      + " failed"
                      + (message.isEmpty() ? "" : ": " + message.replace('\n', ' '))));
        }
        return new String(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new SourceException(
          "cannot run git (is it installed and on the PATH?): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted");
    }
  }
}
