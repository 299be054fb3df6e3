package dev.forma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.providers.Providers;
import dev.forma.engine.statebridge.TypeJson;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.backend.LockInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code forma providers}: the tree of providers the configuration (and the state) requires, as
 * Terraform prints it; {@code forma providers schema -json}: their schemas in Terraform's JSON.
 */
@Command(
    name = "providers",
    header = "Show the providers required for this configuration",
    description = {
      "Prints the providers that the configuration and the state require, as a tree of the modules with the requirements of each. Forma's providers are built in: \"forma init\" checks that each required one exists."
    },
    subcommands = {ProvidersCommand.SchemaCommand.class},
    sortOptions = false)
public final class ProvidersCommand implements Callable<Integer> {
  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public ProvidersCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (noColor) {
      terminal.disableColor();
    }
    Module module = load(terminal);
    if (module == null) {
      return ExitCodes.ERROR;
    }
    StateOptions stateOptions = new StateOptions();
    Result<Backends.Selected> backend = BackendInit.select(module, terminal.workingDirectory());
    if (backend.hasErrors()) {
      terminal.printDiagnostics(backend.diagnostics(), module.diagnosticSources());
      return ExitCodes.ERROR;
    }
    stateOptions.backend = backend.value();
    List<ProviderRequirements.Requirement> reqs =
        ProviderRequirements.of(module, ProviderRequirements.registry(terminal));
    StringBuilder out = new StringBuilder("\nProviders required by configuration:\n.\n");
    for (int i = 0; i < reqs.size(); i++) {
      ProviderRequirements.Requirement r = reqs.get(i);
      out.append(i == reqs.size() - 1 ? "└── " : "├── ")
          .append("provider[")
          .append(r.displaySource())
          .append("]");
      if (r.constraint() != null) {
        out.append(" ").append(r.constraint());
      }
      out.append("\n");
    }
    out.append("\n");
    State state = state(terminal, stateOptions);
    if (state != null && !state.resources().isEmpty()) {
      out.append("Providers required by state:\n\n");
      TreeSet<String> providers = new TreeSet<>();
      for (ResourceState rs : state.resources().values()) {
        providers.add(rs.provider());
      }
      for (String p : providers) {
        out.append("    ").append(p.replace("\\\"", "").replace("\"", "")).append("\n\n");
      }
    }
    terminal.out().print(out);
    return ExitCodes.OK;
  }

  /** The module in the working directory, or null after printing why it cannot be loaded. */
  static Module load(Terminal terminal) {
    Result<Module> loaded =
        ConfigLoader.load(terminal.workingDirectory(), terminal.workingDirectory());
    Module module = loaded.value();
    terminal.printDiagnostics(
        loaded.diagnostics(), module == null ? null : module.diagnosticSources());
    if (loaded.hasErrors() || module == null) {
      return null;
    }
    if (module.sources().isEmpty()) {
      terminal.printDiagnostics(
          Diagnostics.of(
              Diagnostic.error(
                  "No configuration files",
                  "The directory "
                      + terminal.workingDirectory()
                      + " contains no Forma configuration files.")),
          null);
      return null;
    }
    return module;
  }

  private static State state(Terminal terminal, StateOptions options) {
    StateAccess.Target target = StateAccess.target(terminal, options);
    if (target == null || !StateAccess.exists(terminal, target)) {
      return null;
    }
    try (StateAccess a = StateAccess.open(terminal, options, LockInfo.OTHER, false)) {
      return a == null ? null : a.state();
    }
  }

  /** {@code forma providers schema -json}. */
  @Command(
      name = "schema",
      header = "Show the schemas of the configuration's providers",
      description = {
        "Prints the schemas of the providers the configuration uses, in Terraform's JSON format (-json is required)."
      })
  public static final class SchemaCommand implements Callable<Integer> {
    @Option(names = "-json", description = "Prints out a json representation of the schemas.")
    boolean json;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public SchemaCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      if (!json) {
        terminal.err().println("The `forma providers schema` command requires the `-json` flag.");
        terminal
            .err()
            .println(
                "\nUsage: forma [global options] providers schema -json\n\n"
                    + "  Prints out a json representation of the schemas for all providers used \n"
                    + "  in the current configuration.");
        return ExitCodes.ERROR;
      }
      Result<Module> loaded =
          ConfigLoader.load(terminal.workingDirectory(), terminal.workingDirectory());
      Module module = loaded.value();
      if (loaded.hasErrors() || module == null) {
        terminal.printDiagnostics(
            loaded.diagnostics(), module == null ? null : module.diagnosticSources());
        return ExitCodes.ERROR;
      }
      Providers providers = ProviderRequirements.registry(terminal);
      ObjectNode root = new ObjectMapper().createObjectNode();
      root.put("format_version", "1.0");
      Map<String, ProviderFactory> used = new TreeMap<>();
      for (ProviderRequirements.Requirement r : ProviderRequirements.of(module, providers)) {
        if (r.available()) {
          used.put(Providers.displaySource(r.factory()), r.factory());
        }
      }
      if (!used.isEmpty()) {
        ObjectNode schemas = root.putObject("provider_schemas");
        for (Map.Entry<String, ProviderFactory> e : used.entrySet()) {
          schemas.set(e.getKey(), providerJson(e.getValue().create().schema()));
        }
      }
      terminal.out().println(Json.compact(root));
      return ExitCodes.OK;
    }
  }

  /** One provider's schemas in Terraform's JSON shape. */
  static ObjectNode providerJson(ProviderSchema s) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    ObjectNode provider = n.putObject("provider");
    provider.put("version", 0);
    if (s.provider() != null
        && (!s.provider().attributes().isEmpty() || !s.provider().blocks().isEmpty())) {
      provider.set("block", blockJson(s.provider()));
    }
    if (!s.resources().isEmpty()) {
      ObjectNode rs = n.putObject("resource_schemas");
      new TreeMap<>(s.resources()).forEach((k, v) -> rs.set(k, schemaJson(v)));
    }
    if (!s.dataSources().isEmpty()) {
      ObjectNode ds = n.putObject("data_source_schemas");
      new TreeMap<>(s.dataSources()).forEach((k, v) -> ds.set(k, schemaJson(v)));
    }
    return n;
  }

  private static ObjectNode schemaJson(ResourceSchema s) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("version", s.version());
    n.set("block", blockJson(s.block()));
    return n;
  }

  static ObjectNode blockJson(BlockSchema b) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    if (!b.attributes().isEmpty()) {
      ObjectNode attrs = n.putObject("attributes");
      for (AttributeSchema a : new TreeMap<>(b.attributes()).values()) {
        ObjectNode o = attrs.putObject(a.name());
        o.set("type", TypeJson.encode(a.type()));
        if (a.description() != null && !a.description().isEmpty()) {
          o.put("description", a.description());
        }
        o.put("description_kind", "plain");
        flag(o, "required", a.required());
        flag(o, "optional", a.optional());
        flag(o, "computed", a.computed());
        flag(o, "sensitive", a.sensitive());
        flag(o, "write_only", a.writeOnly());
      }
    }
    if (!b.blocks().isEmpty()) {
      ObjectNode types = n.putObject("block_types");
      for (NestedBlockSchema nb : new TreeMap<>(b.blocks()).values()) {
        ObjectNode o = types.putObject(nb.typeName());
        o.put(
            "nesting_mode",
            switch (nb.nesting()) {
              case SINGLE -> "single";
              case LIST -> "list";
              case SET -> "set";
            });
        o.set("block", blockJson(nb.block()));
        if (nb.minItems() > 0) {
          o.put("min_items", nb.minItems());
        }
        if (nb.maxItems() > 0) {
          o.put("max_items", nb.maxItems());
        }
      }
    }
    if (b.description() != null && !b.description().isEmpty()) {
      n.put("description", b.description());
    }
    n.put("description_kind", "plain");
    return n;
  }

  private static void flag(ObjectNode o, String name, boolean value) {
    if (value) {
      o.put(name, true);
    }
  }
}
