package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code -json} standard output is the stream and nothing else: errors that steps report
 * through the terminal (state access here) are diagnostic messages in it, not text beside it.
 */
class JsonStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<JsonNode> messages(String out) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (String line : out.split("\n")) {
      all.add(JSON.readTree(line)); // every line is one JSON message
    }
    return all;
  }

  @Test
  void stateAccessErrorIsADiagnosticMessage() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(1, cli.run("", "plan", "-json", "-lock-timeout=abc"));
    List<JsonNode> got = messages(cli.out());
    assertEquals("", cli.err());
    assertEquals(2, got.size(), cli.out());
    assertEquals("version", got.get(0).get("type").asText());
    JsonNode d = got.get(1);
    assertEquals("diagnostic", d.get("type").asText());
    assertEquals("error", d.get("@level").asText());
    assertEquals("Error: Invalid lock timeout", d.get("@message").asText());
    assertTrue(
        d.get("diagnostic").get("detail").asText().contains("\"abc\" is not a duration"),
        cli.out());
  }

  @Test
  void withoutJsonTheSameErrorIsText() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(1, cli.run("", "plan", "-lock-timeout=abc"));
    assertTrue(cli.err().startsWith("\nError: Invalid lock timeout\n"), cli.err());
  }
}
