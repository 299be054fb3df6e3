package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma graph} of a configuration with nested module calls: every module's resources, each
 * module instance path as a cluster, edges across calls (inputs, outputs) with the ones another
 * path implies left out. The expected text is what Terraform 1.11.4's {@code terraform graph}
 * printed for the same files (the modules-basic scenario's configuration plus two root resources
 * reading module outputs).
 */
class ModuleGraphTest {
  @TempDir Path dir;

  @Test
  void graphDrawsEveryModuleAsTerraformDoes() throws Exception {
    Path step1 = Path.of("src/test/resources/scenarios/modules-basic/step1");
    CliRun cli = new CliRun(dir);
    cli.write(
        "main.tf",
        Files.readString(step1.resolve("main.tf"))
            + """

            resource "terraform_data" "zroot" {
              input = module.dev.endpoint
            }
            resource "terraform_data" "aroot" {
              input = module.prod.names
            }
            """);
    cli.write("modules/app/main.tf", Files.readString(step1.resolve("modules/app/main.tf")));
    cli.write("modules/tag/main.tf", Files.readString(step1.resolve("modules/tag/main.tf")));

    assertEquals(0, cli.run("", "graph"), cli.err());
    assertEquals(ShowCommandTest.fixture("graph-modules.dot"), cli.out());
  }
}
