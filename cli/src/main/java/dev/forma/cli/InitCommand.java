package dev.forma.cli;

import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.Diagnostics;
import dev.forma.engine.diag.Result;
import dev.forma.engine.provider.Providers;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code forma init}: Forma's providers are built in, so init downloads nothing and writes nothing;
 * it checks that the backend is one Forma has (unless {@code -backend=false}) and that every
 * provider the configuration requires ({@code required_providers}, {@code provider} blocks,
 * resource types) is one Forma has, and prints Terraform's texts. An unknown backend or provider is
 * an error naming the ones Forma has, and init does not say that it succeeded.
 */
@Command(
    name = "init",
    header = "Prepare your working directory for other commands",
    description = {
      "Checks that the configuration in the working directory can be used: that its backend is one Forma has, and that every provider it requires is one of Forma's built-in providers. Nothing is downloaded or installed.",
      "It is always safe to run, as often as you like."
    },
    sortOptions = false)
public final class InitCommand implements Callable<Integer> {
  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Option(
      names = "-input",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true",
      description = "Ask for input if necessary. If false, will error if input was required.")
  boolean input = true;

  @Option(
      names = "-backend",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "false",
      description = "Skip checking the configuration's backend.")
  boolean backend = true;

  @Option(names = "-upgrade", description = "Accepted for compatibility: providers are built in.")
  boolean upgrade;

  @Option(
      names = "-reconfigure",
      description = "Accepted for compatibility: the local backend needs no migration.")
  boolean reconfigure;

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public InitCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (noColor) {
      terminal.disableColor();
    }
    Result<Module> loaded =
        ConfigLoader.load(terminal.workingDirectory(), terminal.workingDirectory());
    Module module = loaded.value();
    if (module != null && module.sources().isEmpty() && !loaded.hasErrors()) {
      terminal.out().println(bold("Forma initialized in an empty directory!"));
      terminal
          .out()
          .println(
              "\nThe directory has no Forma configuration files. You may begin working\n"
                  + "with Forma immediately by creating Forma configuration files."
                  + reset());
      return ExitCodes.OK;
    }
    var sources = module == null ? null : module.diagnosticSources();
    if (loaded.hasErrors() || module == null) {
      terminal.printDiagnostics(loaded.diagnostics(), sources);
      return ExitCodes.ERROR;
    }
    terminal.printDiagnostics(loaded.diagnostics(), sources);
    if (backend) {
      terminal.out().println(bold("Initializing the backend..."));
      Result<Backends.Selected> selected = Backends.select(module, true);
      terminal.printDiagnostics(selected.diagnostics(), sources);
      if (selected.hasErrors()) {
        return ExitCodes.ERROR;
      }
    }
    terminal.out().println(bold("Initializing provider plugins..."));
    Providers providers = Providers.discover();
    List<ProviderRequirements.Requirement> reqs = ProviderRequirements.of(module, providers);
    Diagnostics diags = new Diagnostics();
    for (ProviderRequirements.Requirement r : reqs) {
      if (!r.available()) {
        diags.add(
            Diagnostic.error(
                "Provider not available",
                "Forma has no provider "
                    + r.displaySource()
                    + " (local name \""
                    + r.localName()
                    + "\"). Forma's providers are built in, and it has these: "
                    + ProviderRequirements.available(providers)
                    + ".",
                r.range()));
        continue;
      }
      if (r.factory().source().startsWith("terraform.io/builtin/")) {
        terminal.out().println("- " + r.displaySource() + " is built in to Forma");
      } else {
        terminal
            .out()
            .println(
                "- Using built-in provider " + r.factory().source() + " v" + r.factory().version());
      }
      if (r.constraint() != null) {
        diags.add(
            Diagnostic.warning(
                "Version constraint not applied",
                "The configuration asks for "
                    + r.factory().source()
                    + " "
                    + r.constraint()
                    + ". Forma's built-in provider v"
                    + r.factory().version()
                    + " serves it whatever the constraint says: its versions are Forma's own,"
                    + " not the registry provider's.",
                r.range()));
      }
    }
    if (diags.hasErrors()) {
      terminal.printDiagnostics(diags, sources);
      return ExitCodes.ERROR;
    }
    if (!diags.isEmpty()) {
      terminal.printDiagnostics(diags, sources);
    }
    terminal.out().println();
    terminal
        .out()
        .println(
            color("\u001b[0m\u001b[1m\u001b[32m")
                + "Forma has been successfully initialized!"
                + color("\u001b[0m\u001b[32m\u001b[0m"));
    terminal
        .out()
        .println(
            color("\u001b[0m\u001b[32m")
                + "\n"
                + "You may now begin working with Forma. Try running \"forma plan\" to see\n"
                + "any changes that are required for your infrastructure. All Forma commands\n"
                + "should now work.\n\n"
                + "If you ever set or change modules or backend configuration for Forma,\n"
                + "rerun this command to reinitialize your working directory. If you forget,"
                + " other\n"
                + "commands will detect it and remind you to do so if necessary."
                + reset());
    return ExitCodes.OK;
  }

  private String bold(String s) {
    return color("\u001b[0m\u001b[1m") + s + reset();
  }

  private String reset() {
    return color("\u001b[0m");
  }

  private String color(String code) {
    return terminal.color() ? code : "";
  }
}
