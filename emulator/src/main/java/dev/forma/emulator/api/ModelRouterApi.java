package dev.forma.emulator.api;

import static dev.forma.emulator.api.Json.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.emulator.store.CloudStore.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * AiContent 20240611 ModelRouter models (camelCase JSON in the envelope {@code {requestId, success,
 * errCode, errMessage, httpStatusCode, data}}). The API key is kept but never returned: only {@code
 * apiKeyPreview}, masked. {@code extensions} and {@code inOut} are set at create only. Model names
 * are unique.
 */
public final class ModelRouterApi {
  /** Model types accepted (inferred: seed 002 shows "Chat"; the others name the usual kinds). */
  public static final Set<String> MODEL_TYPES =
      Json.set("Chat", "Embedding", "ReRank", "Image", "Audio", "Video", "Multimodal");

  private static final List<String> STRING_FIELDS =
      List.of(
          "name", "description", "symbol", "tags", "baseUrl", "maxInputLength", "maxOutputLength");

  private final CloudContext cx;

  public ModelRouterApi(CloudContext cx) {
    this.cx = cx;
  }

  /** The routes of this product. */
  public List<Route> routes() {
    Product p = Product.AICONTENT;
    String base = "/api/v1/modelRouter/open/models";
    return List.of(
        Route.of(p, "ModelRouterCreateModel", "POST", base, true, this::create),
        Route.of(p, "ModelRouterQueryModelList", "GET", base, false, this::list),
        Route.of(p, "ModelRouterQueryModel", "GET", base + "/{}", false, this::query),
        Route.of(p, "ModelRouterUpdateModel", "PUT", base + "/{}", true, this::update),
        Route.of(p, "ModelRouterDeleteModel", "DELETE", base + "/{}", true, this::delete));
  }

  /** The envelope of a failed call. */
  public static ObjectNode errorEnvelope(String requestId, int status, String code, String msg) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("requestId", requestId);
    out.put("success", false);
    out.put("errCode", code);
    out.put("errMessage", msg);
    out.put("httpStatusCode", status);
    out.putNull("data");
    return out;
  }

  private static ObjectNode ok(ApiRequest r, JsonNode data) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("requestId", r.requestId());
    out.put("success", true);
    out.put("httpStatusCode", 200);
    out.set("data", data);
    return out;
  }

  /** The key's preview: its first six and last three characters around four stars. */
  public static String preview(String key) {
    if (key == null || key.isEmpty()) {
      return "";
    }
    if (key.length() < 12) {
      return "****";
    }
    return key.substring(0, 6) + "****" + key.substring(key.length() - 3);
  }

  private ObjectNode create(ApiRequest r, List<String> params) {
    ObjectNode b = r.json();
    String name = Json.required(b, "name");
    String modelId = Json.required(b, "modelId");
    String type = Json.oneOf("modelType", Json.required(b, "modelType"), MODEL_TYPES);
    String extensions = Json.optional(b, "extensions");
    if (extensions != null && !extensions.isBlank()) {
      try {
        MAPPER.readTree(extensions);
      } catch (IOException e) {
        throw ApiException.invalid("extensions", "must be a JSON text.");
      }
    }
    ObjectNode table = cx.store.table(Table.MODELS);
    checkUniqueName(table, name, null);
    long id = cx.store.nextId("model", 1);
    String now = cx.clock.stamp();
    ObjectNode m = MAPPER.createObjectNode();
    m.put("id", id);
    for (String f : STRING_FIELDS) {
      String v = Json.optional(b, f);
      m.put(f, v == null ? "" : v);
    }
    m.put("modelCode", modelId);
    m.put("modelType", type);
    String key = Json.optional(b, "apiKey");
    m.put("apiKeyPreview", preview(key));
    m.put("inOut", nullToEmpty(Json.optional(b, "inOut")));
    m.put("extensions", nullToEmpty(extensions));
    m.put("isCustom", true);
    m.put("deleteTag", 0);
    m.put("hasBillingRule", false);
    m.put("gmtCreate", now);
    m.put("gmtModified", now);
    m.put("version", 0);
    m.put("_apiKey", key == null ? "" : key);
    table.set(Long.toString(id), m);
    cx.save();
    return ok(r, Json.publicView(m));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static void checkUniqueName(ObjectNode table, String name, String exceptId) {
    for (ObjectNode m : Json.values(table)) {
      if (m.path("name").asText().equals(name) && !m.path("id").asText().equals(exceptId)) {
        throw new ApiException(
            409, "ModelAlreadyExists", "A model named \"" + name + "\" already exists.");
      }
    }
  }

  private ObjectNode model(String id) {
    JsonNode m = cx.store.table(Table.MODELS).get(id);
    if (m == null) {
      throw new ApiException(404, "ModelNotFound", "The model " + id + " does not exist.");
    }
    return (ObjectNode) m;
  }

  private ObjectNode query(ApiRequest r, List<String> params) {
    return ok(r, Json.publicView(model(params.get(0))));
  }

  private ObjectNode update(ApiRequest r, List<String> params) {
    ObjectNode m = model(params.get(0));
    ObjectNode b = r.json();
    String type = Json.oneOf("modelType", Json.optional(b, "modelType"), MODEL_TYPES);
    String name = Json.optional(b, "name");
    if (name != null) {
      if (name.isBlank()) {
        throw ApiException.missing("name");
      }
      checkUniqueName(cx.store.table(Table.MODELS), name, params.get(0));
    }
    for (String f : STRING_FIELDS) {
      String v = Json.optional(b, f);
      if (v != null) {
        m.put(f, v);
      }
    }
    String modelId = Json.optional(b, "modelId");
    if (modelId != null) {
      if (modelId.isBlank()) {
        throw ApiException.missing("modelId");
      }
      m.put("modelCode", modelId);
    }
    if (type != null) {
      m.put("modelType", type);
    }
    String key = Json.optional(b, "apiKey");
    if (key != null) {
      m.put("_apiKey", key);
      m.put("apiKeyPreview", preview(key));
    }
    JsonNode status = b.get("status");
    if (status != null && !status.isNull()) {
      if (!status.isValueNode()) {
        throw ApiException.invalid("status", "must be a string or a number.");
      }
      m.set("status", status);
    }
    m.put("gmtModified", cx.clock.stamp());
    m.put("version", m.path("version").asInt() + 1);
    cx.save();
    return ok(r, Json.publicView(m));
  }

  private ObjectNode delete(ApiRequest r, List<String> params) {
    model(params.get(0));
    cx.store.table(Table.MODELS).remove(params.get(0));
    cx.save();
    return ok(r, MAPPER.getNodeFactory().booleanNode(true));
  }

  private ObjectNode list(ApiRequest r, List<String> params) {
    int page = Json.pageParam("pageIndex", r.query("pageIndex"), 1, 100_000);
    int size = Json.pageParam("pageSize", r.query("pageSize"), 10, 100);
    String keyword = r.query("keyword");
    String type = r.query("modelType");
    List<ObjectNode> all = new ArrayList<>();
    for (ObjectNode m : Json.values(cx.store.table(Table.MODELS))) {
      if (keyword != null
          && !m.path("name").asText().contains(keyword)
          && !m.path("modelCode").asText().contains(keyword)) {
        continue;
      }
      if (type != null && !m.path("modelType").asText().equals(type)) {
        continue;
      }
      all.add(m);
    }
    all.sort(Comparator.comparingLong(n -> n.path("id").asLong()));
    ArrayNode data = Json.array();
    int from = Math.min((page - 1) * size, all.size());
    for (ObjectNode m : all.subList(from, Math.min(from + size, all.size()))) {
      data.add(Json.publicView(m));
    }
    ObjectNode out = ok(r, data);
    out.put("pageIndex", page);
    out.put("pageSize", size);
    out.put("totalCount", all.size());
    return out;
  }
}
