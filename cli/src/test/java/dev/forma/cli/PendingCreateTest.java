package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.IndexKey;
import dev.forma.state.InstanceAddress;
import dev.forma.state.ResourceAddress;
import dev.forma.state.backend.LocalStateStore;
import dev.forma.state.backend.StateTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create whose result was never recorded (a pending create intent in the state journal) is
 * settled by the user: {@code forma state rm ADDR} drops it (the object was not made), {@code forma
 * import ADDR ID} adopts the object (it was). Both are the ways on that the lookup error and the
 * recovery warning name.
 */
class PendingCreateTest {
  @TempDir Path dir;

  private static final String WARNING =
      "Warning: Objects from an earlier operation may exist without being in the state";

  /** Leaves pending create intents for {@code addresses}, as an interrupted apply does. */
  private void pending(InstanceAddress... addresses) throws Exception {
    LocalStateStore backend = LocalStateStore.inDirectory(dir, "0.1.0");
    try (StateTransaction tx = backend.begin("apply", backend.read().state())) {
      for (InstanceAddress a : addresses) {
        tx.state().recordIntent(a, "token-" + a);
      }
      tx.commit();
    }
    assertTrue(Files.exists(dir.resolve("terraform.tfstate.journal")));
  }

  private static InstanceAddress data(String name) {
    return ResourceAddress.managed("terraform_data", name).instance();
  }

  private static InstanceAddress data(String name, int index) {
    return ResourceAddress.managed("terraform_data", name).instance(IndexKey.of(index));
  }

  @Test
  void stateRmDropsAPendingCreateSoItIsNoLongerLookedFor() throws Exception {
    pending(data("x"), data("y"));
    CliRun cli = new CliRun(dir);
    assertEquals(0, cli.run("", "state", "list", "-no-color"));
    assertTrue(cli.out().startsWith("\n" + WARNING + "\n"), cli.out());
    assertTrue(cli.out().contains("  terraform_data.x\n  terraform_data.y\n"), cli.out());
    assertTrue(
        cli.out()
            .contains("  - it does not: drop the pending create with \"forma state rm ADDRESS\"."),
        cli.out());

    assertEquals(0, cli.run("", "state", "rm", "-no-color", "-dry-run", "terraform_data.x"));
    assertTrue(
        cli.out()
            .endsWith(
                "\nWould drop the pending create of terraform_data.x\n"
                    + "Would have dropped 1 pending create(s).\n"),
        cli.out());
    assertTrue(Files.readString(dir.resolve("terraform.tfstate.journal")).contains("\"x\""));

    assertEquals(0, cli.run("", "state", "rm", "-no-color", "terraform_data.x"));
    assertTrue(
        cli.out()
            .endsWith(
                "\nDropped the pending create of terraform_data.x\n"
                    + "Successfully dropped 1 pending create(s): Forma no longer looks for objects"
                    + " they may have made.\n"),
        cli.out());
    assertEquals(0, cli.run("", "state", "list", "-no-color"));
    assertTrue(cli.out().contains("  terraform_data.y\n"), cli.out());
    assertFalse(cli.out().contains("terraform_data.x"), cli.out());

    assertEquals(0, cli.run("", "state", "rm", "-no-color", "terraform_data.y"));
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.journal")));
    assertEquals(0, cli.run("", "state", "list", "-no-color"));
    assertEquals("", cli.out() + cli.err());
  }

  @Test
  void aResourceAddressMatchesThePendingCreatesOfEachOfItsInstances() throws Exception {
    pending(data("n", 0), data("n", 1), data("other"));
    CliRun cli = new CliRun(dir);
    assertEquals(0, cli.run("", "state", "rm", "-no-color", "terraform_data.n"));
    assertTrue(
        cli.out()
            .endsWith(
                "\nDropped the pending create of terraform_data.n[0]\n"
                    + "Dropped the pending create of terraform_data.n[1]\n"
                    + "Successfully dropped 2 pending create(s): Forma no longer looks for objects"
                    + " they may have made.\n"),
        cli.out());
    assertEquals(0, cli.run("", "state", "list", "-no-color"));
    assertTrue(cli.out().contains("  terraform_data.other\n"), cli.out());
    assertFalse(cli.out().contains("terraform_data.n"), cli.out());
  }

  @Test
  void importAdoptsTheObjectOfAPendingCreateAndSettlesIt() throws Exception {
    pending(data("a"));
    CliRun cli = new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(0, cli.run("", "import", "-no-color", "terraform_data.a", "abc"), cli.err());
    assertTrue(cli.out().startsWith("\n" + WARNING + "\n"), cli.out());
    assertTrue(cli.out().contains("Import successful!"), cli.out());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.journal")));
    assertEquals(0, cli.run("", "state", "list", "-no-color"));
    assertEquals("terraform_data.a\n", cli.out());
    assertEquals("", cli.err());
  }

  @Test
  void anAddressWithNeitherAnObjectNorAPendingCreateIsStillAnError() throws Exception {
    pending(data("x"));
    CliRun cli = new CliRun(dir);
    assertEquals(1, cli.run("", "state", "rm", "-no-color", "terraform_data.nope"));
    assertTrue(cli.err().contains("Error: Invalid target address"), cli.err());
    assertTrue(Files.exists(dir.resolve("terraform.tfstate.journal")));
  }
}
