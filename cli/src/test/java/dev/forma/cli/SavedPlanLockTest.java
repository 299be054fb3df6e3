package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan is applied with the provider selections it was made with: when the dependency lock
 * file changed since (another plugin jar recorded by {@code init -upgrade}), apply refuses it, as
 * Terraform refuses a plan file made with other dependency selections.
 */
class SavedPlanLockTest {
  @TempDir Path dir;

  private static String lock(String hash) {
    return "# This file is maintained automatically by \"forma init\".\n"
        + "# Manual edits may be lost in future updates.\n"
        + "\n"
        + "provider \"registry.terraform.io/acme/hello\" {\n"
        + "  version = \"0.1.0\"\n"
        + "  hashes = [\n"
        + "    \"h1:"
        + hash
        + "\",\n"
        + "  ]\n"
        + "}\n";
  }

  @Test
  void aPlanSavedWithAnotherLockFileIsRefused() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write("main.tf", "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n")
            .write(".forma.lock.hcl", lock("A".repeat(43) + "="));
    assertEquals(0, cli.run("", "plan", "-no-color", "-out=saved.tfplan"), cli.err());

    Files.writeString(dir.resolve(".forma.lock.hcl"), lock("B".repeat(43) + "="));
    assertEquals(1, cli.run("", "apply", "-no-color", "saved.tfplan"));
    assertTrue(
        cli.err()
            .startsWith(
                "\nError: Inconsistent dependency lock file\n\nThe given plan file was created"
                    + " with a different set of external dependency\nselections"),
        cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")), "nothing was applied");

    // with the lock file it was made with, it applies
    Files.writeString(dir.resolve(".forma.lock.hcl"), lock("A".repeat(43) + "="));
    assertEquals(0, cli.run("", "apply", "-no-color", "saved.tfplan"), cli.err());
    assertTrue(Files.exists(dir.resolve("terraform.tfstate")));
  }
}
