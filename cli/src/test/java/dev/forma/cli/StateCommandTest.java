package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma state list|rm|mv|pull|push} and {@code force-unlock} on a state file written by
 * Terraform 1.11.4 (terraform_data.b[1] and terraform_data.c), with Terraform's texts.
 */
class StateCommandTest {
  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(dir);
    try (InputStream in = getClass().getResourceAsStream("/state/two-resources.tfstate")) {
      cli.write("terraform.tfstate", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void listsEveryInstanceOrThoseMatching() {
    assertEquals(0, cli.run("", "state", "list"));
    assertEquals("terraform_data.b[1]\nterraform_data.c\n", cli.out());
    assertEquals(0, cli.run("", "state", "list", "terraform_data.b"));
    assertEquals("terraform_data.b[1]\n", cli.out());
    assertEquals(0, cli.run("", "state", "list", "-id=372eada6-ed8c-b646-7df7-4bbb1ab3709c"));
    assertEquals("terraform_data.c\n", cli.out());
  }

  @Test
  void rmForgetsAnInstanceAndKeepsABackup() throws Exception {
    assertEquals(0, cli.run("", "state", "rm", "terraform_data.c"));
    assertEquals(
        "Removed terraform_data.c\nSuccessfully removed 1 resource instance(s).\n", cli.out());
    assertEquals(0, cli.run("", "state", "list"));
    assertEquals("terraform_data.b[1]\n", cli.out());
    String now = Files.readString(dir.resolve("terraform.tfstate"));
    assertTrue(now.contains("\"serial\": 7"), now);
    assertTrue(
        Files.readString(dir.resolve("terraform.tfstate.backup")).contains("\"name\": \"c\""));
  }

  @Test
  void rmOfAnUnknownAddressChangesNothing() throws Exception {
    String before = Files.readString(dir.resolve("terraform.tfstate"));
    assertEquals(1, cli.run("", "state", "rm", "-no-color", "terraform_data.nope"));
    assertTrue(cli.err().contains("Error: Invalid target address"), cli.err());
    assertEquals(before, Files.readString(dir.resolve("terraform.tfstate")));
  }

  @Test
  void mvRenamesAnInstance() {
    assertEquals(0, cli.run("", "state", "mv", "terraform_data.c", "terraform_data.d[\"k\"]"));
    assertEquals(
        "Move \"terraform_data.c\" to \"terraform_data.d[\\\"k\\\"]\"\nSuccessfully moved 1 object(s).\n",
        cli.out());
    assertEquals(0, cli.run("", "state", "list"));
    assertEquals("terraform_data.b[1]\nterraform_data.d[\"k\"]\n", cli.out());
  }

  @Test
  void mvOfSomethingAbsentIsAnError() {
    assertEquals(1, cli.run("", "state", "mv", "terraform_data.zz", "terraform_data.c2"));
    assertTrue(
        cli.err()
            .contains(
                "Cannot move terraform_data.zz: does not match anything in the current state."),
        cli.err());
  }

  @Test
  void pullPrintsTheStateAndPushRefusesAnOlderSerial() throws Exception {
    assertEquals(0, cli.run("", "state", "pull"));
    String pulled = cli.out();
    assertTrue(pulled.contains("\"lineage\": \"716853db-1c94-837c-caec-8ec1010e5d65\""), pulled);
    cli.write("old.tfstate", pulled.replace("\"serial\": 6", "\"serial\": 2"));
    assertEquals(1, cli.run("", "state", "push", "old.tfstate"));
    assertTrue(
        cli.err().contains("cannot import state with serial 2 over newer state with serial 6"),
        cli.err());
    assertEquals(0, cli.run("", "state", "push", "-force", "old.tfstate"));
  }

  @Test
  void forceUnlockSaysWhenThereIsNoLock() {
    assertEquals(1, cli.run("", "force-unlock", "-force", "abc"));
    assertTrue(cli.err().contains("Failed to unlock state"), cli.err());
  }

  @Test
  void aStateFileThatIsNotJsonIsAnErrorNamingTheFile() throws Exception {
    cli.write("terraform.tfstate", "{\n  \"version\": 4,\n  \"serial\": \n");
    assertEquals(1, cli.run("", "state", "list", "-no-color"));
    assertTrue(cli.err().contains("terraform.tfstate"), cli.err());
    assertTrue(!cli.err().contains("Exception"), cli.err());
  }
}
