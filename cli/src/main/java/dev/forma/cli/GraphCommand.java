package dev.forma.cli;

import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.ConfigTreeLoader;
import dev.forma.engine.graph.GraphBuilder;
import dev.forma.engine.graph.ResourceGraph;
import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code forma graph [-type=TYPE]}: the dependency graph of the configuration's resources in DOT,
 * as Terraform prints it ({@code rankdir = "RL"}, one node per resource, an edge from each resource
 * to each one it depends on). The operation types Terraform accepts are accepted; Forma's graph is
 * the same resource graph for each of them.
 */
@Command(
    name = "graph",
    header = "Generate a Graphviz graph of the steps in an operation",
    description = {
      "Prints the dependency graph of the resources in the configuration, in the DOT language of Graphviz (for example: forma graph | dot -Tsvg > graph.svg). An arrow goes from each resource to each resource it depends on."
    },
    sortOptions = false)
public final class GraphCommand implements Callable<Integer> {
  private static final List<String> TYPES =
      List.of("plan", "plan-refresh-only", "plan-destroy", "apply");

  @Option(
      names = "-type",
      paramLabel = "TYPE",
      description =
          "Type of operation graph to output. Can be: plan, plan-refresh-only, plan-destroy, or"
              + " apply. By default Forma just summarizes simple dependency relationships between"
              + " resources.")
  String type;

  @Option(
      names = "-draw-cycles",
      description = "Highlight any cycles in the graph with colored edges.")
  boolean drawCycles;

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public GraphCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (noColor) {
      terminal.disableColor();
    }
    if (type != null && !TYPES.contains(type)) {
      terminal.printDiagnostics(
          Diagnostics.of(
              Diagnostic.error(
                  "Unsupported graph type",
                  "The -type=... argument must be either \"plan\", \"plan-refresh-only\","
                      + " \"plan-destroy\", or \"apply\".")),
          null);
      return ExitCodes.ERROR;
    }
    Path wd = terminal.workingDirectory();
    Result<ModuleDirectories> installed = InstalledModules.of(wd);
    Result<ConfigTree> loaded = ConfigTreeLoader.load(wd, wd, installed.value());
    ConfigTree tree = loaded.value();
    var sources = tree == null ? null : tree.diagnosticSources();
    Diagnostics read =
        new Diagnostics().addAll(installed.diagnostics()).addAll(loaded.diagnostics());
    if (read.hasErrors() || tree == null) {
      terminal.printDiagnostics(read, sources);
      return ExitCodes.ERROR;
    }
    // the resources of every module, with the edges across calls (inputs, outputs, depends_on)
    Result<ResourceGraph> graph = GraphBuilder.build(tree, null);
    Diagnostics diags = read.addAll(graph.diagnostics());
    terminal.printDiagnostics(diags, sources);
    if (diags.hasErrors() || graph.value() == null) {
      return ExitCodes.ERROR;
    }
    terminal.out().print(graph.value().dot());
    return ExitCodes.OK;
  }
}
