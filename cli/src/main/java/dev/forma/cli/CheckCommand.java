package dev.forma.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.ConfigTreeLoader;
import dev.forma.engine.config.InputVariables;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.VariableArg;
import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.provider.api.ConnectivityChecks;
import dev.forma.provider.api.diag.DiagnosticJson;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.GoDuration;
import dev.forma.provider.api.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code forma check [-json] [-no-color]}: calls every model endpoint the configuration declares
 * (model-service connections, ModelRouter models and EAS LLM services, see {@link
 * ModelEndpointChecks}) with one minimal streaming chat request and reports, per object, that it
 * answers or what to fix. Exit 0 when all answer, 1 otherwise.
 */
@Command(
    name = "check",
    header = "Check that the model endpoints in the configuration answer",
    description = {
      "Calls every model endpoint the configuration declares (the connections to model services, the ModelRouter models and the EAS LLM services, whose status is looked up first) with one small chat request, and says for each whether it answers or what to fix. The exit code is 0 when all answer, 1 otherwise."
    },
    sortOptions = false)
public final class CheckCommand implements Callable<Integer> {
  @Option(
      names = "-json",
      description = "Print one JSON document with every result, for pipelines.")
  boolean json;

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Mixin VariableOptions variables = new VariableOptions();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "-input",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true",
      description = "Ask for input for variables if not directly set.")
  boolean input = true;

  @Option(
      names = "-timeout",
      paramLabel = "DURATION",
      description = "How long each endpoint may take to answer (default 30s).")
  String timeout = "30s";

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public CheckCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (noColor || json) {
      terminal.disableColor();
    }
    Duration limit = GoDuration.parse(timeout);
    if (limit == null || limit.isZero() || limit.isNegative()) {
      return failed(
          Diagnostics.of(
              dev.forma.provider.api.diag.Diagnostic.error(
                  "Invalid timeout",
                  "The -timeout value \""
                      + timeout
                      + "\" is not a positive duration. Use a number with a unit, such as 10s.")),
          null);
    }
    Result<ModuleDirectories> installed = InstalledModules.of(terminal.workingDirectory());
    Result<ConfigTree> loaded =
        ConfigTreeLoader.load(
            terminal.workingDirectory(), terminal.workingDirectory(), installed.value());
    ConfigTree tree = loaded.value();
    Module module = tree == null ? null : tree.module();
    var sources = tree == null ? null : tree.diagnosticSources();
    Diagnostics diags =
        new Diagnostics().addAll(installed.diagnostics()).addAll(loaded.diagnostics());
    if (diags.hasErrors() || module == null) {
      return failed(diags, sources);
    }
    List<VariableArg> args = variables.args(spec);
    Result<Map<String, Value>> variables =
        InputVariables.resolve(
            module,
            terminal.workingDirectory(),
            args,
            terminal.env(),
            input && terminal.interactive(),
            prompt -> {
              terminal.out().print(prompt);
              return terminal.readLine();
            });
    diags.addAll(variables.diagnostics());
    if (variables.hasErrors()) {
      return failed(diags, sources);
    }
    ModuleEvaluator.Environment env = Workspaces.environment(terminal);
    Result<ModelEndpointChecks.Targets> targets =
        ModelEndpointChecks.targets(
            tree, variables.value(), env, ProviderRequirements.registry(terminal));
    diags.addAll(targets.diagnostics());
    if (diags.hasErrors()) {
      return failed(diags, sources);
    }
    List<ConnectivityChecks.Result> results;
    if (targets.value().isEmpty()) {
      results = List.of();
    } else {
      try (EmbeddedCloud cloud =
          EmbeddedCloud.startIfNeeded(module, terminal, json ? terminal.err() : terminal.out())) {
        results =
            ModelEndpointChecks.run(
                targets.value(),
                limit,
                tree,
                variables.value(),
                env,
                ProviderRequirements.registry(terminal),
                EmbeddedCloud.localCloudUrl(module, terminal),
                diags);
      }
    }
    boolean ok = ModelEndpointChecks.allAnswering(results) && !diags.hasErrors();
    if (json) {
      ObjectNode doc = ModelEndpointChecks.json(results);
      doc.put("ok", ok); // false too when a provider could not be configured
      doc.set("diagnostics", DiagnosticJson.toJson(diags, sources));
      terminal.out().println(Json.pretty(doc));
      return ok ? ExitCodes.OK : ExitCodes.ERROR;
    }
    terminal.printDiagnostics(diags, sources);
    if (results.isEmpty()) {
      terminal
          .out()
          .println(
              "No model endpoints to check: the configuration has no model-service connection"
                  + " (alicloud_pai_workspace_connection of type DashScopeConnection or"
                  + " OpenLLMConnection), no alicloud_model_router_model and no"
                  + " alicloud_pai_eas_app_service.");
      return ExitCodes.OK;
    }
    ModelEndpointChecks.print(terminal.out(), results, terminal.color());
    return ok ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private int failed(
      Diagnostics diags, dev.forma.provider.api.diag.DiagnosticRenderer.Sources sources) {
    if (json) {
      ObjectNode doc = ModelEndpointChecks.json(List.of());
      doc.put("ok", false);
      doc.set("diagnostics", DiagnosticJson.toJson(diags, sources));
      terminal.out().println(Json.pretty(doc));
    } else {
      terminal.printDiagnostics(diags, sources);
    }
    return ExitCodes.ERROR;
  }
}
