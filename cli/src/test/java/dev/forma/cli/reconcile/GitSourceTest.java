package dev.forma.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The branch through the real {@code git} command, over a bare repository made by the test. */
class GitSourceTest {
  @TempDir Path tmp;

  private void git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), out);
  }

  private Path work() throws Exception {
    Path work = tmp.resolve("work");
    Files.createDirectories(work.resolve("envs/dev"));
    git(work, "init", "-q", "-b", "main");
    Files.writeString(work.resolve("envs/dev/main.tf"), "# one\n");
    git(work, "add", "-A");
    git(work, "commit", "-qm", "one");
    git(tmp, "clone", "-q", "--bare", "work", "repo.git");
    git(work, "remote", "add", "origin", tmp.resolve("repo.git").toString());
    return work;
  }

  private GitSource source(String repo) {
    return new GitSource(
        repo,
        "main",
        "envs/dev",
        tmp.resolve("data/checkout"),
        Map.of("PATH", System.getenv("PATH")),
        Redactor.of(Map.of()));
  }

  @Test
  void fetchesTheNewestCommitAndChecksOutItsConfigurationFolder() throws Exception {
    Path work = work();
    GitSource s = source(tmp.resolve("repo.git").toString());
    String first = s.fetch();
    Path dir = s.checkout(first);
    assertEquals(tmp.resolve("data/checkout/envs/dev"), dir);
    assertEquals("# one\n", Files.readString(dir.resolve("main.tf")));
    Files.writeString(dir.resolve("untracked.state"), "kept"); // as init's .forma folder

    Files.writeString(work.resolve("envs/dev/main.tf"), "# two\n");
    git(work, "commit", "-qam", "two");
    git(work, "push", "-q", "origin", "main");
    String second = s.fetch();
    assertNotEquals(first, second);
    assertEquals("# two\n", Files.readString(s.checkout(second).resolve("main.tf")));
    assertEquals("# one\n", Files.readString(s.checkout(first).resolve("main.tf")));
    assertEquals("kept", Files.readString(dir.resolve("untracked.state")));
  }

  @Test
  void aPathThatIsNotInTheCommitIsAnErrorNamingIt() throws Exception {
    work();
    GitSource s =
        new GitSource(
            tmp.resolve("repo.git").toString(),
            "main",
            "envs/prod",
            tmp.resolve("data/checkout"),
            Map.of("PATH", System.getenv("PATH")),
            Redactor.of(Map.of()));
    String rev = s.fetch();
    Source.SourceException e = assertThrows(Source.SourceException.class, () -> s.checkout(rev));
    assertEquals(
        "the path \"envs/prod\" is not a folder of the repository at commit " + rev,
        e.getMessage());
  }

  @Test
  void aRepositoryThatCannotBeReadIsAnErrorWithoutItsCredentials() throws Exception {
    GitSource s = source("https://bot:ghp_secret_token@127.0.0.1:9/nothing.git");
    Source.SourceException e = assertThrows(Source.SourceException.class, s::fetch);
    assertTrue(e.getMessage().startsWith("git clone failed"), e.getMessage());
    assertFalse(e.getMessage().contains("ghp_secret_token"), e.getMessage());
  }
}
