package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code moved} blocks through the commands: a saved plan keeps its moves, {@code show -json} gives
 * each moved change Terraform's {@code previous_address}, and applying the file moves the object in
 * the state without touching it.
 */
class MovedBlockCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aSavedPlanKeepsItsMovesForShowJsonAndApply() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                """
                resource "terraform_data" "conn" {
                  for_each = toset(["dashscope", "milvus"])
                  input    = each.key
                }
                """);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    String id =
        JSON.readTree(Files.readString(dir.resolve("terraform.tfstate")))
            .at("/resources/0/instances/0/attributes/id")
            .asText();
    cli.write(
        "main.tf",
        """
        resource "terraform_data" "conn" {
          for_each = { qwen = "dashscope", milvus = "milvus" }
          input    = each.value
        }

        moved {
          from = terraform_data.conn["dashscope"]
          to   = terraform_data.conn["qwen"]
        }
        """);
    assertEquals(2, cli.run("", "plan", "-out=moves.tfplan", "-detailed-exitcode"), cli.err());
    assertTrue(
        cli.out()
            .contains(
                "  # terraform_data.conn[\"dashscope\"] has moved to terraform_data.conn[\"qwen\"]"),
        cli.out());

    assertEquals(0, cli.run("", "plan", "-json"), cli.err());
    JsonNode move = null;
    for (String line : cli.out().split("\n")) {
      JsonNode n = JSON.readTree(line);
      if (n.path("type").asText().equals("planned_change")) {
        assertEquals(null, move, "one planned change: " + cli.out());
        move = n;
      }
    }
    assertEquals("terraform_data.conn[\"qwen\"]: Plan to move", move.path("@message").asText());
    assertEquals(
        "terraform_data.conn[\"dashscope\"]",
        move.at("/change/previous_resource/addr").asText(),
        move.toString());
    assertEquals("move", move.at("/change/action").asText());

    assertEquals(0, cli.run("", "show", "-json", "moves.tfplan"), cli.err());
    JsonNode changes = JSON.readTree(cli.out()).path("resource_changes");
    JsonNode qwen = changes.get(1);
    assertEquals("terraform_data.conn[\"qwen\"]", qwen.path("address").asText());
    assertEquals("terraform_data.conn[\"dashscope\"]", qwen.path("previous_address").asText());
    java.util.List<String> fields = new java.util.ArrayList<>();
    qwen.fieldNames().forEachRemaining(fields::add);
    assertEquals(fields.indexOf("address") + 1, fields.indexOf("previous_address"), "as Terraform");
    assertFalse(changes.get(0).has("previous_address"), changes.toString());

    assertEquals(0, cli.run("", "apply", "moves.tfplan"), cli.err());
    assertTrue(
        cli.out().contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed."),
        cli.out());
    JsonNode state = JSON.readTree(Files.readString(dir.resolve("terraform.tfstate")));
    JsonNode instances = state.at("/resources/0/instances");
    assertEquals(2, instances.size());
    assertEquals("milvus", instances.get(0).path("index_key").asText());
    assertEquals("qwen", instances.get(1).path("index_key").asText());
    assertEquals(id, instances.get(1).at("/attributes/id").asText(), "the same object");

    assertEquals(0, cli.run("", "plan", "-detailed-exitcode"), cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());
  }
}
