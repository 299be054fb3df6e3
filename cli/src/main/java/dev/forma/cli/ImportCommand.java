package dev.forma.cli;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.apply.ObjectTarget;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.ConfigTreeLoader;
import dev.forma.engine.config.InputVariables;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.Resource;
import dev.forma.engine.config.VariableArg;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.facade.Engine;
import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.engine.plan.ImportInto;
import dev.forma.engine.providers.ProviderConfigs;
import dev.forma.engine.providers.Providers;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.engine.statebridge.StateBridge;
import dev.forma.engine.statebridge.StateProvider;
import dev.forma.engine.statebridge.StoredObject;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.Value;
import dev.forma.state.InstanceAddress;
import dev.forma.state.StateException;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.encryption.Encryption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code forma import [options] ADDR ID}: brings one existing remote object under management, as
 * Terraform 1.5+ does: into a resource block that already exists, in the root module or in a module
 * instance ({@code module.a["x"].x.c}; a missing module, block or module instance is an error); the
 * provider imports the object by ID and reads it, and it is recorded through the state journal. The
 * infrastructure is not changed.
 */
@Command(
    name = "import",
    customSynopsis = "import [options] ADDR ID",
    header = "Associate existing infrastructure with a Forma resource",
    description = {
      "Imports the existing remote object with the given ID into the state at address ADDR, so that Forma manages it from then on. The resource block for ADDR must be in the configuration already. The remote object is only read, not changed.",
      "The form of the ID depends on the resource type; see the provider's documentation. To review imports in a plan first, or to import several objects at once, write import blocks in the configuration instead."
    },
    sortOptions = false)
public final class ImportCommand implements Callable<Integer> {
  @Mixin StateOptions state = new StateOptions();

  @Mixin VariableOptions variables = new VariableOptions();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "-input",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true",
      description = "Ask for input for variables if not directly set.")
  boolean input = true;

  @Parameters(paramLabel = "ADDR ID", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public ImportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    try {
      return importObject();
    } finally {
      if (cloud != null) {
        cloud.close();
      }
    }
  }

  /** The local cloud for {@code endpoint = "local"}, from configuring the provider to the end. */
  private EmbeddedCloud cloud;

  private int importObject() {
    if (state.noColor) {
      terminal.disableColor();
    }
    if (args.size() != 2) {
      terminal.err().println("The import command expects two arguments.");
      new CommandLine(this).usage(terminal.err());
      return ExitCodes.ERROR;
    }
    String given = args.get(0);
    String id = args.get(1);
    Result<ResourceInstanceAddress> parsed = ResourceInstanceAddress.parse(given);
    if (parsed.hasErrors()) {
      terminal.printDiagnostics(parsed.diagnostics(), null);
      terminal
          .err()
          .println(
              "For information on valid syntax, see:\n"
                  + "https://developer.hashicorp.com/terraform/cli/state/resource-addressing");
      return ExitCodes.ERROR;
    }
    ResourceInstanceAddress address = parsed.value();
    if (address.resource().mode() != ResourceMode.MANAGED) {
      return fail(
          Diagnostic.error(
              "Invalid address",
              "A managed resource address is required. Importing into a data resource is not"
                  + " allowed."),
          null);
    }
    Result<Module> loaded =
        ConfigLoader.load(terminal.workingDirectory(), terminal.workingDirectory());
    Module module = loaded.value();
    DiagnosticRenderer.Sources sources = module == null ? null : module.diagnosticSources();
    if (loaded.hasErrors() || module == null) {
      terminal.printDiagnostics(loaded.diagnostics(), sources);
      return ExitCodes.ERROR;
    }
    Result<Backends.Selected> backend = BackendInit.select(module, terminal.workingDirectory());
    if (backend.hasErrors()) {
      terminal.printDiagnostics(backend.diagnostics(), sources);
      return ExitCodes.ERROR;
    }
    state.backend = backend.value();
    ConfigTree tree = ConfigTree.root(module);
    if (!module.calls().isEmpty()) {
      Result<ModuleDirectories> installed = InstalledModules.of(terminal.workingDirectory());
      Result<ConfigTree> loadedTree =
          installed.hasErrors()
              ? new Result<>(null, installed.diagnostics())
              : ConfigTreeLoader.load(module, terminal.workingDirectory(), installed.value());
      if (loadedTree.value() != null) {
        sources = loadedTree.value().diagnosticSources();
      }
      if (loadedTree.hasErrors() || loadedTree.value() == null) {
        terminal.printDiagnostics(loadedTree.diagnostics(), sources);
        return ExitCodes.ERROR;
      }
      tree = loadedTree.value();
    }
    Result<Resource> declared = ImportInto.resource(tree, address);
    if (declared.value() == null) {
      return targetMissing(declared.diagnostics(), sources);
    }
    Diagnostics diags = new Diagnostics().addAll(loaded.diagnostics());
    List<VariableArg> varArgs = variables.args(spec);
    Result<Map<String, Value>> variables =
        InputVariables.resolve(
            module,
            terminal.workingDirectory(),
            varArgs,
            terminal.env(),
            input && terminal.interactive(),
            prompt -> {
              terminal.out().print(prompt);
              return terminal.readLine();
            });
    diags.addAll(variables.diagnostics());
    if (diags.hasErrors()) {
      terminal.printDiagnostics(diags, sources);
      return ExitCodes.ERROR;
    }
    Result<Encryption> encryption = Encryptions.of(terminal, module, variables.value());
    diags.addAll(encryption.diagnostics());
    if (diags.hasErrors()) {
      terminal.printDiagnostics(diags, sources);
      return ExitCodes.ERROR;
    }
    state.encryption = encryption.value();
    ModuleEvaluator.Environment env = Workspaces.environment(terminal);
    Result<EvalContext> ctx = ModuleEvaluator.evalContext(module, variables.value(), env);
    diags.addAll(ctx.diagnostics());
    if (diags.hasErrors()) {
      terminal.printDiagnostics(diags, sources);
      return ExitCodes.ERROR;
    }
    Result<Resource> inInstance =
        ImportInto.inInstance(tree, address, declared.value(), variables.value(), env);
    if (inInstance.hasErrors()) {
      terminal.printDiagnostics(diags, sources);
      return targetMissing(inInstance.diagnostics(), sources);
    }
    diags.addAll(inInstance.diagnostics());
    Resource resource = inInstance.value();
    cloud = EmbeddedCloud.startIfNeeded(module, terminal);
    Result<Providers> verified = ProviderRequirements.verified(terminal, module);
    diags.addAll(verified.diagnostics());
    Providers registry = verified.value();
    Result<Map<ProviderConfigAddress, Provider>> configured =
        ProviderConfigs.configure(module, ctx.value(), registry);
    diags.addAll(configured.diagnostics());
    ProviderConfigAddress pa = resource.providerAddress();
    Provider provider = configured.value() == null ? null : configured.value().get(pa);
    if (provider == null
        && configured.value() != null
        && pa.alias() == null
        && pa.module().isRoot()) {
      // a child module's resource using the root module's default configuration, which no root
      // resource implies
      provider =
          ProviderConfigs.configureDefault(
              pa.localName(), registry, ctx.value(), resource.declRange(), diags);
    }
    if (diags.hasErrors() || provider == null) {
      terminal.printDiagnostics(diags, sources);
      return ExitCodes.ERROR;
    }
    terminal.printDiagnostics(diags, sources);
    ResourceSchema schema = provider.schema().resources().get(address.resource().type());
    if (schema == null) {
      terminal.printDiagnostics(
          Diagnostics.of(
              Diagnostic.error(
                  "Invalid resource type",
                  "The provider does not support resource type \""
                      + address.resource().type()
                      + "\".",
                  resource.typeRange())),
          sources);
      return ExitCodes.ERROR;
    }
    try (StateAccess access = StateAccess.open(terminal, state, LockInfo.OTHER, true)) {
      if (access == null) {
        return ExitCodes.ERROR;
      }
      InstanceAddress target = StateAddresses.toState(address);
      if (access.state().currentObject(target).isPresent()) {
        return fail(
            Diagnostic.error(
                "Resource already managed by Forma",
                "Forma is already managing a remote object for "
                    + address
                    + ". To import to this address you must first remove the existing object"
                    + " from the state."),
            null);
      }
      return importInto(access, provider, schema, resource, address, target, id, module);
    }
  }

  private int importInto(
      StateAccess access,
      Provider provider,
      ResourceSchema schema,
      Resource resource,
      ResourceInstanceAddress address,
      InstanceAddress target,
      String id,
      Module module) {
    // the planner's import step, shown as Terraform's import command shows it
    ApplyHooks progress =
        new ApplyHooks() {
          @Override
          public void preparingImport(ResourceInstanceAddress a, String given) {
            terminal
                .out()
                .println(bold(a + ": Importing from ID " + StateCommand.quoted(given) + "..."));
          }

          @Override
          public void importPrepared(ResourceInstanceAddress a, String type) {
            terminal.out().println(green(bold(a + ": Import prepared!")));
            terminal.out().println(green("  Prepared " + type + " for import"));
          }

          @Override
          public void preRefresh(ObjectTarget t, String priorId) {
            terminal.out().println(bold(t + ": Refreshing state... [id=" + priorId + "]"));
          }
        };
    Result<StoredObject> imported =
        Engine.importObject(
            provider,
            schema,
            address,
            id,
            progress,
            pd ->
                pd.isError()
                    ? Diagnostic.error(pd.summary(), pd.detail())
                    : Diagnostic.warning(pd.summary(), pd.detail(), null),
            null);
    terminal.printDiagnostics(imported.diagnostics(), null);
    if (imported.value() == null) {
      return ExitCodes.ERROR;
    }
    try (StateTransaction tx = access.store.begin("import", access.state())) {
      tx.state()
          .setCurrent(
              target,
              StateProvider.of(resource.providerAddress(), module).toString(),
              StateBridge.write(imported.value(), schema.block().impliedType()));
      tx.commit();
    } catch (StateException e) {
      StateAccess.printProblems(terminal, e);
      return ExitCodes.ERROR;
    }
    terminal
        .out()
        .println(
            green(
                "\nImport successful!\n\n"
                    + "The resources that were imported are shown above. These resources are now"
                    + " in\nyour Forma state and will henceforth be managed by Forma.\n"));
    return ExitCodes.OK;
  }

  /**
   * Prints why the configuration has no target for the import, as Terraform's import command does:
   * that the resource block is missing as a plain message (its lines not wrapped), other errors as
   * diagnostics followed by a blank line.
   */
  private int targetMissing(Diagnostics diags, DiagnosticRenderer.Sources sources) {
    for (Diagnostic d : diags) {
      if (d.isError() && d.summary().startsWith("resource address ")) {
        terminal.err().print(red("Error: " + d.summary()) + "\n\n" + d.detail() + "\n\n");
      } else {
        terminal.printDiagnostics(Diagnostics.of(d), sources);
        if (d.isError()) {
          terminal.err().println();
        }
      }
    }
    return ExitCodes.ERROR;
  }

  private int fail(Diagnostic d, DiagnosticRenderer.Sources sources) {
    terminal.printDiagnostics(Diagnostics.of(d), sources);
    return ExitCodes.ERROR;
  }

  private String bold(String s) {
    return terminal.color() ? "\u001b[0m\u001b[1m" + s + "\u001b[0m" : s;
  }

  private String red(String s) {
    return terminal.color() ? "\u001b[31m" + s + "\u001b[0m" : s;
  }

  private String green(String s) {
    return terminal.color() ? "\u001b[0m\u001b[32m" + s + "\u001b[0m" : s;
  }
}
