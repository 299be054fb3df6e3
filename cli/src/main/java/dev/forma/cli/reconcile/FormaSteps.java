package dev.forma.cli.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.cli.ExitCodes;
import dev.forma.cli.Main;
import dev.forma.cli.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps as Forma's own commands, run in this process in the configuration folder: {@code init
 * -input=false}, then {@code plan -out=FILE -markdown=FILE -detailed-exitcode}, {@code apply FILE}
 * (the saved plan: refused when the state changed since), {@code drift -json}. So the controller
 * reads the backend, the credentials (environment and files), the state lock with {@code
 * -lock-timeout} and the journal's pending creates exactly as those commands do. Their output is
 * kept in memory: only counts, the Markdown summary and the first error's summary come out.
 */
final class FormaSteps implements Steps {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The plan's summary line; what comes before "to add" ("1 to import, ", "1 to adopt, ") is
   * skipped whatever it counts, so that the destroy count the -max-destroy policy reads is never
   * lost.
   */
  static final Pattern PLAN_LINE =
      Pattern.compile(
          "Plan: (?:\\d+ to [a-z]+, )*(\\d+) to add, (\\d+) to change, (\\d+) to destroy");

  private static final String LOCK_ERROR = "Error acquiring the state lock";
  private static final String STALE_ERROR = "Saved plan is stale";

  private final Map<String, String> env;
  private final List<String> variableArgs;
  private final String lockTimeout;
  private final Path plans;

  /**
   * @param env the environment the commands see (credentials, {@code TF_VAR_*}, backend settings)
   * @param variableArgs {@code -var=...} and {@code -var-file=...} in command-line order, files as
   *     absolute paths
   * @param lockTimeout how long a step waits for the state lock, as {@code -lock-timeout} takes it
   * @param plans the folder for saved plans and their Markdown
   */
  FormaSteps(Map<String, String> env, List<String> variableArgs, String lockTimeout, Path plans) {
    Map<String, String> e = new HashMap<>(env);
    e.put("TF_IN_AUTOMATION", "1");
    e.put("TF_INPUT", "0");
    this.env = Map.copyOf(e);
    this.variableArgs = List.copyOf(variableArgs);
    this.lockTimeout = lockTimeout;
    this.plans = plans;
  }

  /** What one command printed and returned. */
  record Run(int exit, String out, String err) {
    /**
     * The first error in one line: its summary, where ({@code variables.tf line 7}) and the first
     * sentence of its detail, so that the log and {@code /status} say what to fix (a diagnostic
     * never holds a secret; the log redacts what looks like one all the same); else the last line
     * printed.
     */
    String error() {
      String[] lines = (err + "\n" + out).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        if (!l.startsWith("Error: ")) {
          continue;
        }
        StringBuilder text = new StringBuilder(l.substring("Error: ".length()));
        // the diagnostic's body: "on FILE line N:" and its source lines, then the detail
        int j = i + 1;
        while (j < lines.length && lines[j].isBlank()) {
          j++;
        }
        if (j < lines.length && lines[j].strip().startsWith("on ")) {
          String on = lines[j].strip();
          int colon = on.indexOf(':');
          text.append(" (").append(on, 3, colon < 0 ? on.length() : colon).append(')');
          while (j < lines.length && !lines[j].isBlank()) {
            j++; // the source lines
          }
          while (j < lines.length && lines[j].isBlank()) {
            j++;
          }
        }
        StringBuilder detail = new StringBuilder();
        while (j < lines.length
            && !lines[j].isBlank()
            && !lines[j].startsWith("Error: ")
            && !lines[j].startsWith("Warning: ")) {
          detail.append(detail.isEmpty() ? "" : " ").append(lines[j].strip());
          j++;
        }
        if (!detail.isEmpty()) {
          int end = detail.indexOf(". ");
          text.append(": ").append(end < 0 ? detail : detail.substring(0, end + 1));
        }
        return text.toString();
      }
      String[] printed = err.strip().split("\n");
      String last = printed[printed.length - 1].strip();
      return last.isEmpty() ? "forma exited with " + exit : last;
    }
  }

  @Override
  public PlanResult plan(Path dir, String revision) {
    Run init = init(dir);
    if (init.exit() != ExitCodes.OK) {
      return PlanResult.failed(Outcome.FAILED, "init: " + init.error());
    }
    Path planFile = plans.resolve(revision + ".tfplan");
    Path markdown = plans.resolve(revision + ".md");
    try {
      Files.createDirectories(plans);
      // only the plan being made is kept: older ones were applied, refused or superseded
      try (var old = Files.list(plans)) {
        for (Path p : old.toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      return PlanResult.failed(Outcome.FAILED, "cannot write to " + plans + ": " + e.getMessage());
    }
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "plan",
            "-input=false",
            "-no-color",
            "-detailed-exitcode",
            "-lock-timeout=" + lockTimeout,
            "-out=" + planFile,
            "-markdown=" + markdown));
    args.addAll(variableArgs);
    Run plan = forma(dir, args);
    if (plan.exit() == ExitCodes.ERROR) {
      boolean locked = plan.err().contains(LOCK_ERROR);
      return PlanResult.failed(
          locked ? Outcome.LOCKED : Outcome.FAILED,
          locked ? "The state is locked by another run (another replica): waiting." : plan.error());
    }
    int add = 0;
    int change = 0;
    int destroy = 0;
    Matcher m = PLAN_LINE.matcher(plan.out());
    if (m.find()) {
      add = Integer.parseInt(m.group(1));
      change = Integer.parseInt(m.group(2));
      destroy = Integer.parseInt(m.group(3));
    }
    String md = "";
    try {
      if (Files.exists(markdown)) {
        md = Files.readString(markdown, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      md = "";
    }
    return new PlanResult(
        Outcome.OK,
        plan.exit() == ExitCodes.CHANGES_PRESENT,
        add,
        change,
        destroy,
        md,
        planFile,
        null);
  }

  @Override
  public ApplyResult apply(Path dir, PlanResult plan) {
    Run apply =
        forma(
            dir,
            List.of(
                "apply",
                "-input=false",
                "-no-color",
                "-lock-timeout=" + lockTimeout,
                plan.planFile().toString()));
    if (apply.exit() == ExitCodes.OK) {
      return new ApplyResult(Outcome.OK, null);
    }
    if (apply.err().contains(STALE_ERROR)) {
      return new ApplyResult(Outcome.STALE, apply.error());
    }
    if (apply.err().contains(LOCK_ERROR)) {
      return new ApplyResult(Outcome.LOCKED, apply.error());
    }
    return new ApplyResult(Outcome.FAILED, apply.error());
  }

  @Override
  public DriftResult drift(Path dir) {
    Run init = init(dir);
    if (init.exit() != ExitCodes.OK) {
      return new DriftResult(Outcome.FAILED, 0, 0, "init: " + init.error());
    }
    List<String> args = new ArrayList<>(List.of("drift", "-json", "-no-color"));
    args.addAll(variableArgs);
    Run drift = forma(dir, args);
    if (drift.exit() == ExitCodes.ERROR) {
      return new DriftResult(Outcome.FAILED, 0, 0, drift.error());
    }
    try {
      JsonNode summary = JSON.readTree(drift.out()).path("summary");
      return new DriftResult(
          Outcome.OK,
          summary.path("changed_outside").asInt(),
          summary.path("deleted_outside").asInt(),
          null);
    } catch (IOException e) {
      return new DriftResult(Outcome.FAILED, 0, 0, "the drift report was not JSON");
    }
  }

  private Run init(Path dir) {
    return forma(dir, List.of("init", "-input=false", "-no-color"));
  }

  /**
   * Runs one Forma command line in {@code dir}, on a thread with the deep stack {@link Main} gives
   * its commands, with nothing on standard input.
   */
  Run forma(Path dir, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    Terminal t = new Terminal(o, e, InputStream.nullInputStream(), env, dir, false);
    int[] code = {ExitCodes.ERROR};
    Thread runner =
        new Thread(
            null,
            () -> {
              try {
                code[0] = Main.run(args.toArray(String[]::new), t);
              } catch (StackOverflowError | RuntimeException x) {
                e.println("Error: " + x.getClass().getSimpleName() + " in forma " + args.get(0));
              }
            },
            "forma-" + args.get(0),
            1L << 30);
    runner.start();
    try {
      runner.join();
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
    }
    return new Run(
        code[0], out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
