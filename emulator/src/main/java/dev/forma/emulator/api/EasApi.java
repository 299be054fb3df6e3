package dev.forma.emulator.api;

import static dev.forma.emulator.api.Json.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.emulator.store.CloudStore.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * PAI-EAS 2021-07-01: LLM app services. A service is created {@code Creating} and becomes {@code
 * Running} after the configured delay, or {@code Failed} (with Reason and Message) when its spec or
 * name is in the settings' fail lists; an update passes through {@code Updating} (or {@code
 * Scaling} when only the replicas change). Service names are unique in the region; the path's
 * ClusterId is the region.
 */
public final class EasApi {
  /** Seed 003's ServiceSpec values. */
  public static final Set<String> SERVICE_SPECS =
      Json.set(
          "llama_7b_fp16",
          "llama_7b_int8",
          "llama_13b_fp16",
          "chatglm_6b_fp16",
          "chatglm_6b_int8",
          "chatglm2_6b_fp16",
          "baichuan_7b_int8",
          "baichuan_13b_fp16",
          "baichuan_7b_fp16");

  public static final Set<String> APP_TYPES = Json.set("LLM");
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Set<String> TRANSITIONAL = Json.set("Creating", "Updating", "Scaling");

  private final CloudContext cx;

  public EasApi(CloudContext cx) {
    this.cx = cx;
  }

  /** The routes of this product. */
  public List<Route> routes() {
    Product p = Product.EAS;
    return List.of(
        Route.of(p, "CreateAppService", "POST", "/api/v2/app_services", true, this::create),
        Route.of(p, "UpdateAppService", "PUT", "/api/v2/app_services/{}/{}", true, this::update),
        Route.of(p, "DescribeService", "GET", "/api/v2/services/{}/{}", false, this::describe),
        Route.of(p, "DeleteService", "DELETE", "/api/v2/services/{}/{}", true, this::delete),
        Route.of(p, "ListServices", "GET", "/api/v2/services", false, this::list));
  }

  private ObjectNode create(ApiRequest r, List<String> params) {
    ObjectNode b = r.json();
    String name = Json.required(b, "ServiceName");
    if (!SERVICE_NAME.matcher(name).matches()) {
      throw ApiException.invalid(
          "ServiceName",
          "must be 1 to 64 lower-case letters, digits or underscores and start with a letter.");
    }
    String appType = Json.oneOf("AppType", Json.required(b, "AppType"), APP_TYPES);
    String spec = Json.oneOf("ServiceSpec", Json.required(b, "ServiceSpec"), SERVICE_SPECS);
    int replicas = replicas(b, true);
    String version = Json.optional(b, "AppVersion");
    ObjectNode config = config(b);
    String workspaceId = r.query("WorkspaceId");
    if (workspaceId != null
        && !workspaceId.isEmpty()
        && cx.store.table(Table.WORKSPACES).get(workspaceId) == null) {
      throw ApiException.invalid("WorkspaceId", "names no workspace: " + workspaceId + ".");
    }
    ObjectNode table = cx.store.table(Table.SERVICES);
    String key = cx.region + "/" + name;
    if (table.has(key)) {
      throw ApiException.exists("A service named \"" + name + "\" in region " + cx.region);
    }
    String now = cx.clock.stamp();
    ObjectNode s = MAPPER.createObjectNode();
    s.put("ServiceId", "eas-m-" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
    s.put("ServiceName", name);
    s.put("ServiceUid", s.get("ServiceId").asText().substring(6));
    s.put("Region", cx.region);
    s.put("Status", "Creating");
    s.put("Reason", "");
    s.put("Message", "Service is being created.");
    s.put("AppType", appType);
    s.put("AppVersion", version == null ? "" : version);
    s.put("AppSpecName", spec);
    s.put("AppConfig", config == null ? "" : compact(config));
    s.put("TotalInstance", replicas);
    s.put("RunningInstance", 0);
    s.put("PendingInstance", replicas);
    s.put("WorkspaceId", workspaceId == null ? "" : workspaceId);
    s.put("QuotaId", r.query("QuotaId") == null ? "" : r.query("QuotaId"));
    s.put("CallerUid", CloudContext.ACCOUNT_ID);
    s.put("AccessToken", newToken());
    s.put("CreateTime", now);
    s.put("UpdateTime", now);
    s.put("_seq", cx.store.nextId("seq", 1));
    scheduleReady(s);
    table.set(key, s);
    cx.save();
    ObjectNode out = ok(r);
    ObjectNode v = view(s);
    for (String f :
        List.of(
            "ServiceId",
            "ServiceName",
            "Status",
            "Region",
            "InternetEndpoint",
            "IntranetEndpoint")) {
      out.set(f, v.get(f));
    }
    return out;
  }

  /** A service's token: what callers of its endpoints send as {@code Authorization}. */
  private static String newToken() {
    return java.util.Base64.getEncoder()
        .withoutPadding()
        .encodeToString(
            (UUID.randomUUID().toString() + UUID.randomUUID())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .substring(0, 40);
  }

  /**
   * What a call to a service's endpoint ({@code /api/predict/<name>/...}) meets: the service's
   * status and token, or null when no service has that name (in any region this cloud holds).
   * Applies a pending transition first, as DescribeService does.
   */
  public PredictTarget predictTarget(String name) {
    return cx.store.transaction(
        () -> {
          for (ObjectNode s : Json.values(cx.store.table(Table.SERVICES))) {
            if (s.path("ServiceName").asText().equals(name)) {
              settle(s);
              if (!s.hasNonNull("AccessToken")) {
                s.put("AccessToken", newToken()); // a service saved before tokens existed
                cx.save();
              }
              return new PredictTarget(
                  name,
                  s.path("Status").asText(),
                  s.path("Message").asText(),
                  s.path("AccessToken").asText());
            }
          }
          return null;
        });
  }

  /** A service as its endpoint sees it: its status (with message) and its token. */
  public record PredictTarget(String name, String status, String message, String token) {}

  private static int replicas(ObjectNode b, boolean required) {
    JsonNode n = b.get("Replicas");
    if (n == null || n.isNull()) {
      if (required) {
        throw ApiException.missing("Replicas");
      }
      return -1;
    }
    int v;
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      v = n.asInt();
    } else if (n.isTextual()) {
      try {
        v = Integer.parseInt(n.asText().trim());
      } catch (NumberFormatException e) {
        throw ApiException.invalid("Replicas", "must be an integer.");
      }
    } else {
      throw ApiException.invalid("Replicas", "must be an integer.");
    }
    if (v < 0 || v > 1000) {
      throw ApiException.invalid("Replicas", "must be between 0 and 1000.");
    }
    return v;
  }

  private static ObjectNode config(ObjectNode b) {
    JsonNode n = b.get("Config");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!(n instanceof ObjectNode c)) {
      throw ApiException.invalid("Config", "must be an object.");
    }
    String storage = Json.optional(c, "ModelStorage");
    if (storage != null) {
      switch (storage) {
        case "oss" -> {
          String path = Json.required(c, "OssPath");
          if (!path.startsWith("oss://")) {
            throw ApiException.invalid("OssPath", "must start with oss://.");
          }
        }
        case "nas" -> {
          for (String f :
              List.of("NasMountTarget", "NasPath", "SecurityGroupID", "VpcID", "VswitchID")) {
            Json.required(c, f);
          }
        }
        default ->
            throw ApiException.invalid(
                "Config.ModelStorage",
                "has an invalid value \"" + storage + "\"; valid values: [nas, oss].");
      }
    }
    return c;
  }

  private static String compact(ObjectNode o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void scheduleReady(ObjectNode s) {
    s.put("_readyAt", cx.clock.now().toEpochMilli() + cx.settings.get().serviceReadyDelayMillis());
  }

  /** The service, its pending transition applied when its time has come. */
  private ObjectNode service(String clusterId, String name) {
    JsonNode n = cx.store.table(Table.SERVICES).get(clusterId + "/" + name);
    if (n == null) {
      throw new ApiException(
          404,
          "InvalidService.NotFound",
          "Service " + name + " in cluster " + clusterId + " does not exist.");
    }
    ObjectNode s = (ObjectNode) n;
    settle(s);
    return s;
  }

  private void settle(ObjectNode s) {
    if (!TRANSITIONAL.contains(s.path("Status").asText())
        || cx.clock.now().toEpochMilli() < s.path("_readyAt").asLong()) {
      return;
    }
    CloudSettings set = cx.settings.get();
    int total = s.path("TotalInstance").asInt();
    if (set.failServiceSpecs().contains(s.path("AppSpecName").asText())
        || set.failServiceNames().contains(s.path("ServiceName").asText())) {
      s.put("Status", "Failed");
      s.put("Reason", "ResourceInsufficient");
      s.put(
          "Message",
          "The instances of service "
              + s.path("ServiceName").asText()
              + " could not be scheduled: no resources left for spec "
              + s.path("AppSpecName").asText()
              + ".");
      s.put("RunningInstance", 0);
      s.put("PendingInstance", total);
    } else {
      s.put("Status", "Running");
      s.put("Reason", "RUNNING");
      s.put("Message", "Service is now running");
      s.put("RunningInstance", total);
      s.put("PendingInstance", 0);
    }
    s.put("UpdateTime", cx.clock.stamp());
    cx.save();
  }

  /** The service as the API shows it, with endpoints at this local cloud's current address. */
  private ObjectNode view(ObjectNode s) {
    ObjectNode v = Json.publicView(s);
    String name = s.path("ServiceName").asText();
    v.put("InternetEndpoint", cx.baseUrl.get() + "/api/predict/" + name);
    v.put(
        "IntranetEndpoint",
        "http://" + name + ".vpc." + cx.region + ".pai-eas.local/api/predict/" + name);
    return v;
  }

  private ObjectNode update(ApiRequest r, List<String> params) {
    ObjectNode s = service(params.get(0), params.get(1));
    ObjectNode b = r.json();
    String appType = Json.oneOf("AppType", Json.optional(b, "AppType"), APP_TYPES);
    String spec = Json.oneOf("ServiceSpec", Json.optional(b, "ServiceSpec"), SERVICE_SPECS);
    String version = Json.optional(b, "AppVersion");
    int replicas = replicas(b, false);
    ObjectNode config = config(b);
    boolean otherChange = false;
    if (appType != null && !appType.equals(s.path("AppType").asText())) {
      s.put("AppType", appType);
      otherChange = true;
    }
    if (spec != null && !spec.equals(s.path("AppSpecName").asText())) {
      s.put("AppSpecName", spec);
      otherChange = true;
    }
    if (version != null && !version.equals(s.path("AppVersion").asText())) {
      s.put("AppVersion", version);
      otherChange = true;
    }
    if (config != null && !compact(config).equals(s.path("AppConfig").asText())) {
      s.put("AppConfig", compact(config));
      otherChange = true;
    }
    boolean scaled = replicas >= 0 && replicas != s.path("TotalInstance").asInt();
    if (scaled) {
      s.put("TotalInstance", replicas);
      s.put("PendingInstance", Math.max(0, replicas - s.path("RunningInstance").asInt()));
    }
    boolean failed = s.path("Status").asText().equals("Failed");
    if (otherChange || scaled || failed) {
      s.put("Status", otherChange || failed ? "Updating" : "Scaling");
      s.put("Reason", "");
      s.put("Message", otherChange || failed ? "Service is being updated." : "Service is scaling.");
      s.put("UpdateTime", cx.clock.stamp());
      scheduleReady(s);
      cx.save();
    }
    ObjectNode out = ok(r);
    out.put("Message", "Service [" + s.path("ServiceName").asText() + "] is updating");
    return out;
  }

  private ObjectNode describe(ApiRequest r, List<String> params) {
    ObjectNode out = ok(r);
    out.setAll(view(service(params.get(0), params.get(1))));
    return out;
  }

  private ObjectNode delete(ApiRequest r, List<String> params) {
    ObjectNode s = service(params.get(0), params.get(1));
    cx.store.table(Table.SERVICES).remove(params.get(0) + "/" + params.get(1));
    cx.save();
    ObjectNode out = ok(r);
    out.put("Message", "Service [" + s.path("ServiceName").asText() + "] is deleting");
    return out;
  }

  private ObjectNode list(ApiRequest r, List<String> params) {
    int page = Json.pageParam("PageNumber", r.query("PageNumber"), 1, 100_000);
    int size = Json.pageParam("PageSize", r.query("PageSize"), 100, 100);
    String name = r.query("ServiceName");
    String filter = r.query("Filter");
    String workspaceId = r.query("WorkspaceId");
    String appType = r.query("AppType");
    List<ObjectNode> all = new ArrayList<>();
    for (ObjectNode s : Json.values(cx.store.table(Table.SERVICES))) {
      settle(s);
      String n = s.path("ServiceName").asText();
      if (name != null && !n.equals(name)) {
        continue;
      }
      if (filter != null && !n.contains(filter)) {
        continue;
      }
      if (workspaceId != null && !s.path("WorkspaceId").asText().equals(workspaceId)) {
        continue;
      }
      if (appType != null && !s.path("AppType").asText().equals(appType)) {
        continue;
      }
      all.add(s);
    }
    Comparator<ObjectNode> bySeq = Comparator.comparingLong(n -> n.path("_seq").asLong());
    all.sort("asc".equalsIgnoreCase(r.query("Order")) ? bySeq : bySeq.reversed());
    ObjectNode out = ok(r);
    out.put("PageNumber", page);
    out.put("PageSize", size);
    out.put("TotalCount", all.size());
    var items = out.putArray("Services");
    int from = Math.min((page - 1) * size, all.size());
    for (ObjectNode s : all.subList(from, Math.min(from + size, all.size()))) {
      items.add(view(s));
    }
    return out;
  }

  private static ObjectNode ok(ApiRequest r) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("RequestId", r.requestId());
    return out;
  }
}
