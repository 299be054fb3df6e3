package dev.forma.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.forma.emulator.api.AiWorkspaceApi;
import dev.forma.emulator.api.CloudContext;
import dev.forma.emulator.api.CloudSettings;
import dev.forma.emulator.api.Json;
import dev.forma.emulator.chat.ChatConfig;
import dev.forma.emulator.fault.FaultConfig;
import dev.forma.emulator.fault.FaultInjector;
import dev.forma.emulator.oss.OssStore;
import dev.forma.emulator.store.CloudStore.Table;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The admin endpoints under {@code /_emulator/} (not signed; for tests and demos):
 *
 * <ul>
 *   <li>{@code GET objects[?secrets=true]}: every object, secrets masked unless asked for;
 *   <li>{@code GET|POST faults}: the {@link FaultConfig};
 *   <li>{@code GET|POST chat}: the {@link ChatConfig};
 *   <li>{@code GET|POST settings}: the {@link CloudSettings};
 *   <li>{@code POST clock} with {@code {"advanceMillis": N}}: moves the cloud's time forward;
 *   <li>{@code GET stats}: calls received and executed per action;
 *   <li>{@code GET buckets}: the OSS bucket names; {@code POST buckets} with {@code {"name":
 *       "NAME"}}: creates an empty OSS bucket (as PutBucket does);
 *   <li>{@code POST reset}: deletes every object (OSS buckets included) and the stats;
 *   <li>{@code POST shutdown}: stops the local cloud.
 * </ul>
 */
final class AdminApi {
  private static final ObjectMapper CONFIG =
      JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();

  private final AdminControls controls;
  private final CloudContext cx;
  private final FaultInjector faults;
  private final Stats stats;
  private final OssStore oss;

  AdminApi(
      AdminControls controls, CloudContext cx, FaultInjector faults, Stats stats, OssStore oss) {
    this.controls = controls;
    this.cx = cx;
    this.faults = faults;
    this.stats = stats;
    this.oss = oss;
  }

  void handle(HttpExchange ex, List<String> segments, Map<String, List<String>> query, byte[] body)
      throws IOException {
    String method = ex.getRequestMethod();
    String what = segments.size() == 2 ? segments.get(1) : "";
    try {
      JsonNode answer =
          switch (method + " " + what) {
            case "GET objects" ->
                objects(query.containsKey("secrets") && query.get("secrets").contains("true"));
            case "GET faults" -> CONFIG.valueToTree(faults.config());
            case "POST faults" -> {
              faults.configure(CONFIG.readValue(body, FaultConfig.class));
              yield CONFIG.valueToTree(faults.config());
            }
            case "GET chat" -> CONFIG.valueToTree(controls.chat());
            case "POST chat" -> {
              controls.chat(CONFIG.readValue(body, ChatConfig.class));
              yield CONFIG.valueToTree(controls.chat());
            }
            case "GET settings" -> CONFIG.valueToTree(controls.settings());
            case "POST settings" -> {
              controls.settings(CONFIG.readValue(body, CloudSettings.class));
              yield CONFIG.valueToTree(controls.settings());
            }
            case "POST clock" -> {
              long ms = CONFIG.readTree(body).path("advanceMillis").asLong(-1);
              if (ms < 0) {
                throw new IllegalArgumentException("advanceMillis must be a number, 0 or more");
              }
              controls.advanceClock(Duration.ofMillis(ms));
              ObjectNode o = Json.MAPPER.createObjectNode();
              o.put("advancedMillis", ms);
              yield o;
            }
            case "GET stats" -> stats.toJson();
            case "GET buckets" -> buckets();
            case "POST buckets" -> {
              String name = CONFIG.readTree(body).path("name").asText("");
              String invalid = OssStore.invalidBucketName(name);
              if (invalid != null) {
                throw new IllegalArgumentException(invalid);
              }
              oss.createBucket(name);
              yield buckets();
            }
            case "POST reset" -> {
              cx.store().clear();
              oss.clear();
              stats.clear();
              yield Json.MAPPER.createObjectNode();
            }
            case "POST shutdown" -> {
              controls.shutdownSoon();
              yield Json.MAPPER.createObjectNode().put("stopping", true);
            }
            default -> null;
          };
      if (answer == null) {
        error(ex, 404, "No admin endpoint " + method + " /" + String.join("/", segments) + ".");
        return;
      }
      Exchanges.send(ex, 200, CloudHandler.JSON, Json.MAPPER.writeValueAsBytes(answer), null);
    } catch (IOException | IllegalArgumentException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      error(ex, 400, msg);
    }
  }

  private ObjectNode buckets() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode names = out.putArray("buckets");
    oss.bucketNames().forEach(names::add);
    return out;
  }

  private static void error(HttpExchange ex, int status, String message) throws IOException {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("error", message);
    Exchanges.send(ex, status, CloudHandler.JSON, Json.MAPPER.writeValueAsBytes(o), null);
  }

  private ObjectNode objects(boolean secrets) {
    return cx.store()
        .transaction(
            () -> {
              ObjectNode out = Json.MAPPER.createObjectNode();
              list(out.putArray("workspaces"), Table.WORKSPACES, secrets);
              list(out.putArray("connections"), Table.CONNECTIONS, secrets);
              list(out.putArray("services"), Table.SERVICES, secrets);
              list(out.putArray("models"), Table.MODELS, secrets);
              return out;
            });
  }

  private void list(ArrayNode into, Table t, boolean secrets) {
    cx.store()
        .table(t)
        .elements()
        .forEachRemaining(
            n -> {
              ObjectNode v = Json.publicView((ObjectNode) n);
              if (t == Table.CONNECTIONS && !secrets) {
                ObjectNode masked = v.putObject("Secrets");
                n.path("Secrets")
                    .fieldNames()
                    .forEachRemaining(k -> masked.put(k, AiWorkspaceApi.MASKED_SECRET));
              }
              if (t == Table.MODELS && secrets) {
                v.put("apiKey", n.path("_apiKey").asText());
              }
              into.add(v);
            });
  }
}
