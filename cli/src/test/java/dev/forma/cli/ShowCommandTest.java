package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma show}, {@code state show}, {@code output} and {@code graph} over a configuration and
 * the state Terraform 1.11.4 wrote for it; the expected texts are what Terraform printed.
 */
class ShowCommandTest {
  @TempDir Path dir;
  CliRun cli;

  static String fixture(String name) throws IOException {
    try (InputStream in = ShowCommandTest.class.getResourceAsStream("/show/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(dir);
    cli.write("main.tf", fixture("main.tf"));
    cli.write("terraform.tfstate", fixture("terraform.tfstate"));
  }

  @Test
  void showPrintsTheStateAsTerraformDoes() throws Exception {
    assertEquals(0, cli.run("", "show", "-no-color"));
    assertEquals(fixture("show.txt"), cli.out());
    assertEquals("", cli.err());
  }

  @Test
  void showJsonPrintsStateFormat10() throws Exception {
    assertEquals(0, cli.run("", "show", "-json"));
    assertEquals(fixture("show.json"), cli.out());
  }

  @Test
  void showOfAStateFileGivenByPath() throws Exception {
    cli.write("other.tfstate", fixture("terraform.tfstate"));
    cli.write("terraform.tfstate", "");
    assertEquals(0, cli.run("", "show", "-no-color", "other.tfstate"));
    assertEquals(fixture("show.txt"), cli.out());
  }

  @Test
  void showWithoutStateSaysSo() throws Exception {
    java.nio.file.Files.delete(dir.resolve("terraform.tfstate"));
    assertEquals(0, cli.run("", "show"));
    assertEquals("No state.\n", cli.out());
    assertEquals(0, cli.run("", "show", "-json"));
    assertEquals("{\"format_version\":\"1.0\"}\n", cli.out());
  }

  @Test
  void showOfAnEmptyState() throws Exception {
    cli.write(
        "terraform.tfstate",
        "{\"version\":4,\"terraform_version\":\"1.11.4\",\"serial\":1,\"lineage\":\"x\","
            + "\"outputs\":{},\"resources\":[],\"check_results\":null}");
    assertEquals(0, cli.run("", "show", "-no-color"));
    assertEquals("The state file is empty. No resources are represented.\n", cli.out());
    assertEquals(0, cli.run("", "show", "-json"));
    assertEquals("{\"format_version\":\"1.0\"}\n", cli.out());
  }

  @Test
  void showOfAMissingFileIsAnError() {
    assertEquals(1, cli.run("", "show", "-no-color", "nope.tfstate"));
    assertTrue(
        cli.err().contains("Error: Failed to read the given file as a state or plan file"),
        cli.err());
    assertTrue(cli.err().contains("open nope.tfstate: no such file or\ndirectory"), cli.err());
  }

  @Test
  void showTakesAtMostOneArgument() {
    assertEquals(1, cli.run("", "show", "-no-color", "a", "b"));
    assertTrue(cli.err().contains("Error: Too many command line arguments"), cli.err());
    assertTrue(cli.err().contains("Expected at most one positional argument."), cli.err());
  }

  @Test
  void stateShowPrintsOneInstance() throws Exception {
    assertEquals(0, cli.run("", "state", "show", "-no-color", "terraform_data.b"));
    assertEquals(fixture("state-show-b.txt"), cli.out());
  }

  @Test
  void stateShowOfAnUnknownOrMalformedAddressIsAnError() {
    assertEquals(1, cli.run("", "state", "show", "terraform_data.zz"));
    assertEquals(
        "No instance found for the given address!\n\n"
            + "This command requires that the address references one specific instance.\n"
            + "To view the available instances, use \"forma state list\". Please modify \n"
            + "the address to reference a specific instance.\n",
        cli.err());
    assertEquals(1, cli.run("", "state", "show", "foo"));
    assertTrue(cli.err().startsWith("Error parsing instance address: foo\n\n"), cli.err());
  }

  @Test
  void stateShowWithoutAStateFile() throws Exception {
    java.nio.file.Files.delete(dir.resolve("terraform.tfstate"));
    assertEquals(1, cli.run("", "state", "show", "terraform_data.a"));
    assertTrue(cli.err().startsWith("No state file was found!\n"), cli.err());
  }

  @Test
  void outputPrintsAllOutputsOneOutputRawAndJson() throws Exception {
    assertEquals(0, cli.run("", "output", "-no-color"));
    assertEquals(fixture("output.txt"), cli.out());
    assertEquals(0, cli.run("", "output", "-json"));
    assertEquals(fixture("output.json"), cli.out());
    assertEquals(0, cli.run("", "output", "o"));
    assertEquals("\"hello\"\n", cli.out());
    assertEquals(0, cli.run("", "output", "s"));
    assertEquals("\"secret\"\n", cli.out());
    assertEquals(0, cli.run("", "output", "-raw", "o"));
    assertEquals("hello", cli.out());
    assertEquals(0, cli.run("", "output", "-json", "m"));
    assertEquals("{\"k\":[1,true]}\n", cli.out());
  }

  @Test
  void outputErrorsAsTerraform() {
    assertEquals(1, cli.run("", "output", "-no-color", "-raw", "m"));
    assertTrue(cli.err().contains("Error: Unsupported value for raw output"), cli.err());
    assertEquals(1, cli.run("", "output", "-no-color", "nope"));
    assertTrue(cli.err().contains("Error: Output \"nope\" not found"), cli.err());
    assertEquals(1, cli.run("", "output", "-no-color", "a", "b"));
    assertTrue(cli.err().contains("Error: Unexpected argument"), cli.err());
    assertTrue(cli.err().contains("forma output -help"), cli.err());
    assertEquals(1, cli.run("", "output", "-no-color", "-json", "-raw", "o"));
    assertTrue(cli.err().contains("The -raw and -json options are mutually-exclusive."));
    assertEquals(1, cli.run("", "output", "-no-color", "-raw"));
    assertTrue(cli.err().contains("Error: Output name required"), cli.err());
  }

  @Test
  void outputWithoutOutputsWarns() {
    assertEquals(0, cli.run("", "output", "-no-color", "-state=none.tfstate"));
    assertTrue(cli.out().contains("Warning: No outputs found"), cli.out());
    assertEquals(0, cli.run("", "output", "-json", "-state=none.tfstate"));
    assertEquals("{}\n", cli.out());
  }

  @Test
  void graphPrintsTheResourceGraphInDot() throws Exception {
    assertEquals(0, cli.run("", "graph"));
    assertEquals(fixture("graph.dot"), cli.out());
    assertEquals(0, cli.run("", "graph", "-type=plan"));
    assertEquals(1, cli.run("", "graph", "-no-color", "-type=bogus"));
    assertTrue(cli.err().contains("Error: Unsupported graph type"), cli.err());
  }
}
