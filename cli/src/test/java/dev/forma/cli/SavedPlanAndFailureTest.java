package dev.forma.cli;

import static dev.forma.cli.PlanApplyCommandTest.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.backend.LocalStateStore;
import dev.forma.state.backend.LockInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved plans, partial failures and a held lock, through the CLI. */
class SavedPlanAndFailureTest {
  @TempDir Path dir;

  private static final String ONE =
      """
      resource "terraform_data" "a" {
        input = "one"
      }
      """;

  @Test
  void savesAPlanAndAppliesExactlyIt() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", ONE);
    assertEquals(0, cli.run("", "plan", "-out=p.plan"), cli.err());
    assertTrue(
        cli.out()
            .endsWith(
                """

                Saved the plan to: p.plan

                To perform exactly these actions, run the following command to apply:
                    forma apply "p.plan"
                """),
        cli.out());
    // The configuration on disk changes; the saved plan keeps its snapshot.
    cli.write("main.tf", ONE.replace("one", "two"));
    assertEquals(0, cli.run("", "apply", "p.plan"), cli.err());
    assertEquals(
        """
        terraform_data.a: Creating...
        terraform_data.a: Creation complete after 0s [id=UUID]

        Apply complete! Resources: 1 added, 0 changed, 0 destroyed.
        """,
        norm(cli.out()));
    assertTrue(Files.readString(dir.resolve("terraform.tfstate")).contains("\"one\""));
  }

  @Test
  void refusesAStaleSavedPlan() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", ONE);
    assertEquals(0, cli.run("", "plan", "-out=p.plan"), cli.err());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertEquals(1, cli.run("", "apply", "p.plan"));
    assertEquals(
        """

        Error: Saved plan is stale

        The given plan file can no longer be applied because the state was changed by
        another operation after the plan was created.
        """,
        cli.err());
  }

  @Test
  void refusesASavedPlanWhenASensitiveVariableChanged() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                """
                variable "pw" {
                  type      = string
                  sensitive = true
                }
                resource "terraform_data" "a" {
                  input = var.pw
                }
                """);
    cli.env.put("TF_VAR_pw", "hunter2");
    assertEquals(0, cli.run("", "plan", "-out=p.plan"), cli.err());
    assertFalse(Files.readString(dir.resolve("p.plan")).contains("hunter2"));
    cli.env.put("TF_VAR_pw", "changed");
    assertEquals(1, cli.run("", "apply", "p.plan"));
    assertTrue(cli.err().contains("Error: Sensitive variable changed since the plan"), cli.err());
    assertTrue(cli.err().contains("\"pw\""), cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
    cli.env.put("TF_VAR_pw", "hunter2");
    assertEquals(0, cli.run("", "apply", "p.plan"), cli.err());
    assertTrue(Files.readString(dir.resolve("terraform.tfstate")).contains("hunter2"));
  }

  @Test
  void reportsEveryFailureAndKeepsWhatSucceeded() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                """
                resource "flaky_data" "bad" {
                  input = "fail"
                }
                resource "flaky_data" "worse" {
                  input = "fail"
                }
                resource "terraform_data" "after_bad" {
                  input = flaky_data.bad.output
                }
                resource "terraform_data" "fine" {
                  input = "ok"
                }
                """);
    assertEquals(1, cli.run("", "apply", "-auto-approve"));
    String err = cli.err();
    assertTrue(
        err.contains(
            """
            Error: Creation refused

              with flaky_data.bad,
              on main.tf line 1, in resource "flaky_data" "bad":
            """),
        err);
    assertTrue(err.contains("  with flaky_data.worse,\n"), err);
    assertFalse(cli.out().contains("Apply complete!"), cli.out());
    String state = Files.readString(dir.resolve("terraform.tfstate"));
    assertTrue(state.contains("\"fine\""), state);
    assertFalse(state.contains("after_bad"), state);
    assertFalse(Files.exists(dir.resolve(".terraform.tfstate.lock.info")));
  }

  @Test
  void aHeldLockStopsThePlanWithTheHoldersInfo() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", ONE);
    LocalStateStore other = LocalStateStore.inDirectory(dir, "0.1.0");
    LockInfo held = other.lock(LockInfo.APPLY, "", Duration.ZERO);
    try {
      assertEquals(1, cli.run("", "plan"));
      assertTrue(cli.err().contains("Error: Error acquiring the state lock"), cli.err());
      assertTrue(cli.err().contains(held.id()), cli.err());
    } finally {
      other.unlock(held.id());
    }
    assertEquals(0, cli.run("", "plan"), cli.err());
  }
}
