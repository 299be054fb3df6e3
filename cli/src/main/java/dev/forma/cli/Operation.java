package dev.forma.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.apply.Applier;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.apply.ApplyOutcome;
import dev.forma.engine.apply.ApplyRequest;
import dev.forma.engine.apply.ApplySummary;
import dev.forma.engine.apply.ObjectTarget;
import dev.forma.engine.apply.ProgressPrinter;
import dev.forma.engine.apply.ScopeEvaluator;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.ConfigTreeLoader;
import dev.forma.engine.config.InputVariables;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.VariableArg;
import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.DiagnosticRenderer;
import dev.forma.engine.diag.Diagnostics;
import dev.forma.engine.diag.Pos;
import dev.forma.engine.diag.Range;
import dev.forma.engine.diag.Result;
import dev.forma.engine.diag.Severity;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.PlanOptions;
import dev.forma.engine.plan.PlanRequest;
import dev.forma.engine.plan.Planner;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.engine.planfile.PlanFile;
import dev.forma.engine.provider.Provider;
import dev.forma.engine.provider.ProviderConfigs;
import dev.forma.engine.provider.ProviderDiagnostic;
import dev.forma.engine.provider.ProviderFactory;
import dev.forma.engine.provider.ProviderSchemas;
import dev.forma.engine.provider.Providers;
import dev.forma.engine.provider.Requests;
import dev.forma.engine.render.OutputRenderer;
import dev.forma.engine.render.PlanRenderer;
import dev.forma.engine.render.RenderOptions;
import dev.forma.engine.render.SchemaSource;
import dev.forma.engine.schema.ProviderSchema;
import dev.forma.engine.schema.SchemaDecoder;
import dev.forma.engine.scope.Scope;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.engine.statebridge.StateProvider;
import dev.forma.engine.value.Value;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.encryption.Encryption;
import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run of {@code plan}, {@code apply} or {@code destroy}: loads the configuration, resolves the
 * variables (prompting through the terminal unless {@code -input=false}), validates, configures the
 * providers (also those of objects only the state still has), locks and reads the state (telling
 * the user about a recovered journal, and passing its in-flight creates to the planner), plans,
 * prints the plan, and applies it through a journaled state transaction.
 */
final class Operation {
  /** What the command asks for after planning. */
  enum Kind {
    PLAN,
    APPLY,
    DESTROY
  }

  private static final String TARGET_WARNING_SUMMARY = "Resource targeting is in effect";
  private static final String TARGET_WARNING =
      "You are creating a plan with the -target option, which means that the result of this plan"
          + " may not represent all of the changes requested by the current configuration.\n\n"
          + "The -target option is not for routine use, and is provided only for exceptional"
          + " situations such as recovering from errors or mistakes, or when Forma specifically"
          + " suggests to use it as part of an error message.";
  private static final String INCOMPLETE_SUMMARY = "Applied changes may be incomplete";
  private static final String INCOMPLETE =
      "The plan was created with the -target option in effect, so some changes requested in the"
          + " configuration may have been ignored and the output values may not be fully"
          + " updated. Run the following command to verify that no other changes are pending:\n"
          + "    forma plan\n\n"
          + "Note that the -target option is not suitable for routine use, and is provided only"
          + " for exceptional situations such as recovering from errors or mistakes, or when"
          + " Forma specifically suggests to use it as part of an error message.";

  /** The place of the implied empty configuration of a provider only the state uses. */
  private static final Range NOWHERE = new Range("", new Pos(1, 1, 0), new Pos(1, 1, 0));

  private final Terminal terminal;
  private final OperationOptions options;
  private final StateOptions stateOptions;
  private final List<VariableArg> variableArgs;
  private final JsonUi json;
  private DiagnosticRenderer.Sources sources;
  private Applier running;
  private int interrupts;
  private String generateConfigOut;
  private boolean checkConnectivity;
  private boolean cloudAnnounced;

  Operation(
      Terminal terminal,
      OperationOptions options,
      StateOptions stateOptions,
      List<VariableArg> variableArgs) {
    this.terminal = terminal;
    this.options = options;
    this.stateOptions = stateOptions;
    this.variableArgs =
        variableArgs.stream()
            .map(
                a ->
                    switch (a) {
                      case VariableArg.Var v -> (VariableArg) v;
                      case VariableArg.VarFile f ->
                          new VariableArg.VarFile(
                              terminal.workingDirectory().resolve(f.path()).toString());
                    })
            .toList();
    if (stateOptions.noColor || options.json) {
      terminal.disableColor();
    }
    this.json = options.json ? new JsonUi(terminal.out(), Clock.systemUTC()) : null;
    if (json != null) {
      json.version();
    }
  }

  /** {@code plan -generate-config-out=FILE} (see {@link ConfigGeneration}); null when not set. */
  Operation generateConfigOut(String file) {
    this.generateConfigOut = file;
    return this;
  }

  /** {@code plan -check-connectivity} (see {@link ModelEndpointChecks}). */
  Operation checkConnectivity(boolean check) {
    this.checkConnectivity = check;
    return this;
  }

  /** The configuration tree, when the root module calls child modules. */
  private ConfigTree tree;

  /** What planning produced, for the command to print, save or apply. */
  private record Prepared(
      Module module,
      Map<String, Value> variables,
      ModuleEvaluator.Environment environment,
      Map<ProviderConfigAddress, Provider> providers,
      SchemaSource schemas) {}

  // ------------------------------------------------------------------ plan, apply, destroy

  /**
   * Plans, and then per {@code kind}: prints (and saves to {@code out} if set), or asks and
   * applies.
   */
  int run(
      Kind kind, boolean destroyMode, String out, boolean detailedExitCode, boolean autoApprove) {
    if (options.refreshOnly && destroyMode) {
      return fail(
          Diagnostic.error(
              "Incompatible plan mode options",
              "The -destroy and -refresh-only options are mutually-exclusive."));
    }
    if (json != null && kind != Kind.PLAN && !autoApprove) {
      return fail(
          Diagnostic.error(
              "Plan file or auto-approve required",
              "Forma cannot ask for interactive approval when -json is set. You can either apply"
                  + " a saved plan file, or enable the -auto-approve option."));
    }
    if (options.parallelism < 1) {
      return fail(
          Diagnostic.error(
              "Invalid parallelism",
              "The -parallelism value must be at least 1, not " + options.parallelism + "."));
    }
    Path wd = terminal.workingDirectory();
    Result<Module> loaded = ConfigLoader.load(wd, wd);
    Module module = loaded.value();
    sources = module == null ? null : module.diagnosticSources();
    Diagnostics warnings = new Diagnostics();
    if (!collect(loaded.diagnostics(), warnings) || module == null) {
      return ExitCodes.ERROR;
    }
    if (!module.calls().isEmpty()) {
      // the child modules: not installed, unreadable, or called with inputs they do not take
      Result<ModuleDirectories> installed = InstalledModules.of(wd);
      if (!collect(installed.diagnostics(), warnings)) {
        return ExitCodes.ERROR;
      }
      Result<ConfigTree> tree = ConfigTreeLoader.load(module, wd, installed.value());
      if (tree.value() != null) {
        sources = tree.value().diagnosticSources();
        this.tree = tree.value();
      }
      if (!collect(tree.diagnostics(), warnings)) {
        return ExitCodes.ERROR;
      }
    }
    // no configuration files (unless destroying), or a backend Forma does not have: refuse
    if (!collect(
        Preflight.check(module, wd, kind != Kind.PLAN, destroyMode, stateOptions), warnings)) {
      return ExitCodes.ERROR;
    }
    if (generateConfigOut != null) {
      // the imports read the objects from the cloud: start it (if local) for them
      try (EmbeddedCloud cloud = startCloud(module)) {
        module = ConfigGeneration.generate(terminal, module, variableArgs, generateConfigOut);
      }
      if (module == null) {
        return ExitCodes.ERROR;
      }
      sources = module.diagnosticSources();
    }
    ModuleEvaluator.Environment env = Workspaces.environment(terminal);
    Providers registry = Providers.discover();
    if (!collect(ModuleEvaluator.validate(module, env, registry), warnings)) {
      return ExitCodes.ERROR;
    }
    Result<Map<String, Value>> vars =
        InputVariables.resolve(
            module,
            wd,
            variableArgs,
            terminal.env(),
            options.input,
            prompt -> {
              // Terraform leaves a blank line before "Enter a value" only after a description.
              terminal.out().print(prompt.replaceFirst("^(var\\.[^\n]*)\n\n", "$1\n"));
              terminal.out().flush();
              String line = terminal.readLine();
              terminal.out().println();
              return line;
            });
    if (!collect(vars.diagnostics(), warnings)) {
      return ExitCodes.ERROR;
    }
    Result<Encryption> encryption = Encryptions.of(terminal, module, vars.value());
    if (!collect(encryption.diagnostics(), warnings)) {
      return ExitCodes.ERROR;
    }
    stateOptions.encryption = encryption.value();
    List<ResourceInstanceAddress> targets = addresses(options.targets, "target");
    List<ResourceInstanceAddress> replace = addresses(options.replace, "replace");
    if (targets == null || replace == null) {
      return ExitCodes.ERROR;
    }
    try (EmbeddedCloud cloud = startCloud(module);
        StateAccess state =
            StateAccess.open(
                terminal, stateOptions, kind == Kind.PLAN ? LockInfo.PLAN : LockInfo.APPLY, true)) {
      if (state == null) {
        return ExitCodes.ERROR;
      }
      State prior = state.state();
      Prepared p = prepare(module, vars.value(), env, registry, prior, warnings);
      if (p == null) {
        return ExitCodes.ERROR;
      }
      Plan.Mode mode =
          destroyMode
              ? Plan.Mode.DESTROY
              : options.refreshOnly ? Plan.Mode.REFRESH_ONLY : Plan.Mode.NORMAL;
      PlanOptions planOptions =
          PlanOptions.defaults()
              .withMode(mode)
              .withRefresh(options.refresh)
              .withTargets(targets)
              .withForceReplace(new HashSet<>(replace))
              .withParallelism(options.parallelism);
      if (options.refresh) {
        printRefresh(module, prior, targets);
      }
      Map<ResourceInstanceAddress, String> pending = new TreeMap<>();
      state
          .loaded()
          .recovery()
          .ifPresent(
              r ->
                  r.pendingIntents()
                      .forEach((a, t) -> pending.put(StateAddresses.fromState(a), t)));
      Result<Plan> planned =
          Planner.plan(
              new PlanRequest(
                  module,
                  prior,
                  p.variables(),
                  p.providers(),
                  planOptions,
                  pending,
                  env,
                  treeOf(module)),
              hooks());
      Plan plan = planned.value();
      Diagnostics planDiags = new Diagnostics();
      if (!targets.isEmpty()) {
        // first, as Terraform's plan says it before anything else
        planDiags.add(Diagnostic.warning(TARGET_WARNING_SUMMARY, TARGET_WARNING, null));
      }
      planDiags.addAll(planned.diagnostics());
      boolean failed = planDiags.hasErrors() || plan == null || !plan.complete();
      if (!failed) {
        showPlan(plan, p.schemas());
      } else if (json == null && plan != null) {
        // Better than Terraform, which prints the part it planned (or only the output changes,
        // with "You can apply this plan") before the error: a plan that failed is never shown.
        // (With no plan at all, a cycle say, Terraform and Forma print only the errors.)
        terminal.out().print(planningFailed());
      }
      if (failed) {
        warnings.addAll(planDiags);
        printAll(warnings);
        return ExitCodes.ERROR;
      }
      if (kind == Kind.PLAN) {
        warnings.addAll(planDiags);
        printAll(warnings);
        if (json == null && plan.hasChanges()) {
          terminal.out().println(PlanRenderer.horizontalRule(renderOptions()));
        }
        if (out != null) {
          if (!save(
              plan,
              prior,
              module,
              targets.isEmpty() ? List.of() : options.targets,
              out,
              state.workspace)) {
            return ExitCodes.ERROR;
          }
        } else if (json == null && plan.hasChanges()) {
          terminal
              .out()
              .print(
                  "\n"
                      + "Note: You didn't use the -out option to save this plan, so Forma can't\n"
                      + "guarantee to take exactly these actions if you run \"forma apply\""
                      + " now.\n");
        }
        if (checkConnectivity
            && !ModelEndpointChecks.checkAndPrint(
                terminal, module, p.variables(), env, registry, json != null)) {
          return ExitCodes.ERROR;
        }
        return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES_PRESENT : ExitCodes.OK;
      }
      // apply or destroy: the warnings of planning come with the apply's
      Diagnostics before = new Diagnostics().addAll(warnings).addAll(planDiags);
      if (plan.hasChanges() && !autoApprove && !approved(mode, state.workspace)) {
        return ExitCodes.ERROR;
      }
      if (!targets.isEmpty()) {
        before.add(Diagnostic.warning(INCOMPLETE_SUMMARY, INCOMPLETE, null));
      }
      return apply(state, prior, p, plan, before);
    }
  }

  /** {@code apply FILE}: applies a saved plan if the state has not moved on since. */
  int applySaved(Path file) {
    // The plan file is decrypted with the working directory's encryption settings.
    Encryption encryption = Encryptions.forWorkingDirectory(terminal, variableArgs);
    if (encryption == null) {
      return ExitCodes.ERROR;
    }
    stateOptions.encryption = encryption;
    Result<PlanFile> read =
        PlanFile.read(terminal.workingDirectory().resolve(file), Main.VERSION, encryption.plan());
    Diagnostics warnings = new Diagnostics();
    if (!collect(read.diagnostics(), warnings)) {
      return ExitCodes.ERROR;
    }
    PlanFile saved = read.value();
    Path wd = terminal.workingDirectory();
    Result<Module> loaded = ConfigLoader.loadSources(wd, saved.configuration());
    Module module = loaded.value();
    sources = module == null ? null : module.diagnosticSources();
    if (!collect(loaded.diagnostics(), warnings) || module == null) {
      return ExitCodes.ERROR;
    }
    if (!module.calls().isEmpty()) {
      // the plan file holds the root module's sources; the child modules are read where init
      // installed them
      Result<ModuleDirectories> installed = InstalledModules.of(wd);
      if (!collect(installed.diagnostics(), warnings)) {
        return ExitCodes.ERROR;
      }
      Result<ConfigTree> tree = ConfigTreeLoader.load(module, wd, installed.value());
      if (tree.value() != null) {
        sources = tree.value().diagnosticSources();
        this.tree = tree.value();
      }
      if (!collect(tree.diagnostics(), warnings)) {
        return ExitCodes.ERROR;
      }
    }
    // the child modules must be those the plan was made with (the root's files are in the plan)
    if (!collect(saved.checkModules(ModuleDigests.of(this.tree)), warnings)) {
      return ExitCodes.ERROR;
    }
    // the working directory's backend and workspace must be those the plan was made with
    if (!collect(currentBackend(module), warnings)) {
      return ExitCodes.ERROR;
    }
    Diagnostic badName = Workspaces.invalidEnvironment(terminal.env());
    if (badName != null) {
      return fail(badName);
    }
    if (!collect(
        saved.checkBackend(
            new PlanFile.Backend(
                stateOptions.backend.type(),
                stateOptions.backend.fingerprint(),
                Workspaces.current(terminal))),
        warnings)) {
      return ExitCodes.ERROR;
    }
    ModuleEvaluator.Environment env = Workspaces.environment(terminal);
    try (EmbeddedCloud cloud = startCloud(module);
        StateAccess state = StateAccess.open(terminal, stateOptions, LockInfo.APPLY, true)) {
      if (state == null) {
        return ExitCodes.ERROR;
      }
      State prior = state.state();
      if (!collect(saved.checkState(prior), warnings)) {
        return ExitCodes.ERROR;
      }
      // The state the plan's changes apply to: what its refresh found, recorded in the state.
      Result<State> refreshed = saved.restorePriorState(prior);
      if (!collect(refreshed.diagnostics(), warnings)) {
        return ExitCodes.ERROR;
      }
      Map<String, Value> variables = saved.plan().variables();
      if (saved.needsSensitiveValues()) {
        List<VariableArg> args = new ArrayList<>(saved.variableArgs());
        args.addAll(variableArgs);
        Result<Map<String, Value>> again =
            InputVariables.resolve(module, wd, args, terminal.env(), false, null);
        Result<Map<String, Value>> checked = saved.checkVariables(again.value());
        if (!collect(checked.diagnostics(), warnings)) {
          return ExitCodes.ERROR;
        }
        variables = checked.value();
      }
      Prepared p = prepare(module, variables, env, Providers.discover(), prior, warnings);
      if (p == null) {
        return ExitCodes.ERROR;
      }
      Plan plan = saved.plan().withPriorState(refreshed.value());
      if (saved.needsSensitiveValues()) {
        PlanOptions again =
            PlanOptions.defaults()
                .withMode(plan.mode())
                .withRefresh(false)
                .withTargets(saved.targetAddresses())
                .withForceReplace(
                    new HashSet<>(
                        saved.replace().stream()
                            .map(t -> ResourceInstanceAddress.parse(t).value())
                            .toList()))
                .withParallelism(options.parallelism);
        Result<Plan> fresh =
            Planner.plan(
                new PlanRequest(
                    module,
                    refreshed.value(),
                    variables,
                    p.providers(),
                    again,
                    Map.of(),
                    env,
                    treeOf(module)));
        if (fresh.value() == null || fresh.hasErrors()) {
          collect(fresh.diagnostics(), warnings);
          return ExitCodes.ERROR;
        }
        Result<Plan> restored = saved.restore(fresh.value());
        if (!collect(restored.diagnostics(), warnings)) {
          return ExitCodes.ERROR;
        }
        plan = restored.value().withPriorState(refreshed.value());
      }
      if (!saved.targets().isEmpty()) {
        warnings.add(Diagnostic.warning(INCOMPLETE_SUMMARY, INCOMPLETE, null));
      }
      return apply(state, prior, p, plan, warnings);
    }
  }

  // ------------------------------------------------------------------ steps

  /**
   * The backend the working directory uses now, given to {@link #stateOptions}: the one its
   * configuration selects as {@code forma init} recorded it, or, when the configuration on disk
   * does not load, the one the plan's configuration snapshot selects.
   */
  private Diagnostics currentBackend(Module snapshot) {
    Path wd = terminal.workingDirectory();
    Result<Module> onDisk = ConfigLoader.load(wd, wd);
    Module module =
        onDisk.hasErrors() || onDisk.value() == null || onDisk.value().sources().isEmpty()
            ? snapshot
            : onDisk.value();
    if (module != snapshot) {
      sources = module.diagnosticSources();
    }
    return Preflight.backend(module, wd, stateOptions);
  }

  /**
   * The local cloud for {@code endpoint = "local"}; its notice on stderr when stdout is JSON, and
   * only the first time in this operation (-generate-config-out starts it before planning).
   */
  private EmbeddedCloud startCloud(Module module) {
    PrintStream notice = json != null ? terminal.err() : terminal.out();
    if (cloudAnnounced) {
      notice = new PrintStream(java.io.OutputStream.nullOutputStream());
    }
    cloudAnnounced = true;
    return EmbeddedCloud.startIfNeeded(module, terminal, notice);
  }

  /** The configuration tree of {@code module}: as loaded, or the module alone without calls. */
  private ConfigTree treeOf(Module module) {
    return tree != null && tree.module() == module ? tree : ConfigTree.root(module);
  }

  /** Evaluates the configuration and configures the providers; null after printing errors. */
  private Prepared prepare(
      Module module,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env,
      Providers registry,
      State prior,
      Diagnostics warnings) {
    Result<EvalContext> ctx = ModuleEvaluator.evalContext(module, variables, env);
    // Its warnings were reported by validation already.
    Diagnostics errors = new Diagnostics();
    for (Diagnostic d : ctx.diagnostics()) {
      if (d.isError()) {
        errors.add(d);
      }
    }
    if (!collect(errors, warnings)) {
      return null;
    }
    Result<Map<ProviderConfigAddress, Provider>> configured =
        ProviderConfigs.configure(module, ctx.value(), registry);
    if (!collect(configured.diagnostics(), warnings)) {
      return null;
    }
    Map<ProviderConfigAddress, Provider> providers = new TreeMap<>(configured.value());
    Diagnostics d = new Diagnostics();
    configureStateOnly(prior, treeOf(module), registry, ctx.value(), providers, d);
    if (!collect(d, warnings)) {
      return null;
    }
    ProviderSchemas schemas = new ProviderSchemas(registry);
    List<ProviderSchema> all = new ArrayList<>();
    for (String name : registry.names()) {
      ProviderSchema s = schemas.of(name);
      if (s != null) {
        all.add(s);
      }
    }
    return new Prepared(module, variables, env, providers, SchemaSource.of(all));
  }

  /**
   * Configures, with an empty configuration, the default configuration of each provider that only
   * objects in the state still use (their resource blocks were removed), so that they can be
   * refreshed and destroyed. An aliased configuration that is gone is the planner's error to
   * report.
   */
  private static void configureStateOnly(
      State prior,
      ConfigTree tree,
      Providers registry,
      EvalContext ctx,
      Map<ProviderConfigAddress, Provider> providers,
      Diagnostics d) {
    Set<ProviderConfigAddress> wanted = new LinkedHashSet<>();
    // the default configurations child modules inherit without the root module declaring them
    var refs = new dev.forma.engine.graph.TreeReferences(tree);
    for (ConfigTree t : tree.all()) {
      if (!t.path().isRoot()) {
        t.module()
            .resources()
            .values()
            .forEach(r -> wanted.add(refs.providerFor(t.path(), r.providerAddress())));
      }
    }
    for (ResourceState rs : prior.resources().values()) {
      StateProvider sp = StateProvider.parse(rs.provider());
      ResourceAddress ra = StateAddresses.fromState(rs.address());
      wanted.add(sp != null ? sp.configAddress() : ProviderConfigAddress.of(ra.impliedProvider()));
    }
    for (ProviderConfigAddress a : wanted) {
      if (providers.containsKey(a) || a.alias() != null) {
        continue;
      }
      ProviderFactory f = registry.factory(a.localName());
      if (f == null) {
        continue;
      }
      Result<Value> config =
          SchemaDecoder.decode(
              new Body(List.of(), NOWHERE, NOWHERE),
              new ProviderSchemas(registry).of(a.localName()).provider(),
              ctx);
      d.addAll(config.diagnostics());
      if (config.hasErrors()) {
        continue;
      }
      Provider p = f.create();
      boolean failed = false;
      for (ProviderDiagnostic pd :
          p.configure(new Requests.Configure(config.value())).diagnostics()) {
        d.add(
            pd.isError()
                ? Diagnostic.error(pd.summary(), pd.detail())
                : Diagnostic.warning(pd.summary(), pd.detail(), null));
        failed |= pd.isError();
      }
      if (!failed) {
        providers.put(a, p);
      }
    }
  }

  private void printRefresh(Module module, State read, List<ResourceInstanceAddress> targets) {
    ApplyHooks hooks = hooks();
    // the objects by the addresses moved blocks give them; none when a removed block is refused
    var refactored =
        dev.forma.engine.plan.Refactorings.prepare(treeOf(module), read, targets).value();
    if (refactored == null) {
      return;
    }
    State prior = refactored.state();
    // With -target, only the targets and what they depend on are refreshed, as in Terraform.
    java.util.Set<ResourceAddress> wanted = null;
    if (!targets.isEmpty()) {
      ConfigTree t = treeOf(module);
      var graph =
          (t.children().isEmpty()
                  ? dev.forma.engine.graph.GraphBuilder.build(module, prior)
                  : dev.forma.engine.graph.GraphBuilder.build(t, prior))
              .value();
      List<ResourceAddress> roots = targets.stream().map(a -> a.resource().config()).toList();
      wanted = graph == null ? new java.util.HashSet<>(roots) : graph.withDependencies(roots);
    }
    for (ResourceState rs : prior.resources().values()) {
      ResourceAddress ra = StateAddresses.fromState(rs.address());
      if (ra.mode() != ResourceMode.MANAGED
          || (wanted != null && !wanted.contains(ra.config()))
          || (wanted != null && !ra.module().isRoot() && !targetedInstance(targets, ra))
          || refactored.forgotten().contains(ra)) {
        continue;
      }
      for (Map.Entry<dev.forma.state.IndexKey, ResourceInstance> e : rs.instances().entrySet()) {
        if (e.getValue().current() == null) {
          continue;
        }
        ResourceInstanceAddress ia = ra.instance(StateAddresses.fromState(e.getKey()));
        JsonNode id = e.getValue().current().attributes().get("id");
        hooks.preRefresh(
            ObjectTarget.current(ia), id == null || !id.isTextual() ? null : id.textValue());
      }
    }
  }

  private void showPlan(Plan plan, SchemaSource schemas) {
    if (json != null) {
      json.plannedChanges(plan);
      int add = 0;
      int change = 0;
      int remove = 0;
      int imported = 0;
      for (ResourceChange c : plan.changes()) {
        if (c.importId() != null) {
          imported++;
        }
        switch (c.action()) {
          case CREATE -> add++;
          case UPDATE -> change++;
          case DELETE -> remove++;
          case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> {
            add++;
            remove++;
          }
          case NO_OP, READ, FORGET -> {}
        }
      }
      json.changeSummary("plan", add, change, remove, imported);
      json.plannedOutputs(plan);
      return;
    }
    terminal.out().print(PlanRenderer.render(plan, schemas, renderOptions()));
  }

  /** Terraform's line for a plan that failed, coloured as its renderer colours it. */
  private String planningFailed() {
    boolean c = terminal.color();
    return "\n"
        + (c ? "\u001b[0m\u001b[1m\u001b[31m" : "")
        + "Planning failed."
        + (c ? "\u001b[0m\u001b[1m" : "")
        + " Forma encountered an error while generating this plan."
        + (c ? "\u001b[0m" : "")
        + "\n\n";
  }

  private RenderOptions renderOptions() {
    return new RenderOptions(terminal.color(), 78);
  }

  private boolean save(
      Plan plan, State prior, Module module, List<String> targets, String out, String workspace) {
    PlanFile file =
        PlanFile.of(
                plan,
                options.refresh,
                targets,
                options.replace,
                prior,
                module,
                variableArgs,
                Main.VERSION)
            .withBackend(
                new PlanFile.Backend(
                    stateOptions.backend.type(), stateOptions.backend.fingerprint(), workspace))
            .withModules(ModuleDigests.of(tree));
    try {
      file.write(
          terminal.workingDirectory().resolve(out),
          Main.VERSION,
          stateOptions.encryption == null ? StateEncryption.NONE : stateOptions.encryption.plan());
    } catch (StateException e) {
      StateAccess.printProblems(terminal, e);
      return false;
    } catch (IOException e) {
      printAll(
          Diagnostics.of(
              Diagnostic.error(
                  "Failed to write plan file",
                  "The plan file " + out + " could not be written: " + e.getMessage())));
      return false;
    }
    if (json == null && plan.hasChanges()) {
      terminal
          .out()
          .print(
              "\nSaved the plan to: "
                  + out
                  + "\n\nTo perform exactly these actions, run the following command to apply:\n"
                  + "    forma apply \""
                  + out
                  + "\"\n");
    }
    return true;
  }

  /**
   * Asks for approval as Terraform does (naming the workspace unless it is the default one); false
   * (after printing why) unless the answer is yes.
   */
  private boolean approved(Plan.Mode mode, String workspace) {
    PrintStream out = terminal.out();
    String in =
        workspace.equals(dev.forma.state.backend.StateBackend.DEFAULT_WORKSPACE)
            ? ""
            : " in workspace \"" + workspace + "\"";
    if (mode == Plan.Mode.DESTROY) {
      out.print(
          "\nDo you really want to destroy all resources"
              + in
              + "?\n"
              + "  Forma will destroy all your managed infrastructure, as shown above.\n"
              + "  There is no undo. Only 'yes' will be accepted to confirm.\n\n"
              + "  Enter a value: ");
    } else {
      out.print(
          "\nDo you want to perform these actions"
              + in
              + "?\n"
              + "  Forma will perform the actions described above.\n"
              + "  Only 'yes' will be accepted to approve.\n\n"
              + "  Enter a value: ");
    }
    out.flush();
    String answer = terminal.readLine();
    if (answer == null) {
      printAll(Diagnostics.of(Diagnostic.error("error asking for approval: EOF", "")));
      return false;
    }
    if (!answer.equals("yes")) {
      out.print(mode == Plan.Mode.DESTROY ? "\nDestroy cancelled.\n" : "\nApply cancelled.\n");
      return false;
    }
    out.println();
    return true;
  }

  private int apply(StateAccess access, State prior, Prepared p, Plan plan, Diagnostics before) {
    ApplyHooks progress = hooks();
    Diagnostics[] shown = {before};
    ApplyHooks hooks =
        new ForwardingHooks(progress) {
          @Override
          public void applyFinished(ApplySummary summary) {
            // Terraform prints the plan's warnings just before the closing line.
            printAll(shown[0]);
            shown[0] = new Diagnostics();
            super.applyFinished(summary);
          }
        };
    Result<ApplyOutcome> result;
    State after;
    Applier applier = new Applier();
    try (StateTransaction tx = access.store.begin("apply", prior)) {
      ConfigTree tree = treeOf(p.module());
      dev.forma.engine.plan.ModuleInstances modules =
          tree.children().isEmpty()
              ? null
              : new dev.forma.engine.plan.ModuleInstances(tree, p.environment(), new Diagnostics());
      Scope scope =
          modules == null
              ? new Scope(p.module(), p.variables(), p.environment(), true)
              : new Scope(p.module(), p.variables(), p.environment(), true, modules);
      if (modules != null) {
        modules.root(scope);
      }
      Diagnostics prepared =
          ScopeEvaluator.prepare(scope, plan, tx.state().snapshot(), p.providers(), modules);
      if (prepared.hasErrors()) {
        printAll(new Diagnostics().addAll(before).addAll(prepared));
        return ExitCodes.ERROR;
      }
      Object previous = Interrupts.install(this::interrupted);
      synchronized (this) {
        running = applier;
      }
      try {
        result =
            applier.apply(
                ApplyRequest.of(
                        plan,
                        tx.state(),
                        p.providers(),
                        new ScopeEvaluator(scope, p.providers(), modules))
                    .withHooks(hooks)
                    .withParallelism(options.parallelism));
      } finally {
        synchronized (this) {
          running = null;
        }
        Interrupts.restore(previous);
      }
      after = tx.commit();
    } catch (StateException e) {
      StateAccess.printProblems(terminal, e);
      return ExitCodes.ERROR;
    }
    printAll(shown[0]);
    ApplyOutcome outcome = result.value();
    Map<ObjectTarget, Boolean> failedTargets = new LinkedHashMap<>();
    Diagnostics rest = new Diagnostics();
    Set<Diagnostic> inFailures = new HashSet<>();
    for (ApplyOutcome.Failure f : outcome.failures()) {
      failedTargets.put(f.target(), true);
      for (Diagnostic d : f.diagnostics()) {
        inFailures.add(d);
        printWith(d, f.target().address());
      }
    }
    Set<Diagnostic> planned = new HashSet<>(before.asList());
    for (Diagnostic d : result.diagnostics()) {
      // the apply decodes the configuration again: its warnings were shown with the plan's
      if (!inFailures.contains(d) && !(d.severity() == Severity.WARNING && planned.contains(d))) {
        rest.add(d);
      }
    }
    printAll(rest);
    if (result.hasErrors() || !outcome.summary().succeeded()) {
      return ExitCodes.ERROR;
    }
    if (plan.mode() != Plan.Mode.DESTROY && !after.outputs().isEmpty()) {
      if (json != null) {
        json.outputs(after.outputs());
      } else {
        Result<String> text = OutputRenderer.all(after.outputs());
        if (text.value() != null) {
          terminal
              .out()
              .print(
                  (terminal.color() ? "\u001b[0m\u001b[1m\u001b[32m" : "")
                      + "\nOutputs:\n\n"
                      + (terminal.color() ? "\u001b[0m" : "")
                      + text.value());
        }
      }
    }
    return ExitCodes.OK;
  }

  private void interrupted() {
    Applier a;
    int n;
    synchronized (this) {
      a = running;
      n = ++interrupts;
    }
    if (n == 1) {
      terminal
          .out()
          .print(
              "\nInterrupt received.\n"
                  + "Please wait for Forma to exit or data loss may occur.\n"
                  + "Gracefully shutting down...\n\n");
    } else if (n == 2) {
      terminal
          .out()
          .print(
              "\nTwo interrupts received. Exiting immediately. Note that data\n"
                  + "loss may have occurred.\n");
    }
    terminal.out().flush();
    if (a != null) {
      a.requestStop();
    }
  }

  private ApplyHooks hooks() {
    return json != null ? json : new ProgressPrinter(terminal.out(), terminal.color());
  }

  // ------------------------------------------------------------------ diagnostics

  /**
   * Prints {@code diags} at once when it has errors (with the warnings so far) and returns false;
   * otherwise keeps its warnings in {@code warnings} for later and returns true.
   */
  private boolean collect(Diagnostics diags, Diagnostics warnings) {
    if (diags.hasErrors()) {
      printAll(new Diagnostics().addAll(warnings).addAll(diags));
      return false;
    }
    warnings.addAll(diags);
    return true;
  }

  private int fail(Diagnostic d) {
    printAll(Diagnostics.of(d));
    return ExitCodes.ERROR;
  }

  private void printAll(Diagnostics all) {
    // validation and planning decode the same bodies: a warning they both found is shown once
    Diagnostics diags = new Diagnostics();
    new java.util.LinkedHashSet<Diagnostic>(all.asList()).forEach(diags::add);
    if (json != null) {
      diags.forEach(d -> json.diagnostic(d, sources));
      return;
    }
    if (options.compactWarnings && !diags.hasErrors() && !diags.isEmpty()) {
      StringBuilder sb = new StringBuilder("\nWarnings:\n\n");
      for (Diagnostic d : diags) {
        sb.append("- ").append(d.summary()).append('\n');
      }
      terminal.out().print(sb);
      return;
    }
    terminal.printDiagnostics(diags, sources);
  }

  /** A diagnostic about one object, with Terraform's {@code with ADDR,} line. */
  private void printWith(Diagnostic d, ResourceInstanceAddress address) {
    if (json != null) {
      json.diagnostic(d, sources);
      return;
    }
    String text = new DiagnosticRenderer(sources, terminal.color()).render(d);
    int on = text.indexOf("  on ");
    String with = "  with " + address + ",\n";
    if (on >= 0) {
      int lineStart = text.lastIndexOf('\n', on) + 1;
      String prefix = text.substring(lineStart, on);
      text = text.substring(0, lineStart) + prefix + with + text.substring(lineStart);
    } else {
      int firstLineEnd = text.indexOf('\n', text.startsWith("\n") ? 1 : 0);
      text = text.substring(0, firstLineEnd + 1) + "\n" + with + text.substring(firstLineEnd + 1);
    }
    (d.isError() ? terminal.err() : terminal.out()).print(text);
  }

  /** Parses {@code -target} / {@code -replace} addresses; null after printing an error. */
  private List<ResourceInstanceAddress> addresses(List<String> texts, String flag) {
    List<ResourceInstanceAddress> out = new ArrayList<>();
    for (String t : texts) {
      Result<ResourceInstanceAddress> r = ResourceInstanceAddress.parse(t);
      List<ResourceInstanceAddress> inModule =
          (r.hasErrors() || r.value() == null) && flag.equals("target") ? moduleTarget(t) : null;
      if (inModule != null) {
        out.addAll(inModule);
        continue;
      }
      if (r.hasErrors() || r.value() == null) {
        printAll(
            Diagnostics.of(
                Diagnostic.error(
                    "Invalid " + flag + " address",
                    "The -" + flag + " value \"" + t + "\" is not a valid resource address.")));
        return null;
      }
      out.add(r.value());
    }
    return out;
  }

  /**
   * A {@code -target} naming a module instance ({@code module.a}, {@code module.a[0].module.b}):
   * every resource the configuration declares in it and in the modules it calls (a call without a
   * key stands for all its instances); null when {@code text} is not a module instance address.
   */
  private List<ResourceInstanceAddress> moduleTarget(String text) {
    Result<dev.forma.engine.addrs.ModuleInstance> m =
        dev.forma.engine.addrs.ModuleInstance.parse(text);
    if (tree == null || m.hasErrors() || m.value() == null || m.value().isRoot()) {
      return null;
    }
    dev.forma.engine.addrs.ModuleInstance target = m.value();
    List<ResourceInstanceAddress> out = new ArrayList<>();
    for (ConfigTree t : tree.all()) {
      List<String> names = t.path().names();
      if (names.size() < target.steps().size()
          || !names.subList(0, target.steps().size()).equals(target.module().names())) {
        continue;
      }
      dev.forma.engine.addrs.ModuleInstance at = target;
      for (String n : names.subList(target.steps().size(), names.size())) {
        at = at.child(n, dev.forma.engine.addrs.InstanceKey.NONE);
      }
      for (ResourceAddress a : t.module().resources().keySet()) {
        out.add(a.in(at).instance(dev.forma.engine.addrs.InstanceKey.NONE));
      }
    }
    return out;
  }

  /**
   * Whether resource {@code ra} of a module instance is one {@code targets} name (a module call
   * without a key in a target standing for all its instances), or a dependency of them: a resource
   * no target names in any instance.
   */
  private static boolean targetedInstance(
      List<ResourceInstanceAddress> targets, ResourceAddress ra) {
    boolean named = false;
    for (ResourceInstanceAddress t : targets) {
      ResourceAddress tr = t.resource();
      if (!tr.config().equals(ra.config())) {
        continue;
      }
      named = true;
      List<dev.forma.engine.addrs.ModuleInstance.Step> ts = tr.module().steps();
      List<dev.forma.engine.addrs.ModuleInstance.Step> as = ra.module().steps();
      boolean all = true;
      for (int i = 0; i < ts.size() && all; i++) {
        all =
            ts.get(i).key() instanceof dev.forma.engine.addrs.InstanceKey.NoKey
                || ts.get(i).key().equals(as.get(i).key());
      }
      if (all) {
        return true;
      }
    }
    return !named;
  }

  /** Hooks that pass every event on. */
  private static class ForwardingHooks implements ApplyHooks {
    private final ApplyHooks to;

    ForwardingHooks(ApplyHooks to) {
      this.to = to;
    }

    @Override
    public void preApply(ObjectTarget target, dev.forma.engine.apply.Operation op, String priorId) {
      to.preApply(target, op, priorId);
    }

    @Override
    public void stillApplying(
        ObjectTarget target, dev.forma.engine.apply.Operation op, Duration elapsed, String status) {
      to.stillApplying(target, op, elapsed, status);
    }

    @Override
    public void postApply(
        ObjectTarget target,
        dev.forma.engine.apply.Operation op,
        boolean succeeded,
        String newId,
        Duration elapsed) {
      to.postApply(target, op, succeeded, newId, elapsed);
    }

    @Override
    public void preImport(ResourceInstanceAddress address, String id) {
      to.preImport(address, id);
    }

    @Override
    public void postImport(ResourceInstanceAddress address, String id) {
      to.postImport(address, id);
    }

    @Override
    public void preRead(ResourceInstanceAddress address) {
      to.preRead(address);
    }

    @Override
    public void postRead(
        ResourceInstanceAddress address, boolean succeeded, String id, Duration elapsed) {
      to.postRead(address, succeeded, id, elapsed);
    }

    @Override
    public void applyFinished(ApplySummary summary) {
      to.applyFinished(summary);
    }
  }
}
