package dev.forma.provider.alicloud;

import dev.forma.provider.alicloud.check.EndpointChecks;
import dev.forma.provider.alicloud.config.Environment;
import dev.forma.provider.alicloud.config.ProviderSettings;
import dev.forma.provider.alicloud.http.AcsClient;
import dev.forma.provider.alicloud.http.Product;
import dev.forma.provider.alicloud.resource.ConnectionResource;
import dev.forma.provider.alicloud.resource.EasAppServiceResource;
import dev.forma.provider.alicloud.resource.ModelRouterModelResource;
import dev.forma.provider.alicloud.resource.ResourceType;
import dev.forma.provider.alicloud.resource.Session;
import dev.forma.provider.alicloud.resource.WorkspaceResource;
import dev.forma.provider.api.ConnectivityChecks;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.Nesting;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.sdk.http.RateLimiter;
import dev.forma.provider.sdk.http.RedactingLogInterceptor;
import dev.forma.provider.sdk.http.RetryPolicy;
import dev.forma.provider.sdk.http.Sleeper;
import dev.forma.provider.sdk.lifecycle.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The alicloud provider: PAI workspaces and connections, ModelRouter models and EAS LLM app
 * services, over the Alibaba Cloud APIs of ../shared/API.md. One instance per provider block; its
 * {@link AcsClient} (one OkHttp client) is made at {@link #configure}.
 */
public final class AlicloudProvider implements Provider, ConnectivityChecks {

  /** Knobs that tests turn: how waits sleep and how often they poll, and where HTTP logs go. */
  public record Tuning(
      Sleeper sleeper,
      Duration pollInterval,
      LongSupplier nanoTime,
      RedactingLogInterceptor logger,
      Duration createRetryPause) {
    /** Real sleeping, polls every 5 seconds, logs to slf4j at debug level. */
    public static Tuning defaults() {
      return new Tuning(
          Sleeper.SYSTEM,
          Duration.ofSeconds(5),
          System::nanoTime,
          new RedactingLogInterceptor("forma.alicloud.http"),
          Duration.ofSeconds(2));
    }
  }

  private final Environment environment;
  private final Tuning tuning;
  private final Map<String, ResourceType> types = new LinkedHashMap<>();
  private volatile Session session;
  private volatile ProviderSettings settings;
  private final EndpointChecks endpointChecks = new EndpointChecks();

  public AlicloudProvider() {
    this(Environment.system(), Tuning.defaults());
  }

  public AlicloudProvider(Environment environment, Tuning tuning) {
    this.environment = environment;
    this.tuning = tuning;
    for (ResourceType t :
        List.of(
            new WorkspaceResource(),
            new ConnectionResource(),
            new ModelRouterModelResource(),
            new EasAppServiceResource())) {
      types.put(t.typeName(), t);
    }
  }

  /** The provider block's schema. */
  public static BlockSchema providerBlock() {
    List<AttributeSchema> endpoints = new ArrayList<>();
    for (Product p : Product.values()) {
      endpoints.add(
          AttributeSchema.builder(p.endpointKey(), Type.STRING)
              .optional()
              .description(
                  p.displayName()
                      + " endpoint: a host (HTTPS) or a URL such as http://127.0.0.1:8080.")
              .build());
    }
    return BlockSchema.of(
        List.of(
            AttributeSchema.builder("region", Type.STRING)
                .optional()
                .description("The region, e.g. cn-hangzhou.")
                .build(),
            AttributeSchema.builder("access_key", Type.STRING).optional().build(),
            AttributeSchema.builder("secret_key", Type.STRING).optional().sensitive().build(),
            AttributeSchema.builder("security_token", Type.STRING).optional().sensitive().build(),
            AttributeSchema.builder("profile", Type.STRING)
                .optional()
                .description("A profile of ~/.aliyun/config.json.")
                .build(),
            AttributeSchema.builder("shared_credentials_file", Type.STRING).optional().build(),
            AttributeSchema.builder("endpoint", Type.STRING)
                .optional()
                .description("\"local\": the embedded local cloud.")
                .build(),
            AttributeSchema.builder("max_retries", Type.NUMBER)
                .optional()
                .description("Retries after the first try (default 5).")
                .build(),
            AttributeSchema.builder("requests_per_second", Type.NUMBER)
                .optional()
                .description(
                    "The most API calls a second this provider configuration sends (default 50;"
                        + " none against the local cloud); slower while the cloud throttles.")
                .build(),
            AttributeSchema.builder("request_burst", Type.NUMBER)
                .optional()
                .description("Calls that may go at once above that rate (default 10).")
                .build()),
        List.of(
            new NestedBlockSchema(
                "endpoints", BlockSchema.of(endpoints, List.of()), Nesting.SINGLE, 0, 1, false)));
  }

  @Override
  public ProviderSchema schema() {
    Map<String, ResourceSchema> resources = new LinkedHashMap<>();
    types.forEach((n, t) -> resources.put(n, t.schema()));
    return new ProviderSchema(providerBlock(), resources, Map.of());
  }

  @Override
  public Requests.Diagnostics configure(Requests.Configure request) {
    ProviderSettings.Resolution r = ProviderSettings.resolve(request.config(), environment);
    if (r.settings() == null) {
      return new Requests.Diagnostics(r.diagnostics());
    }
    ProviderSettings s = r.settings();
    AcsClient client =
        AcsClient.create(
            s.credentials(),
            s.endpoints(),
            RetryPolicy.withRetries(s.maxRetries()),
            tuning.sleeper(),
            tuning.nanoTime(),
            tuning.logger(),
            Double.isInfinite(s.requestsPerSecond())
                ? RateLimiter.unlimited(tuning.nanoTime(), tuning.sleeper())
                : new RateLimiter(
                    s.requestsPerSecond(), s.requestBurst(), tuning.nanoTime(), tuning.sleeper()));
    this.settings = s;
    this.session =
        new Session(
            client,
            s.region(),
            new Waiter(tuning.sleeper(), tuning.pollInterval(), tuning.nanoTime()),
            tuning.sleeper(),
            tuning.createRetryPause());
    return new Requests.Diagnostics(r.diagnostics());
  }

  /** The resolved settings after {@link #configure}; null before. */
  public ProviderSettings settings() {
    return settings;
  }

  /**
   * The EAS service named {@code name} in the provider's region, as DescribeService gives it
   * (Status, Reason, Message, InternetEndpoint, AccessToken, ...), or null when there is none; for
   * {@code forma check}. Only after {@link #configure}.
   */
  public com.fasterxml.jackson.databind.JsonNode describeEasService(String name)
      throws dev.forma.provider.sdk.http.ApiException {
    if (session == null) {
      throw new IllegalStateException("the alicloud provider is not configured");
    }
    return EasAppServiceResource.describe(session, name);
  }

  @Override
  public Set<String> checkableTypes() {
    return EndpointChecks.TYPES;
  }

  @Override
  public boolean needsConfiguration(String typeName) {
    return EndpointChecks.needsConfiguration(typeName);
  }

  @Override
  public ConnectivityChecks.Result check(ConnectivityChecks.Request request) {
    return endpointChecks.check(request, this);
  }

  /** The region the provider works in, after {@link #configure}; null before. */
  public String region() {
    return session == null ? null : session.region();
  }

  @Override
  public Requests.Diagnostics validateResource(Requests.ValidateResource request) {
    ResourceType t = types.get(request.typeName());
    if (t == null) {
      return new Requests.Diagnostics(List.of(unknownType(request.typeName())));
    }
    return new Requests.Diagnostics(t.validate(request.config(), request.blockFormAttributes()));
  }

  @Override
  public Requests.ReadResult read(Requests.Read request) {
    ResourceType t = types.get(request.typeName());
    if (t == null || session == null) {
      return new Requests.ReadResult(null, null, List.of(problem(request.typeName())));
    }
    return t.read(session, request);
  }

  @Override
  public Requests.ReadManyResult readMany(Requests.ReadMany request) {
    ResourceType t = types.get(request.typeName());
    if (t == null || session == null) {
      return null;
    }
    List<Requests.ReadResult> results = t.readMany(session, request.reads());
    return results == null ? null : new Requests.ReadManyResult(results);
  }

  @Override
  public Requests.PlanResult planChange(Requests.PlanChange request) {
    ResourceType t = types.get(request.typeName());
    if (t == null) {
      return new Requests.PlanResult(
          null, List.of(), null, List.of(unknownType(request.typeName())));
    }
    return t.plan(request);
  }

  @Override
  public Requests.ApplyResult create(Requests.Create request) {
    ResourceType t = types.get(request.typeName());
    if (t == null || session == null) {
      return new Requests.ApplyResult(null, null, List.of(problem(request.typeName())));
    }
    try {
      return t.create(session, request);
    } catch (dev.forma.provider.sdk.lifecycle.Creates.OutcomeUnknown e) {
      return Requests.ApplyResult.unknownOutcome(
          List.of(ProviderDiagnostic.error("Create outcome unknown", e.getMessage() + ".")));
    }
  }

  @Override
  public Requests.ApplyResult update(Requests.Update request) {
    ResourceType t = types.get(request.typeName());
    if (t == null || session == null) {
      return new Requests.ApplyResult(
          request.priorState(), null, List.of(problem(request.typeName())));
    }
    return t.update(session, request);
  }

  @Override
  public Requests.Diagnostics delete(Requests.Delete request) {
    ResourceType t = types.get(request.typeName());
    if (t == null || session == null) {
      return new Requests.Diagnostics(List.of(problem(request.typeName())));
    }
    return t.delete(session, request);
  }

  @Override
  public Requests.ReadResult findInFlight(Requests.FindInFlight request) {
    ResourceType t = types.get(request.typeName());
    if (t == null || session == null) {
      return new Requests.ReadResult(null, null, List.of(problem(request.typeName())));
    }
    return t.findInFlight(session, request);
  }

  @Override
  public Requests.ImportResult importResource(Requests.Import request) {
    ResourceType t = types.get(request.typeName());
    if (t == null || session == null) {
      return new Requests.ImportResult(null, null, List.of(problem(request.typeName())));
    }
    return t.importById(session, request.id());
  }

  @Override
  public Requests.ListResult list(Requests.ListObjects request) {
    ResourceType t = types.get(request.typeName());
    if (t == null || session == null) {
      return Requests.ListResult.failed(problem(request.typeName()));
    }
    return t.list(session, request);
  }

  @Override
  public Requests.ReadResult readData(Requests.ReadData request) {
    return new Requests.ReadResult(
        null,
        null,
        List.of(
            ProviderDiagnostic.error(
                "Invalid data source",
                "The provider alicloud does not support data source \""
                    + request.typeName()
                    + "\".")));
  }

  private ProviderDiagnostic problem(String typeName) {
    return types.containsKey(typeName)
        ? ProviderDiagnostic.error(
            "Provider not configured", "The alicloud provider was used before it was configured.")
        : unknownType(typeName);
  }

  private static ProviderDiagnostic unknownType(String typeName) {
    return ProviderDiagnostic.error(
        "Invalid resource type",
        "The provider alicloud does not support resource type \"" + typeName + "\".");
  }
}
