package dev.forma.provider.alicloud.check;

import dev.forma.provider.alicloud.AlicloudProvider;
import dev.forma.provider.alicloud.resource.ConnectionResource;
import dev.forma.provider.alicloud.resource.EasAppServiceResource;
import dev.forma.provider.alicloud.resource.ModelRouterModelResource;
import dev.forma.provider.api.ConnectivityChecks;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.sdk.Values;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * The alicloud provider's {@link ConnectivityChecks}: every {@code
 * alicloud_pai_workspace_connection} of a model-service type (DashScopeConnection,
 * OpenLLMConnection) and every {@code alicloud_model_router_model} is called at its endpoint with
 * the key of its configuration; an {@code alicloud_pai_eas_app_service} is first looked up through
 * the configured provider (DescribeService: a service that is not Running fails with its status)
 * and then called at its OpenAI-compatible endpoint with its token.
 *
 * <p>When the configuration runs against the local cloud, the local cloud stands in for Alibaba
 * Cloud's model hosts as it does for its APIs: a base URL on a host under {@code aliyuncs.com}
 * (DashScope's) is called at the local cloud's address instead, with the same path, and the result
 * says so.
 */
public final class EndpointChecks {
  /** The types that can be checked. */
  public static final Set<String> TYPES =
      Set.of(ConnectionResource.TYPE, ModelRouterModelResource.TYPE, EasAppServiceResource.TYPE);

  private final Map<Duration, ConnectivityChecker> checkers = new ConcurrentHashMap<>();

  /** Whether checking an instance of {@code type} looks it up through the configured provider. */
  public static boolean needsConfiguration(String type) {
    return type.equals(EasAppServiceResource.TYPE);
  }

  /**
   * Checks one instance; null when there is nothing to check (a connection that is not to a model
   * service). {@code provider} must be configured for an EAS service.
   */
  public ConnectivityChecks.Result check(
      ConnectivityChecks.Request request, AlicloudProvider provider) {
    ConnectivityChecker checker =
        checkers.computeIfAbsent(request.timeout(), ConnectivityChecker::new);
    String address = request.address();
    Value v = request.config();
    switch (request.typeName()) {
      case EasAppServiceResource.TYPE -> {
        if (Values.isUnknown(v, "service_name")) {
          return ConnectivityChecks.Result.notKnown(address, "service_name");
        }
        if (provider.region() == null) {
          return new ConnectivityChecks.Result(
              address,
              false,
              "NOT_CONFIGURED",
              "The alicloud provider that manages it is not configured: the service cannot be"
                  + " looked up.",
              null,
              null);
        }
        return api(
            EasServiceCheck.check(
                address,
                provider,
                Values.string(v, "service_name"),
                Values.isUnknown(v, "service_spec") ? null : Values.string(v, "service_spec"),
                checker));
      }
      case ConnectionResource.TYPE -> {
        if (Values.isUnknown(v, "connection_type")) {
          return ConnectivityChecks.Result.notKnown(address, "connection_type");
        }
        String ct = Values.string(v, "connection_type");
        if (ct == null || !ConnectionResource.MODEL_SERVICE_TYPES.contains(ct)) {
          return null;
        }
        String missing = unknownPart(v);
        if (missing != null) {
          return ConnectivityChecks.Result.notKnown(address, missing);
        }
        return api(
            checkModel(CheckTarget.fromConnection(address, v), checker, request.localEndpoint()));
      }
      case ModelRouterModelResource.TYPE -> {
        for (String attr : List.of("base_url", "api_key", "model_id")) {
          if (Values.isUnknown(v, attr)) {
            return ConnectivityChecks.Result.notKnown(address, attr);
          }
        }
        return api(checkModel(CheckTarget.fromModel(address, v), checker, request.localEndpoint()));
      }
      default -> {
        return null;
      }
    }
  }

  private static ConnectivityChecks.Result api(CheckResult r) {
    return new ConnectivityChecks.Result(
        r.address(), r.answering(), r.code(), r.message(), r.url(), r.status());
  }

  /** The first of a connection's check inputs that is not known before apply, or null. */
  private static String unknownPart(Value v) {
    for (String[] p : new String[][] {{"configs", "base_url"}, {"secrets", "api_key"}}) {
      if (Values.isUnknown(v, p[0])) {
        return p[0];
      }
      Value inner = Values.entries(v, p[0]).get(p[1]);
      if (inner != null && !inner.isKnown()) {
        return p[0] + "." + p[1];
      }
    }
    for (Value m : Values.elements(v, "models")) {
      if (Values.isUnknown(m, "model")) {
        return "models[].model";
      }
    }
    return null;
  }

  /**
   * Checks one connection or model; against the local cloud, a base URL on an Alibaba Cloud host is
   * called at the local cloud instead.
   */
  static CheckResult checkModel(CheckTarget t, ConnectivityChecker checker, String localCloud) {
    HttpUrl given = t.baseUrl() == null ? null : ConnectivityChecker.chatUrl(t.baseUrl());
    HttpUrl local = localCloud == null ? null : HttpUrl.parse(localCloud);
    if (given == null || local == null || !standsIn(given.host())) {
      return checker.check(t);
    }
    String base = t.baseUrl().trim();
    HttpUrl mapped =
        HttpUrl.parse(base.contains("://") ? base : "https://" + base)
            .newBuilder()
            .scheme(local.scheme())
            .host(local.host())
            .port(local.port())
            .build();
    CheckResult r =
        checker.check(new CheckTarget(t.address(), mapped.toString(), t.apiKey(), t.model()));
    String note =
        "the local cloud stands in for "
            + given.host()
            + " (endpoint = \"local\" sends the calls for Alibaba Cloud there)";
    return r.withMessage(
        r.answering()
            ? "Answering: " + note + "."
            : r.message().substring(0, r.message().length() - 1) + "; " + note + ".");
  }

  /** Whether the local cloud answers for {@code host}: Alibaba Cloud's hosts. */
  static boolean standsIn(String host) {
    return host.equals("aliyuncs.com") || host.endsWith(".aliyuncs.com");
  }
}
