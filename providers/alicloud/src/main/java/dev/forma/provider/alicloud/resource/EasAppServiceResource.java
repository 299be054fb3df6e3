package dev.forma.provider.alicloud.resource;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.forma.provider.sdk.lifecycle.Creates;
import dev.forma.provider.sdk.lifecycle.Lifecycle;
import dev.forma.provider.sdk.lifecycle.Results;
import dev.forma.provider.sdk.lifecycle.Timeouts;
import dev.forma.provider.sdk.lifecycle.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code alicloud_pai_eas_app_service}: an EAS LLM application service (seed 003: PAI-EAS
 * CreateAppService, UpdateAppService; the service itself through DescribeService and DeleteService,
 * since an app service is an EAS service). Create and update wait for Running; Failed is an error
 * with the service's Reason and Message; delete waits until DescribeService says not found. Its id
 * is the service name; ClusterId is the provider's region.
 */
public final class EasAppServiceResource implements ResourceType {
  public static final String TYPE = "alicloud_pai_eas_app_service";

  static final Set<String> NOT_FOUND = Set.of("InvalidService.NotFound");

  /** Seed 003's ServiceSpec values, as listed there (its duplicate llama_7b_int8 once). */
  public static final List<String> SERVICE_SPECS =
      List.of(
          "llama_7b_fp16",
          "llama_7b_int8",
          "llama_13b_fp16",
          "chatglm_6b_fp16",
          "chatglm_6b_int8",
          "chatglm2_6b_fp16",
          "baichuan_7b_int8",
          "baichuan_13b_fp16",
          "baichuan_7b_fp16");

  static final List<String> APP_TYPES = List.of("LLM");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(10);

  private final Lifecycle<Session> lifecycle = new Lifecycle<>(this);

  /** config block argument → API field, in the order the API documents them. */
  private static final Map<String, String> CONFIG_FIELDS = new LinkedHashMap<>();

  static {
    CONFIG_FIELDS.put("model_storage", "ModelStorage");
    CONFIG_FIELDS.put("oss_path", "OssPath");
    CONFIG_FIELDS.put("nas_mount_target", "NasMountTarget");
    CONFIG_FIELDS.put("nas_path", "NasPath");
    CONFIG_FIELDS.put("security_group_id", "SecurityGroupID");
    CONFIG_FIELDS.put("vpc_id", "VpcID");
    CONFIG_FIELDS.put("vswitch_id", "VswitchID");
  }

  /** What each config argument is, for the documentation. */
  private static final Map<String, String> CONFIG_HELP =
      Map.of(
          "model_storage", "Where the model files are: \"oss\" (with oss_path) or \"nas\".",
          "oss_path", "With model_storage \"oss\": the OSS path of the model files.",
          "nas_mount_target", "With model_storage \"nas\": the NAS mount target.",
          "nas_path", "With model_storage \"nas\": the path of the model files on NAS.",
          "security_group_id", "With model_storage \"nas\": the security group of the service.",
          "vpc_id", "With model_storage \"nas\": the VPC the NAS file system is in.",
          "vswitch_id", "With model_storage \"nas\": the vSwitch of the service.");

  private static final List<String> OSS_FIELDS = List.of("oss_path");
  private static final List<String> NAS_FIELDS =
      List.of("nas_mount_target", "nas_path", "security_group_id", "vpc_id", "vswitch_id");

  static final BlockSchema CONFIG_BLOCK;

  static {
    List<AttributeSchema> a = new ArrayList<>();
    for (String f : CONFIG_FIELDS.keySet()) {
      a.add(
          AttributeSchema.builder(f, Type.STRING)
              .optional()
              .description(CONFIG_HELP.get(f))
              .build());
    }
    CONFIG_BLOCK = BlockSchema.of(a, List.of());
  }

  static final BlockSchema BLOCK =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("id", Type.STRING)
                  .computed()
                  .description("The service name.")
                  .build(),
              AttributeSchema.builder("service_name", Type.STRING)
                  .required()
                  .forceNew()
                  .description(
                      "1 to 64 lower-case letters, digits or underscores, starting with a letter.")
                  .build(),
              AttributeSchema.builder("app_type", Type.STRING)
                  .required()
                  .description("The application type: LLM.")
                  .build(),
              AttributeSchema.builder("app_version", Type.STRING)
                  .optional()
                  .description("The application version, e.g. v1.")
                  .build(),
              AttributeSchema.builder("service_spec", Type.STRING)
                  .required()
                  .description("One of " + String.join(", ", SERVICE_SPECS) + ".")
                  .build(),
              AttributeSchema.builder("replicas", Type.NUMBER)
                  .required()
                  .description("The number of instances; changed in place.")
                  .build(),
              AttributeSchema.builder("workspace_id", Type.STRING)
                  .optional()
                  .forceNew()
                  .description("The PAI workspace the service belongs to.")
                  .build(),
              AttributeSchema.builder("quota_id", Type.STRING)
                  .optional()
                  .forceNew()
                  .description("The resource quota the service runs on.")
                  .build(),
              AttributeSchema.builder("service_id", Type.STRING)
                  .computed()
                  .description("The ID EAS gives the service.")
                  .build(),
              AttributeSchema.builder("status", Type.STRING)
                  .computed()
                  .description("The service's status: Running once created or updated.")
                  .build(),
              AttributeSchema.builder("region", Type.STRING)
                  .computed()
                  .description("The region the service runs in: the provider's.")
                  .build(),
              AttributeSchema.builder("internet_endpoint", Type.STRING)
                  .computed()
                  .description("The service's public endpoint.")
                  .build(),
              AttributeSchema.builder("intranet_endpoint", Type.STRING)
                  .computed()
                  .description("The service's endpoint inside the VPC.")
                  .build()),
          List.of(
              new NestedBlockSchema("config", CONFIG_BLOCK, Nesting.SINGLE, 0, 1, false),
              Timeouts.block(CREATE_TIMEOUT, UPDATE_TIMEOUT, DELETE_TIMEOUT)));

  static final String DESCRIPTION =
      "An EAS LLM application service on PAI. Create and update wait until the service is"
          + " Running (a Failed service is an error with the cloud's reason); delete waits until"
          + " it is gone.";

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
    String name = Values.string(config, "service_name");
    if (name != null && !NAME.matcher(name).matches()) {
      out.add(
          ProviderDiagnostic.error(
              "Invalid service_name",
              "\""
                  + name
                  + "\" is not a valid EAS service name: use at most 64 lower-case letters, digits"
                  + " or underscores, starting with a letter.",
              List.of(PathStep.attr("service_name"))));
    }
    String appType = Values.string(config, "app_type");
    if (appType != null && !APP_TYPES.contains(appType)) {
      out.add(
          ProviderDiagnostic.error(
              "Invalid app_type",
              "\"" + appType + "\" is not an app type; the only one is \"LLM\".",
              List.of(PathStep.attr("app_type"))));
    }
    String spec = Values.string(config, "service_spec");
    if (spec != null && !SERVICE_SPECS.contains(spec)) {
      out.add(
          ProviderDiagnostic.error(
              "Invalid service_spec",
              "\""
                  + spec
                  + "\" is not a service spec; use one of "
                  + String.join(", ", SERVICE_SPECS)
                  + "."
                  + Suggest.didYouMean(spec, SERVICE_SPECS),
              List.of(PathStep.attr("service_spec"))));
    }
    Long replicas = Values.integer(config, "replicas");
    Value rv = Values.attr(config, "replicas");
    if (replicas != null
        && (replicas < 0
            || rv instanceof dev.forma.provider.api.value.NumberValue n
                && n.value().stripTrailingZeros().scale() > 0)) {
      out.add(
          ProviderDiagnostic.error(
              "Invalid replicas",
              "replicas must be a whole number, 0 or more.",
              List.of(PathStep.attr("replicas"))));
    }
    Value cfg = Values.attr(config, "config");
    if (cfg != null && cfg.isKnown() && !cfg.isNull()) {
      validateConfig(out, cfg);
    }
    return out;
  }

  private static void validateConfig(List<ProviderDiagnostic> out, Value cfg) {
    if (Values.isUnknown(cfg, "model_storage")) {
      return;
    }
    String storage = Values.string(cfg, "model_storage");
    List<PathStep> at = List.of(PathStep.attr("config"), PathStep.attr("model_storage"));
    if (storage == null) {
      out.add(
          ProviderDiagnostic.error(
              "Missing model_storage",
              "config needs model_storage: \"oss\" (with oss_path) or \"nas\" (with"
                  + " nas_mount_target, nas_path, security_group_id, vpc_id, vswitch_id).",
              List.of(PathStep.attr("config"))));
      return;
    }
    List<String> needed;
    List<String> foreign;
    switch (storage) {
      case "oss" -> {
        needed = OSS_FIELDS;
        foreign = NAS_FIELDS;
        String path = Values.string(cfg, "oss_path");
        if (path != null && !path.startsWith("oss://")) {
          out.add(
              ProviderDiagnostic.error(
                  "Invalid oss_path",
                  "oss_path must be an OSS URL such as oss://examplebucket/models/; got \""
                      + path
                      + "\".",
                  List.of(PathStep.attr("config"), PathStep.attr("oss_path"))));
        }
      }
      case "nas" -> {
        needed = NAS_FIELDS;
        foreign = OSS_FIELDS;
      }
      default -> {
        out.add(
            ProviderDiagnostic.error(
                "Invalid model_storage",
                "\""
                    + storage
                    + "\" is not a model storage; use \"oss\" or \"nas\"."
                    + Suggest.didYouMean(storage, List.of("oss", "nas")),
                at));
        return;
      }
    }
    for (String f : needed) {
      if (!Values.isSet(cfg, f) && !Values.isUnknown(cfg, f)) {
        out.add(
            ProviderDiagnostic.error(
                "Missing " + f,
                "config with model_storage = \"" + storage + "\" needs " + f + ".",
                List.of(PathStep.attr("config"))));
      }
    }
    for (String f : foreign) {
      if (Values.isSet(cfg, f)) {
        out.add(
            ProviderDiagnostic.error(
                "Unexpected " + f,
                f
                    + " applies to model_storage = \""
                    + (storage.equals("oss") ? "nas" : "oss")
                    + "\", not \""
                    + storage
                    + "\".",
                List.of(PathStep.attr("config"), PathStep.attr(f))));
      }
    }
  }

  private static ObjectNode body(Value planned, boolean withName) {
    ObjectNode body = Json.object();
    if (withName) {
      body.put("ServiceName", Values.string(planned, "service_name"));
    }
    Json.put(body, "AppType", Values.string(planned, "app_type"));
    Json.put(body, "AppVersion", Values.string(planned, "app_version"));
    Json.put(body, "ServiceSpec", Values.string(planned, "service_spec"));
    Long replicas = Values.integer(planned, "replicas");
    if (replicas != null) {
      body.put("Replicas", replicas);
    }
    Value cfg = Values.attr(planned, "config");
    if (cfg != null && !cfg.isNull()) {
      ObjectNode c = Json.object();
      CONFIG_FIELDS.forEach((arg, field) -> Json.put(c, field, Values.string(cfg, arg)));
      body.set("Config", c);
    }
    return body;
  }

  /** What a configuration sets, and an update can change in place. */
  private static final List<String> UPDATABLE =
      List.of("app_type", "app_version", "service_spec", "replicas", "config");

  /**
   * An update makes the service deploy again, so its status is known only after apply; a service
   * found Failed (its last create or update could not be scheduled, say) is updated even when the
   * configuration did not change, since the update deploys it again.
   */
  @Override
  public Requests.PlanResult plan(Requests.PlanChange r) {
    Value prior = r.priorState();
    Value proposed = r.proposedNewState();
    if (prior == null || proposed == null || prior.isNull()) {
      return new Requests.PlanResult(proposed, List.of(), r.priorPrivate(), List.of());
    }
    boolean changes = false;
    for (String a : UPDATABLE) {
      Value p = Values.attr(proposed, a);
      Value q = Values.attr(prior, a);
      if (p == null ? q != null : !p.equals(q)) {
        changes = true;
      }
    }
    boolean failed = "Failed".equals(Values.string(prior, "status"));
    if (!changes && !failed) {
      return new Requests.PlanResult(proposed, List.of(), r.priorPrivate(), List.of());
    }
    Value planned = Values.with(proposed, "status", Value.unknown(Type.STRING));
    String repair =
        failed && !changes
            ? "the service is Failed in the cloud: the update deploys it again"
            : null;
    return new Requests.PlanResult(planned, List.of(), r.priorPrivate(), List.of(), repair);
  }

  @Override
  public Requests.ApplyResult create(Session s, Requests.Create r) {
    Value planned = r.plannedState();
    String name = Values.string(planned, "service_name");
    ApiRequest create =
        ApiRequest.of(Product.EAS, "CreateAppService", "POST", "api", "v2", "app_services")
            .query("WorkspaceId", Values.string(planned, "workspace_id"))
            .query("QuotaId", Values.string(planned, "quota_id"))
            .body(body(planned, true))
            .build();
    Creates.Created created;
    try {
      created = lifecycle.send(s, planned, () -> s.client().call(create), j -> name);
    } catch (ApiException e) {
      return lifecycle.createRefused(e, planned);
    }
    // what the create's answer says (ServiceId, Status, Region, endpoints), should no read succeed
    Value known =
        created.answer() == null
            ? Values.with(planned, "id", Value.of(name))
            : state(withName(created.answer(), name), planned);
    return lifecycle.awaitReady(
        s,
        name,
        planned,
        known,
        null,
        true,
        running(
            name,
            Timeouts.resolve(r.timeout(), r.config(), "create", CREATE_TIMEOUT),
            r.progress()));
  }

  private static JsonNode withName(JsonNode answer, String name) {
    if (Json.text(answer, "ServiceName") != null || !answer.isObject()) {
      return answer;
    }
    return ((com.fasterxml.jackson.databind.node.ObjectNode) answer.deepCopy())
        .put("ServiceName", name);
  }

  /** How to wait for the service to be Running after a create or update the cloud accepted. */
  private Lifecycle.Wait running(
      String name, Duration timeout, dev.forma.provider.api.Progress progress) {
    return new Lifecycle.Wait(
        timeout,
        progress,
        subject(name),
        "Running",
        svc -> {
          String status = Json.text(svc, "Status");
          if ("Running".equals(status)) {
            return new Waiter.Step.Done<>(svc);
          }
          if ("Failed".equals(status)) {
            return new Waiter.Step.Failed<>(
                "EAS service failed",
                "status Failed, reason "
                    + orNone(Json.text(svc, "Reason"))
                    + ": "
                    + orNone(Json.text(svc, "Message")));
          }
          return new Waiter.Step.Pending<>(
              "status "
                  + status
                  + ", "
                  + orZero(Json.integer(svc, "RunningInstance"))
                  + "/"
                  + orZero(Json.integer(svc, "TotalInstance"))
                  + " instances running");
        });
  }

  private static String orNone(String s) {
    return s == null ? "(none given)" : s;
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }

  /**
   * Refresh by listing: the LLM app services of the provider's region with ListServices, 100 a page
   * by page number, each matched by ServiceName and made into state exactly as {@link #read} (from
   * DescribeService) does; what the list does not show is left to a single read (see {@link
   * Listing#readListed}).
   */
  @Override
  public List<Requests.ReadResult> readMany(Session s, List<Requests.Read> reads) {
    return Listing.readListed(
        reads,
        prior ->
            Values.string(prior, "service_name") != null
                ? Values.string(prior, "service_name")
                : Values.string(prior, "id"),
        svc -> {
          String region = Json.text(svc, "Region");
          return Json.text(svc, "AppType") == null
                  || (region != null && s.region() != null && !region.equals(s.region()))
              ? null
              : Json.text(svc, "ServiceName");
        },
        this::state,
        token -> {
          int page = Listing.pageNumber(token);
          JsonNode answer =
              s.client()
                  .call(
                      ApiRequest.of(Product.EAS, "ListServices", "GET", "api", "v2", "services")
                          .query("PageNumber", Integer.toString(page))
                          .query("PageSize", Integer.toString(Listing.PAGE_SIZE))
                          .build());
          JsonNode items = answer.path("Services");
          Long total = Json.integer(answer, "TotalCount");
          return new Listing.Page(
              items, Listing.nextPage(page, Listing.PAGE_SIZE, items.size(), total), total);
        });
  }

  @Override
  public Requests.ApplyResult update(Session s, Requests.Update r) {
    String name = Values.string(r.priorState(), "service_name");
    Value planned = r.plannedState();
    try {
      s.client()
          .call(
              ApiRequest.of(
                      Product.EAS,
                      "UpdateAppService",
                      "PUT",
                      "api",
                      "v2",
                      "app_services",
                      s.region(),
                      name)
                  .body(body(planned, false))
                  .build());
    } catch (ApiException e) {
      return Results.applyFailed(e, "EAS service \"" + name + "\"", r.priorState());
    }
    return lifecycle.awaitReady(
        s,
        name,
        planned,
        Values.unknownsFrom(planned, r.priorState()),
        r.priorPrivate(),
        false,
        running(
            name,
            Timeouts.resolve(r.timeout(), r.config(), "update", UPDATE_TIMEOUT),
            r.progress()));
  }

  @Override
  public Requests.Diagnostics delete(Session s, Requests.Delete r) {
    String name = Values.string(r.priorState(), "service_name");
    return lifecycle.delete(
        s,
        r,
        () -> {
          s.client()
              .call(
                  ApiRequest.of(
                          Product.EAS,
                          "DeleteService",
                          "DELETE",
                          "api",
                          "v2",
                          "services",
                          s.region(),
                          name)
                      .build());
          return null;
        },
        DELETE_TIMEOUT,
        svc -> {
          String status = Json.text(svc, "Status");
          if ("DeleteFailed".equals(status)) {
            return new Waiter.Step.Failed<>(
                "EAS service deletion failed",
                "status DeleteFailed, reason "
                    + orNone(Json.text(svc, "Reason"))
                    + ": "
                    + orNone(Json.text(svc, "Message")));
          }
          return new Waiter.Step.Pending<>("status " + status + ", waiting until gone");
        });
  }

  /**
   * ListServices, 100 a page, paged by PageNumber until TotalCount; only LLM app services (the ones
   * this resource type manages) of the provider's region are listed. A {@code workspace_id} or
   * {@code service_name} in the filter narrows the call. The import ID is the service name.
   */
  @Override
  public Requests.ListResult list(Session s, Requests.ListObjects r) {
    int page = Listing.pageNumber(r.pageToken());
    if (page < 0) {
      return Listing.badToken(TYPE, r.pageToken());
    }
    ApiRequest.Builder call =
        ApiRequest.of(Product.EAS, "ListServices", "GET", "api", "v2", "services")
            .query("PageNumber", Integer.toString(page))
            .query("PageSize", Integer.toString(Listing.PAGE_SIZE));
    String workspace = Listing.string(r, "workspace_id");
    if (workspace != null) {
      call.query("WorkspaceId", workspace);
    }
    String name = Listing.string(r, "service_name");
    if (name != null) {
      call.query("ServiceName", name);
    }
    try {
      JsonNode answer = s.client().call(call.build());
      List<Requests.Listed> out = new ArrayList<>();
      int count = 0;
      for (JsonNode svc : answer.path("Services")) {
        count++;
        String region = Json.text(svc, "Region");
        if (Json.text(svc, "AppType") == null
            || (region != null && s.region() != null && !region.equals(s.region()))) {
          continue;
        }
        String n = Json.text(svc, "ServiceName");
        out.add(new Requests.Listed(n, n, state(svc, null)));
      }
      return Listing.page(
          out,
          Listing.nextPage(page, Listing.PAGE_SIZE, count, Json.integer(answer, "TotalCount")));
    } catch (ApiException e) {
      return Listing.failed(e, "EAS services");
    }
  }

  /** The service (DescribeService's answer), or null when there is none by that name. */
  public static JsonNode describe(Session s, String name) throws ApiException {
    return Lifecycle.orNull(() -> describeCall(s, name), e -> e.isNotFound(NOT_FOUND));
  }

  private static JsonNode describeCall(Session s, String name) throws ApiException {
    return s.client()
        .call(
            ApiRequest.of(
                    Product.EAS,
                    "DescribeService",
                    "GET",
                    "api",
                    "v2",
                    "services",
                    s.region(),
                    name)
                .build());
  }

  /** {@code EAS service "name"}: a service's id is its name. */
  @Override
  public String subject(String id) {
    return named(id);
  }

  @Override
  public String named(String name) {
    return "EAS service \"" + name + "\"";
  }

  /** The service name (the id too), else the id. */
  @Override
  public String idIn(Value state) {
    String name = Values.string(state, "service_name");
    return name != null ? name : Values.string(state, "id");
  }

  /** The words and names the SDK's lifecycle needs of this type. */
  private static final Kind KIND = new Kind("service", "service_name", "SERVICE_NAME", NOT_FOUND);

  @Override
  public Kind kind() {
    return KIND;
  }

  @Override
  public String missingOnImport(Session s, String id) {
    return "No EAS service named \"" + id + "\" exists in region " + s.region() + ".";
  }

  /** DescribeService in the provider's region (the service's name is its id). */
  @Override
  public JsonNode fetch(Session s, String name) throws ApiException {
    return describeCall(s, name);
  }

  /** DescribeService by the planned name: the whole service when there is one. */
  @Override
  public Found findByName(Session s, Value planned) throws ApiException {
    String name = nameIn(planned);
    JsonNode svc = describe(s, name);
    return svc == null ? null : new Found(name, svc);
  }

  /**
   * The state from a DescribeService answer. The Service object names the app's arguments AppType,
   * AppVersion, AppSpecName (the ServiceSpec), AppConfig (the Config as a JSON string) and
   * TotalInstance (the Replicas); ServiceSpec, Config and Replicas are read too when present. What
   * the answer lacks keeps its prior value.
   */
  @Override
  public Value state(JsonNode svc, Value prior) {
    Map<String, Value> m = new HashMap<>();
    String name = Json.text(svc, "ServiceName");
    m.put("id", Values.str(name));
    m.put("service_name", Values.str(name));
    m.put("service_id", Values.str(Json.text(svc, "ServiceId")));
    m.put("status", Values.str(Json.text(svc, "Status")));
    m.put("region", Values.str(Json.text(svc, "Region")));
    m.put("internet_endpoint", Values.str(Json.text(svc, "InternetEndpoint")));
    m.put("intranet_endpoint", Values.str(Json.text(svc, "IntranetEndpoint")));
    m.put("app_type", echoed(svc, "AppType", prior, "app_type"));
    m.put("app_version", echoed(svc, "AppVersion", prior, "app_version"));
    m.put(
        "service_spec",
        echoed(
            svc,
            Json.text(svc, "ServiceSpec") != null ? "ServiceSpec" : "AppSpecName",
            prior,
            "service_spec"));
    Long replicas = Json.integer(svc, "Replicas");
    if (replicas == null) {
      replicas = Json.integer(svc, "TotalInstance");
    }
    m.put("replicas", replicas != null ? Values.num(replicas) : keep(prior, "replicas"));
    JsonNode cfg =
        svc.path("Config").isObject() || Json.text(svc, "AppConfig") == null
            ? svc.get("Config")
            : Json.parseObject(Json.text(svc, "AppConfig"));
    if (cfg != null && cfg.isObject()) {
      Map<String, Value> c = new HashMap<>();
      CONFIG_FIELDS.forEach((arg, field) -> c.put(arg, Values.str(Json.text(cfg, field))));
      m.put("config", Values.block(CONFIG_BLOCK, c));
    } else if (Values.raw(prior, "config") != null) {
      m.put("config", Values.raw(prior, "config"));
    }
    // The Service object names its workspace and quota: read them, so that an imported service
    // is not planned for replacement for want of them. Kept from prior when the answer has none.
    Map<String, String> owners = Map.of("workspace_id", "WorkspaceId", "quota_id", "QuotaId");
    owners.forEach(
        (attr, field) -> {
          String v = Json.text(svc, field);
          if (v != null && !v.isEmpty()) {
            m.put(attr, Values.str(v));
          } else if (Values.raw(prior, attr) != null) {
            m.put(attr, Values.raw(prior, attr));
          }
        });
    if (Values.raw(prior, Timeouts.BLOCK) != null) {
      m.put(Timeouts.BLOCK, Values.raw(prior, Timeouts.BLOCK));
    }
    return Values.complete(BLOCK, m);
  }

  private static Value echoed(JsonNode svc, String field, Value prior, String attr) {
    String v = Json.text(svc, field);
    return v != null ? Values.str(v) : keep(prior, attr);
  }

  private static Value keep(Value prior, String attr) {
    Value v = Values.raw(prior, attr);
    return v == null ? null : v;
  }
}
