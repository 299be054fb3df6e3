package dev.forma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.Resource;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.SchemaDecoder;
import dev.forma.engine.plan.Expander;
import dev.forma.engine.plan.ModuleInstances;
import dev.forma.engine.providers.ProviderConfigs;
import dev.forma.engine.providers.ProviderSchemas;
import dev.forma.engine.providers.Providers;
import dev.forma.engine.scope.InstanceBinding;
import dev.forma.engine.scope.Scope;
import dev.forma.provider.alicloud.AlicloudProvider;
import dev.forma.provider.alicloud.check.CheckResult;
import dev.forma.provider.alicloud.check.CheckTarget;
import dev.forma.provider.alicloud.check.ConnectivityChecker;
import dev.forma.provider.alicloud.check.EasServiceCheck;
import dev.forma.provider.alicloud.resource.ConnectionResource;
import dev.forma.provider.alicloud.support.Values;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.Value;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model endpoints a configuration declares, checked (seed 004): every {@code
 * alicloud_pai_workspace_connection} of a model-service type (DashScopeConnection,
 * OpenLLMConnection), every {@code alicloud_model_router_model} and every {@code
 * alicloud_pai_eas_app_service}, each instance's configuration evaluated as plan evaluates it
 * (variables resolved, {@code count}/{@code for_each} expanded), then one streaming chat request
 * per object. An EAS service is first looked up in the cloud through its provider (DescribeService:
 * a service that is not Running fails with its status) and then called at its OpenAI-compatible
 * endpoint with its token. Used by {@code forma check} and {@code plan -check-connectivity}; never
 * prints a key or a token.
 *
 * <p>When the configuration runs against the local cloud ({@code endpoint = "local"}), the local
 * cloud stands in for Alibaba Cloud's model hosts as it does for its APIs: a base URL on a host
 * under {@code aliyuncs.com} (DashScope's) is called at the local cloud's address instead, with the
 * same path, and the report says so.
 */
public final class ModelEndpointChecks {
  static final String CONNECTION = "alicloud_pai_workspace_connection";
  static final String MODEL = "alicloud_model_router_model";
  static final String SERVICE = "alicloud_pai_eas_app_service";

  /** How long one endpoint may take to answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * An EAS service to check: its address, the provider configuration that manages it, its name and
   * the model to ask for (its service spec).
   */
  public record ServiceTarget(
      String address, ProviderConfigAddress provider, String name, String model) {}

  /**
   * What was found in configuration: the targets to call, the EAS services to look up and call, and
   * objects that cannot be called.
   */
  public record Targets(
      List<CheckTarget> targets, List<ServiceTarget> services, List<CheckResult> unresolved) {
    public Targets {
      targets = List.copyOf(targets);
      services = List.copyOf(services);
      unresolved = List.copyOf(unresolved);
    }

    public boolean isEmpty() {
      return targets.isEmpty() && services.isEmpty() && unresolved.isEmpty();
    }
  }

  private ModelEndpointChecks() {}

  /**
   * The targets of a module with the given variable values. Objects whose endpoint, key or model is
   * not known before apply (it refers to an object not yet created) are {@code unresolved} results
   * saying so.
   */
  public static Result<Targets> targets(
      Module module,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env,
      Providers providers) {
    return targets(ConfigTree.root(module), variables, env, providers);
  }

  /**
   * The targets of a configuration tree: the root module's and those of every instance of its child
   * modules (their inputs evaluated from the calls, as plan evaluates them).
   */
  public static Result<Targets> targets(
      ConfigTree tree,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env,
      Providers providers) {
    Diagnostics diags = new Diagnostics();
    ModuleInstances instances = new ModuleInstances(tree, env, diags);
    instances.root(new Scope(tree.module(), variables, env, false, instances));
    ProviderSchemas schemas = new ProviderSchemas(providers);
    List<CheckTarget> targets = new ArrayList<>();
    List<ServiceTarget> services = new ArrayList<>();
    List<CheckResult> unresolved = new ArrayList<>();
    for (ConfigTree t : tree.all()) {
      for (ModuleInstance mi : instances.instances(t.path())) {
        collect(t.module(), mi, instances.scope(mi), schemas, diags, targets, services, unresolved);
      }
    }
    return new Result<>(new Targets(targets, services, unresolved), diags);
  }

  private static void collect(
      Module module,
      ModuleInstance mi,
      Scope scope,
      ProviderSchemas schemas,
      Diagnostics diags,
      List<CheckTarget> targets,
      List<ServiceTarget> services,
      List<CheckResult> unresolved) {
    for (Resource r : module.managedResources()) {
      String type = r.address().type();
      if (!type.equals(CONNECTION) && !type.equals(MODEL) && !type.equals(SERVICE)) {
        continue;
      }
      BlockSchema schema = schemas.resourceSchema(r, diags);
      if (schema == null) {
        continue;
      }
      Result<Expander.Expanded> expanded = Expander.expand(r, scope);
      diags.addAll(expanded.diagnostics());
      if (expanded.hasErrors() || expanded.value() == null) {
        continue;
      }
      Map<String, Value> each = expanded.value().eachValues();
      for (InstanceKey key : expanded.value().expansion().instanceKeys()) {
        String address = new ResourceInstanceAddress(r.address().in(mi), key).toString();
        Value eachValue =
            key instanceof InstanceKey.StringKey s ? each.getOrDefault(s.value(), null) : null;
        Result<EvalContext> ctx = scope.forResource(r, InstanceBinding.of(key, eachValue));
        diags.addAll(ctx.diagnostics());
        if (ctx.hasErrors()) {
          continue;
        }
        Result<Value> config = SchemaDecoder.decode(r.config(), schema, ctx.value());
        diags.addAll(config.diagnostics());
        if (config.hasErrors()) {
          continue;
        }
        Value v = config.value();
        if (type.equals(SERVICE)) {
          if (Values.isUnknown(v, "service_name")) {
            unresolved.add(unknown(address, "service_name"));
          } else {
            services.add(
                new ServiceTarget(
                    address,
                    r.providerAddress(),
                    Values.string(v, "service_name"),
                    Values.isUnknown(v, "service_spec") ? null : Values.string(v, "service_spec")));
          }
        } else if (type.equals(CONNECTION)) {
          String ct = Values.string(v, "connection_type");
          if (Values.isUnknown(v, "connection_type")) {
            unresolved.add(unknown(address, "connection_type"));
            continue;
          }
          if (ct == null || !ConnectionResource.MODEL_SERVICE_TYPES.contains(ct)) {
            continue;
          }
          String missing = unknownPart(v, "configs", "base_url", "secrets", "api_key");
          if (missing != null) {
            unresolved.add(unknown(address, missing));
            continue;
          }
          targets.add(CheckTarget.fromConnection(address, v));
        } else {
          for (String attr : List.of("base_url", "api_key", "model_id")) {
            if (Values.isUnknown(v, attr)) {
              unresolved.add(unknown(address, attr));
              v = null;
              break;
            }
          }
          if (v != null) {
            targets.add(CheckTarget.fromModel(address, v));
          }
        }
      }
    }
  }

  /** The first of a connection's check inputs that is not known before apply, or null. */
  private static String unknownPart(
      Value v, String configs, String baseUrl, String secrets, String apiKey) {
    for (String[] p : new String[][] {{configs, baseUrl}, {secrets, apiKey}}) {
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

  private static CheckResult unknown(String address, String attribute) {
    return new CheckResult(
        address,
        CheckResult.Outcome.FAILED,
        "NOT_KNOWN",
        attribute
            + " is not known until apply (it refers to an object not created yet): apply first,"
            + " then check.",
        null);
  }

  /**
   * Calls every target and looks up and calls every EAS service (through the providers configured
   * from {@code module}, in {@code ctx}, only when there is a service to check); the results sorted
   * by address. {@code localCloud} is the local cloud's base URL when the configuration runs
   * against it (see the class comment), else null. Provider configuration errors are added to
   * {@code diags}, and the services they concern are not called.
   */
  public static List<CheckResult> run(
      Targets targets,
      ConnectivityChecker checker,
      Module module,
      EvalContext ctx,
      Providers providers,
      String localCloud,
      Diagnostics diags) {
    List<CheckResult> out = new ArrayList<>(targets.unresolved());
    for (CheckTarget t : targets.targets()) {
      out.add(checkModel(t, checker, localCloud));
    }
    if (!targets.services().isEmpty()) {
      Result<Map<ProviderConfigAddress, Provider>> configured =
          ProviderConfigs.configure(module, ctx, providers);
      diags.addAll(configured.diagnostics());
      for (ServiceTarget s : targets.services()) {
        Provider p = configured.value().get(s.provider());
        if (p instanceof AlicloudProvider alicloud) {
          out.add(EasServiceCheck.check(s.address(), alicloud, s.name(), s.model(), checker));
        } else if (!configured.hasErrors()) {
          out.add(
              new CheckResult(
                  s.address(),
                  CheckResult.Outcome.FAILED,
                  "NOT_CONFIGURED",
                  "Its provider configuration "
                      + s.provider()
                      + " is not the alicloud provider: the service cannot be looked up.",
                  null));
        }
      }
    }
    out.sort(java.util.Comparator.comparing(CheckResult::address));
    return out;
  }

  /**
   * Checks one connection or model; against the local cloud, a base URL on an Alibaba Cloud host is
   * called at the local cloud instead.
   */
  private static CheckResult checkModel(
      CheckTarget t, ConnectivityChecker checker, String localCloud) {
    okhttp3.HttpUrl given = t.baseUrl() == null ? null : ConnectivityChecker.chatUrl(t.baseUrl());
    okhttp3.HttpUrl local = localCloud == null ? null : okhttp3.HttpUrl.parse(localCloud);
    if (given == null || local == null || !standsIn(given.host())) {
      return checker.check(t);
    }
    String base = t.baseUrl().trim();
    okhttp3.HttpUrl mapped =
        okhttp3.HttpUrl.parse(base.contains("://") ? base : "https://" + base)
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

  /**
   * The local cloud's base URL when {@code module} runs against it ({@code endpoint = "local"}),
   * the embedded one or the one {@code FORMA_ALICLOUD_LOCAL_URL} names; null otherwise.
   */
  static String localCloudUrl(Module module, Terminal terminal) {
    if (EmbeddedCloud.localProvider(module) == null) {
      return null;
    }
    String registered = dev.forma.provider.alicloud.config.LocalCloud.registeredUrl();
    return registered != null ? registered : EmbeddedCloud.externalUrl(terminal.env());
  }

  /**
   * {@code plan -check-connectivity}: checks the module's model endpoints after the plan and prints
   * the report (nothing when there is none to check; with {@code -json}, one line of the check
   * JSON). True when every endpoint answers.
   */
  static boolean checkAndPrint(
      Terminal terminal,
      Module module,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env,
      Providers providers,
      boolean json) {
    Result<Targets> targets = targets(module, variables, env, providers);
    terminal.printDiagnostics(targets.diagnostics(), module.diagnosticSources());
    if (targets.hasErrors()) {
      return false;
    }
    if (targets.value().isEmpty()) {
      return true;
    }
    Diagnostics diags = new Diagnostics();
    Result<EvalContext> ctx = ModuleEvaluator.evalContext(module, variables, env);
    List<CheckResult> results =
        run(
            targets.value(),
            new ConnectivityChecker(TIMEOUT),
            module,
            ctx.value(),
            providers,
            localCloudUrl(module, terminal),
            diags);
    terminal.printDiagnostics(diags, module.diagnosticSources());
    if (json) {
      terminal.out().println(json(results).toString());
    } else {
      terminal.out().println("\nChecking model endpoints (-check-connectivity):\n");
      print(terminal.out(), results, terminal.color());
    }
    return ConnectivityChecker.allAnswering(results);
  }

  /** The human report: one line per object, then a summary line. */
  public static void print(PrintStream out, List<CheckResult> results, boolean color) {
    for (CheckResult r : results) {
      if (r.answering()) {
        out.println(
            paint(color, "\u001b[1m", r.address() + ":")
                + " "
                + paint(color, "\u001b[32m", "reachable and answering")
                + (r.url() == null ? "" : " (" + r.url() + ")"));
        if (!r.message().equals("Answering.")) {
          out.println("  " + r.message());
        }
      } else {
        out.println(
            paint(color, "\u001b[1m", r.address() + ":")
                + " "
                + paint(color, "\u001b[31m", "not answering")
                + (r.code() == null ? "" : " [" + r.code() + "]"));
        out.println("  " + r.message());
        if (r.url() != null) {
          out.println("  URL: " + r.url());
        }
      }
    }
    long ok = results.stream().filter(CheckResult::answering).count();
    out.println();
    String summary =
        "Check: "
            + ok
            + " of "
            + results.size()
            + " model endpoint"
            + (results.size() == 1 ? "" : "s")
            + " answering.";
    out.println(paint(color, ok == results.size() ? "\u001b[32m" : "\u001b[31m", summary));
  }

  /** The JSON report for {@code -json}. */
  public static ObjectNode json(List<CheckResult> results) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("format_version", "1.0");
    root.put("ok", ConnectivityChecker.allAnswering(results));
    ArrayNode checks = root.putArray("checks");
    results.forEach(r -> checks.add(r.toJson()));
    ObjectNode summary = root.putObject("summary");
    long ok = results.stream().filter(CheckResult::answering).count();
    summary.put("total", results.size());
    summary.put("answering", ok);
    summary.put("failed", results.size() - ok);
    return root;
  }

  private static String paint(boolean color, String code, String s) {
    return color ? code + s + "\u001b[0m" : s;
  }
}
