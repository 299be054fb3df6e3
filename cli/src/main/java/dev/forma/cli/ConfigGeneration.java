package dev.forma.cli;

import dev.forma.engine.addrs.AddressParser;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Import;
import dev.forma.engine.config.InputVariables;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.Variable;
import dev.forma.engine.config.VariableArg;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.genconfig.ConfigGenerator;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.providers.ProviderConfigs;
import dev.forma.engine.providers.Providers;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code plan -generate-config-out=FILE}: for each {@code import} block whose target has no
 * resource block, imports the object (the provider's import, then a read), writes its configuration
 * with {@link ConfigGenerator} to FILE (which must not exist yet; secrets become sensitive
 * variables, and the plan stops, saying how to give them, while they have no value), and returns
 * the module loaded again with that file, so the plan imports it like any other. Called by {@link
 * Operation} before validation, with the local cloud started.
 */
final class ConfigGeneration {
  private ConfigGeneration() {}

  /**
   * The module with the generated file added (the same module when no import needs one); null after
   * printing errors.
   */
  static Module generate(
      Terminal terminal, Module module, List<VariableArg> variableArgs, String file) {
    Path wd = terminal.workingDirectory();
    Path out = wd.resolve(file);
    var sources = module.diagnosticSources();
    if (Files.exists(out)) {
      terminal.printDiagnostics(
          Diagnostics.of(
              Diagnostic.error(
                  "Target generated file already exists",
                  "Forma can only write generated config into a new file. Either choose a"
                      + " different target location or move all existing configuration out of the"
                      + " target file, delete it and try again.")),
          null);
      return null;
    }
    List<Import> missing =
        module.imports().stream()
            .filter(
                im ->
                    im.forEach() == null
                        && im.toResource() != null
                        && im.toResource().module().isRoot()
                        && !module.resources().containsKey(im.toResource()))
            .toList();
    if (missing.isEmpty()) {
      return module;
    }
    Result<Map<String, Value>> vars =
        InputVariables.resolveOrUnknown(module, wd, variableArgs, terminal.env());
    ModuleEvaluator.Environment env = Workspaces.environment(terminal);
    Result<EvalContext> ctx = ModuleEvaluator.evalContext(module, vars.value(), env);
    Diagnostics diags = new Diagnostics().addAll(vars.diagnostics());
    Providers registry = ProviderRequirements.registry(terminal);
    Result<Map<ProviderConfigAddress, Provider>> configured =
        ProviderConfigs.configure(module, ctx.value(), registry);
    diags.addAll(configured.diagnostics());
    if (diags.hasErrors()) {
      terminal.printDiagnostics(diags, sources);
      return null;
    }
    ConfigGenerator generator = new ConfigGenerator();
    for (Import im : missing) {
      if (!(im.to() instanceof Expr.ScopeTraversal t)) {
        continue;
      }
      ResourceInstanceAddress address = AddressParser.resourceInstance(t.traversal()).value();
      Result<Value> id = Evaluator.evaluate(im.id(), ctx.value());
      if (id.hasErrors() || !(id.value().unmark() instanceof StringValue idText)) {
        diags.addAll(id.diagnostics());
        diags.add(
            Diagnostic.error(
                "Invalid import id argument",
                "The import ID must be a string known before planning.",
                im.declRange()));
        continue;
      }
      ProviderConfigAddress pa =
          im.provider() != null
              ? im.provider()
              : ProviderConfigAddress.of(address.resource().impliedProvider());
      Provider p = configured.value().get(pa);
      if (p == null && registry.factory(pa.localName()) != null) {
        p = unconfigured(registry, pa.localName(), im, diags);
      }
      ResourceSchema schema =
          p == null ? null : p.schema().resources().get(address.resource().type());
      if (schema == null) {
        diags.add(
            Diagnostic.error(
                "Invalid resource type",
                "Forma has no provider serving resource type \""
                    + address.resource().type()
                    + "\" to generate configuration for.",
                im.declRange()));
        continue;
      }
      terminal.out().println(address + ": Preparing import... [id=" + idText.value() + "]");
      Requests.ImportResult ir =
          p.importResource(new Requests.Import(address.resource().type(), idText.value()));
      if (errors(ir.diagnostics(), im, diags) || ir.state() == null) {
        if (ir.state() == null && !diags.hasErrors()) {
          diags.add(
              Diagnostic.error(
                  "Cannot import non-existent remote object",
                  "While attempting to import an existing object to \""
                      + address
                      + "\", the provider detected that no object exists with the given id.",
                  im.declRange()));
        }
        continue;
      }
      Requests.ReadResult rr =
          p.read(new Requests.Read(address.resource().type(), ir.state(), ir.privateData()));
      if (errors(rr.diagnostics(), im, diags)) {
        continue;
      }
      Value value = rr.newState() != null ? rr.newState() : ir.state();
      generator.add(
          new ConfigGenerator.Imported(
              address.resource(),
              idText.value(),
              SchemaValues.markSensitive(value, schema.block()),
              schema.block()));
    }
    if (diags.hasErrors()) {
      terminal.printDiagnostics(diags, sources);
      return null;
    }
    try {
      Files.writeString(out, generator.text());
    } catch (IOException e) {
      terminal.printDiagnostics(
          Diagnostics.of(
              Diagnostic.error(
                  "Failed to write generated config",
                  "Could not write " + file + ": " + e.getMessage())),
          null);
      return null;
    }
    terminal
        .out()
        .println(
            "\nForma has generated configuration and written it to "
                + file
                + ". Please review the configuration and edit it as necessary before adding it"
                + " to version control."
                + (generator.variableNames().isEmpty()
                    ? ""
                    : " Secrets are not written to it: the configuration takes them from the"
                        + " sensitive variables "
                        + String.join(", ", generator.variableNames())
                        + "."));
    Result<Module> reloaded = ConfigLoader.load(wd, wd);
    if (reloaded.hasErrors() || reloaded.value() == null) {
      terminal.printDiagnostics(reloaded.diagnostics(), sources);
      return null;
    }
    Diagnostics unset =
        unsetSecrets(reloaded.value(), generator.variableNames(), variableArgs, terminal, file);
    if (unset.hasErrors()) {
      terminal.printDiagnostics(unset, reloaded.value().diagnosticSources());
      return null;
    }
    return reloaded.value();
  }

  /**
   * An error for each variable that the generated configuration declares for a secret and that is
   * given no value, saying how to give it: the plan stops there (the file is written) rather than
   * prompt for a secret with no context, or plan an import that would blank it. Terraform writes
   * {@code null # sensitive} instead, which then fails or removes the secret.
   */
  private static Diagnostics unsetSecrets(
      Module module,
      List<String> names,
      List<VariableArg> variableArgs,
      Terminal terminal,
      String file) {
    Diagnostics out = new Diagnostics();
    if (names.isEmpty()) {
      return out;
    }
    Path wd = terminal.workingDirectory();
    Map<String, Value> given =
        InputVariables.resolveOrUnknown(module, wd, variableArgs, terminal.env()).value();
    for (String name : names) {
      Variable v = module.variables().get(name);
      if (v == null || (given.get(name) != null && given.get(name).isWhollyKnown())) {
        continue;
      }
      String example =
          switch (v.type()) {
            case Type.MapType m -> "{ KEY = \"VALUE\" }";
            case Type.ObjectType o -> "{ KEY = \"VALUE\" }";
            case Type.ListType l -> "[\"VALUE\"]";
            case Type.SetType st -> "[\"VALUE\"]";
            default -> "\"VALUE\"";
          };
      out.add(
          Diagnostic.error(
              "No value for required variable",
              "The configuration generated in "
                  + file
                  + " reads a secret, which the cloud does not return, from the sensitive"
                  + " variable \""
                  + name
                  + "\", and that variable has no value. Give it one in any of these ways, then"
                  + " run \"forma plan\" again without -generate-config-out ("
                  + file
                  + " already holds the configuration):\n"
                  + "  - on the command line: -var '"
                  + name
                  + "="
                  + example
                  + "'\n"
                  + "  - in the environment: TF_VAR_"
                  + name
                  + "='"
                  + example
                  + "'\n"
                  + "  - in a file such as secrets.auto.tfvars (keep it out of version control):\n"
                  + "      "
                  + name
                  + " = "
                  + example,
              v.declRange()));
    }
    return out;
  }

  /** A provider no resource block uses yet, configured as an empty provider block would be. */
  private static Provider unconfigured(
      Providers registry, String name, Import im, Diagnostics diags) {
    Provider p = registry.factory(name).create();
    Map<String, Value> attrs = new java.util.LinkedHashMap<>();
    p.schema()
        .provider()
        .impliedType()
        .attributes()
        .forEach((k, t) -> attrs.put(k, Value.nullOf(t)));
    errors(p.configure(new Requests.Configure(Value.object(attrs))).diagnostics(), im, diags);
    return p;
  }

  private static boolean errors(List<ProviderDiagnostic> pds, Import im, Diagnostics diags) {
    boolean failed = false;
    for (ProviderDiagnostic pd : pds) {
      if (pd.isError()) {
        diags.add(Diagnostic.error(pd.summary(), pd.detail(), im.declRange()));
        failed = true;
      }
    }
    return failed;
  }
}
