package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan applies the child modules it was made with, or nothing: a module file changed
 * between {@code plan -out} and {@code apply PLANFILE} refuses the plan, naming the file, and
 * writes no state (the root module's files are in the plan file itself).
 */
class SavedPlanModulesTest {
  @TempDir Path dir;

  private CliRun cli() throws Exception {
    return new CliRun(dir)
        .write("main.tf", "module \"app\" {\n  source = \"./modules/app\"\n}\n")
        .write(
            "modules/app/main.tf",
            "resource \"terraform_data\" \"a\" {\n  input = \"one\"\n}\n"
                + "resource \"terraform_data\" \"b\" {\n  input = terraform_data.a.output\n}\n");
  }

  @Test
  void aModuleChangedAfterThePlanRefusesIt() throws Exception {
    CliRun cli = cli();
    assertEquals(0, cli.run("", "plan", "-no-color", "-out=p.tfplan"), cli.err());
    cli.write(
        "modules/app/main.tf",
        "resource \"terraform_data\" \"a\" {\n  input = \"one\"\n}\n"
            + "resource \"terraform_data\" \"b\" {\n  input = \"other\"\n}\n");

    assertEquals(1, cli.run("", "apply", "-no-color", "p.tfplan"));
    assertTrue(cli.err().contains("Error: Saved plan does not match its modules"), cli.err());
    assertTrue(cli.err().contains("(modules/app/main.tf)"), cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));
  }

  @Test
  void theModulesItWasMadeWithApplyIt() throws Exception {
    CliRun cli = cli();
    assertEquals(0, cli.run("", "plan", "-no-color", "-out=p.tfplan"), cli.err());
    assertEquals(0, cli.run("", "apply", "-no-color", "p.tfplan"), cli.err());
    assertTrue(cli.out().contains("Apply complete! Resources: 2 added"), cli.out());
  }
}
