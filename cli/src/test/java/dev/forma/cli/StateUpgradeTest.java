package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State written with an older schema version is upgraded by the provider before refresh and plan
 * ({@link RenamingProviderFactory}: version 1 renames version 0's {@code in}/{@code out}), and
 * recorded with the new version; state written by a newer provider is refused.
 */
class StateUpgradeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private CliRun cli;

  @BeforeEach
  void create() throws Exception {
    cli = new CliRun(dir);
    cli.write(
        "main.tf",
        """
        resource "renamer_data" "a" {
          input = "hello"
        }
        output "out" {
          value = renamer_data.a.output
        }
        """);
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.out() + cli.err());
  }

  private JsonNode object() throws Exception {
    JsonNode state = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
    return state.path("resources").path(0).path("instances").path(0);
  }

  /** Rewrites the recorded object as {@code edit} says. */
  private void editState(Consumer<ObjectNode> edit) throws Exception {
    Path file = dir.resolve("terraform.tfstate");
    ObjectNode state = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept((ObjectNode) state.path("resources").path(0).path("instances").path(0));
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
  }

  /** The state as version 0 of the provider wrote it: schema_version 0, {@code in}/{@code out}. */
  private void downgradeToVersion0() throws Exception {
    editState(
        o -> {
          ObjectNode attrs = (ObjectNode) o.path("attributes");
          attrs.set("in", attrs.remove("input"));
          attrs.set("out", attrs.remove("output"));
          o.put("schema_version", 0);
        });
  }

  @Test
  void planAfterUpgradeShowsNoChangeAndApplyRecordsTheNewVersion() throws Exception {
    assertEquals(1, object().path("schema_version").asLong());
    downgradeToVersion0();
    assertTrue(object().path("attributes").has("in"));
    int before = RenamingProviderFactory.UPGRADES.get();

    assertEquals(0, cli.run("", "plan", "-no-color", "-detailed-exitcode"), cli.out() + cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());
    assertTrue(RenamingProviderFactory.UPGRADES.get() > before);
    // a plan records nothing
    assertEquals(0, object().path("schema_version").asLong());

    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.out() + cli.err());
    assertTrue(cli.out().contains("0 added, 0 changed, 0 destroyed"), cli.out());
    JsonNode o = object();
    assertEquals(1, o.path("schema_version").asLong(), o.toString());
    assertEquals("hello", o.path("attributes").path("input").path("value").asText(), o.toString());
    assertFalse(o.path("attributes").has("in"), o.toString());

    // and nothing to upgrade any more
    int after = RenamingProviderFactory.UPGRADES.get();
    assertEquals(0, cli.run("", "plan", "-no-color", "-detailed-exitcode"), cli.out() + cli.err());
    assertEquals(after, RenamingProviderFactory.UPGRADES.get());
  }

  @Test
  void refreshOnlyApplyRecordsTheUpgradedState() throws Exception {
    downgradeToVersion0();
    assertEquals(
        0,
        cli.run("", "apply", "-refresh-only", "-auto-approve", "-no-color"),
        cli.out() + cli.err());
    assertEquals(1, object().path("schema_version").asLong(), object().toString());
    assertTrue(object().path("attributes").has("input"), object().toString());
  }

  @Test
  void stateOfANewerProviderIsRefusedNamingTheResourceAndBothVersions() throws Exception {
    editState(o -> o.put("schema_version", 3));
    assertEquals(1, cli.run("", "plan", "-no-color"));
    String err = cli.err().replaceAll("\\s+", " ");
    assertTrue(err.contains("Error: Resource instance managed by newer provider version"), err);
    assertTrue(
        err.contains(
            "The current state of renamer_data.a was created by a newer provider version than is"
                + " currently selected. Upgrade the renamer provider to work with this state."),
        err);
    assertTrue(err.contains("schema version 3 for renamer_data"), err);
    assertTrue(err.contains("schema is version 1"), err);
    assertFalse(err.contains("Exception"), err);
  }
}
