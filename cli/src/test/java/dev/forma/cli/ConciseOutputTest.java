package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.apply.ObjectTarget;
import dev.forma.engine.apply.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -concise} (OpenTofu's flag): no refresh lines, no progress heartbeat, the rest as is. */
class ConciseOutputTest {
  @TempDir Path dir;

  private static final String CONFIG =
      "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n"
          + "resource \"terraform_data\" \"b\" {\n  input = terraform_data.a.output\n}\n";

  @Test
  void planAndApplyWithConciseShowNoRefreshLines() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", CONFIG);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertEquals(0, cli.run("", "plan"), cli.err());
    assertTrue(cli.out().contains("terraform_data.a: Refreshing state... [id="), cli.out());
    String full = cli.out();

    assertEquals(0, cli.run("", "plan", "-concise"), cli.err());
    assertFalse(cli.out().contains("Refreshing state"), cli.out());
    // the rest is the plan without -concise, line for line
    assertEquals(withoutRefreshLines(full), cli.out());

    cli.write("main.tf", CONFIG.replace("\"x\"", "\"y\""));
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-concise"), cli.err());
    assertFalse(cli.out().contains("Refreshing state"), cli.out());
    assertTrue(cli.out().contains("terraform_data.a: Modifying... [id="), cli.out());
    assertTrue(cli.out().contains("Apply complete! Resources: 0 added, 2 changed"), cli.out());
  }

  @Test
  void jsonStreamWithConciseHasNoRefreshMessages() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", CONFIG);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertEquals(0, cli.run("", "plan", "-json"), cli.err());
    assertTrue(cli.out().contains("\"type\":\"refresh_complete\""), cli.out());
    assertEquals(0, cli.run("", "plan", "-json", "-concise"), cli.err());
    assertFalse(cli.out().contains("\"type\":\"refresh_"), cli.out());
    assertTrue(cli.out().contains("\"type\":\"change_summary\""), cli.out());
  }

  @Test
  void conciseViewDropsTheHeartbeatAndRefreshesAndKeepsTheSteps() {
    List<String> seen = new ArrayList<>();
    ApplyHooks recording =
        new ApplyHooks() {
          @Override
          public void preApply(ObjectTarget target, Operation op, String priorId) {
            seen.add("start " + target);
          }

          @Override
          public void stillApplying(
              ObjectTarget target, Operation op, Duration elapsed, String status) {
            seen.add("still " + target);
          }

          @Override
          public void postApply(
              ObjectTarget target, Operation op, boolean ok, String newId, Duration elapsed) {
            seen.add("done " + target);
          }

          @Override
          public void preRefresh(ObjectTarget target, String priorId) {
            seen.add("refresh " + target);
          }

          @Override
          public void postRefresh(ObjectTarget target, boolean ok, String newId) {
            seen.add("refreshed " + target);
          }
        };
    OperationView view = OperationView.concise(() -> recording);
    ResourceInstanceAddress a =
        ResourceAddress.managed("terraform_data", "a").instance(InstanceKey.NONE);
    ObjectTarget t = ObjectTarget.current(a);
    ApplyHooks hooks = view.hooks();
    hooks.preRefresh(t, "1");
    hooks.postRefresh(t, true, "1");
    hooks.preApply(t, Operation.UPDATE, "1");
    hooks.stillApplying(t, Operation.UPDATE, Duration.ofSeconds(10), null);
    hooks.postApply(t, Operation.UPDATE, true, "1", Duration.ofSeconds(12));
    assertEquals(List.of("start terraform_data.a", "done terraform_data.a"), seen);
  }

  private static String withoutRefreshLines(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.contains(": Refreshing state...")) {
        b.append(line).append('\n');
      }
    }
    return b.substring(0, b.length() - 1);
  }
}
