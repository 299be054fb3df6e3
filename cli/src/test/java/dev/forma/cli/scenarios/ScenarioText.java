package dev.forma.cli.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The normalisation the scenario suite applies to Forma's output, the same that regenerate.sh
 * applies to Terraform's: random IDs, durations, deposed keys and the lock holder's identity and
 * time are not behaviour, nor the -json stream's times and the program's name and version; progress
 * lines of parallel operations are sorted by address (stably); the addresses of a cycle are sorted.
 */
final class ScenarioText {
  private ScenarioText() {}

  static final String UUID_MASK = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern DURATION = Pattern.compile("((complete|errored) after )[0-9hms.]+");
  private static final Pattern TIMESTAMP = Pattern.compile("\"@timestamp\":\"[^\"]*\"");
  private static final Pattern ELAPSED = Pattern.compile("\"elapsed_seconds\":[0-9.]+");
  private static final Pattern VERSION_MESSAGE =
      Pattern.compile("\"@message\":\"(Terraform|Forma) [^\"]*\"(.*)\"terraform\":\"[^\"]*\"");
  private static final Pattern DEPOSED = Pattern.compile("(deposed object )[0-9a-f]{8}");
  private static final Pattern STILL =
      Pattern.compile(": Still (creating|modifying|destroying|reading)\\.\\.\\. \\[");
  private static final Pattern LOCK_FIELD = Pattern.compile("^(  (Who|Version|Created): +).*");
  private static final Pattern PROGRESS =
      Pattern.compile(
          "^[^ ].*: (Creating|Creation complete|Modifying|Modifications complete|Destroying"
              + "|Destruction complete|Reading|Read complete|Refreshing|Preparing import"
              + "|Importing|Import complete|Refresh complete|Refresh errored|Plan to |Drift detected"
              + "|Creation errored|Modifications errored|Destruction errored).*");
  private static final String CYCLE = "Error: Cycle: ";

  static String normalise(String text) {
    List<String> out = new ArrayList<>();
    List<String> run = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (String raw : lines) {
      String line = UUID.matcher(raw).replaceAll(UUID_MASK);
      line = DURATION.matcher(line).replaceAll("$10s");
      line = TIMESTAMP.matcher(line).replaceAll("\"@timestamp\":\"TIME\"");
      line = ELAPSED.matcher(line).replaceAll("\"elapsed_seconds\":0");
      line =
          VERSION_MESSAGE
              .matcher(line)
              .replaceFirst("\"@message\":\"Forma VERSION\"$2\"terraform\":\"VERSION\"");
      line = DEPOSED.matcher(line).replaceAll("$1xxxxxxxx");
      if (STILL.matcher(line).find()) {
        continue;
      }
      var lock = LOCK_FIELD.matcher(line);
      if (lock.matches()) {
        line =
            lock.group(1)
                + switch (lock.group(2)) {
                  case "Who" -> "USER@HOST";
                  case "Version" -> "VERSION";
                  default -> "TIME";
                };
      }
      if (PROGRESS.matcher(line).matches()) {
        run.add(line);
        continue;
      }
      flush(run, out);
      if (line.startsWith(CYCLE)) {
        String[] addresses = line.substring(CYCLE.length()).split(", ");
        Arrays.sort(addresses);
        line = CYCLE + String.join(", ", addresses);
      }
      out.add(line);
    }
    flush(run, out);
    return String.join("\n", out);
  }

  private static void flush(List<String> run, List<String> out) {
    run.sort(Comparator.comparing(l -> l.substring(0, l.indexOf(": "))));
    out.addAll(run);
    run.clear();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A state file with lineage, serial, version and random IDs fixed, as regenerate.sh does. */
  static JsonNode normaliseState(String stateJson) throws IOException {
    String masked = UUID.matcher(stateJson).replaceAll(UUID_MASK);
    JsonNode n = JSON.readTree(masked);
    if (n instanceof ObjectNode o) {
      o.set("lineage", TextNode.valueOf("LINEAGE"));
      o.set("serial", IntNode.valueOf(0));
      o.set("terraform_version", TextNode.valueOf("VERSION"));
    }
    return n;
  }

  static String pretty(JsonNode n) throws IOException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
  }
}
