package dev.forma.cli.reconcile;

import dev.forma.cli.ExitCodes;
import dev.forma.cli.HelpOption;
import dev.forma.cli.Terminal;
import dev.forma.cli.VariableOptions;
import dev.forma.engine.config.VariableArg;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code forma reconcile}: the pull-mode GitOps controller (docs/reconcile.md). Runs until stopped
 * (SIGTERM or Ctrl-C: the pass under way ends first, for at most 30 seconds). Its subcommands
 * {@code pause} and {@code resume} write and remove the pause marker in the data folder.
 */
@Command(
    name = "reconcile",
    header = "Keep the infrastructure at what a Git branch says",
    description = {
      "Follows a branch of a Git repository: plans every new commit of the configuration in -path and, with -auto-apply, applies that saved plan (by default it only reports it). Between commits it checks for drift every -interval and, with -repair-drift, repairs it. A plan that deletes or replaces more objects than -max-destroy is refused and the last good commit stays applied; a failed pass is retried later and later (back-off).",
      "Every decision is a JSON line on standard output; GET /status, /metrics (Prometheus) and /healthz on -status-addr tell the rest. Several replicas may run on one state in a backend with locks (pg): one applies at a time, the others wait for the lock and plan again.",
      "Pause with \"forma reconcile pause\" or a .forma-pause file in the configuration folder of the branch."
    },
    subcommands = {ReconcileCommand.PauseCommand.class, ReconcileCommand.ResumeCommand.class},
    sortOptions = false)
public final class ReconcileCommand implements Callable<Integer> {
  static final String DEFAULT_DATA_DIR = ".forma-reconcile";
  static final String DEFAULT_STATUS_ADDR = "127.0.0.1:7464";

  @Option(
      names = "-repo",
      paramLabel = "URL",
      description = "The Git repository (any URL or path git clone takes).")
  String repo;

  @Option(
      names = "-branch",
      paramLabel = "NAME",
      description = "The branch to follow. Defaults to main.")
  String branch;

  @Option(
      names = "-path",
      paramLabel = "DIR",
      description = "The configuration's folder in the repository. Defaults to its root.")
  String path;

  @Option(
      names = "-interval",
      paramLabel = "1m",
      description =
          "How often to fetch the branch and, between commits, check for drift. Defaults to 1m.")
  String interval;

  @Option(
      names = "-auto-apply",
      description = "Apply each new commit's plan (within -max-destroy).")
  Boolean autoApply;

  @Option(names = "-plan-only", description = "Only plan and report each new commit: the default.")
  Boolean planOnly;

  @Option(
      names = "-repair-drift",
      description =
          "Apply the plan that undoes changes made outside Forma (within -max-destroy). Without it, drift is only reported.")
  Boolean repairDrift;

  @Option(
      names = "-max-destroy",
      paramLabel = "N",
      description =
          "Refuse to apply a plan that deletes or replaces more than N objects: a person must apply it. Defaults to no limit.")
  Integer maxDestroy;

  @Option(
      names = "-status-addr",
      paramLabel = "HOST:PORT",
      description =
          "Where to serve /status, /metrics and /healthz. Defaults to "
              + DEFAULT_STATUS_ADDR
              + " (loopback only); port 0 picks a free one.")
  String statusAddr;

  @Option(
      names = "-webhook",
      paramLabel = "URL",
      description = "POST each apply, drift, repair, refusal and failure as JSON to this URL.")
  String webhook;

  @Option(
      names = "-config",
      paramLabel = "FILE",
      description =
          "Read these settings from FILE (name = value a line, the flag names without the dash); flags win.")
  Path config;

  @Option(
      names = "-data-dir",
      paramLabel = "DIR",
      description =
          "The controller's folder: the checkout, saved plans, the pause marker. Defaults to "
              + DEFAULT_DATA_DIR
              + ".")
  String dataDir;

  @Option(
      names = "-lock-timeout",
      paramLabel = "1m",
      description =
          "How long a step waits for the state lock (another replica's run) before the pass waits and plans again. Defaults to 1m.")
  String lockTimeout;

  @Option(
      names = "-max-backoff",
      paramLabel = "10m",
      description =
          "The longest wait after failures in a row (each doubles the wait). Defaults to 10m.")
  String maxBackoff;

  @Mixin VariableOptions variables = new VariableOptions();

  @Mixin HelpOption help = new HelpOption();

  @Spec CommandSpec spec;

  private final Terminal terminal;

  public ReconcileCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Settings s;
    try {
      s = settings();
    } catch (SettingsException e) {
      return error(e.summary, e.detail);
    }
    try {
      Files.createDirectories(s.dataDir());
    } catch (IOException e) {
      return error(
          "Cannot create the data folder",
          "Forma could not create " + s.dataDir() + ": " + e.getMessage());
    }
    Redactor redactor = Redactor.of(terminal.env());
    DecisionLog log = new DecisionLog(terminal.out(), Clock.systemUTC(), redactor);
    ControllerStatus status = new ControllerStatus();
    status.describe(
        redactor.redact(s.repo()),
        s.branch(),
        s.path(),
        s.policy().autoApply() ? "auto-apply" : "plan-only");
    log.listen(status::decided);
    StatusServer server;
    try {
      server = StatusServer.start(s.statusAddr(), status);
    } catch (IOException e) {
      return error(
          "Cannot serve the status",
          "Forma could not listen on "
              + s.statusAddr().getHostString()
              + ":"
              + s.statusAddr().getPort()
              + " ("
              + e.getMessage()
              + "). Choose another address with -status-addr=HOST:PORT (port 0 picks a free one).");
    }
    Webhooks webhooks = null;
    if (s.webhook() != null) {
      webhooks = new Webhooks(s.webhook(), problem -> log.record(null, "webhook-failed", problem));
      log.listen(webhooks);
    }
    Source source =
        new GitSource(
            s.repo(),
            s.branch(),
            s.path(),
            s.dataDir().resolve("checkout"),
            terminal.env(),
            redactor);
    Steps steps =
        new FormaSteps(
            terminal.env(),
            s.variableArgs(),
            Durations.format(s.lockTimeout()),
            s.dataDir().resolve("plans"));
    Controller controller =
        new Controller(
            source,
            steps,
            s.policy(),
            new Backoff(s.interval(), s.maxBackoff()),
            log,
            status,
            s.dataDir().resolve(PauseCommand.MARKER),
            Clock.systemUTC());
    InetSocketAddress bound = server.address();
    log.record(
        null,
        "started",
        "Following "
            + s.repo()
            + " branch "
            + s.branch()
            + " path "
            + s.path()
            + " every "
            + Durations.format(s.interval())
            + ", "
            + (s.policy().autoApply() ? "applying" : "plan-only")
            + (s.policy().repairDrift() ? ", repairing drift" : "")
            + (s.policy().maxDestroy() >= 0
                ? ", at most " + s.policy().maxDestroy() + " objects destroyed"
                : "")
            + "; status on http://"
            + bound.getHostString()
            + ":"
            + bound.getPort()
            + "/status");
    Thread loop = Thread.currentThread();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              controller.stop();
              try {
                done.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                loop.interrupt();
              }
            },
            "forma-reconcile-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      controller.run();
    } finally {
      log.record(null, "stopped", "Stopped.");
      server.close();
      if (webhooks != null) {
        webhooks.close();
      }
      done.countDown();
    }
    return ExitCodes.OK;
  }

  /** The settings, from the flags over the -config file over the defaults. */
  record Settings(
      String repo,
      String branch,
      String path,
      Duration interval,
      Policy policy,
      InetSocketAddress statusAddr,
      HttpUrl webhook,
      Path dataDir,
      Duration lockTimeout,
      Duration maxBackoff,
      List<String> variableArgs) {}

  private static final class SettingsException extends Exception {
    final String summary;
    final String detail;

    SettingsException(String summary, String detail) {
      super(summary);
      this.summary = summary;
      this.detail = detail;
    }
  }

  Settings settings() throws SettingsException {
    ReconcileConfig file = new ReconcileConfig();
    Path cwd = terminal.workingDirectory();
    if (config != null) {
      try {
        file = ReconcileConfig.read(cwd.resolve(config));
      } catch (ReconcileConfig.ConfigException e) {
        throw new SettingsException("Invalid reconcile configuration", e.getMessage());
      }
    }
    String repoValue = pick("-repo", repo, file, "repo", null);
    if (repoValue == null || repoValue.isBlank()) {
      throw new SettingsException(
          "No repository",
          "forma reconcile follows a branch of a Git repository: give it with -repo=URL (or repo = \"URL\" in the -config file).");
    }
    String pathValue = pick("-path", path, file, "path", ".");
    Path p = Path.of(pathValue).normalize();
    if (p.isAbsolute() || p.startsWith("..")) {
      throw new SettingsException(
          "Invalid -path",
          "-path is a folder inside the repository, relative to its root (such as envs/prod), not \""
              + pathValue
              + "\".");
    }
    Duration every = duration("-interval", pick("-interval", interval, file, "interval", "1m"));
    if (every.isZero()) {
      throw new SettingsException(
          "Invalid -interval", "-interval must be longer than 0s, such as 30s or 5m.");
    }
    boolean apply = bool("-auto-apply", autoApply, file, "auto-apply");
    boolean planOnlyValue = bool("-plan-only", planOnly, file, "plan-only");
    if (apply && planOnlyValue) {
      throw new SettingsException(
          "Conflicting policies", "-auto-apply and -plan-only exclude each other: choose one.");
    }
    String maxText =
        pick(
            "-max-destroy",
            maxDestroy == null ? null : maxDestroy.toString(),
            file,
            "max-destroy",
            "-1");
    int max;
    try {
      max = Integer.parseInt(maxText.strip());
    } catch (NumberFormatException e) {
      throw new SettingsException(
          "Invalid -max-destroy",
          "-max-destroy is a number of objects, such as 0 or 5, not \"" + maxText + "\".");
    }
    if (max < 0 && !maxText.strip().equals("-1")) {
      // -1 is the default (no limit); another negative number is a mistake, not "no limit"
      throw new SettingsException(
          "Invalid -max-destroy",
          "-max-destroy is a number of objects, 0 or more (such as 0 or 5), not " + max + ".");
    }
    String addr = pick("-status-addr", statusAddr, file, "status-addr", DEFAULT_STATUS_ADDR);
    int colon = addr.lastIndexOf(':');
    InetSocketAddress socket;
    try {
      String host = addr.substring(0, Math.max(colon, 0));
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = Integer.parseInt(addr.substring(colon + 1));
      socket = new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port);
      if (socket.isUnresolved()) {
        throw new IllegalArgumentException("unresolved");
      }
    } catch (RuntimeException e) {
      throw new SettingsException(
          "Invalid -status-addr",
          "-status-addr is HOST:PORT, such as 127.0.0.1:7464, not \"" + addr + "\".");
    }
    String hook = pick("-webhook", webhook, file, "webhook", null);
    HttpUrl hookUrl = null;
    if (hook != null) {
      hookUrl = HttpUrl.parse(hook);
      if (hookUrl == null) {
        throw new SettingsException("Invalid -webhook", "-webhook is an http:// or https:// URL.");
      }
    }
    Path data =
        cwd.resolve(pick("-data-dir", dataDir, file, "data-dir", DEFAULT_DATA_DIR)).normalize();
    Duration lock =
        duration("-lock-timeout", pick("-lock-timeout", lockTimeout, file, "lock-timeout", "1m"));
    Duration backoffMax =
        duration("-max-backoff", pick("-max-backoff", maxBackoff, file, "max-backoff", "10m"));
    List<String> variables = new ArrayList<>();
    for (String v : file.variableArgs) {
      variables.add(absoluteVarFile(v, config == null ? cwd : cwd.resolve(config).getParent()));
    }
    for (String v : orderedVariableArgs()) {
      variables.add(absoluteVarFile(v, cwd));
    }
    return new Settings(
        localOrUrl(repoValue.strip(), cwd),
        pick("-branch", branch, file, "branch", "main"),
        p.toString().isEmpty() ? "." : p.toString(),
        every,
        new Policy(apply, bool("-repair-drift", repairDrift, file, "repair-drift"), max),
        socket,
        hookUrl,
        data,
        lock,
        backoffMax,
        variables);
  }

  private String pick(
      String flag, String given, ReconcileConfig file, String name, String fallback) {
    if (given != null && matched(flag)) {
      return given;
    }
    return file.values.getOrDefault(name, fallback);
  }

  private boolean bool(String flag, Boolean given, ReconcileConfig file, String name)
      throws SettingsException {
    if (given != null && matched(flag)) {
      return given;
    }
    String v = file.values.get(name);
    if (v == null) {
      return false;
    }
    return switch (v.strip()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new SettingsException(
              "Invalid " + flag, name + " is true or false, not \"" + v + "\".");
    };
  }

  private boolean matched(String flag) {
    ParseResult r = spec.commandLine().getParseResult();
    return r != null && r.hasMatchedOption(flag);
  }

  private static Duration duration(String flag, String text) throws SettingsException {
    Duration d = Durations.parse(text);
    if (d == null) {
      throw new SettingsException(
          "Invalid " + flag,
          flag + " is a duration such as 30s, 5m or 1h30m, not \"" + text + "\".");
    }
    return d;
  }

  /** {@code -var} and {@code -var-file} as given, in command-line order, as arguments. */
  private List<String> orderedVariableArgs() {
    List<String> out = new ArrayList<>();
    if (spec.commandLine().getParseResult() == null) {
      return out;
    }
    for (VariableArg v : variables.args(spec)) {
      out.add(
          switch (v) {
            case VariableArg.Var var -> "-var=" + var.assignment();
            case VariableArg.VarFile file -> "-var-file=" + file.path();
          });
    }
    return out;
  }

  /** A {@code -var-file=} argument with its file made absolute from {@code base}. */
  private static String absoluteVarFile(String arg, Path base) {
    String prefix = "-var-file=";
    if (!arg.startsWith(prefix)) {
      return arg;
    }
    return prefix + base.resolve(arg.substring(prefix.length())).toAbsolutePath().normalize();
  }

  /** A repository given as a local folder becomes absolute (git runs elsewhere); URLs stay. */
  private static String localOrUrl(String repo, Path cwd) {
    if (repo.contains("://") || repo.matches("^[^/]+@[^/]+:.*")) {
      return repo;
    }
    Path local = cwd.resolve(repo);
    return Files.exists(local) ? local.toAbsolutePath().normalize().toString() : repo;
  }

  private int error(String summary, String detail) {
    terminal.printDiagnostics(Diagnostics.of(Diagnostic.error(summary, detail)), null);
    return ExitCodes.ERROR;
  }

  /** {@code forma reconcile pause}: writes the pause marker in the data folder. */
  @Command(
      name = "pause",
      header = "Pause a running controller",
      description = {
        "Writes the pause marker in the controller's data folder: from its next pass, the controller fetches but plans, applies and repairs nothing until \"forma reconcile resume\"."
      })
  public static final class PauseCommand implements Callable<Integer> {
    static final String MARKER = "paused";

    @Option(
        names = "-data-dir",
        paramLabel = "DIR",
        description = "The controller's data folder. Defaults to " + DEFAULT_DATA_DIR + ".")
    String dataDir = DEFAULT_DATA_DIR;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public PauseCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      Path dir = terminal.workingDirectory().resolve(dataDir);
      try {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), java.time.Instant.now() + "\n");
      } catch (IOException e) {
        terminal.printDiagnostics(
            Diagnostics.of(
                Diagnostic.error(
                    "Cannot pause",
                    "Forma could not write " + dir.resolve(MARKER) + ": " + e.getMessage())),
            null);
        return ExitCodes.ERROR;
      }
      terminal
          .out()
          .println(
              "Paused: the controller using "
                  + dir
                  + " does nothing from its next pass until \"forma reconcile resume\".");
      return ExitCodes.OK;
    }
  }

  /** {@code forma reconcile resume}: removes the pause marker. */
  @Command(
      name = "resume",
      header = "Resume a paused controller",
      description = {
        "Removes the pause marker from the controller's data folder: its next pass plans again."
      })
  public static final class ResumeCommand implements Callable<Integer> {
    @Option(
        names = "-data-dir",
        paramLabel = "DIR",
        description = "The controller's data folder. Defaults to " + DEFAULT_DATA_DIR + ".")
    String dataDir = DEFAULT_DATA_DIR;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public ResumeCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      Path marker = terminal.workingDirectory().resolve(dataDir).resolve(PauseCommand.MARKER);
      try {
        boolean was = Files.deleteIfExists(marker);
        terminal
            .out()
            .println(
                was
                    ? "Resumed: the controller plans again from its next pass."
                    : "Not paused: there was no pause marker at " + marker + ".");
      } catch (IOException e) {
        terminal.printDiagnostics(
            Diagnostics.of(
                Diagnostic.error(
                    "Cannot resume", "Forma could not remove " + marker + ": " + e.getMessage())),
            null);
        return ExitCodes.ERROR;
      }
      return ExitCodes.OK;
    }
  }
}
