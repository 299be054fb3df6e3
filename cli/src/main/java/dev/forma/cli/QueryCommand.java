package dev.forma.cli;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.InputVariables;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.VariableArg;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.genconfig.ConfigGenerator;
import dev.forma.engine.providers.ProviderConfigs;
import dev.forma.engine.providers.Providers;
import dev.forma.engine.query.AdoptionNames;
import dev.forma.engine.query.Discovery;
import dev.forma.engine.query.QueryFiles;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.encryption.Encryption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code forma query [-generate-config-out=FILE]}: runs the {@code list} blocks of the working
 * directory's {@code *.tfquery.hcl} files (Terraform 1.14's shape) through the providers' list
 * calls, prints what they find and which of it Forma does not manage yet, and with {@code
 * -generate-config-out} writes an {@code import} block and a resource block for each of those, so
 * that the next plan imports them all. Secrets become sensitive variables, never values. State is
 * read, not locked nor written; the cloud is only listed.
 */
@Command(
    name = "query",
    header = "Find existing objects and adopt them in bulk",
    description = {
      "Runs the list blocks of the *.tfquery.hcl files in the working directory through the providers' list calls (one call per page of results) and prints the objects found, saying which ones Forma does not manage yet (neither in the state nor in an import block).",
      "With -generate-config-out=FILE, writes to the new file FILE an import block and a resource block for each of those, named after the object; a secret becomes a sensitive variable without a value. \"forma plan\" then imports them, and \"forma apply\" adopts them."
    },
    sortOptions = false)
public final class QueryCommand implements Callable<Integer> {
  @Mixin StateOptions state = new StateOptions();

  @Option(
      names = "-generate-config-out",
      paramLabel = "path",
      description =
          "Write import and resource blocks for the objects not managed yet to this new file.")
  String generateConfigOut;

  @Mixin VariableOptions variables = new VariableOptions();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "-input",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true",
      description = "Ask for input for variables if not directly set.")
  boolean input = true;

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public QueryCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (state.noColor) {
      terminal.disableColor();
    }
    Path wd = terminal.workingDirectory();
    Result<Module> loaded = ConfigLoader.load(wd, wd);
    Module module = loaded.value();
    Result<QueryFiles> query = QueryFiles.load(wd);
    DiagnosticRenderer.Sources sources =
        both(module == null ? null : module.diagnosticSources(), query.value());
    Diagnostics diags = new Diagnostics().addAll(loaded.diagnostics()).addAll(query.diagnostics());
    if (diags.hasErrors() || module == null || query.value() == null) {
      return failed(diags, sources);
    }
    if (query.value().blocks().isEmpty()) {
      diags.add(
          Diagnostic.error(
              "No list blocks",
              "forma query runs the list blocks of the *.tfquery.hcl files in the working"
                  + " directory, and there are none. Write one, for example in"
                  + " adopt.tfquery.hcl:\n\n"
                  + "list \"alicloud_pai_workspace_connection\" \"all\" {\n"
                  + "  provider = alicloud\n"
                  + "  config {\n"
                  + "    workspace_id = \"WORKSPACE_ID\"\n"
                  + "  }\n"
                  + "}"));
      return failed(diags, sources);
    }
    if (generateConfigOut != null && Files.exists(wd.resolve(generateConfigOut))) {
      diags.add(
          Diagnostic.error(
              "Target generated file already exists",
              "Forma can only write generated config into a new file. Either choose a different"
                  + " target location or move all existing configuration out of the target file,"
                  + " delete it and try again."));
      return failed(diags, sources);
    }
    Result<Backends.Selected> backend = BackendInit.select(module, wd);
    diags.addAll(backend.diagnostics());
    if (backend.hasErrors()) {
      return failed(diags, sources);
    }
    state.backend = backend.value();
    List<VariableArg> args = variables.args(spec);
    Result<Map<String, Value>> variables =
        InputVariables.resolve(
            module,
            wd,
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
    Result<Encryption> encryption = Encryptions.of(terminal, module, variables.value());
    diags.addAll(encryption.diagnostics());
    Result<EvalContext> ctx =
        ModuleEvaluator.evalContext(module, variables.value(), Workspaces.environment(terminal));
    diags.addAll(ctx.diagnostics());
    if (diags.hasErrors()) {
      return failed(diags, sources);
    }
    state.encryption = encryption.value();
    try (EmbeddedCloud cloud = EmbeddedCloud.startIfNeeded(module, terminal)) {
      Providers registry = ProviderRequirements.registry(terminal);
      Result<Map<ProviderConfigAddress, Provider>> configured =
          ProviderConfigs.configure(module, ctx.value(), registry);
      diags.addAll(configured.diagnostics());
      if (diags.hasErrors()) {
        return failed(diags, sources);
      }
      State prior;
      try (StateAccess access = StateAccess.open(terminal, state, LockInfo.OTHER, false)) {
        if (access == null) {
          return ExitCodes.ERROR;
        }
        prior = access.state();
      }
      Map<ProviderConfigAddress, Provider> providers = new HashMap<>(configured.value());
      Result<Discovery.Outcome> run =
          Discovery.run(
              query.value().blocks(),
              ctx.value(),
              pa -> providers.computeIfAbsent(pa, a -> unconfigured(registry, a, diags)),
              Discovery.adoptedIds(module, ctx.value(), prior));
      diags.addAll(run.diagnostics());
      terminal.printDiagnostics(diags, sources);
      if (diags.hasErrors()) {
        return ExitCodes.ERROR;
      }
      return report(run.value(), module, prior, providers);
    }
  }

  /** Prints what was found and, when asked, writes the configuration that adopts it. */
  private int report(
      Discovery.Outcome outcome,
      Module module,
      State prior,
      Map<ProviderConfigAddress, Provider> providers) {
    Map<String, Discovery.Found> fresh = new LinkedHashMap<>();
    int width = 0;
    for (Discovery.Found f : outcome.found()) {
      width = Math.max(width, f.address().length());
    }
    for (Discovery.Found f : outcome.found()) {
      String line =
          f.address()
              + " ".repeat(width - f.address().length())
              + "   id="
              + f.object().importId()
              + (f.object().name() == null ? "" : "   " + f.object().name());
      terminal.out().println(f.adopted() ? line + "   (managed by Forma)" : line);
      if (!f.adopted()) {
        fresh.putIfAbsent(f.block().type() + "\u0000" + f.object().importId(), f);
      }
    }
    terminal
        .out()
        .println(
            "\nFound "
                + outcome.found().size()
                + " object"
                + (outcome.found().size() == 1 ? "" : "s")
                + " in "
                + outcome.pages()
                + " list page"
                + (outcome.pages() == 1 ? "" : "s")
                + "; "
                + fresh.size()
                + " not managed by Forma yet.");
    if (generateConfigOut == null) {
      if (!fresh.isEmpty()) {
        terminal
            .out()
            .println(
                "Run \"forma query -generate-config-out=FILE\" to write the configuration that"
                    + " adopts them.");
      }
      return ExitCodes.OK;
    }
    if (fresh.isEmpty()) {
      terminal.out().println("Nothing to adopt: no configuration was written.");
      return ExitCodes.OK;
    }
    String text = generate(fresh, module, prior, providers);
    // laid out as "forma fmt" would, so that a repository's fmt -check passes on it
    Result<String> formatted = dev.forma.engine.fmt.Formatter.format(generateConfigOut, text);
    if (!formatted.hasErrors() && formatted.value() != null) {
      text = formatted.value();
    }
    try {
      Files.writeString(terminal.workingDirectory().resolve(generateConfigOut), text);
    } catch (IOException e) {
      return failed(
          Diagnostics.of(
              Diagnostic.error(
                  "Failed to write generated config",
                  "Could not write " + generateConfigOut + ": " + e.getMessage())),
          null);
    }
    terminal
        .out()
        .println(
            "\nForma has written an import block and a resource block for each of them to "
                + generateConfigOut
                + ". Please review it, then run \"forma plan\": it imports them and changes"
                + " nothing.");
    return ExitCodes.OK;
  }

  /**
   * The file's text: for each object, named by {@link AdoptionNames}, its import and resource. An
   * attribute naming another object by ID ({@code workspace_id}) refers to that object's resource
   * when the file adopts it too, or when a single resource block of the configuration manages it,
   * so that the adopted objects depend on each other as they do in the cloud.
   */
  private static String generate(
      Map<String, Discovery.Found> fresh,
      Module module,
      State prior,
      Map<ProviderConfigAddress, Provider> providers) {
    Map<String, List<Discovery.Found>> byType = new LinkedHashMap<>();
    fresh
        .values()
        .forEach(f -> byType.computeIfAbsent(f.block().type(), t -> new ArrayList<>()).add(f));
    Map<Discovery.Found, ResourceAddress> addresses = new LinkedHashMap<>();
    Map<String, List<ResourceAddress>> byId = managedById(module, prior);
    byType.forEach(
        (type, found) -> {
          ResourceSchema schema = schemaOf(found.get(0), providers);
          List<String> secrets = new ArrayList<>();
          for (AttributeSchema a : schema.block().attributes().values()) {
            if (a.sensitive() || a.writeOnly()) {
              secrets.add(a.name());
            }
          }
          List<AdoptionNames.Named> named = new ArrayList<>();
          found.forEach(
              f -> named.add(new AdoptionNames.Named(f.object().importId(), f.object().name())));
          Map<String, String> names =
              AdoptionNames.assign(
                  type,
                  named,
                  name ->
                      module.resources().containsKey(ResourceAddress.managed(type, name))
                          || prior.resources().keySet().stream()
                              .anyMatch(
                                  r ->
                                      r.module().isEmpty()
                                          && r.type().equals(type)
                                          && r.name().equals(name))
                          || secrets.stream()
                              .anyMatch(s -> module.variables().containsKey(name + "_" + s)));
          for (Discovery.Found f : found) {
            ResourceAddress a = ResourceAddress.managed(type, names.get(f.object().importId()));
            addresses.put(f, a);
            byId.computeIfAbsent(f.object().importId(), k -> new ArrayList<>()).add(a);
          }
        });
    ConfigGenerator generator = new ConfigGenerator().withImportBlocks().withOptionalSecrets();
    addresses.forEach(
        (f, address) -> {
          ResourceSchema schema = schemaOf(f, providers);
          generator.add(
              new ConfigGenerator.Imported(
                  address,
                  f.object().importId(),
                  SchemaValues.markSensitive(f.object().state(), schema.block()),
                  schema.block(),
                  references(f, schema, byId)));
        });
    return generator.text();
  }

  /**
   * The ids of the objects single resource blocks of the root module manage (no count, no
   * for_each), to the block's address.
   */
  private static Map<String, List<ResourceAddress>> managedById(Module module, State prior) {
    Map<String, List<ResourceAddress>> out = new HashMap<>();
    for (dev.forma.state.ResourceState r : prior.resources().values()) {
      ResourceAddress a = ResourceAddress.managed(r.address().type(), r.address().name());
      var resource = module.resources().get(a);
      if (!r.address().module().isEmpty()
          || r.address().mode() != dev.forma.state.ResourceMode.MANAGED
          || resource == null
          || resource.count() != null
          || resource.forEach() != null) {
        continue;
      }
      var instance = r.instances().get(dev.forma.state.IndexKey.NONE);
      var id =
          instance == null
              ? null
              : instance.currentObject().map(o -> o.attributes().path("id")).orElse(null);
      if (id != null && id.isTextual()) {
        out.computeIfAbsent(id.asText(), k -> new ArrayList<>()).add(a);
      }
    }
    return out;
  }

  /**
   * The top-level string attributes named {@code WORD_id} whose value is the id of another object
   * with a resource block, of a type whose name ends with {@code _WORD}, as references to that
   * block's {@code id}: {@code workspace_id} to an {@code alicloud_pai_workspace_workspace}.
   */
  private static Map<String, String> references(
      Discovery.Found f, ResourceSchema schema, Map<String, List<ResourceAddress>> byId) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!(f.object().state().unmarkDeep() instanceof dev.forma.provider.api.value.ObjectValue o)) {
      return out;
    }
    for (AttributeSchema a : schema.block().attributes().values()) {
      if (!a.name().endsWith("_id")
          || !(a.required() || a.optional())
          || !(o.attributes().get(a.name()) instanceof dev.forma.provider.api.value.StringValue v)
          || v.value().equals(f.object().importId())) {
        continue;
      }
      String word = a.name().substring(0, a.name().length() - "_id".length());
      for (ResourceAddress target : byId.getOrDefault(v.value(), List.of())) {
        if (target.type().endsWith("_" + word)) {
          out.put(a.name(), target + ".id");
          break;
        }
      }
    }
    return out;
  }

  private static ResourceSchema schemaOf(
      Discovery.Found f, Map<ProviderConfigAddress, Provider> providers) {
    ProviderConfigAddress pa = Discovery.providerOf(f.block());
    return providers.get(pa).schema().resources().get(f.block().type());
  }

  /**
   * A provider no {@code .tf} file configures, configured as an empty provider block would be; null
   * when there is no such provider or its configuration failed (the diagnostics say why).
   */
  private static Provider unconfigured(
      Providers registry, ProviderConfigAddress address, Diagnostics diags) {
    if (address.alias() != null || registry.factory(address.localName()) == null) {
      return null;
    }
    Provider p = registry.factory(address.localName()).create();
    Map<String, Value> attrs = new LinkedHashMap<>();
    p.schema()
        .provider()
        .impliedType()
        .attributes()
        .forEach((k, t) -> attrs.put(k, Value.nullOf(t)));
    boolean failed = false;
    for (var pd : p.configure(new Requests.Configure(Value.object(attrs))).diagnostics()) {
      if (pd.isError()) {
        diags.add(Diagnostic.error(pd.summary(), pd.detail()));
        failed = true;
      }
    }
    return failed ? null : p;
  }

  /** Diagnostic sources of the module's files and of the query files. */
  private static DiagnosticRenderer.Sources both(
      DiagnosticRenderer.Sources module, QueryFiles query) {
    return new DiagnosticRenderer.Sources() {
      @Override
      public String text(String filename) {
        String t = query == null ? null : query.sources().text(filename);
        return t != null || module == null ? t : module.text(filename);
      }

      @Override
      public String context(String filename, Pos pos) {
        if (query != null && query.sources().text(filename) != null) {
          return query.sources().context(filename, pos);
        }
        return module == null ? null : module.context(filename, pos);
      }
    };
  }

  private int failed(Diagnostics diags, DiagnosticRenderer.Sources sources) {
    terminal.printDiagnostics(diags, sources);
    return ExitCodes.ERROR;
  }
}
