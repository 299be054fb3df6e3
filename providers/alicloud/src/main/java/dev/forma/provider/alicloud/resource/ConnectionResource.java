package dev.forma.provider.alicloud.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.provider.alicloud.http.ApiRequest;
import dev.forma.provider.alicloud.http.Product;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Suggest;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.Nesting;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import dev.forma.provider.sdk.http.ApiException;
import dev.forma.provider.sdk.lifecycle.Lifecycle;
import dev.forma.provider.sdk.lifecycle.Results;
import dev.forma.provider.sdk.lifecycle.Timeouts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code alicloud_pai_workspace_connection}: a PAI workspace connection to a model service or a
 * database (AIWorkSpace CreateConnection, GetConnection, UpdateConnection, DeleteConnection,
 * ListConnections, ValidateConnection), with exactly the arguments of seed 001. {@code secrets} is
 * sensitive and write-only: reads ask for {@code EncryptOption=Secret} and keep the value the state
 * already has, so drift in secrets is never invented. Its id is the ConnectionId.
 */
public final class ConnectionResource implements ResourceType {
  public static final String TYPE = "alicloud_pai_workspace_connection";

  static final Set<String> NOT_FOUND = Set.of("RequestFailedErrorProblem");

  private final Lifecycle<Session> lifecycle = new Lifecycle<>(this);

  /** The configs and secrets keys each connection type takes (seed 000); null: free form. */
  record Keys(List<String> configs, List<String> secrets) {}

  static final Map<String, Keys> TYPES = new LinkedHashMap<>();

  static {
    Keys model = new Keys(List.of("base_url"), List.of("api_key"));
    Keys search = new Keys(List.of("uri", "username"), List.of("password"));
    TYPES.put("DashScopeConnection", model);
    TYPES.put("OpenLLMConnection", model);
    TYPES.put("MilvusConnection", search);
    TYPES.put("OpenSearchConnection", search);
    TYPES.put("LindormConnection", search);
    TYPES.put("ElasticsearchConnection", search);
    TYPES.put(
        "HologresConnection",
        new Keys(List.of("database", "port", "host", "user"), List.of("password")));
    TYPES.put(
        "RDSConnection",
        new Keys(List.of("database", "port", "host", "type", "username"), List.of("password")));
    TYPES.put("CustomConnection", null);
  }

  /** Connection types whose connection is a model service (checked by {@code forma check}). */
  public static final Set<String> MODEL_SERVICE_TYPES =
      Set.of("DashScopeConnection", "OpenLLMConnection");

  /** Key names that are always secrets, whatever the type. */
  static final Set<String> SECRET_NAMES =
      Set.of("password", "api_key", "apikey", "token", "secret", "access_key_secret", "secret_key");

  static final List<String> ACCESSIBILITY = List.of("PUBLIC", "PRIVATE");
  static final List<String> MODEL_TYPES = List.of("LLM", "Embedding", "ReRank");
  static final List<String> VALIDATE_TYPES = List.of("Connectivity");

  static final BlockSchema MODEL_BLOCK =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("display_name", Type.STRING)
                  .optional()
                  .description("The display name of the model.")
                  .build(),
              AttributeSchema.builder("model", Type.STRING)
                  .optional()
                  .description("The model identifier.")
                  .build(),
              AttributeSchema.builder("model_type", Type.STRING)
                  .optional()
                  .description("LLM, Embedding or ReRank.")
                  .build(),
              AttributeSchema.builder("tool_call", Type.BOOL)
                  .optional()
                  .description("Whether the model supports tool calling.")
                  .build()),
          List.of());

  static final BlockSchema RESOURCE_META_BLOCK =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("instance_id", Type.STRING)
                  .optional()
                  .forceNew()
                  .description("The instance ID.")
                  .build(),
              AttributeSchema.builder("instance_name", Type.STRING)
                  .optional()
                  .forceNew()
                  .description("The instance name.")
                  .build()),
          List.of());

  static final BlockSchema BLOCK =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("id", Type.STRING)
                  .computed()
                  .description("The ConnectionId.")
                  .build(),
              AttributeSchema.builder("accessibility", Type.STRING)
                  .optional()
                  .computed()
                  .forceNew()
                  .description("PUBLIC (all workspace members) or PRIVATE (the creator only).")
                  .build(),
              AttributeSchema.builder("configs", Type.map(Type.STRING))
                  .acceptBlockForm()
                  .required()
                  .description("Configuration key-value pairs; the keys depend on connection_type.")
                  .build(),
              AttributeSchema.builder("connection_id", Type.STRING)
                  .optional()
                  .computed()
                  .forceNew()
                  .description("The connection ID.")
                  .build(),
              AttributeSchema.builder("connection_name", Type.STRING)
                  .required()
                  .forceNew()
                  .description("The connection's name, unique in its workspace.")
                  .build(),
              AttributeSchema.builder("connection_type", Type.STRING)
                  .required()
                  .forceNew()
                  .description("One of " + String.join(", ", TYPES.keySet()) + ".")
                  .build(),
              AttributeSchema.builder("description", Type.STRING)
                  .optional()
                  .description("What the connection is for.")
                  .build(),
              AttributeSchema.builder("secrets", Type.map(Type.STRING))
                  .acceptBlockForm()
                  .optional()
                  .sensitive()
                  .writeOnly()
                  .description("Key-value pairs to encrypt: passwords, model API keys.")
                  .build(),
              AttributeSchema.builder("validate_type", Type.STRING)
                  .optional()
                  .description("Connectivity: test the connection at create; ignored afterwards.")
                  .build(),
              AttributeSchema.builder("workspace_id", Type.STRING)
                  .required()
                  .forceNew()
                  .description("The ID of the workspace the connection belongs to.")
                  .build()),
          List.of(
              new NestedBlockSchema("models", MODEL_BLOCK, Nesting.LIST, 0, 0, false),
              new NestedBlockSchema(
                  "resource_meta", RESOURCE_META_BLOCK, Nesting.SINGLE, 0, 1, true),
              Timeouts.block()));

  static final String DESCRIPTION =
      "A PAI workspace connection: the platform's link to a model service (DashScope, an"
          + " OpenAI-compatible LLM service) or to a database or search service (Milvus,"
          + " OpenSearch, Lindorm, Elasticsearch, Hologres and others). `secrets` are sent to the"
          + " cloud encrypted and never read back.";

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public ResourceSchema schema() {
    return new ResourceSchema(
        TYPE, new BlockSchema(BLOCK.attributes(), BLOCK.blocks(), DESCRIPTION), 0);
  }

  @Override
  public List<ProviderDiagnostic> validate(Value config) {
    return validate(config, Set.of());
  }

  /**
   * As {@link #validate(Value)}; a configs map written as a block ({@code configs { }}, as seed
   * 001's own example does) that lacks keys gets a warning, not an error. Misspelt keys and secrets
   * in configs stay errors.
   */
  @Override
  public List<ProviderDiagnostic> validate(Value config, Set<String> blockForm) {
    List<ProviderDiagnostic> out = new ArrayList<>(Timeouts.validate(config));
    oneOf(out, config, "accessibility", ACCESSIBILITY);
    oneOf(out, config, "validate_type", VALIDATE_TYPES);
    List<Value> models = Values.elements(config, "models");
    for (int i = 0; i < models.size(); i++) {
      String mt = Values.string(models.get(i), "model_type");
      if (mt != null && !MODEL_TYPES.contains(mt)) {
        out.add(
            ProviderDiagnostic.error(
                "Invalid model_type",
                "\""
                    + mt
                    + "\" is not a model type; use one of "
                    + String.join(", ", MODEL_TYPES)
                    + "."
                    + Suggest.didYouMean(mt, MODEL_TYPES),
                List.of(PathStep.attr("models"), PathStep.index(i), PathStep.attr("model_type"))));
      }
    }
    String type = Values.string(config, "connection_type");
    if (type == null) {
      return out;
    }
    if (!TYPES.containsKey(type)) {
      out.add(
          ProviderDiagnostic.error(
              "Invalid connection_type",
              "\""
                  + type
                  + "\" is not a connection type; use one of "
                  + String.join(", ", TYPES.keySet())
                  + "."
                  + Suggest.didYouMean(type, TYPES.keySet()),
              List.of(PathStep.attr("connection_type"))));
      return out;
    }
    Keys keys = TYPES.get(type);
    if (keys == null) {
      return out;
    }
    checkKeys(out, config, type, keys, blockForm.contains("configs"));
    return out;
  }

  private static void checkKeys(
      List<ProviderDiagnostic> out,
      Value config,
      String type,
      Keys keys,
      boolean configsWrittenAsBlock) {
    Value configs = Values.attr(config, "configs");
    if (configs != null && configs.isKnown() && !configs.isNull()) {
      Map<String, Value> given = Values.entries(config, "configs");
      for (String k : given.keySet()) {
        List<PathStep> at = List.of(PathStep.attr("configs"), PathStep.key(k));
        if (keys.configs().contains(k)) {
          continue;
        }
        if (keys.secrets().contains(k) || SECRET_NAMES.contains(k)) {
          out.add(
              ProviderDiagnostic.error(
                  "Secret in configs",
                  "\""
                      + k
                      + "\" is a secret: configs are stored and shown in plain text. Move it to"
                      + " secrets (secrets = { "
                      + k
                      + " = ... }).",
                  at));
        } else {
          out.add(
              ProviderDiagnostic.error(
                  "Unsupported configs key",
                  "A "
                      + type
                      + " takes the configs keys "
                      + quoted(keys.configs())
                      + "; \""
                      + k
                      + "\" is not one of them."
                      + Suggest.didYouMean(k, keys.configs()),
                  at));
        }
      }
      List<String> missing = new ArrayList<>();
      for (String k : keys.configs()) {
        if (!given.containsKey(k)) {
          missing.add(k);
        }
      }
      if (!missing.isEmpty()) {
        String detail =
            "A "
                + type
                + " needs the configs key"
                + (missing.size() > 1 ? "s " : " ")
                + quoted(missing)
                + ".";
        List<PathStep> at = List.of(PathStep.attr("configs"));
        out.add(
            configsWrittenAsBlock
                ? ProviderDiagnostic.warning(
                    "Missing configs key",
                    detail + " The cloud may refuse the connection or its validation without it.",
                    at)
                : ProviderDiagnostic.error("Missing configs key", detail, at));
      }
    }
    Value secrets = Values.attr(config, "secrets");
    // null secrets: this configuration leaves the secrets to the cloud (an adopted connection
    // whose secrets nobody has looked up yet), so there is nothing to check
    if (secrets != null && secrets.isKnown() && !secrets.isNull()) {
      Map<String, Value> given = Values.entries(config, "secrets");
      for (String k : given.keySet()) {
        if (keys.secrets().contains(k)) {
          continue;
        }
        List<PathStep> at = List.of(PathStep.attr("secrets"), PathStep.key(k));
        if (keys.configs().contains(k)) {
          out.add(
              ProviderDiagnostic.error(
                  "Not a secret",
                  "\""
                      + k
                      + "\" is a configuration value of a "
                      + type
                      + ", not a secret; move it to configs.",
                  at));
        } else {
          out.add(
              ProviderDiagnostic.error(
                  "Unsupported secrets key",
                  "A "
                      + type
                      + " takes the secrets key"
                      + (keys.secrets().size() > 1 ? "s " : " ")
                      + quoted(keys.secrets())
                      + "; \""
                      + k
                      + "\" is not one of them."
                      + Suggest.didYouMean(k, keys.secrets()),
                  at));
        }
      }
      for (String k : keys.secrets()) {
        if (!given.containsKey(k)) {
          out.add(
              ProviderDiagnostic.warning(
                  "Missing secrets key",
                  "A "
                      + type
                      + " usually needs the secret \""
                      + k
                      + "\"; without it the service may refuse the connection.",
                  List.of(PathStep.attr("secrets"))));
        }
      }
    }
  }

  private static String quoted(List<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add("\"" + n + "\""));
    return String.join(", ", q);
  }

  private static void oneOf(
      List<ProviderDiagnostic> out, Value config, String name, List<String> allowed) {
    String v = Values.string(config, name);
    if (v != null && !allowed.contains(v)) {
      out.add(
          ProviderDiagnostic.error(
              "Invalid " + name,
              "\""
                  + v
                  + "\" is not allowed for "
                  + name
                  + "; use "
                  + String.join(" or ", allowed)
                  + "."
                  + Suggest.didYouMean(v, allowed),
              List.of(PathStep.attr(name))));
    }
  }

  @Override
  public Requests.ApplyResult create(Session s, Requests.Create r) {
    Value planned = r.plannedState();
    String name = Values.string(planned, "connection_name");
    String workspace = Values.string(planned, "workspace_id");
    String type = Values.string(planned, "connection_type");
    Map<String, String> configs = Values.stringMap(planned, "configs");
    Map<String, String> secrets = secretsOf(r.config(), planned);
    String subject = "connection \"" + name + "\"";
    if ("Connectivity".equals(Values.string(planned, "validate_type"))) {
      ObjectNode v = Json.object();
      v.put("WorkspaceId", workspace);
      v.put("ConnectionType", type);
      v.set("Configs", Json.stringMap(configs));
      if (secrets != null) {
        v.set("Secrets", Json.stringMap(secrets));
      }
      v.put("ValidateType", "Connectivity");
      try {
        JsonNode answer =
            s.client()
                .call(
                    ApiRequest.of(
                            Product.AIWORKSPACE,
                            "ValidateConnection",
                            "POST",
                            "api",
                            "v1",
                            "connections",
                            "validate")
                        .body(v)
                        .idempotent(true)
                        .build());
        JsonNode ok = answer.get("Success");
        if (ok != null && ok.isBoolean() && !ok.asBoolean()) {
          return Results.applyFailed(
              ProviderDiagnostic.error(
                  "Connection validation failed",
                  subject
                      + ": ValidateConnection says the "
                      + type
                      + " cannot be reached"
                      + (Json.text(answer, "Message") == null
                          ? "."
                          : ": " + Json.text(answer, "Message"))
                      + "\nRequestId: "
                      + Json.text(answer, "RequestId")),
              null);
        }
      } catch (ApiException e) {
        return Results.applyFailed(e, subject + " (validate_type = \"Connectivity\")", null);
      }
    }
    ObjectNode body = Json.object();
    body.put("WorkspaceId", workspace);
    body.put("ConnectionName", name);
    body.put("ConnectionType", type);
    Json.put(body, "Accessibility", Values.string(planned, "accessibility"));
    Json.put(body, "Description", Values.string(planned, "description"));
    body.set("Configs", Json.stringMap(configs));
    if (secrets != null) {
      body.set("Secrets", Json.stringMap(secrets));
    }
    Value meta = Values.attr(planned, "resource_meta");
    if (meta != null && !meta.isNull()) {
      ObjectNode m = Json.object();
      Json.put(m, "InstanceId", Values.string(meta, "instance_id"));
      Json.put(m, "InstanceName", Values.string(meta, "instance_name"));
      body.set("ResourceMeta", m);
    }
    ArrayNode models = modelsJson(planned);
    if (models != null) {
      body.set("Models", models);
    }
    ApiRequest create =
        ApiRequest.of(Product.AIWORKSPACE, "CreateConnection", "POST", "api", "v1", "connections")
            .body(body)
            .build();
    String id;
    try {
      id =
          lifecycle
              .send(s, planned, () -> s.client().call(create), j -> Json.text(j, "ConnectionId"))
              .id();
    } catch (ApiException e) {
      return lifecycle.createRefused(e, planned);
    }
    Value known =
        Values.with(Values.with(planned, "id", Value.of(id)), "connection_id", Value.of(id));
    return lifecycle.readBack(s, id, planned, known, null, "GetConnection");
  }

  /**
   * The configured secrets, plain: from the configuration (the planned state may hold a
   * fingerprint).
   */
  private static Map<String, String> secretsOf(Value config, Value planned) {
    Value source = config != null && Values.attr(config, "secrets") != null ? config : planned;
    Value v = Values.attr(source, "secrets");
    if (v == null || v.isNull() || !v.isKnown()) {
      return null;
    }
    return Values.stringMap(source, "secrets");
  }

  private static ArrayNode modelsJson(Value planned) {
    List<Value> models = Values.elements(planned, "models");
    Value raw = Values.attr(planned, "models");
    if (raw == null || raw.isNull()) {
      return null;
    }
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (Value m : models) {
      ObjectNode o = Json.object();
      Json.put(o, "Model", Values.string(m, "model"));
      Json.put(o, "DisplayName", Values.string(m, "display_name"));
      Json.put(o, "ModelType", Values.string(m, "model_type"));
      Boolean tc = Values.bool(m, "tool_call");
      if (tc != null) {
        o.put("ToolCall", tc);
      }
      a.add(o);
    }
    return a;
  }

  /**
   * Refresh by listing: the connections of each workspace with ListConnections, 100 a page, each
   * matched to its prior state by ConnectionId and made into state exactly as {@link #read} does. A
   * connection the list does not show is left to a single read (an offset-paged list that shifts
   * under a concurrent delete may skip one, and only a read may say it is gone); so is every
   * connection of a workspace whose list fails, and the rest of a workspace whose pages would cost
   * more calls than reading its remaining connections one by one.
   */
  @Override
  public List<Requests.ReadResult> readMany(Session s, List<Requests.Read> reads) {
    Map<String, List<Integer>> byWorkspace = new LinkedHashMap<>();
    for (int i = 0; i < reads.size(); i++) {
      Value prior = reads.get(i).priorState();
      String workspace = Values.string(prior, "workspace_id");
      if (workspace != null && Values.string(prior, "id") != null) {
        byWorkspace.computeIfAbsent(workspace, k -> new ArrayList<>()).add(i);
      }
    }
    List<Requests.ReadResult> out = new ArrayList<>(Collections.nCopies(reads.size(), null));
    for (var e : byWorkspace.entrySet()) {
      Listing.readListed(
          reads,
          e.getValue(),
          prior -> Values.string(prior, "id"),
          c -> Json.text(c, "ConnectionId"),
          this::state,
          token -> {
            ApiRequest.Builder call =
                ApiRequest.of(
                        Product.AIWORKSPACE, "ListConnections", "GET", "api", "v1", "connections")
                    .query("WorkspaceId", e.getKey())
                    .query("MaxResults", Integer.toString(Listing.PAGE_SIZE))
                    .query("EncryptOption", "Secret");
            if (token != null) {
              call.query("NextToken", token);
            }
            JsonNode answer = s.client().call(call.build());
            String next = Json.text(answer, "NextToken");
            return new Listing.Page(
                answer.path("Connections"),
                next == null || next.isEmpty() ? null : next,
                Json.integer(answer, "TotalCount"));
          },
          out);
    }
    return out;
  }

  @Override
  public Requests.ApplyResult update(Session s, Requests.Update r) {
    String id = Values.string(r.priorState(), "id");
    Value planned = r.plannedState();
    ObjectNode body = Json.object();
    body.set("Configs", Json.stringMap(Values.stringMap(planned, "configs")));
    Json.put(body, "Description", Values.string(planned, "description"));
    ArrayNode models = modelsJson(planned);
    body.set("Models", models == null ? Json.MAPPER.createArrayNode() : models);
    Map<String, String> secrets = secretsOf(r.config(), planned);
    if (secrets != null) {
      body.set("Secrets", Json.stringMap(secrets));
    }
    return lifecycle.update(
        s,
        r,
        () ->
            s.client()
                .call(
                    ApiRequest.of(
                            Product.AIWORKSPACE,
                            "UpdateConnection",
                            "PUT",
                            "api",
                            "v1",
                            "connections",
                            id)
                        .body(body)
                        .build()),
        r.priorPrivate());
  }

  @Override
  public Requests.Diagnostics delete(Session s, Requests.Delete r) {
    String id = Values.string(r.priorState(), "id");
    return lifecycle.delete(
        s,
        r,
        () -> {
          s.client()
              .call(
                  ApiRequest.of(
                          Product.AIWORKSPACE,
                          "DeleteConnection",
                          "DELETE",
                          "api",
                          "v1",
                          "connections",
                          id)
                      .build());
          return null;
        },
        null,
        null);
  }

  /**
   * ListConnections of one workspace ({@code workspace_id} is required), 100 a page, paged by
   * NextToken; a {@code connection_type} or {@code connection_name} in the filter narrows the call.
   * Secrets come back masked and are not kept: {@code secrets} is null, as after an import.
   */
  @Override
  public Requests.ListResult list(Session s, Requests.ListObjects r) {
    String workspace = Listing.string(r, "workspace_id");
    if (workspace == null) {
      return Listing.needs(TYPE, "workspace_id", "connections are listed one workspace at a time.");
    }
    ApiRequest.Builder call =
        ApiRequest.of(Product.AIWORKSPACE, "ListConnections", "GET", "api", "v1", "connections")
            .query("WorkspaceId", workspace)
            .query("MaxResults", Integer.toString(Listing.PAGE_SIZE))
            .query("EncryptOption", "Secret");
    String type = Listing.string(r, "connection_type");
    if (type != null) {
      call.query("ConnectionTypes", type);
    }
    String name = Listing.string(r, "connection_name");
    if (name != null) {
      call.query("ConnectionName", name);
    }
    if (r.pageToken() != null) {
      call.query("NextToken", r.pageToken());
    }
    try {
      JsonNode answer = s.client().call(call.build());
      List<Requests.Listed> out = new ArrayList<>();
      for (JsonNode c : answer.path("Connections")) {
        out.add(
            new Requests.Listed(
                Json.text(c, "ConnectionId"), Json.text(c, "ConnectionName"), state(c, null)));
      }
      String next = Json.text(answer, "NextToken");
      return Listing.page(out, next == null || next.isEmpty() || out.isEmpty() ? null : next);
    } catch (ApiException e) {
      return Listing.failed(e, "connections of workspace " + workspace);
    }
  }

  /** The words and names the SDK's lifecycle needs of this type. */
  private static final Kind KIND =
      new Kind("connection", "connection_name", "CONNECTION_ID", NOT_FOUND);

  @Override
  public Kind kind() {
    return KIND;
  }

  @Override
  public String missingOnImport(Session s, String id) {
    return "No PAI workspace connection with id \"" + id + "\" exists in this account and region.";
  }

  /** GetConnection, secrets masked (EncryptOption=Secret). */
  @Override
  public JsonNode fetch(Session s, String id) throws ApiException {
    return s.client()
        .call(
            ApiRequest.of(
                    Product.AIWORKSPACE, "GetConnection", "GET", "api", "v1", "connections", id)
                .query("EncryptOption", "Secret")
                .build());
  }

  /** The connection of that name in its workspace, by ListConnections; null when there is none. */
  @Override
  public Found findByName(Session s, Value planned) throws ApiException {
    String name = nameIn(planned);
    String workspace = Values.string(planned, "workspace_id");
    JsonNode list =
        s.client()
            .call(
                ApiRequest.of(
                        Product.AIWORKSPACE, "ListConnections", "GET", "api", "v1", "connections")
                    .query("WorkspaceId", workspace)
                    .query("ConnectionName", name)
                    .build());
    for (JsonNode c : list.path("Connections")) {
      if (name.equals(Json.text(c, "ConnectionName"))
          && (workspace == null
              || Json.text(c, "WorkspaceId") == null
              || workspace.equals(Json.text(c, "WorkspaceId")))) {
        return Found.id(Json.text(c, "ConnectionId"));
      }
    }
    return null;
  }

  /**
   * The state object from a GetConnection answer; write-only and create-only values from {@code
   * prior}.
   */
  @Override
  public Value state(JsonNode c, Value prior) {
    Map<String, Value> m = new HashMap<>();
    String id = Json.text(c, "ConnectionId");
    m.put("id", Values.str(id));
    m.put("connection_id", Values.str(id));
    m.put("accessibility", Values.str(Json.text(c, "Accessibility")));
    m.put("connection_name", Values.str(Json.text(c, "ConnectionName")));
    m.put("connection_type", Values.str(Json.text(c, "ConnectionType")));
    m.put("description", Values.str(Json.text(c, "Description")));
    m.put("workspace_id", Values.str(Json.text(c, "WorkspaceId")));
    Map<String, String> configs = Json.stringMap(c, "Configs");
    m.put("configs", Values.strMap(configs == null ? Map.of() : configs));
    List<Value> models = new ArrayList<>();
    for (JsonNode x : c.path("Models")) {
      Map<String, Value> mm = new HashMap<>();
      mm.put("model", Values.str(Json.text(x, "Model")));
      mm.put("display_name", Values.str(Json.text(x, "DisplayName")));
      mm.put("model_type", Values.str(Json.text(x, "ModelType")));
      mm.put("tool_call", Values.bool(Json.bool(x, "ToolCall")));
      models.add(Values.block(MODEL_BLOCK, mm));
    }
    m.put("models", Values.blockList(MODEL_BLOCK, models));
    JsonNode meta = c.get("ResourceMeta");
    if (meta != null
        && (Json.text(meta, "InstanceId") != null || Json.text(meta, "InstanceName") != null)) {
      Map<String, Value> mm = new HashMap<>();
      mm.put("instance_id", Values.str(Json.text(meta, "InstanceId")));
      mm.put("instance_name", Values.str(Json.text(meta, "InstanceName")));
      m.put("resource_meta", Values.block(RESOURCE_META_BLOCK, mm));
    }
    for (String keep : List.of("secrets", "validate_type", Timeouts.BLOCK)) {
      Value v = Values.raw(prior, keep);
      if (v != null) {
        m.put(keep, v);
      }
    }
    return Values.complete(BLOCK, m);
  }
}
