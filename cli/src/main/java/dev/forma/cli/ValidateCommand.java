package dev.forma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.ConfigTreeLoader;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.engine.providers.Providers;
import dev.forma.provider.api.diag.DiagnosticJson;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code forma validate}: checks the configuration in the working directory (syntax, block
 * structure, names, references, types, functions) without any state or cloud access, as Terraform's
 * validate does: variables are unknown values of their declared types.
 */
@Command(
    name = "validate",
    header = "Check whether the configuration is valid",
    description = {
      "Checks the configuration in the working directory: its syntax, blocks and arguments, references, types and function calls, against the schemas of the built-in providers. It reads no state and calls no cloud API; input variables are unknown values of their declared types.",
      "It is safe to run at any time, for example when a file is saved or as a step of a CI pipeline. To check the configuration with real variable values and the state, run \"forma plan\", which validates first."
    },
    sortOptions = false)
public final class ValidateCommand implements Callable<Integer> {
  @Option(
      names = "-json",
      description =
          "Produce output in a machine-readable JSON format, suitable for use in"
              + " text editor integrations and other automated systems. Always disables color.")
  boolean json;

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public ValidateCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (noColor || json) {
      terminal.disableColor();
    }
    Result<ModuleDirectories> installed = InstalledModules.of(terminal.workingDirectory());
    Result<ConfigTree> loaded =
        ConfigTreeLoader.load(
            terminal.workingDirectory(), terminal.workingDirectory(), installed.value());
    Diagnostics diags =
        new Diagnostics().addAll(installed.diagnostics()).addAll(loaded.diagnostics());
    ConfigTree tree = loaded.value();
    if (!loaded.hasErrors() && tree != null) {
      Result<Providers> verified = ProviderRequirements.verified(terminal, tree.module(), true);
      diags.addAll(verified.diagnostics());
      if (!verified.hasErrors()) {
        diags.addAll(
            ModuleEvaluator.validate(tree, Workspaces.environment(terminal), verified.value()));
      }
    }
    var sources = tree == null ? null : tree.diagnosticSources();
    if (json) {
      ObjectNode out = new ObjectMapper().createObjectNode();
      out.put("format_version", "1.0");
      out.put("valid", !diags.hasErrors());
      out.put("error_count", diags.errorCount());
      out.put("warning_count", diags.size() - diags.errorCount());
      out.set("diagnostics", DiagnosticJson.toJson(diags, sources));
      terminal.out().println(Json.pretty(out));
      return diags.hasErrors() ? ExitCodes.ERROR : ExitCodes.OK;
    }
    terminal.printDiagnostics(diags, sources);
    if (diags.hasErrors()) {
      return ExitCodes.ERROR;
    }
    String ok = terminal.color() ? "\u001b[32m\u001b[1mSuccess!\u001b[0m" : "Success!";
    if (diags.isEmpty()) {
      terminal.out().println(ok + " The configuration is valid.\n");
    } else {
      terminal
          .out()
          .println(
              ok
                  + " The configuration is valid, but there were some validation warnings as"
                  + " shown above.\n");
    }
    return ExitCodes.OK;
  }
}
