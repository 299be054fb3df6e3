package dev.forma.emulator.api;

import static dev.forma.emulator.api.Json.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.emulator.store.CloudStore.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * AIWorkSpace 2021-02-04: workspaces and connections (PascalCase JSON). Workspaces start
 * INITIALIZING and become ENABLED after the configured delay; connection names are unique per
 * workspace and workspace names unique in the account; secrets come back in plain text only when
 * {@code EncryptOption=PlainText}.
 */
public final class AiWorkspaceApi {
  /** The connection types of seed 000 and the Terraform resource. */
  public static final Set<String> CONNECTION_TYPES =
      Json.set(
          "DashScopeConnection",
          "OpenLLMConnection",
          "MilvusConnection",
          "OpenSearchConnection",
          "LindormConnection",
          "ElasticsearchConnection",
          "HologresConnection",
          "RDSConnection",
          "CustomConnection");

  public static final Set<String> ACCESSIBILITY = Json.set("PUBLIC", "PRIVATE");
  public static final Set<String> MODEL_TYPES = Json.set("LLM", "Embedding", "ReRank");
  public static final Set<String> ENCRYPT_OPTIONS = Json.set("PlainText", "Secret");

  /** What a secret value looks like when {@code EncryptOption} is not {@code PlainText}. */
  public static final String MASKED_SECRET = "******";

  private static final Pattern WORKSPACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{2,22}");
  private static final String DEFAULT_RESOURCE_GROUP = "rg-local-default";

  /** Configs and Secrets keys each connection type needs to pass ValidateConnection. */
  private static final Map<String, List<List<String>>> VALIDATION_KEYS =
      Map.of(
          "DashScopeConnection", List.of(List.of("base_url"), List.of("api_key")),
          "OpenLLMConnection", List.of(List.of("base_url"), List.of("api_key")),
          "OpenSearchConnection", List.of(List.of("uri", "username"), List.of("password")),
          "LindormConnection", List.of(List.of("uri", "username"), List.of("password")),
          "ElasticsearchConnection", List.of(List.of("uri", "username"), List.of("password")),
          "MilvusConnection", List.of(List.of("uri", "username"), List.of("password")),
          "HologresConnection",
              List.of(List.of("database", "port", "host", "user"), List.of("password")),
          "RDSConnection",
              List.of(List.of("database", "port", "host", "type", "username"), List.of("password")),
          "CustomConnection", List.of(List.of(), List.of()));

  private final CloudContext cx;

  public AiWorkspaceApi(CloudContext cx) {
    this.cx = cx;
  }

  /** The routes of this product. */
  public List<Route> routes() {
    Product p = Product.AIWORKSPACE;
    return List.of(
        Route.of(p, "CreateWorkspace", "POST", "/api/v1/workspaces", true, this::createWorkspace),
        Route.of(p, "ListWorkspaces", "GET", "/api/v1/workspaces", false, this::listWorkspaces),
        Route.of(p, "GetWorkspace", "GET", "/api/v1/workspaces/{}", false, this::getWorkspace),
        Route.of(p, "UpdateWorkspace", "PUT", "/api/v1/workspaces/{}", true, this::updateWorkspace),
        Route.of(
            p, "DeleteWorkspace", "DELETE", "/api/v1/workspaces/{}", true, this::deleteWorkspace),
        Route.of(
            p, "ValidateConnection", "POST", "/api/v1/connections/validate", false, this::validate),
        Route.of(
            p, "CreateConnection", "POST", "/api/v1/connections", true, this::createConnection),
        Route.of(p, "ListConnections", "GET", "/api/v1/connections", false, this::listConnections),
        Route.of(p, "GetConnection", "GET", "/api/v1/connections/{}", false, this::getConnection),
        Route.of(
            p, "UpdateConnection", "PUT", "/api/v1/connections/{}", true, this::updateConnection),
        Route.of(
            p,
            "DeleteConnection",
            "DELETE",
            "/api/v1/connections/{}",
            true,
            this::deleteConnection));
  }

  // ---- workspaces

  private ObjectNode createWorkspace(ApiRequest r, List<String> params) {
    ObjectNode b = r.json();
    String name = Json.required(b, "WorkspaceName");
    if (!WORKSPACE_NAME.matcher(name).matches()) {
      throw ApiException.invalid(
          "WorkspaceName",
          "must be 3 to 23 letters, digits or underscores and start with a letter.");
    }
    String description = Json.required(b, "Description");
    checkDescription(description);
    String displayName = Json.optional(b, "DisplayName");
    List<String> envTypes = envTypes(b);
    String rg = Json.optional(b, "ResourceGroupId");
    ObjectNode table = cx.store.table(Table.WORKSPACES);
    for (ObjectNode w : Json.values(table)) {
      if (w.path("WorkspaceName").asText().equals(name)) {
        throw ApiException.exists("A workspace named \"" + name + "\"");
      }
    }
    String id = Long.toString(cx.store.nextId("workspace", 100001));
    String now = cx.clock.stamp();
    ObjectNode w = MAPPER.createObjectNode();
    w.put("WorkspaceId", id);
    w.put("WorkspaceName", name);
    w.put("Description", description);
    w.put("DisplayName", displayName == null || displayName.isEmpty() ? name : displayName);
    ArrayNode env = w.putArray("EnvTypes");
    envTypes.forEach(env::add);
    w.put("ResourceGroupId", rg == null || rg.isEmpty() ? DEFAULT_RESOURCE_GROUP : rg);
    w.put("Status", "INITIALIZING");
    w.put("IsDefault", false);
    w.put("Creator", CloudContext.ACCOUNT_ID);
    w.putArray("AdminNames");
    w.put("GmtCreateTime", now);
    w.put("GmtModifiedTime", now);
    w.put("_seq", cx.store.nextId("seq", 1));
    w.put(
        "_readyAt", cx.clock.now().toEpochMilli() + cx.settings.get().workspaceReadyDelayMillis());
    table.set(id, w);
    cx.save();
    ObjectNode out = ok(r);
    out.put("WorkspaceId", id);
    return out;
  }

  private static void checkDescription(String d) {
    if (d.codePointCount(0, d.length()) > 80) {
      throw ApiException.invalid("Description", "must be at most 80 characters.");
    }
  }

  private static List<String> envTypes(ObjectNode b) {
    JsonNode n = b.get("EnvTypes");
    if (n == null || n.isNull() || (n.isArray() && n.isEmpty())) {
      throw ApiException.missing("EnvTypes");
    }
    if (!n.isArray()) {
      throw ApiException.invalid("EnvTypes", "must be a list of strings.");
    }
    Set<String> set = new LinkedHashSet<>();
    n.forEach(e -> set.add(e.asText()));
    if (set.equals(Set.of("prod"))) {
      return List.of("prod");
    }
    if (set.equals(Set.of("dev", "prod"))) {
      return List.of("dev", "prod");
    }
    throw ApiException.invalid("EnvTypes", "must be [\"prod\"] or [\"dev\", \"prod\"].");
  }

  private ObjectNode workspace(String id) {
    JsonNode w = cx.store.table(Table.WORKSPACES).get(id);
    if (w == null) {
      throw new ApiException(
          404, "100400027", "The workspace " + id + " does not exist or has been deleted.");
    }
    ObjectNode o = (ObjectNode) w;
    if (o.path("Status").asText().equals("INITIALIZING")
        && cx.clock.now().toEpochMilli() >= o.path("_readyAt").asLong()) {
      o.put("Status", "ENABLED");
      cx.save();
    }
    return o;
  }

  private ObjectNode getWorkspace(ApiRequest r, List<String> params) {
    ObjectNode out = ok(r);
    out.setAll(Json.publicView(workspace(params.get(0))));
    return out;
  }

  private ObjectNode updateWorkspace(ApiRequest r, List<String> params) {
    ObjectNode w = workspace(params.get(0));
    ObjectNode b = r.json();
    String d = Json.optional(b, "Description");
    String dn = Json.optional(b, "DisplayName");
    if (d != null) {
      checkDescription(d);
      w.put("Description", d);
    }
    if (dn != null) {
      w.put("DisplayName", dn);
    }
    w.put("GmtModifiedTime", cx.clock.stamp());
    cx.save();
    return ok(r);
  }

  private ObjectNode deleteWorkspace(ApiRequest r, List<String> params) {
    String id = params.get(0);
    workspace(id);
    for (ObjectNode c : Json.values(cx.store.table(Table.CONNECTIONS))) {
      if (c.path("WorkspaceId").asText().equals(id)) {
        throw new ApiException(
            400,
            "WorkspaceNotEmpty",
            "The workspace "
                + id
                + " still holds connections (for example "
                + c.path("ConnectionId").asText()
                + "); delete them first.");
      }
    }
    cx.store.table(Table.WORKSPACES).remove(id);
    cx.save();
    return ok(r);
  }

  private ObjectNode listWorkspaces(ApiRequest r, List<String> params) {
    int page = Json.pageParam("PageNumber", r.query("PageNumber"), 1, 100_000);
    int size = Json.pageParam("PageSize", r.query("PageSize"), 20, 100);
    String name = r.query("WorkspaceName");
    List<String> ids = Json.list(r.query("WorkspaceIds"));
    String status = r.query("Status");
    List<ObjectNode> all = new ArrayList<>();
    for (String id : iterableKeys(cx.store.table(Table.WORKSPACES))) {
      ObjectNode w = workspace(id);
      if (name != null && !w.path("WorkspaceName").asText().contains(name)) {
        continue;
      }
      if (!ids.isEmpty() && !ids.contains(id)) {
        continue;
      }
      if (status != null && !w.path("Status").asText().equals(status)) {
        continue;
      }
      all.add(w);
    }
    sort(all, r.query("Order"));
    ObjectNode out = ok(r);
    out.put("TotalCount", all.size());
    ArrayNode items = out.putArray("Workspaces");
    int from = Math.min((page - 1) * size, all.size());
    for (ObjectNode w : all.subList(from, Math.min(from + size, all.size()))) {
      items.add(Json.publicView(w));
    }
    return out;
  }

  // ---- connections

  private ObjectNode createConnection(ApiRequest r, List<String> params) {
    ObjectNode b = r.json();
    String workspaceId = Json.required(b, "WorkspaceId");
    String name = Json.required(b, "ConnectionName");
    String type =
        Json.oneOf("ConnectionType", Json.required(b, "ConnectionType"), CONNECTION_TYPES);
    ObjectNode configs = Json.stringMap(b, "Configs");
    if (configs == null) {
      throw ApiException.missing("Configs");
    }
    ObjectNode secrets = Json.stringMap(b, "Secrets");
    String accessibility =
        Json.oneOf("Accessibility", Json.optional(b, "Accessibility"), ACCESSIBILITY);
    String description = Json.optional(b, "Description");
    ArrayNode models = models(b);
    ObjectNode meta = resourceMeta(b);
    workspace(workspaceId);
    ObjectNode table = cx.store.table(Table.CONNECTIONS);
    for (ObjectNode c : Json.values(table)) {
      if (c.path("WorkspaceId").asText().equals(workspaceId)
          && c.path("ConnectionName").asText().equals(name)) {
        throw ApiException.exists(
            "A connection named \"" + name + "\" in workspace " + workspaceId);
      }
    }
    String id = "conn-" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    String now = cx.clock.stamp();
    ObjectNode c = MAPPER.createObjectNode();
    c.put("ConnectionId", id);
    c.put("ConnectionName", name);
    c.put("ConnectionType", type);
    c.put("Accessibility", accessibility == null ? "PRIVATE" : accessibility);
    c.put("Description", description == null ? "" : description);
    c.set("Configs", configs);
    c.set("Secrets", secrets == null ? MAPPER.createObjectNode() : secrets);
    if (models != null) {
      c.set("Models", models);
    }
    if (meta != null) {
      c.set("ResourceMeta", meta);
    }
    c.put("WorkspaceId", workspaceId);
    c.put("Creator", CloudContext.ACCOUNT_ID);
    c.put("GmtCreateTime", now);
    c.put("GmtModifiedTime", now);
    c.put("_seq", cx.store.nextId("seq", 1));
    table.set(id, c);
    cx.save();
    ObjectNode out = ok(r);
    out.put("ConnectionId", id);
    return out;
  }

  private static ArrayNode models(ObjectNode b) {
    JsonNode n = b.get("Models");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw ApiException.invalid("Models", "must be a list of objects.");
    }
    ArrayNode out = Json.array();
    int i = 0;
    for (JsonNode m : n) {
      if (!(m instanceof ObjectNode o)) {
        throw ApiException.invalid("Models." + (i + 1), "must be an object.");
      }
      ObjectNode x = MAPPER.createObjectNode();
      String model = Json.optional(o, "Model");
      String display = Json.optional(o, "DisplayName");
      String type =
          Json.oneOf(
              "Models." + (i + 1) + ".ModelType", Json.optional(o, "ModelType"), MODEL_TYPES);
      JsonNode tool = o.get("ToolCall");
      if (tool != null && !tool.isNull() && !tool.isBoolean()) {
        throw ApiException.invalid("Models." + (i + 1) + ".ToolCall", "must be a boolean.");
      }
      if (model != null) {
        x.put("Model", model);
      }
      if (display != null) {
        x.put("DisplayName", display);
      }
      if (type != null) {
        x.put("ModelType", type);
      }
      if (tool != null && !tool.isNull()) {
        x.put("ToolCall", tool.asBoolean());
      }
      out.add(x);
      i++;
    }
    return out;
  }

  private static ObjectNode resourceMeta(ObjectNode b) {
    JsonNode n = b.get("ResourceMeta");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!(n instanceof ObjectNode o)) {
      throw ApiException.invalid("ResourceMeta", "must be an object.");
    }
    ObjectNode x = MAPPER.createObjectNode();
    for (String f : List.of("InstanceId", "InstanceName", "Extra")) {
      String v = Json.optional(o, f);
      if (v != null) {
        x.put(f, v);
      }
    }
    return x;
  }

  private ObjectNode connection(String id) {
    JsonNode c = cx.store.table(Table.CONNECTIONS).get(id);
    if (c == null) {
      throw new ApiException(
          404, "RequestFailedErrorProblem", "The connection " + id + " does not exist.");
    }
    return (ObjectNode) c;
  }

  private static boolean plainText(ApiRequest r) {
    String option = Json.oneOf("EncryptOption", r.query("EncryptOption"), ENCRYPT_OPTIONS);
    return "PlainText".equals(option);
  }

  /** The connection as the API shows it: secrets masked unless plain text was asked for. */
  private static ObjectNode view(ObjectNode c, boolean plainText) {
    ObjectNode v = Json.publicView(c);
    if (!plainText) {
      ObjectNode masked = MAPPER.createObjectNode();
      v.path("Secrets").fieldNames().forEachRemaining(k -> masked.put(k, MASKED_SECRET));
      v.set("Secrets", masked);
    }
    return v;
  }

  private ObjectNode getConnection(ApiRequest r, List<String> params) {
    boolean plain = plainText(r);
    ObjectNode out = ok(r);
    out.setAll(view(connection(params.get(0)), plain));
    return out;
  }

  private ObjectNode updateConnection(ApiRequest r, List<String> params) {
    ObjectNode c = connection(params.get(0));
    ObjectNode b = r.json();
    ObjectNode configs = Json.stringMap(b, "Configs");
    ObjectNode secrets = Json.stringMap(b, "Secrets");
    String description = Json.optional(b, "Description");
    ArrayNode models = models(b);
    if (configs != null) {
      c.set("Configs", configs);
    }
    if (secrets != null) {
      c.set("Secrets", secrets);
    }
    if (description != null) {
      c.put("Description", description);
    }
    if (models != null) {
      c.set("Models", models);
    }
    c.put("GmtModifiedTime", cx.clock.stamp());
    cx.save();
    return ok(r);
  }

  private ObjectNode deleteConnection(ApiRequest r, List<String> params) {
    connection(params.get(0));
    cx.store.table(Table.CONNECTIONS).remove(params.get(0));
    cx.save();
    return ok(r);
  }

  private ObjectNode listConnections(ApiRequest r, List<String> params) {
    boolean plain = plainText(r);
    int max = Json.pageParam("MaxResults", r.query("MaxResults"), 10, 100);
    int offset = 0;
    String token = r.query("NextToken");
    if (token != null && !token.isEmpty()) {
      try {
        offset = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        offset = -1;
      }
      if (offset < 0) {
        throw ApiException.invalid("NextToken", "is not a token this API returned.");
      }
    }
    String workspaceId = r.query("WorkspaceId");
    String name = r.query("ConnectionName");
    List<String> types = Json.list(r.query("ConnectionTypes"));
    List<String> ids = Json.list(r.query("ConnectionIds"));
    List<String> modelTypes = Json.list(r.query("ModelTypes"));
    String accessibility = Json.oneOf("Accessibility", r.query("Accessibility"), ACCESSIBILITY);
    String creator = r.query("Creator");
    String model = r.query("Model");
    String toolCall = r.query("ToolCall");
    String sortBy = r.query("SortBy");
    if (sortBy != null && !sortBy.equals("GmtCreateTime")) {
      throw ApiException.invalid("SortBy", "must be GmtCreateTime.");
    }
    if (workspaceId != null) {
      workspace(workspaceId);
    }
    List<ObjectNode> all = new ArrayList<>();
    for (ObjectNode c : Json.values(cx.store.table(Table.CONNECTIONS))) {
      if (workspaceId != null && !c.path("WorkspaceId").asText().equals(workspaceId)) {
        continue;
      }
      if (name != null && !c.path("ConnectionName").asText().equals(name)) {
        continue;
      }
      if (!types.isEmpty() && !types.contains(c.path("ConnectionType").asText())) {
        continue;
      }
      if (!ids.isEmpty() && !ids.contains(c.path("ConnectionId").asText())) {
        continue;
      }
      if (accessibility != null && !c.path("Accessibility").asText().equals(accessibility)) {
        continue;
      }
      if (creator != null && !c.path("Creator").asText().equals(creator)) {
        continue;
      }
      if ((model != null || !modelTypes.isEmpty() || toolCall != null)
          && !hasModel(c, model, modelTypes, toolCall)) {
        continue;
      }
      all.add(c);
    }
    sort(all, r.query("Order"));
    ObjectNode out = ok(r);
    ArrayNode items = out.putArray("Connections");
    int from = Math.min(offset, all.size());
    int to = Math.min(from + max, all.size());
    for (ObjectNode c : all.subList(from, to)) {
      items.add(view(c, plain));
    }
    out.put("TotalCount", all.size());
    out.put("MaxResults", max);
    if (to < all.size()) {
      out.put("NextToken", Integer.toString(to));
    }
    return out;
  }

  private static boolean hasModel(
      ObjectNode c, String model, List<String> modelTypes, String toolCall) {
    for (JsonNode m : c.path("Models")) {
      if (model != null && !m.path("Model").asText().equals(model)) {
        continue;
      }
      if (!modelTypes.isEmpty() && !modelTypes.contains(m.path("ModelType").asText())) {
        continue;
      }
      if (toolCall != null
          && m.path("ToolCall").asBoolean(false) != Boolean.parseBoolean(toolCall)) {
        continue;
      }
      return true;
    }
    return false;
  }

  private ObjectNode validate(ApiRequest r, List<String> params) {
    ObjectNode b = r.json();
    String workspaceId = Json.required(b, "WorkspaceId");
    String validateType = Json.optional(b, "ValidateType");
    Json.oneOf("ValidateType", validateType, Json.set("Connectivity"));
    String connectionId = Json.optional(b, "ConnectionId");
    workspace(workspaceId);
    String type =
        Json.oneOf("ConnectionType", Json.optional(b, "ConnectionType"), CONNECTION_TYPES);
    ObjectNode configs = MAPPER.createObjectNode();
    ObjectNode secrets = MAPPER.createObjectNode();
    if (connectionId != null) {
      ObjectNode c = connection(connectionId);
      type = type == null ? c.path("ConnectionType").asText() : type;
      configs.setAll((ObjectNode) c.path("Configs"));
      secrets.setAll((ObjectNode) c.path("Secrets"));
    } else if (type == null) {
      throw ApiException.missing("ConnectionType");
    }
    ObjectNode cfg = Json.stringMap(b, "Configs");
    ObjectNode sec = Json.stringMap(b, "Secrets");
    if (cfg != null) {
      configs.setAll(cfg);
    }
    if (sec != null) {
      secrets.setAll(sec);
    }
    List<String> missing = new ArrayList<>();
    List<List<String>> keys = VALIDATION_KEYS.get(type);
    for (String k : keys.get(0)) {
      if (configs.path(k).asText("").isBlank()) {
        missing.add("Configs." + k);
      }
    }
    for (String k : keys.get(1)) {
      if (secrets.path(k).asText("").isBlank()) {
        missing.add("Secrets." + k);
      }
    }
    ObjectNode out = ok(r);
    ObjectNode details = out.putObject("Details");
    if (missing.isEmpty()) {
      out.put("Status", "success");
      out.put("Message", "The connection is reachable.");
    } else {
      out.put("Status", "failed");
      out.put("Code", "ConnectionValidateFailed");
      out.put(
          "Message",
          "The connection cannot be reached: missing " + String.join(", ", missing) + ".");
      missing.forEach(m -> details.put(m, "missing"));
    }
    return out;
  }

  // ---- shared

  private static ObjectNode ok(ApiRequest r) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("RequestId", r.requestId());
    return out;
  }

  private static List<String> iterableKeys(ObjectNode table) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  /** Newest first (Order=DESC, the default) or oldest first (ASC). */
  private static void sort(List<ObjectNode> items, String order) {
    String o = Json.oneOf("Order", order, Json.set("ASC", "DESC"));
    Comparator<ObjectNode> bySeq = Comparator.comparingLong(n -> n.path("_seq").asLong());
    items.sort("ASC".equals(o) ? bySeq : bySeq.reversed());
  }
}
