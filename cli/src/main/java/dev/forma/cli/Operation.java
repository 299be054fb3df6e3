package dev.forma.cli;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.apply.Applier;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.apply.ApplyOutcome;
import dev.forma.engine.apply.ApplySummary;
import dev.forma.engine.apply.ObjectTarget;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.ConfigTreeLoader;
import dev.forma.engine.config.InputVariables;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.VariableArg;
import dev.forma.engine.facade.Engine;
import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.PlanOptions;
import dev.forma.engine.plan.PlanRequest;
import dev.forma.engine.planfile.PlanFile;
import dev.forma.engine.providers.ProviderSchemas;
import dev.forma.engine.providers.Providers;
import dev.forma.engine.render.SchemaSource;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.diag.Severity;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateTransaction;
import dev.forma.state.encryption.Encryption;
import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run of {@code plan}, {@code apply} or {@code destroy}: loads the configuration, resolves the
 * variables (prompting through the terminal unless {@code -input=false}), validates, configures the
 * providers (also those of objects only the state still has), locks and reads the state (telling
 * the user about a recovered journal, and passing its in-flight creates to the planner), plans, and
 * applies the plan through a journaled state transaction, all through the engine's facade ({@link
 * Engine}). What is shown, and how, is its {@link OperationView}'s: chosen once from the flags, it
 * also receives the engine's progress events.
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

  private final Terminal terminal;
  private final OperationOptions options;
  private final StateOptions stateOptions;
  private final List<VariableArg> variableArgs;
  private OperationView view;
  private DiagnosticRenderer.Sources sources;
  private Applier running;
  private int interrupts;
  private String generateConfigOut;
  private boolean checkConnectivity;
  private boolean cloudAnnounced;
  private String markdownOut;
  private DriftCommand.Check drift;

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
    this.view = OperationView.of(terminal, options, stateOptions);
  }

  /**
   * Shows the operation also through {@code more} (a plan written to a file, say), after the
   * terminal's view.
   */
  Operation alsoShow(OperationView more) {
    this.view = OperationView.composite(view, more);
    return this;
  }

  /** {@code plan -generate-config-out=FILE} (see {@link ConfigGeneration}); null when not set. */
  Operation generateConfigOut(String file) {
    this.generateConfigOut = file;
    return this;
  }

  /** {@code plan -markdown=FILE} (see {@link MarkdownPlans}); null when not set. */
  Operation markdownOut(String file) {
    this.markdownOut = file;
    return this;
  }

  /** {@code forma drift}: after preparing, {@code check} runs instead of planning (no lock). */
  Operation drift(DriftCommand.Check check) {
    this.drift = check;
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
    if (kind != Kind.PLAN && !autoApprove && !view.canAsk()) {
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
    Result<Providers> verified = ProviderRequirements.verified(terminal, module);
    if (!collect(verified.diagnostics(), warnings)) {
      return ExitCodes.ERROR;
    }
    Providers registry = verified.value();
    if (!collect(Engine.validate(module, env, registry), warnings)) {
      return ExitCodes.ERROR;
    }
    Result<Map<String, Value>> vars =
        InputVariables.resolve(
            module,
            wd,
            variableArgs,
            terminal.env(),
            options.input && view.canAsk(),
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
                terminal,
                stateOptions,
                kind == Kind.PLAN ? LockInfo.PLAN : LockInfo.APPLY,
                drift == null)) {
      if (state == null) {
        return ExitCodes.ERROR;
      }
      State prior = state.state();
      Prepared p = prepare(module, vars.value(), env, registry, prior, warnings);
      if (p == null) {
        return ExitCodes.ERROR;
      }
      if (drift != null) {
        return drift.check(
            new DriftCommand.Inputs(
                module,
                prior,
                p.variables(),
                p.providers(),
                env,
                treeOf(module),
                targets,
                options.parallelism,
                p.schemas(),
                warnings,
                this::printAll));
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
      Map<ResourceInstanceAddress, String> pending = new TreeMap<>();
      state
          .loaded()
          .recovery()
          .ifPresent(
              r ->
                  r.pendingIntents()
                      .forEach((a, t) -> pending.put(StateAddresses.fromState(a), t)));
      Result<Plan> planned =
          Engine.plan(
              new PlanRequest(
                  module,
                  prior,
                  p.variables(),
                  p.providers(),
                  planOptions,
                  pending,
                  env,
                  treeOf(module)),
              view.hooks());
      Plan plan = planned.value();
      Diagnostics planDiags = new Diagnostics();
      if (!targets.isEmpty()) {
        // first, as Terraform's plan says it before anything else
        planDiags.add(Diagnostic.warning(TARGET_WARNING_SUMMARY, TARGET_WARNING, null));
      }
      planDiags.addAll(planned.diagnostics());
      boolean failed = planDiags.hasErrors() || plan == null || !plan.complete();
      if (!failed) {
        view.plan(plan, p.schemas());
      } else if (plan != null) {
        // (With no plan at all, a cycle say, Terraform and Forma print only the errors.)
        view.planFailed(plan);
      }
      if (failed) {
        warnings.addAll(planDiags);
        printAll(warnings);
        return ExitCodes.ERROR;
      }
      if (kind == Kind.PLAN) {
        warnings.addAll(planDiags);
        printAll(warnings);
        view.planEnd(plan);
        if (markdownOut != null && !MarkdownPlans.write(terminal, plan, p.schemas(), markdownOut)) {
          return ExitCodes.ERROR;
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
        }
        view.planNextStep(plan, out);
        if (checkConnectivity
            && !ModelEndpointChecks.checkAndPrint(
                terminal, view, treeOf(module), p.variables(), env, registry)) {
          return ExitCodes.ERROR;
        }
        return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES_PRESENT : ExitCodes.OK;
      }
      // apply or destroy: the warnings of planning come with the apply's
      Diagnostics before = new Diagnostics().addAll(warnings);
      for (Diagnostic d : planDiags) {
        // the apply knows what the plan could not: it checks the check blocks again itself
        if (!dev.forma.engine.plan.Conditions.isKnownAfterApply(d)) {
          before.add(d);
        }
      }
      if (plan.hasChanges() && !autoApprove && !view.approve(mode, state.workspace)) {
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
    if (!collect(
        saved.checkModules(ModuleDigests.of(this.tree, terminal.workingDirectory())), warnings)) {
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
      Result<Providers> verified = ProviderRequirements.verified(terminal, module);
      if (!collect(verified.diagnostics(), warnings)) {
        return ExitCodes.ERROR;
      }
      Prepared p = prepare(module, variables, env, verified.value(), prior, warnings);
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
            Engine.plan(
                new PlanRequest(
                    module,
                    refreshed.value(),
                    variables,
                    p.providers(),
                    again,
                    Map.of(),
                    env,
                    treeOf(module)),
                ApplyHooks.NONE);
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
    PrintStream notice = view.notices();
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
    Result<Map<ProviderConfigAddress, Provider>> configured =
        Engine.providers(treeOf(module), variables, env, registry, prior);
    if (!collect(configured.diagnostics(), warnings) || configured.value() == null) {
      return null;
    }
    Map<ProviderConfigAddress, Provider> providers = configured.value();
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
            .withModules(ModuleDigests.of(tree, terminal.workingDirectory()));
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
    return true;
  }

  private int apply(StateAccess access, State prior, Prepared p, Plan plan, Diagnostics before) {
    Diagnostics[] shown = {before};
    ApplyHooks warningsFirst =
        new ApplyHooks() {
          @Override
          public void applyFinished(ApplySummary summary) {
            // Terraform prints the plan's warnings just before the closing line.
            printAll(shown[0]);
            shown[0] = new Diagnostics();
          }
        };
    ApplyHooks hooks = new OperationView.AllHooks(List.of(warningsFirst, view.hooks()));
    Result<ApplyOutcome> result;
    State after;
    Applier applier = new Applier();
    try (StateTransaction tx = access.store.begin("apply", prior)) {
      Object previous = Interrupts.install(this::interrupted);
      synchronized (this) {
        running = applier;
      }
      try {
        result =
            Engine.apply(
                applier,
                new Engine.ApplyInput(
                    plan,
                    treeOf(p.module()),
                    p.variables(),
                    p.environment(),
                    p.providers(),
                    tx.state(),
                    hooks,
                    options.parallelism));
      } finally {
        synchronized (this) {
          running = null;
        }
        Interrupts.restore(previous);
      }
      if (result.value() == null) {
        // the configuration could not be evaluated against the state: nothing was changed
        printAll(new Diagnostics().addAll(before).addAll(result.diagnostics()));
        return ExitCodes.ERROR;
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
        view.objectDiagnostic(d, f.target().address(), sources);
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
    view.outputs(plan.mode(), after.outputs());
    return ExitCodes.OK;
  }

  private void interrupted() {
    Applier a;
    int n;
    synchronized (this) {
      a = running;
      n = ++interrupts;
    }
    view.interrupted(n);
    if (a != null) {
      a.requestStop();
    }
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
    view.diagnostics(diags, sources);
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
}
