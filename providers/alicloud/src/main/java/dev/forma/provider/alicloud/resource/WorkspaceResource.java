package dev.forma.provider.alicloud.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.forma.provider.sdk.http.ApiException;
import dev.forma.provider.sdk.lifecycle.Lifecycle;
import dev.forma.provider.sdk.lifecycle.Timeouts;
import dev.forma.provider.sdk.lifecycle.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code alicloud_pai_workspace_workspace}: a PAI workspace (AIWorkSpace CreateWorkspace,
 * GetWorkspace, UpdateWorkspace, DeleteWorkspace, ListWorkspaces). Create waits for ENABLED; delete
 * waits until the workspace is gone. Its id is the WorkspaceId.
 */
public final class WorkspaceResource implements ResourceType {
  public static final String TYPE = "alicloud_pai_workspace_workspace";

  /** Codes that mean "no such workspace" (besides HTTP 404). */
  static final Set<String> NOT_FOUND = Set.of("100400008", "100700008", "100400027");

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{2,22}");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final Lifecycle<Session> lifecycle = new Lifecycle<>(this);

  private static final BlockSchema BLOCK =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("id", Type.STRING)
                  .computed()
                  .description("The WorkspaceId.")
                  .build(),
              AttributeSchema.builder("workspace_name", Type.STRING)
                  .required()
                  .forceNew()
                  .description("3 to 23 letters, digits or underscores, starting with a letter.")
                  .build(),
              AttributeSchema.builder("description", Type.STRING)
                  .required()
                  .description("At most 80 characters.")
                  .build(),
              AttributeSchema.builder("display_name", Type.STRING)
                  .optional()
                  .computed()
                  .description("The name the PAI console shows; the cloud sets one when not given.")
                  .build(),
              AttributeSchema.builder("env_types", Type.set(Type.STRING))
                  .required()
                  .forceNew()
                  .description("[\"prod\"] or [\"dev\", \"prod\"].")
                  .build(),
              AttributeSchema.builder("resource_group_id", Type.STRING)
                  .optional()
                  .computed()
                  .forceNew()
                  .description("The resource group; the account's default group when not given.")
                  .build(),
              AttributeSchema.builder("status", Type.STRING)
                  .computed()
                  .description("The workspace's status: ENABLED once created.")
                  .build(),
              AttributeSchema.builder("create_time", Type.STRING)
                  .computed()
                  .description("When the workspace was created.")
                  .build()),
          List.of(Timeouts.block(DEFAULT_TIMEOUT, null, DEFAULT_TIMEOUT)));

  static final String DESCRIPTION =
      "A PAI workspace: it holds a team's connections, models and services on Alibaba Cloud PAI."
          + " Create waits until the workspace is ENABLED; delete waits until it is gone.";

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
    String name = Values.string(config, "workspace_name");
    if (name != null && !NAME.matcher(name).matches()) {
      out.add(
          ProviderDiagnostic.error(
              "Invalid workspace_name",
              "\""
                  + name
                  + "\" is not a valid workspace name: use 3 to 23 letters, digits or"
                  + " underscores, starting with a letter.",
              List.of(PathStep.attr("workspace_name"))));
    }
    String description = Values.string(config, "description");
    if (description != null && description.codePointCount(0, description.length()) > 80) {
      out.add(
          ProviderDiagnostic.error(
              "Invalid description",
              "description may have at most 80 characters; this one has "
                  + description.codePointCount(0, description.length())
                  + ".",
              List.of(PathStep.attr("description"))));
    }
    Value envTypes = Values.attr(config, "env_types");
    if (envTypes != null && envTypes.isWhollyKnown() && !envTypes.isNull()) {
      Set<String> given = new TreeSet<>(Values.strings(config, "env_types"));
      if (!given.equals(Set.of("prod")) && !given.equals(Set.of("dev", "prod"))) {
        out.add(
            ProviderDiagnostic.error(
                "Invalid env_types",
                "env_types must be [\"prod\"] (a simple workspace) or [\"dev\", \"prod\"] (a"
                    + " standard workspace); got "
                    + given
                    + ".",
                List.of(PathStep.attr("env_types"))));
      }
    }
    return out;
  }

  /**
   * A workspace the cloud shows in status FAILURE never becomes usable (its creation failed on the
   * cloud's side) and no update repairs it: it is replaced, and the plan says why.
   */
  @Override
  public Requests.PlanResult plan(Requests.PlanChange r) {
    Value prior = r.priorState();
    Value proposed = r.proposedNewState();
    if (prior == null || proposed == null || !"FAILURE".equals(Values.string(prior, "status"))) {
      return new Requests.PlanResult(proposed, List.of(), r.priorPrivate(), List.of());
    }
    return new Requests.PlanResult(
        Values.with(proposed, "status", Value.unknown(Type.STRING)),
        List.of(List.of(PathStep.attr("status"))),
        r.priorPrivate(),
        List.of(),
        "the workspace is in status FAILURE in the cloud, which no update repairs: it is"
            + " created again");
  }

  @Override
  public Requests.ApplyResult create(Session s, Requests.Create r) {
    Value cfg = r.plannedState();
    ObjectNode body = Json.object();
    body.put("WorkspaceName", Values.string(cfg, "workspace_name"));
    Json.put(body, "Description", Values.string(cfg, "description"));
    Json.put(body, "DisplayName", Values.string(cfg, "display_name"));
    body.set("EnvTypes", Json.strings(sortedEnvTypes(cfg)));
    Json.put(body, "ResourceGroupId", Values.string(cfg, "resource_group_id"));
    ApiRequest create =
        ApiRequest.of(Product.AIWORKSPACE, "CreateWorkspace", "POST", "api", "v1", "workspaces")
            .body(body)
            .build();
    String id;
    try {
      id =
          lifecycle
              .send(s, cfg, () -> s.client().call(create), j -> Json.text(j, "WorkspaceId"))
              .id();
    } catch (ApiException e) {
      return lifecycle.createRefused(e, cfg);
    }
    return lifecycle.awaitReady(
        s,
        id,
        cfg,
        Values.with(cfg, "id", Value.of(id)),
        null,
        true,
        new Lifecycle.Wait(
            Timeouts.resolve(r.timeout(), r.config(), "create", DEFAULT_TIMEOUT),
            r.progress(),
            lifecycle.createdSubject(id, cfg),
            "ENABLED",
            w -> {
              String status = Json.text(w, "Status");
              if ("ENABLED".equals(status)) {
                return new Waiter.Step.Done<>(w);
              }
              if ("FAILURE".equals(status)) {
                return new Waiter.Step.Failed<>(
                    "Workspace creation failed", "status FAILURE" + reasonOf(w));
              }
              return new Waiter.Step.Pending<>("status " + status + ", waiting for ENABLED");
            }));
  }

  /**
   * Refresh by listing: the workspaces with ListWorkspaces, 100 a page by page number, each matched
   * by WorkspaceId and made into state exactly as {@link #read} does; what the list does not show
   * is left to a single read (see {@link Listing#readListed}).
   */
  @Override
  public List<Requests.ReadResult> readMany(Session s, List<Requests.Read> reads) {
    return Listing.readListed(
        reads,
        prior -> Values.string(prior, "id"),
        w -> Json.text(w, "WorkspaceId"),
        this::state,
        token -> {
          int page = Listing.pageNumber(token);
          JsonNode answer =
              s.client()
                  .call(
                      ApiRequest.of(
                              Product.AIWORKSPACE,
                              "ListWorkspaces",
                              "GET",
                              "api",
                              "v1",
                              "workspaces")
                          .query("PageNumber", Integer.toString(page))
                          .query("PageSize", Integer.toString(Listing.PAGE_SIZE))
                          .build());
          JsonNode items = answer.path("Workspaces");
          Long total = Json.integer(answer, "TotalCount");
          return new Listing.Page(
              items, Listing.nextPage(page, Listing.PAGE_SIZE, items.size(), total), total);
        });
  }

  @Override
  public Requests.ApplyResult update(Session s, Requests.Update r) {
    String id = Values.string(r.priorState(), "id");
    Value planned = r.plannedState();
    ObjectNode body = Json.object();
    Json.put(body, "Description", Values.string(planned, "description"));
    Json.put(body, "DisplayName", Values.string(planned, "display_name"));
    return lifecycle.update(
        s,
        r,
        () ->
            s.client()
                .call(
                    ApiRequest.of(
                            Product.AIWORKSPACE,
                            "UpdateWorkspace",
                            "PUT",
                            "api",
                            "v1",
                            "workspaces",
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
                          "DeleteWorkspace",
                          "DELETE",
                          "api",
                          "v1",
                          "workspaces",
                          id)
                      .build());
          return null;
        },
        DEFAULT_TIMEOUT,
        w ->
            new Waiter.Step.Pending<>("status " + Json.text(w, "Status") + ", waiting until gone"));
  }

  /**
   * ListWorkspaces, 100 a page, paged by PageNumber (the token is the next page's number) until
   * TotalCount; a {@code workspace_name} or {@code status} in the filter narrows the call.
   */
  @Override
  public Requests.ListResult list(Session s, Requests.ListObjects r) {
    int page = Listing.pageNumber(r.pageToken());
    if (page < 0) {
      return Listing.badToken(TYPE, r.pageToken());
    }
    ApiRequest.Builder call =
        ApiRequest.of(Product.AIWORKSPACE, "ListWorkspaces", "GET", "api", "v1", "workspaces")
            .query("PageNumber", Integer.toString(page))
            .query("PageSize", Integer.toString(Listing.PAGE_SIZE));
    String name = Listing.string(r, "workspace_name");
    if (name != null) {
      call.query("WorkspaceName", name);
    }
    String status = Listing.string(r, "status");
    if (status != null) {
      call.query("Status", status);
    }
    try {
      JsonNode answer = s.client().call(call.build());
      List<Requests.Listed> out = new ArrayList<>();
      for (JsonNode w : answer.path("Workspaces")) {
        out.add(
            new Requests.Listed(
                Json.text(w, "WorkspaceId"), Json.text(w, "WorkspaceName"), state(w, null)));
      }
      return Listing.page(
          out,
          Listing.nextPage(
              page, Listing.PAGE_SIZE, out.size(), Json.integer(answer, "TotalCount")));
    } catch (ApiException e) {
      return Listing.failed(e, "workspaces");
    }
  }

  /** The words and names the SDK's lifecycle needs of this type. */
  private static final Kind KIND =
      new Kind("workspace", "workspace_name", "WORKSPACE_ID", NOT_FOUND);

  @Override
  public Kind kind() {
    return KIND;
  }

  @Override
  public String missingOnImport(Session s, String id) {
    return "No PAI workspace with id \"" + id + "\" exists in this account and region.";
  }

  /** GetWorkspace. */
  @Override
  public JsonNode fetch(Session s, String id) throws ApiException {
    return s.client()
        .call(
            ApiRequest.of(Product.AIWORKSPACE, "GetWorkspace", "GET", "api", "v1", "workspaces", id)
                .build());
  }

  /** The workspace with exactly this name, by ListWorkspaces; null when there is none. */
  @Override
  public Found findByName(Session s, Value planned) throws ApiException {
    String name = nameIn(planned);
    JsonNode list =
        s.client()
            .call(
                ApiRequest.of(
                        Product.AIWORKSPACE, "ListWorkspaces", "GET", "api", "v1", "workspaces")
                    .query("WorkspaceName", name)
                    .build());
    for (JsonNode w : list.path("Workspaces")) {
      if (name.equals(Json.text(w, "WorkspaceName"))) {
        return Found.id(Json.text(w, "WorkspaceId"));
      }
    }
    return null;
  }

  private static List<String> sortedEnvTypes(Value cfg) {
    return new ArrayList<>(new TreeSet<>(Values.strings(cfg, "env_types")));
  }

  private static String reasonOf(JsonNode w) {
    for (String f : new String[] {"Reason", "StatusReason", "Message", "ErrorMessage"}) {
      String v = Json.text(w, f);
      if (v != null) {
        return ": " + v;
      }
    }
    return " (the API gave no reason)";
  }

  /** The state object from a GetWorkspace answer; {@code prior} supplies the timeouts block. */
  @Override
  public Value state(JsonNode w, Value prior) {
    Map<String, Value> m = new HashMap<>();
    m.put("id", Values.str(Json.text(w, "WorkspaceId")));
    m.put("workspace_name", Values.str(Json.text(w, "WorkspaceName")));
    m.put("description", Values.str(Json.text(w, "Description")));
    m.put("display_name", Values.str(Json.text(w, "DisplayName")));
    m.put("env_types", Values.strSet(Json.stringList(w, "EnvTypes")));
    m.put("resource_group_id", Values.str(Json.text(w, "ResourceGroupId")));
    m.put("status", Values.str(Json.text(w, "Status")));
    m.put("create_time", Values.str(Json.text(w, "GmtCreateTime")));
    Value timeouts = Values.raw(prior, Timeouts.BLOCK);
    if (timeouts != null) {
      m.put(Timeouts.BLOCK, timeouts);
    }
    return Values.complete(BLOCK, m);
  }
}
