package dev.forma.provider.alicloud.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.provider.alicloud.http.AcsSigner;
import dev.forma.provider.alicloud.http.ApiRequest;
import dev.forma.provider.alicloud.http.Product;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import dev.forma.provider.sdk.http.ApiError;
import dev.forma.provider.sdk.http.ApiException;
import dev.forma.provider.sdk.lifecycle.Lifecycle;
import dev.forma.provider.sdk.lifecycle.Results;
import dev.forma.provider.sdk.lifecycle.Timeouts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code alicloud_model_router_model}: a model registered with AiContent's ModelRouter (seed 002:
 * ModelRouterCreateModel, ModelRouterQueryModel, ModelRouterUpdateModel, ModelRouterDeleteModel,
 * ModelRouterQueryModelList). {@code api_key} is sensitive and write-only; the API only shows
 * {@code apiKeyPreview}, and when that preview no longer fits the configured key the plan says the
 * key was changed outside Forma and updates it. {@code extensions} and {@code in_out} cannot be
 * updated: changing them replaces the model. Its id is the model's numeric id, as a string.
 */
public final class ModelRouterModelResource implements ResourceType {
  public static final String TYPE = "alicloud_model_router_model";

  private static final String[] BASE = {"api", "v1", "modelRouter", "open", "models"};
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Lifecycle<Session> lifecycle = new Lifecycle<>(this);

  static final BlockSchema BLOCK =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("id", Type.STRING)
                  .computed()
                  .description("The model's id.")
                  .build(),
              AttributeSchema.builder("name", Type.STRING)
                  .required()
                  .description("The model's name.")
                  .build(),
              AttributeSchema.builder("description", Type.STRING)
                  .optional()
                  .description("What the model is for.")
                  .build(),
              AttributeSchema.builder("symbol", Type.STRING)
                  .optional()
                  .description("The vendor symbol, e.g. alibaba.")
                  .build(),
              AttributeSchema.builder("tags", Type.list(Type.STRING))
                  .optional()
                  .description("Tags such as TXT_GEN; sent comma-separated.")
                  .build(),
              AttributeSchema.builder("model_id", Type.STRING)
                  .required()
                  .description("The model identifier, e.g. qwen-turbo.")
                  .build(),
              AttributeSchema.builder("model_type", Type.STRING)
                  .optional()
                  .description("The model type, e.g. Chat.")
                  .build(),
              AttributeSchema.builder("api_key", Type.STRING)
                  .optional()
                  .sensitive()
                  .writeOnly()
                  .description(
                      "The key ModelRouter calls the model with; the cloud shows only"
                          + " api_key_preview.")
                  .build(),
              AttributeSchema.builder("base_url", Type.STRING)
                  .optional()
                  .description("The base URL of the model's OpenAI-compatible API (http or https).")
                  .build(),
              AttributeSchema.builder("max_input_length", Type.STRING)
                  .optional()
                  .description("e.g. 32K or 8192.")
                  .build(),
              AttributeSchema.builder("max_output_length", Type.STRING)
                  .optional()
                  .description("e.g. 8192.")
                  .build(),
              AttributeSchema.builder("in_out", Type.STRING)
                  .optional()
                  .forceNew()
                  .description("Input and output data types.")
                  .build(),
              AttributeSchema.builder("extensions", Type.STRING)
                  .optional()
                  .forceNew()
                  .description("Extension parameters as a JSON string.")
                  .build(),
              AttributeSchema.builder("api_key_preview", Type.STRING)
                  .computed()
                  .description(
                      "The masked key the cloud shows; when it no longer fits api_key, the key was"
                          + " changed outside Forma and the plan updates it.")
                  .build(),
              AttributeSchema.builder("model_code", Type.STRING)
                  .computed()
                  .description("The code ModelRouter gives the model.")
                  .build(),
              AttributeSchema.builder("gmt_create", Type.STRING)
                  .computed()
                  .description("When the model was created.")
                  .build(),
              AttributeSchema.builder("gmt_modified", Type.STRING)
                  .computed()
                  .description("When the model was last changed.")
                  .build()),
          List.of(Timeouts.block()));

  static final String DESCRIPTION =
      "A model registered with AiContent's ModelRouter, which routes calls to it. `extensions` and"
          + " `in_out` cannot be updated: changing them replaces the model.";

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
    List<ProviderDiagnostic> out = new ArrayList<>(Timeouts.validate(config));
    String ext = Values.string(config, "extensions");
    if (ext != null && !ext.isEmpty()) {
      try {
        JsonNode n = Json.MAPPER.readTree(ext);
        if (n == null || !n.isObject()) {
          throw new IOException("not a JSON object");
        }
      } catch (IOException e) {
        out.add(
            ProviderDiagnostic.error(
                "Invalid extensions",
                "extensions must be a JSON object written as a string, e.g. jsonencode({"
                    + " temperature = 0.7 }).",
                List.of(PathStep.attr("extensions"))));
      }
    }
    String base = Values.string(config, "base_url");
    if (base != null) {
      String lower = base.toLowerCase(Locale.ROOT);
      if (!(lower.startsWith("https://") || lower.startsWith("http://"))
          || okhttp3.HttpUrl.parse(base) == null) {
        out.add(
            ProviderDiagnostic.error(
                "Invalid base_url",
                "\""
                    + base
                    + "\" is not an http(s) URL; write it like"
                    + " https://dashscope.aliyuncs.com/compatible-mode/v1.",
                List.of(PathStep.attr("base_url"))));
      }
    }
    List<Value> tags = Values.elements(config, "tags");
    for (int i = 0; i < tags.size(); i++) {
      String t =
          tags.get(i) instanceof dev.forma.provider.api.value.StringValue sv ? sv.value() : null;
      if (t != null && (t.contains(",") || t.isBlank())) {
        out.add(
            ProviderDiagnostic.error(
                "Invalid tag",
                "A tag may not be empty nor contain a comma: the API takes tags as one"
                    + " comma-separated string.",
                List.of(PathStep.attr("tags"), PathStep.index(i))));
      }
    }
    return out;
  }

  @Override
  public Requests.PlanResult plan(Requests.PlanChange r) {
    Value proposed = r.proposedNewState();
    Value prior = r.priorState();
    if (prior == null || proposed == null || r.config() == null) {
      return new Requests.PlanResult(proposed, List.of(), r.priorPrivate(), List.of());
    }
    List<ProviderDiagnostic> diags = new ArrayList<>();
    Value planned = proposed;
    String key = Values.string(r.config(), "api_key");
    String preview = Values.string(prior, "api_key_preview");
    boolean keyChangedInConfig = false;
    if (key != null) {
      String fp = fingerprintIn(r.priorPrivate());
      keyChangedInConfig = fp != null && !fingerprintMatches(fp, key);
      if (keyChangedInConfig) {
        planned = Values.with(planned, "api_key_preview", Value.unknown(Type.STRING));
      } else if (preview != null && !previewMatches(preview, key)) {
        planned = Values.with(planned, "api_key_preview", Value.unknown(Type.STRING));
        diags.add(
            ProviderDiagnostic.warning(
                "api_key was changed outside Forma",
                "The API shows the key "
                    + preview
                    + ", which is not the configured api_key: it was changed outside Forma. Apply"
                    + " sets it back to the configured key.",
                List.of(PathStep.attr("api_key"))));
      }
    }
    boolean changes = keyChangedInConfig || !diags.isEmpty();
    for (String a :
        List.of(
            "name",
            "description",
            "symbol",
            "tags",
            "model_id",
            "model_type",
            "base_url",
            "max_input_length",
            "max_output_length")) {
      Value p = Values.attr(proposed, a);
      Value q = Values.attr(prior, a);
      if (p == null ? q != null : !p.equals(q)) {
        changes = true;
      }
    }
    if (changes) {
      planned = Values.with(planned, "gmt_modified", Value.unknown(Type.STRING));
      if (!Values.attr(proposed, "model_id").equals(Values.attr(prior, "model_id"))) {
        planned = Values.with(planned, "model_code", Value.unknown(Type.STRING));
      }
    }
    return new Requests.PlanResult(planned, List.of(), r.priorPrivate(), diags);
  }

  @Override
  public Requests.ApplyResult create(Session s, Requests.Create r) {
    Value planned = r.plannedState();
    String name = Values.string(planned, "name");
    String modelId = Values.string(planned, "model_id");
    String key = Values.string(r.config() != null ? r.config() : planned, "api_key");
    ObjectNode body = fields(planned, key);
    Json.put(body, "inOut", Values.string(planned, "in_out"));
    Json.put(body, "extensions", Values.string(planned, "extensions"));
    ApiRequest create =
        ApiRequest.of(Product.AICONTENT, "ModelRouterCreateModel", "POST", BASE).body(body).build();
    String subject = named(name);
    String id;
    try {
      id =
          lifecycle
              .send(s, planned, () -> s.client().call(create), j -> Json.text(j.path("data"), "id"))
              .id();
    } catch (ApiException e) {
      return lifecycle.createRefused(e, planned);
    }
    if (id == null) {
      return Results.applyFailed(
          ProviderDiagnostic.error(
              "ModelRouterCreateModel gave no id", subject + ": the answer's data carries no id."),
          null);
    }
    String priv = privateFor(key);
    Value known = Values.with(planned, "id", Value.of(id));
    if (Values.isUnknown(known, "model_code") && modelId != null) {
      // the cloud keeps the model id sent as modelCode
      known = Values.with(known, "model_code", Value.of(modelId));
    }
    return lifecycle.readBack(s, id, planned, known, priv, "ModelRouterQueryModel");
  }

  private static ObjectNode fields(Value planned, String key) {
    ObjectNode body = Json.object();
    Json.put(body, "name", Values.string(planned, "name"));
    Json.put(body, "description", Values.string(planned, "description"));
    Json.put(body, "symbol", Values.string(planned, "symbol"));
    Value tags = Values.attr(planned, "tags");
    if (tags != null && !tags.isNull()) {
      body.put("tags", String.join(",", Values.strings(planned, "tags")));
    }
    Json.put(body, "modelId", Values.string(planned, "model_id"));
    Json.put(body, "modelType", Values.string(planned, "model_type"));
    Json.put(body, "apiKey", key);
    Json.put(body, "baseUrl", Values.string(planned, "base_url"));
    Json.put(body, "maxInputLength", Values.string(planned, "max_input_length"));
    Json.put(body, "maxOutputLength", Values.string(planned, "max_output_length"));
    return body;
  }

  /**
   * Refresh by listing: the models with ModelRouterQueryModelList, 100 a page by page index, each
   * matched by id and made into state exactly as {@link #read} does; a model the list marks deleted
   * or does not show is left to a single read (see {@link Listing#readListed}).
   */
  @Override
  public List<Requests.ReadResult> readMany(Session s, List<Requests.Read> reads) {
    return Listing.readListed(
        reads,
        prior -> Values.string(prior, "id"),
        m -> {
          Long deleted = Json.integer(m, "deleteTag");
          return deleted != null && deleted != 0 ? null : Json.text(m, "id");
        },
        this::state,
        token -> {
          int page = Listing.pageNumber(token);
          JsonNode answer =
              s.client()
                  .call(
                      ApiRequest.of(Product.AICONTENT, "ModelRouterQueryModelList", "GET", BASE)
                          .query("pageIndex", Integer.toString(page))
                          .query("pageSize", Integer.toString(Listing.PAGE_SIZE))
                          .build());
          JsonNode items = listItems(answer.path("data"));
          Long total = Json.integer(answer, "totalCount");
          if (total == null) {
            total = Json.integer(answer.path("data"), "total");
          }
          return new Listing.Page(
              items, Listing.nextPage(page, Listing.PAGE_SIZE, items.size(), total), total);
        });
  }

  @Override
  public Requests.ApplyResult update(Session s, Requests.Update r) {
    String id = Values.string(r.priorState(), "id");
    Value planned = r.plannedState();
    String key = Values.string(r.config() != null ? r.config() : planned, "api_key");
    ObjectNode body = fields(planned, key);
    return lifecycle.update(
        s,
        r,
        () ->
            s.client()
                .call(
                    ApiRequest.of(Product.AICONTENT, "ModelRouterUpdateModel", "PUT", path(id))
                        .body(body)
                        .build()),
        key == null ? r.priorPrivate() : privateFor(key));
  }

  /**
   * ModelRouterDeleteModel; an answer of data=false is an error when the model is still there.
   * There is nothing to wait for: the model is gone when the call returns.
   */
  @Override
  public Requests.Diagnostics delete(Session s, Requests.Delete r) {
    String id = Values.string(r.priorState(), "id");
    return lifecycle.delete(
        s,
        r,
        () -> {
          JsonNode answer =
              s.client()
                  .call(
                      ApiRequest.of(Product.AICONTENT, "ModelRouterDeleteModel", "DELETE", path(id))
                          .build());
          JsonNode data = answer.get("data");
          if (data != null
              && data.isBoolean()
              && !data.asBoolean()
              && lifecycle.get(s, id) != null) {
            return ProviderDiagnostic.error(
                "AiContent ModelRouterDeleteModel failed",
                "model "
                    + id
                    + ": the API answered data=false and the model still exists.\nRequestId: "
                    + Json.text(answer, "requestId"));
          }
          return null;
        },
        null,
        null);
  }

  @Override
  public ProviderDiagnostic checkImportId(String id) {
    return id.matches("\\d+")
        ? null
        : ProviderDiagnostic.error(
            "Invalid import id",
            "A ModelRouter model is imported by its numeric id; \"" + id + "\" is not a number.");
  }

  /** The words and names the SDK's lifecycle needs of this type. */
  private static final Kind KIND = new Kind("model", "name", "MODEL_ID", Set.of());

  @Override
  public Kind kind() {
    return KIND;
  }

  @Override
  public String missingOnImport(Session s, String id) {
    return "No ModelRouter model with id " + id + " exists.";
  }

  @Override
  public boolean isNotFound(ApiError e) {
    return notFound(e);
  }

  private static String[] path(String id) {
    String[] p = java.util.Arrays.copyOf(BASE, BASE.length + 1);
    p[BASE.length] = id;
    return p;
  }

  /** True for an answer that says the model does not exist. */
  static boolean notFound(ApiError e) {
    String code = e.code() == null ? "" : e.code().toUpperCase(Locale.ROOT).replace(".", "_");
    return e.httpStatus() == 404
        || code.contains("NOT_FOUND")
        || code.contains("NOTFOUND")
        || code.contains("NOT_EXIST");
  }

  /**
   * ModelRouterQueryModelList, 100 a page, paged by pageIndex until totalCount; a {@code
   * model_type} in the filter narrows the call. Models marked deleted are left out.
   */
  @Override
  public Requests.ListResult list(Session s, Requests.ListObjects r) {
    int page = Listing.pageNumber(r.pageToken());
    if (page < 0) {
      return Listing.badToken(TYPE, r.pageToken());
    }
    ApiRequest.Builder call =
        ApiRequest.of(Product.AICONTENT, "ModelRouterQueryModelList", "GET", BASE)
            .query("pageIndex", Integer.toString(page))
            .query("pageSize", Integer.toString(Listing.PAGE_SIZE));
    String type = Listing.string(r, "model_type");
    if (type != null) {
      call.query("modelType", type);
    }
    try {
      JsonNode answer = s.client().call(call.build());
      JsonNode items = listItems(answer.path("data"));
      List<Requests.Listed> out = new ArrayList<>();
      int count = 0;
      for (JsonNode m : items) {
        count++;
        Long deleted = Json.integer(m, "deleteTag");
        if (deleted != null && deleted != 0) {
          continue;
        }
        out.add(new Requests.Listed(Json.text(m, "id"), Json.text(m, "name"), state(m, null)));
      }
      Long total = Json.integer(answer, "totalCount");
      if (total == null) {
        total = Json.integer(answer.path("data"), "total");
      }
      return Listing.page(out, Listing.nextPage(page, Listing.PAGE_SIZE, count, total));
    } catch (ApiException e) {
      return Listing.failed(e, "ModelRouter models");
    }
  }

  /** The models of a list answer's data: the array itself, or its list, items or records. */
  private static JsonNode listItems(JsonNode data) {
    return data.isArray()
        ? data
        : data.has("list")
            ? data.get("list")
            : data.has("items") ? data.get("items") : data.path("records");
  }

  /** ModelRouterQueryModel: the ModelDTO, or null when the model is marked deleted. */
  @Override
  public JsonNode fetch(Session s, String id) throws ApiException {
    JsonNode answer =
        s.client()
            .call(
                ApiRequest.of(Product.AICONTENT, "ModelRouterQueryModel", "GET", path(id)).build());
    JsonNode data = answer.get("data");
    if (data == null || data.isNull() || !data.isObject()) {
      return null;
    }
    Long deleted = Json.integer(data, "deleteTag");
    return deleted != null && deleted != 0 ? null : data;
  }

  /**
   * The model of that name (and model id, when the plan has one), by ModelRouterQueryModelList;
   * null when there is none.
   */
  @Override
  public Found findByName(Session s, Value planned) throws ApiException {
    String name = nameIn(planned);
    String modelId = Values.string(planned, "model_id");
    JsonNode answer =
        s.client()
            .call(
                ApiRequest.of(Product.AICONTENT, "ModelRouterQueryModelList", "GET", BASE)
                    .query("keyword", name)
                    .query("pageIndex", "1")
                    .query("pageSize", "100")
                    .build());
    for (JsonNode m : listItems(answer.path("data"))) {
      Long deleted = Json.integer(m, "deleteTag");
      if (name.equals(Json.text(m, "name"))
          && (modelId == null
              || Json.text(m, "modelCode") == null
              || modelId.equals(Json.text(m, "modelCode")))
          && (deleted == null || deleted == 0)) {
        return Found.id(Json.text(m, "id"));
      }
    }
    return null;
  }

  /**
   * True when {@code preview} (the API's mask, e.g. {@code sk-xxx****xxx}) fits {@code key}: the
   * key starts with what is shown before the stars and ends with what is shown after them.
   */
  public static boolean previewMatches(String preview, String key) {
    int star = preview.indexOf('*');
    if (star < 0) {
      return preview.equals(key);
    }
    int end = star;
    while (end < preview.length() && preview.charAt(end) == '*') {
      end++;
    }
    String prefix = preview.substring(0, star);
    String suffix = preview.substring(end);
    return key.length() >= prefix.length() + suffix.length()
        && key.startsWith(prefix)
        && key.endsWith(suffix);
  }

  /**
   * Private data holding a salted fingerprint of the key, to tell a configured change from drift.
   */
  static String privateFor(String key) {
    if (key == null) {
      return null;
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String s = HexFormat.of().formatHex(salt);
    ObjectNode o = Json.object();
    o.put(
        "api_key_fingerprint",
        s + ":" + AcsSigner.sha256Hex((s + key).getBytes(StandardCharsets.UTF_8)));
    return o.toString();
  }

  static String fingerprintIn(String privateData) {
    if (privateData == null || privateData.isEmpty()) {
      return null;
    }
    try {
      return Json.text(Json.MAPPER.readTree(privateData), "api_key_fingerprint");
    } catch (IOException e) {
      return null;
    }
  }

  static boolean fingerprintMatches(String fingerprint, String key) {
    int colon = fingerprint.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String salt = fingerprint.substring(0, colon);
    return fingerprint
        .substring(colon + 1)
        .equals(AcsSigner.sha256Hex((salt + key).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The state object from a ModelDTO; write-only values and unchanged JSON text from {@code prior}.
   */
  @Override
  public Value state(JsonNode m, Value prior) {
    Map<String, Value> v = new HashMap<>();
    v.put("id", Values.str(Json.text(m, "id")));
    v.put("name", Values.str(Json.text(m, "name")));
    v.put("description", Values.str(Json.text(m, "description")));
    v.put("symbol", Values.str(Json.text(m, "symbol")));
    String tags = Json.text(m, "tags");
    if (tags != null) {
      List<String> t = new ArrayList<>();
      for (String x : tags.split(",")) {
        if (!x.isBlank()) {
          t.add(x.trim());
        }
      }
      v.put("tags", Values.strList(t));
    }
    String code = Json.text(m, "modelCode");
    v.put("model_id", Values.str(code));
    v.put("model_code", Values.str(code));
    v.put("model_type", Values.str(Json.text(m, "modelType")));
    v.put("base_url", Values.str(Json.text(m, "baseUrl")));
    v.put("max_input_length", Values.str(Json.text(m, "maxInputLength")));
    v.put("max_output_length", Values.str(Json.text(m, "maxOutputLength")));
    v.put("in_out", Values.str(Json.text(m, "inOut")));
    String ext = Json.text(m, "extensions");
    String priorExt = Values.string(prior, "extensions");
    v.put("extensions", Values.str(sameJson(ext, priorExt) ? priorExt : ext));
    v.put("api_key_preview", Values.str(Json.text(m, "apiKeyPreview")));
    v.put("gmt_create", Values.str(Json.text(m, "gmtCreate")));
    v.put("gmt_modified", Values.str(Json.text(m, "gmtModified")));
    for (String keep : List.of("api_key", Timeouts.BLOCK)) {
      Value x = Values.raw(prior, keep);
      if (x != null) {
        v.put(keep, x);
      }
    }
    return Values.complete(BLOCK, v);
  }

  private static boolean sameJson(String a, String b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    try {
      return Json.MAPPER.readTree(a).equals(Json.MAPPER.readTree(b));
    } catch (IOException e) {
      return a.equals(b);
    }
  }

  static final Set<String> UPDATABLE =
      Set.of(
          "name",
          "description",
          "symbol",
          "tags",
          "model_id",
          "model_type",
          "api_key",
          "base_url",
          "max_input_length",
          "max_output_length");
}
