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
import dev.forma.engine.facade.Engine;
import dev.forma.engine.graph.TreeReferences;
import dev.forma.engine.plan.Expander;
import dev.forma.engine.plan.ModuleInstances;
import dev.forma.engine.providers.ProviderSchemas;
import dev.forma.engine.providers.Providers;
import dev.forma.engine.scope.InstanceBinding;
import dev.forma.engine.scope.Scope;
import dev.forma.provider.api.ConnectivityChecks;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The endpoints a configuration declares, checked: every instance of a resource type that its
 * provider can check ({@link ConnectivityChecks}: for alicloud, the model-service connections, the
 * ModelRouter models and the EAS LLM services), in the root module and in every instance of its
 * child modules, each instance's configuration evaluated as plan evaluates it (variables resolved,
 * {@code count}/{@code for_each} expanded), then handed to the provider. A check that looks the
 * object up through the provider's APIs runs on the provider configured as plan configures it (the
 * root module's {@code provider} blocks and the implied default ones); the others run on an
 * unconfigured instance and need no credentials. Used by {@code forma check} and {@code plan
 * -check-connectivity}; a result never carries a key or a token.
 */
public final class ModelEndpointChecks {
  /** How long one endpoint may take to answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * One instance to check: its type, address, the provider configuration that manages it, its
   * evaluated configuration, and whether its provider must be configured to check it.
   */
  public record Target(
      String typeName,
      String address,
      ProviderConfigAddress provider,
      Value config,
      boolean needsConfiguration) {}

  /** What was found in configuration. */
  public record Targets(List<Target> targets) {
    public Targets {
      targets = List.copyOf(targets);
    }

    public boolean isEmpty() {
      return targets.isEmpty();
    }

    boolean needConfiguration() {
      return targets.stream().anyMatch(Target::needsConfiguration);
    }
  }

  private ModelEndpointChecks() {}

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
    List<Target> targets = new ArrayList<>();
    TreeReferences refs = new TreeReferences(tree);
    for (ConfigTree t : tree.all()) {
      for (ModuleInstance mi : instances.instances(t.path())) {
        collect(t, mi, instances.scope(mi), schemas, refs, diags, targets);
      }
    }
    return new Result<>(new Targets(targets), diags);
  }

  /** The provider's checks of {@code type}, or null when it has none. */
  private static ConnectivityChecks checks(ProviderSchemas schemas, String provider, String type) {
    Provider p = schemas.unconfigured(provider);
    return p instanceof ConnectivityChecks c && c.checkableTypes().contains(type) ? c : null;
  }

  private static void collect(
      ConfigTree module,
      ModuleInstance mi,
      Scope scope,
      ProviderSchemas schemas,
      TreeReferences refs,
      Diagnostics diags,
      List<Target> targets) {
    for (Resource r : module.module().managedResources()) {
      String type = r.address().type();
      ConnectivityChecks checks = checks(schemas, r.providerAddress().localName(), type);
      if (checks == null) {
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
        targets.add(
            new Target(
                type,
                address,
                // the root module's configuration it stands for (passed in or inherited)
                refs.providerFor(module.path(), r.providerAddress()),
                config.value(),
                checks.needsConfiguration(type)));
      }
    }
  }

  /**
   * Checks every target, the results sorted by address. The providers of the targets that need one
   * configured are configured from {@code tree} as plan configures them (only when there is such a
   * target); their configuration errors are added to {@code diags}, and the targets they concern
   * are not checked. {@code localCloud} is the local cloud's base URL when the configuration runs
   * against it, else null.
   */
  public static List<ConnectivityChecks.Result> run(
      Targets targets,
      Duration timeout,
      ConfigTree tree,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env,
      Providers providers,
      String localCloud,
      Diagnostics diags) {
    ProviderSchemas unconfigured = new ProviderSchemas(providers);
    Map<ProviderConfigAddress, Provider> configured = Map.of();
    boolean failed = false;
    if (targets.needConfiguration()) {
      Result<Map<ProviderConfigAddress, Provider>> r =
          Engine.providers(tree, variables, env, providers, State.empty());
      diags.addAll(r.diagnostics());
      failed = r.hasErrors();
      configured = r.value() == null ? Map.of() : r.value();
    }
    List<ConnectivityChecks.Result> out = new ArrayList<>();
    for (Target t : targets.targets()) {
      Provider p =
          t.needsConfiguration()
              ? configured.get(t.provider())
              : unconfigured.unconfigured(t.provider().localName());
      if (!(p instanceof ConnectivityChecks checks)) {
        if (!failed) {
          out.add(
              new ConnectivityChecks.Result(
                  t.address(),
                  false,
                  "NOT_CONFIGURED",
                  "Its provider configuration "
                      + t.provider()
                      + " could not be configured: the object cannot be looked up.",
                  null,
                  null));
        }
        continue;
      }
      ConnectivityChecks.Result r;
      try {
        r =
            checks.check(
                new ConnectivityChecks.Request(
                    t.typeName(), t.address(), t.config(), timeout, localCloud));
      } catch (RuntimeException e) {
        r =
            new ConnectivityChecks.Result(
                t.address(),
                false,
                "CHECK_FAILED",
                "The provider failed to check it: " + e.getMessage() + ".",
                null,
                null);
      }
      if (r != null) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(ConnectivityChecks.Result::address));
    return out;
  }

  /** True when every result answered. */
  public static boolean allAnswering(List<ConnectivityChecks.Result> results) {
    return results.stream().allMatch(ConnectivityChecks.Result::ok);
  }

  /**
   * {@code plan -check-connectivity}: checks the configuration's endpoints after the plan and
   * reports them (nothing when there is none to check): for a person, after the plan; in the {@code
   * -json} stream, one {@code log} message per object and one for the summary, so that the stream
   * stays JSON lines. True when every endpoint answers.
   */
  static boolean checkAndPrint(
      Terminal terminal,
      OperationView view,
      ConfigTree tree,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env,
      Providers providers) {
    Module module = tree.module();
    Result<Targets> targets = targets(tree, variables, env, providers);
    terminal.printDiagnostics(targets.diagnostics(), tree.diagnosticSources());
    if (targets.hasErrors()) {
      return false;
    }
    if (targets.value().isEmpty()) {
      return true;
    }
    Diagnostics diags = new Diagnostics();
    List<ConnectivityChecks.Result> results =
        run(
            targets.value(),
            TIMEOUT,
            tree,
            variables,
            env,
            providers,
            EmbeddedCloud.localCloudUrl(module, terminal),
            diags);
    terminal.printDiagnostics(diags, tree.diagnosticSources());
    if (results.isEmpty()) {
      return !diags.hasErrors();
    }
    if (view.machineReadable()) {
      java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
      PrintStream into = new PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8);
      for (ConnectivityChecks.Result r : results) {
        print(into, List.of(r), false, false);
        view.log(text.toString(java.nio.charset.StandardCharsets.UTF_8).stripTrailing());
        text.reset();
      }
      view.log(summary(results));
    } else {
      terminal.out().println("\nChecking model endpoints (-check-connectivity):\n");
      print(terminal.out(), results, terminal.color());
    }
    return allAnswering(results) && !diags.hasErrors();
  }

  /** The human report: one line per object, then a summary line. */
  public static void print(
      PrintStream out, List<ConnectivityChecks.Result> results, boolean color) {
    print(out, results, color, true);
  }

  private static void print(
      PrintStream out, List<ConnectivityChecks.Result> results, boolean color, boolean summary) {
    for (ConnectivityChecks.Result r : results) {
      if (r.ok()) {
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
    if (summary) {
      long ok = results.stream().filter(ConnectivityChecks.Result::ok).count();
      out.println();
      out.println(
          paint(color, ok == results.size() ? "\u001b[32m" : "\u001b[31m", summary(results)));
    }
  }

  private static String summary(List<ConnectivityChecks.Result> results) {
    long ok = results.stream().filter(ConnectivityChecks.Result::ok).count();
    return "Check: "
        + ok
        + " of "
        + results.size()
        + " model endpoint"
        + (results.size() == 1 ? "" : "s")
        + " answering.";
  }

  /** The JSON report for {@code -json}. */
  public static ObjectNode json(List<ConnectivityChecks.Result> results) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("format_version", "1.0");
    root.put("ok", allAnswering(results));
    ArrayNode checks = root.putArray("checks");
    for (ConnectivityChecks.Result r : results) {
      // each field present, null when it does not apply
      ObjectNode o = checks.addObject();
      o.put("address", r.address());
      o.put("ok", r.ok());
      o.put("code", r.code());
      o.put("message", r.message());
      o.put("url", r.url());
      o.put("status", r.status());
    }
    ObjectNode summary = root.putObject("summary");
    long ok = results.stream().filter(ConnectivityChecks.Result::ok).count();
    summary.put("total", results.size());
    summary.put("answering", ok);
    summary.put("failed", results.size() - ok);
    return root;
  }

  private static String paint(boolean color, String code, String s) {
    return color ? code + s + "\u001b[0m" : s;
  }
}
