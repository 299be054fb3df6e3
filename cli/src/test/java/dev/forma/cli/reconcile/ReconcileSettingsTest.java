package dev.forma.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.cli.Main;
import dev.forma.cli.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, the -config file, durations, backoff and redaction of forma reconcile. */
class ReconcileSettingsTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int forma(String... args) {
    Terminal t =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            InputStream.nullInputStream(),
            Map.of(),
            tmp,
            false);
    return Main.run(args, t);
  }

  @Test
  void durationsReadAsGoWritesThem() {
    assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ZERO, Durations.parse("0"));
    assertNull(Durations.parse("90"));
    assertNull(Durations.parse("5 minutes"));
    // beyond what Go reads (int64 nanoseconds): refused, never an overflow
    assertNull(Durations.parse("99999999999999999999s"));
    assertNull(Durations.parse("9999999999999h"));
    assertEquals(Duration.ofHours(2562047), Durations.parse("2562047h"));
    assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
  }

  @Test
  void backoffDoublesFromTheIntervalUpToTheMaximum() {
    Backoff b = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(2));
    assertEquals(
        List.of(30L, 60L, 120L, 120L, 120L),
        List.of(0, 1, 2, 3, 40).stream().map(n -> b.after(n).toSeconds()).toList());
    assertEquals(
        Duration.ofMinutes(5), new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(1)).after(3));
  }

  @Test
  void redactsUrlCredentialsAndSecretEnvironmentValues() {
    Redactor r =
        Redactor.of(
            Map.of(
                "TF_VAR_api_key",
                "sk-123456",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                "s3cr3tvalue",
                "HOME",
                "/root"));
    assertEquals(
        "https://(redacted)@git.example/x.git said (redacted) and (redacted) in /root",
        r.redact("https://bot:tok@git.example/x.git said sk-123456 and s3cr3tvalue in /root"));
  }

  @Test
  void withoutARepositoryItSaysHowToGiveOne() {
    assertEquals(1, forma("reconcile"));
    assertTrue(err.toString().contains("Error: No repository"), err.toString());
    assertTrue(err.toString().contains("give it with -repo=URL"), err.toString());
  }

  @Test
  void autoApplyAndPlanOnlyExcludeEachOther() {
    assertEquals(1, forma("reconcile", "-repo=x", "-auto-apply", "-plan-only"));
    assertTrue(
        err.toString().contains("-auto-apply and -plan-only exclude each other"), err.toString());
  }

  @Test
  void aNegativeDestroyLimitIsAMistakeNotNoLimit() {
    assertEquals(1, forma("reconcile", "-repo=x", "-max-destroy=-5"));
    assertTrue(
        err.toString().contains("-max-destroy is a number of objects, 0 or more"), err.toString());
  }

  @Test
  void aDurationTooLongIsNamedNotACrash() {
    assertEquals(1, forma("reconcile", "-repo=x", "-interval=99999999999999999999s"));
    assertTrue(err.toString().contains("Invalid -interval"), err.toString());
    assertFalse(err.toString().contains("Exception"), err.toString());
  }

  @Test
  void aBadDurationIsNamed() {
    assertEquals(1, forma("reconcile", "-repo=x", "-interval=5"));
    assertTrue(
        err.toString().contains("-interval is a duration such as 30s, 5m or 1h30m, not \"5\"."),
        err.toString());
  }

  @Test
  void theConfigFileGivesSettingsAndFlagsWin() throws Exception {
    Files.writeString(
        tmp.resolve("reconcile.conf"),
        "# the prod controller\nrepo = \"https://git.example/platform.git\"\nbranch = release\npath = envs/prod\ninterval = 5m\nauto-apply = true\nmax-destroy = 2\nvar-file = prod.tfvars\nvar = \"replicas=3\"\n");
    ReconcileCommand c = parse("reconcile", "-config=reconcile.conf", "-interval=30s", "-var=x=1");
    ReconcileCommand.Settings s = settings(c);
    assertEquals("https://git.example/platform.git", s.repo());
    assertEquals("release", s.branch());
    assertEquals("envs/prod", s.path());
    assertEquals(Duration.ofSeconds(30), s.interval());
    assertEquals(new Policy(true, false, 2), s.policy());
    assertEquals(
        List.of("-var-file=" + tmp.resolve("prod.tfvars"), "-var=replicas=3", "-var=x=1"),
        s.variableArgs());
    assertEquals("127.0.0.1", s.statusAddr().getHostString());
    assertEquals(7464, s.statusAddr().getPort());
    assertEquals(tmp.resolve(".forma-reconcile"), s.dataDir());
  }

  @Test
  void theGitopsExamplesConfigFileReadsAsItsCommentsSay() throws Exception {
    Path example = Path.of("../examples/gitops/reconcile.conf").toAbsolutePath().normalize();
    ReconcileCommand.Settings s = settings(parse("reconcile", "-config=" + example));
    assertEquals("envs/prod", s.path());
    assertEquals(Duration.ofMinutes(1), s.interval());
    assertEquals(new Policy(true, false, 0), s.policy());
    assertEquals(7464, s.statusAddr().getPort());
    assertNull(s.webhook());
    assertEquals(Duration.ofMinutes(5), s.lockTimeout());
  }

  @Test
  void anUnknownSettingInTheConfigFileNamesItsLine() throws Exception {
    Files.writeString(tmp.resolve("r.conf"), "repo = x\nauto_apply = true\n");
    assertEquals(1, forma("reconcile", "-config=r.conf"));
    assertTrue(
        err.toString().contains("r.conf:2,1: unknown setting \"auto_apply\""), err.toString());
  }

  @Test
  void pauseWritesTheMarkerAndResumeRemovesIt() throws Exception {
    assertEquals(0, forma("reconcile", "pause", "-data-dir=ctl"));
    assertTrue(Files.exists(tmp.resolve("ctl/paused")));
    assertTrue(out.toString().startsWith("Paused: "), out.toString());
    assertEquals(0, forma("reconcile", "resume", "-data-dir=ctl"));
    assertTrue(Files.notExists(tmp.resolve("ctl/paused")));
    assertTrue(out.toString().contains("Resumed: the controller plans again"), out.toString());
  }

  private ReconcileCommand parse(String... args) {
    Terminal t =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            InputStream.nullInputStream(),
            Map.of(),
            tmp,
            false);
    ReconcileCommand c = new ReconcileCommand(t);
    picocli.CommandLine cl =
        new picocli.CommandLine(
            c,
            new picocli.CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> cls) throws Exception {
                try {
                  return cls.getDeclaredConstructor(Terminal.class).newInstance(t);
                } catch (NoSuchMethodException e) {
                  return picocli.CommandLine.defaultFactory().create(cls);
                }
              }
            });
    cl.parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
    return c;
  }

  private static ReconcileCommand.Settings settings(ReconcileCommand c) {
    try {
      return c.settings();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aPathOutsideTheRepositoryIsRefused() {
    assertEquals(1, forma("reconcile", "-repo=x", "-path=../other"));
    assertTrue(err.toString().contains("-path is a folder inside the repository"), err.toString());
  }
}
