package dev.forma.cli;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.plan.DriftReport;
import dev.forma.engine.plan.PlanOptions;
import dev.forma.engine.plan.PlanRequest;
import dev.forma.engine.render.DriftRenderer;
import dev.forma.engine.render.PlanMarkdown;
import dev.forma.engine.render.RenderOptions;
import dev.forma.engine.render.SchemaSource;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forma drift}: a read-only drift check for a scheduler. Refreshes every object in the state
 * and reports, each apart, the objects changed outside Forma (attribute by attribute), the objects
 * deleted outside Forma, and the configuration not yet applied. It reads one snapshot of the state,
 * takes no lock and writes nothing. Exit 0 without drift, 2 with drift of any kind, 1 on error.
 */
@Command(
    name = "drift",
    header = "Check whether the infrastructure has drifted",
    description = {
      "Refreshes every object in the state from the cloud and reports, each apart: objects changed outside Forma (attribute by attribute), objects deleted outside Forma, and configuration not yet applied. Nothing is written and no lock is taken, so it can run on a schedule beside other work.",
      "Exit codes: 0 no drift, 2 drift (of any kind), 1 error."
    },
    sortOptions = false)
public final class DriftCommand implements Callable<Integer> {
  @Option(
      names = "-json",
      description =
          "Print one JSON document with every drifted object and attribute path (docs/gitops.md).")
  boolean json;

  @Option(
      names = "-markdown",
      description = "Print the report as Markdown, for an issue or a chat message.")
  boolean markdown;

  @Option(
      names = "-target",
      paramLabel = "resource",
      description =
          "Check only the given module, resource, or resource instance and what it depends on."
              + " You can use this option multiple times.")
  List<String> targets = new ArrayList<>();

  @Mixin VariableOptions variables = new VariableOptions();

  @Option(
      names = "-parallelism",
      paramLabel = "n",
      description = "Limit the number of concurrent operations. Defaults to 10.")
  int parallelism = 10;

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Mixin HelpOption help = new HelpOption();

  @Spec CommandSpec spec;

  private final Terminal terminal;

  public DriftCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /** What a drift check is made from, as {@link Operation} prepares it. */
  record Inputs(
      Module module,
      State prior,
      Map<String, Value> variables,
      Map<ProviderConfigAddress, Provider> providers,
      ModuleEvaluator.Environment environment,
      ConfigTree tree,
      List<ResourceInstanceAddress> targets,
      int parallelism,
      SchemaSource schemas,
      Diagnostics warnings,
      Consumer<Diagnostics> printer) {}

  /** The check {@link Operation} runs in place of planning. */
  interface Check {
    int check(Inputs inputs);
  }

  @Override
  public Integer call() {
    if (json && markdown) {
      terminal.printDiagnostics(
          Diagnostics.of(
              dev.forma.provider.api.diag.Diagnostic.error(
                  "Invalid output options",
                  "The -json and -markdown options are mutually exclusive: choose one.")),
          null);
      return ExitCodes.ERROR;
    }
    if (!hasConfigurationFiles(terminal.workingDirectory())) {
      // (an empty folder is most likely a wrong -chdir: every object would look unconfigured)
      terminal.printDiagnostics(
          Diagnostics.of(
              dev.forma.provider.api.diag.Diagnostic.error(
                  "No configuration files",
                  "Drift compares the configuration with the state and the real objects, so it"
                      + " needs the configuration: run it in the configuration's folder, or give"
                      + " that folder with -chdir=DIR.\n\nForma found no .tf or .tf.json file in "
                      + terminal.workingDirectory()
                      + ".")),
          null);
      return ExitCodes.ERROR;
    }
    OperationOptions options = new OperationOptions();
    options.targets = targets;
    options.parallelism = parallelism;
    // a scheduled check has nobody to answer prompts: a variable without a value is an error
    options.input = false;
    StateOptions stateOptions = new StateOptions();
    stateOptions.noColor = noColor || json || markdown;
    // with -json or -markdown, standard output holds the document alone: the rest goes to stderr
    Terminal operating =
        json || markdown
            ? new Terminal(
                terminal.err(),
                terminal.err(),
                terminal.in(),
                terminal.env(),
                terminal.workingDirectory(),
                terminal.interactive())
            : terminal;
    if (noColor) {
      terminal.disableColor();
    }
    return new Operation(operating, options, stateOptions, variables.args(spec))
        .drift(this::check)
        .run(Operation.Kind.PLAN, false, null, false, false);
  }

  private static boolean hasConfigurationFiles(java.nio.file.Path dir) {
    try (var files = java.nio.file.Files.list(dir)) {
      return files.anyMatch(
          f -> {
            String name = f.getFileName().toString();
            return (name.endsWith(".tf") || name.endsWith(".tf.json"))
                && java.nio.file.Files.isRegularFile(f);
          });
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private int check(Inputs in) {
    PlanOptions options =
        PlanOptions.defaults().withTargets(in.targets()).withParallelism(in.parallelism());
    Result<DriftReport> checked =
        DriftReport.check(
            new PlanRequest(
                in.module(),
                in.prior(),
                in.variables(),
                in.providers(),
                options,
                Map.of(),
                in.environment(),
                in.tree()));
    Diagnostics all = new Diagnostics().addAll(in.warnings()).addAll(checked.diagnostics());
    in.printer().accept(all);
    DriftReport report = checked.value();
    if (report == null || all.hasErrors()) {
      return ExitCodes.ERROR;
    }
    if (json) {
      terminal.out().println(DriftRenderer.json(report, in.schemas(), Main.VERSION));
    } else if (markdown) {
      terminal.out().print(PlanMarkdown.drift(report, in.schemas()));
    } else {
      terminal
          .out()
          .print(
              DriftRenderer.render(report, in.schemas(), new RenderOptions(terminal.color(), 78)));
    }
    return report.hasDrift() ? ExitCodes.DRIFT_FOUND : ExitCodes.OK;
  }
}
