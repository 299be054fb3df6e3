package dev.forma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.Resource;
import dev.forma.engine.diag.Diagnostics;
import dev.forma.engine.diag.Result;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.plan.Expander;
import dev.forma.engine.provider.ProviderSchemas;
import dev.forma.engine.provider.Providers;
import dev.forma.engine.schema.BlockSchema;
import dev.forma.engine.schema.SchemaDecoder;
import dev.forma.engine.scope.InstanceBinding;
import dev.forma.engine.scope.Scope;
import dev.forma.engine.value.Value;
import dev.forma.provider.alicloud.check.CheckResult;
import dev.forma.provider.alicloud.check.CheckTarget;
import dev.forma.provider.alicloud.check.ConnectivityChecker;
import dev.forma.provider.alicloud.resource.ConnectionResource;
import dev.forma.provider.alicloud.support.Values;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model endpoints a configuration declares, checked (seed 004): every {@code
 * alicloud_pai_workspace_connection} of a model-service type (DashScopeConnection,
 * OpenLLMConnection) and every {@code alicloud_model_router_model}, each instance's configuration
 * evaluated as plan evaluates it (variables resolved, {@code count}/{@code for_each} expanded),
 * then one streaming chat request per object. Used by {@code forma check} and {@code plan
 * -check-connectivity}; never prints a key.
 */
public final class ModelEndpointChecks {
  static final String CONNECTION = "alicloud_pai_workspace_connection";
  static final String MODEL = "alicloud_model_router_model";

  /** How long one endpoint may take to answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** What was found in configuration: the targets to call, and objects that cannot be called. */
  public record Targets(List<CheckTarget> targets, List<CheckResult> unresolved) {
    public Targets {
      targets = List.copyOf(targets);
      unresolved = List.copyOf(unresolved);
    }

    public boolean isEmpty() {
      return targets.isEmpty() && unresolved.isEmpty();
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
    Diagnostics diags = new Diagnostics();
    Scope scope = new Scope(module, variables, env, false);
    ProviderSchemas schemas = new ProviderSchemas(providers);
    List<CheckTarget> targets = new ArrayList<>();
    List<CheckResult> unresolved = new ArrayList<>();
    for (Resource r : module.managedResources()) {
      String type = r.address().type();
      if (!type.equals(CONNECTION) && !type.equals(MODEL)) {
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
        String address = new ResourceInstanceAddress(r.address(), key).toString();
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
        if (type.equals(CONNECTION)) {
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
    return new Result<>(new Targets(targets, unresolved), diags);
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

  /** Calls every target, in configuration order, after the unresolved ones. */
  public static List<CheckResult> run(Targets targets, ConnectivityChecker checker) {
    List<CheckResult> out = new ArrayList<>(targets.unresolved());
    out.addAll(checker.checkAll(targets.targets()));
    out.sort(java.util.Comparator.comparing(CheckResult::address));
    return out;
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
    List<CheckResult> results = run(targets.value(), new ConnectivityChecker(TIMEOUT));
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
