package dev.forma.cli;

import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.TerraformSettings;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.json.JsonSchema;
import dev.forma.engine.hcl.json.JsonSyntax;
import dev.forma.engine.modules.ModuleInstaller;
import dev.forma.engine.modules.VersionConstraints;
import dev.forma.engine.providers.LockFile;
import dev.forma.engine.providers.Plugin;
import dev.forma.engine.providers.Providers;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.StateException;
import dev.forma.state.backend.LocalBackend;
import dev.forma.state.backend.LocalStateStore;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code forma init}: initializes the working directory's backend, installs its modules and checks
 * its providers, with Terraform's texts. Modules are installed by {@link ModuleInstaller} (local
 * paths recorded, Git repositories cloned, archives and registry modules downloaded into {@code
 * .terraform/modules}, with Terraform's manifest). No provider is downloaded: each required
 * provider is one bundled with Forma or a plugin jar of a plugin directory; the plugins selected
 * are recorded in the dependency lock file {@code .forma.lock.hcl} (see {@link LockFile}), which
 * later inits reuse unless {@code -upgrade}. An unknown provider is an error naming the ones Forma
 * has and where it looked.
 *
 * <p>The backend: a {@code backend} block is opened with its arguments merged with {@code
 * -backend-config} (files of assignments, or {@code KEY=VALUE}), and recorded for later commands
 * (see {@link BackendInit}). Configured for the first time, it takes the states of the implied
 * local backend (asking first); when the block changed since the last {@code init}, {@code
 * -migrate-state} copies every workspace's state from the previous backend to the new one (see
 * {@link StateMigration}; {@code -force-copy} answers yes) and {@code -reconfigure} forgets the
 * previous one. {@code -backend=false} leaves the backend as it is.
 */
@Command(
    name = "init",
    header = "Prepare your working directory for other commands",
    description = {
      "Initializes the backend the configuration names (recording its configuration for the other commands, and copying existing state to it when asked), installs the modules the configuration calls (local paths, Git repositories, archives over HTTP(S) and module registries) into .terraform/modules, and selects the provider each required provider is: one bundled with Forma, or a plugin jar of a plugin directory (.forma/plugins, the user's plugin directory, FORMA_PLUGIN_PATH), recording the plugins selected in the dependency lock file .forma.lock.hcl. No provider is downloaded.",
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
      description =
          "Disable backend initialization for this configuration and use what was previously"
              + " initialized instead.")
  boolean backend = true;

  @Option(
      names = "-backend-config",
      paramLabel = "path",
      description =
          "Configuration to be merged with what is in the configuration file's 'backend' block."
              + " This can be either a path to an HCL file with key/value assignments (same format"
              + " as terraform.tfvars) or a 'key=value' format, and can be specified multiple"
              + " times. The backend type must be in the configuration itself.")
  List<String> backendConfig = new ArrayList<>();

  @Option(
      names = "-force-copy",
      description =
          "Suppress prompts about copying state data when initializing a new state backend. This"
              + " is equivalent to providing a \"yes\" to all confirmation prompts.")
  boolean forceCopy;

  @Option(
      names = "-reconfigure",
      description = "Reconfigure a backend, ignoring any saved configuration.")
  boolean reconfigure;

  @Option(
      names = "-migrate-state",
      description = "Reconfigure a backend, and attempt to migrate any existing state.")
  boolean migrateState;

  @Option(
      names = "-lock",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "false",
      description =
          "Don't hold a state lock during backend migration. This is dangerous if others might"
              + " concurrently run commands against the same workspace.")
  boolean lock = true;

  @Option(
      names = "-lock-timeout",
      paramLabel = "0s",
      description = "Duration to retry a state lock.")
  String lockTimeout = "0s";

  @Option(
      names = "-get",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "false",
      description = "Disable downloading modules for this configuration.")
  boolean get = true;

  @Option(
      names = "-upgrade",
      description =
          "Install the latest module versions allowed within configured constraints, overriding"
              + " the default behavior of selecting exactly the version recorded in the module"
              + " manifest, and record the provider plugins found now in the dependency lock file"
              + " in place of those it recorded.")
  boolean upgrade;

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  /** The texts of the -backend-config files read, for the diagnostics that point into them. */
  private final Map<String, String> configFiles = new HashMap<>();

  public InitCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (noColor) {
      terminal.disableColor();
    }
    if (migrateState && reconfigure) {
      terminal.printDiagnostics(
          Diagnostics.of(
              Diagnostic.error(
                  "Invalid init options",
                  "The -migrate-state and -reconfigure options are mutually-exclusive.")),
          null);
      return ExitCodes.ERROR;
    }
    if (forceCopy) {
      migrateState = true; // as Terraform: -force-copy implies -migrate-state
    }
    Duration wait = StateAccess.lockTimeout(terminal, lockTimeout);
    if (wait == null) {
      return ExitCodes.ERROR;
    }
    // Modules first (the configuration cannot be loaded whole before they are installed); their
    // lines are printed after the backend's, where Terraform prints them.
    List<String> moduleLines = new ArrayList<>();
    ModuleInstaller installer =
        new ModuleInstaller(terminal.workingDirectory(), terminal.env(), moduleLines::add);
    Result<ModuleInstaller.Installation> installed =
        get ? installer.install(upgrade) : Result.ok(new ModuleInstaller.Installation(null, false));
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
    var sources = withModuleFiles(module == null ? null : module.diagnosticSources(), installer);
    // the installer reads the same files: what the loader reports already is not repeated
    Diagnostics moduleDiags = new Diagnostics();
    for (Diagnostic d : installed.diagnostics().asList()) {
      if (!loaded.diagnostics().asList().contains(d)) {
        moduleDiags.add(d);
      }
    }
    if (loaded.hasErrors() || module == null) {
      printModules(installed.value(), moduleLines);
      if (installed.value().hasCalls() && moduleDiags.hasErrors()) {
        terminal.printDiagnostics(moduleDiags, sources);
      } else {
        terminal.printDiagnostics(loaded.diagnostics(), sources);
      }
      return ExitCodes.ERROR;
    }
    terminal.printDiagnostics(loaded.diagnostics(), sources);
    Diagnostics diags = new Diagnostics();
    if (backend) {
      terminal.out().println(bold("Initializing the backend..."));
      Diagnostics backendDiags = initBackend(module, wait);
      terminal.printDiagnostics(backendDiags, withConfigFiles(sources));
      if (backendDiags.hasErrors()) {
        return ExitCodes.ERROR;
      }
      if (!backendConfig.isEmpty() && BackendInit.block(module) == null) {
        diags.add(
            Diagnostic.warning(
                "Missing backend configuration",
                "-backend-config was used without a \"backend\" block in the configuration.\n\n"
                    + "If you intended to override the default local backend configuration,"
                    + " no action is required, but you may add an explicit backend block to your"
                    + " configuration to clear this warning:\n\n"
                    + "terraform {\n  backend \"local\" {}\n}\n\n"
                    + "However, if you intended to override a defined backend, please verify that"
                    + " the backend configuration is present and valid.",
                null));
      }
    }
    printModules(installed.value(), moduleLines);
    terminal.printDiagnostics(moduleDiags, sources);
    if (moduleDiags.hasErrors()) {
      return ExitCodes.ERROR;
    }
    terminal.out().println(bold("Initializing provider plugins..."));
    Result<Providers> found = ProviderRequirements.load(terminal);
    diags.addAll(found.diagnostics());
    Providers providers = found.value();
    Path wd = terminal.workingDirectory();
    Result<LockFile> previousLock = LockFile.read(wd);
    diags.addAll(previousLock.diagnostics());
    Map<String, LockFile.Entry> selected = new TreeMap<>();
    List<ProviderRequirements.Requirement> reqs = ProviderRequirements.of(module, providers);
    for (ProviderRequirements.Requirement r : reqs) {
      if (!r.available()) {
        diags.add(
            Diagnostic.error(
                "Provider not available",
                "Forma has no provider "
                    + r.displaySource()
                    + " (local name \""
                    + r.localName()
                    + "\"): it is neither bundled with Forma nor a plugin in a plugin directory."
                    + " Forma has these: "
                    + ProviderRequirements.available(providers)
                    + ".\n\nForma looked for provider plugins (jar files) in:"
                    + ProviderRequirements.directories(terminal).describe(),
                r.range()));
        continue;
      }
      Plugin plugin = providers.plugin(r.localName());
      ProviderFactory bundled = providers.replacedBundled(r.localName());
      if (plugin != null && bundled != null) {
        // as Terraform's warning about development overrides: say what is not used
        diags.add(
            Diagnostic.warning(
                "Provider plugin replaces a bundled provider",
                "The plugin "
                    + shown(plugin.jar())
                    + " ("
                    + plugin.factory().source()
                    + " v"
                    + plugin.factory().version()
                    + ") replaces the provider \""
                    + r.localName()
                    + "\" bundled with Forma ("
                    + bundled.source()
                    + " v"
                    + bundled.version()
                    + "). Remove the plugin to use the bundled provider again.",
                r.range()));
      }
      if (plugin != null) {
        LockFile.Entry e = plugin(r, plugin, previousLock.value(), diags);
        if (e != null) {
          selected.put(e.source(), e);
        }
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
    if (!diags.hasErrors()) {
      writeLock(wd, previousLock.value(), new LockFile(selected), diags);
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
    if (AutomationEnvironment.inAutomation(terminal)) {
      return ExitCodes.OK;
    }
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

  // ------------------------------------------------------------------ provider plugins

  /**
   * Selects the plugin serving {@code r} as Terraform's init selects a provider package, printing
   * its lines: the version the lock file recorded (unless -upgrade), which the plugin must still be
   * (same version, a recorded hash), or else the plugin's version, which the configuration's
   * constraints must allow. Returns the lock file entry, or null after adding why to {@code diags}.
   */
  private LockFile.Entry plugin(
      ProviderRequirements.Requirement r, Plugin plugin, LockFile lock, Diagnostics diags) {
    String name = r.shortSource();
    String version = plugin.factory().version();
    String jar = shown(plugin.jar());
    if (r.constraint() != null && VersionConstraints.parse(r.constraint()).isEmpty()) {
      diags.add(
          Diagnostic.error(
              "Invalid provider version constraint",
              "The version constraint \""
                  + r.constraint()
                  + "\" of provider "
                  + name
                  + " is not valid: use Terraform's syntax, such as \">= 1.2.0, < 2.0.0\" or"
                  + " \"~> 1.2\".",
              r.range()));
      return null;
    }
    LockFile.Entry locked = upgrade ? null : lock.entry(r.displaySource());
    if (locked != null) {
      terminal
          .out()
          .println("- Reusing previous version of " + name + " from the dependency lock file");
      if (r.constraint() != null
          && !ProviderRequirements.allows(r.constraint(), locked.version())) {
        diags.add(
            Diagnostic.error(
                "Failed to query available provider packages",
                "Could not retrieve the list of available versions for provider "
                    + name
                    + ": locked provider "
                    + name
                    + " "
                    + locked.version()
                    + " does not match configured version constraint "
                    + r.constraint()
                    + "; must use forma init -upgrade to allow selection of new versions"));
        return null;
      }
      boolean sameVersion = ProviderRequirements.sameVersion(locked.version(), version);
      if (!sameVersion || !locked.hashes().contains(plugin.hash())) {
        diags.add(
            Diagnostic.error(
                "Failed to install provider",
                "Error while installing "
                    + name
                    + " v"
                    + locked.version()
                    + ": the plugin "
                    + jar
                    + (sameVersion
                        ? " doesn't match any of the checksums previously recorded in the"
                            + " dependency lock file"
                        : " is version "
                            + version
                            + ", not the one the dependency lock file selected")
                    + ". If you replaced the plugin on purpose, run \"forma init -upgrade\" to"
                    + " record it; otherwise put back the plugin jar the lock file records."));
        return null;
      }
      terminal.out().println("- Using previously-installed " + name + " v" + version);
      return new LockFile.Entry(
          r.displaySource(), locked.version(), r.constraint(), locked.hashes());
    }
    terminal
        .out()
        .println(
            r.constraint() == null
                ? "- Finding latest version of " + name + "..."
                : "- Finding " + name + " versions matching \"" + r.constraint() + "\"...");
    if (r.constraint() != null && !ProviderRequirements.allows(r.constraint(), version)) {
      diags.add(
          Diagnostic.error(
              "Failed to query available provider packages",
              "Could not retrieve the list of available versions for provider "
                  + name
                  + ": no available releases match the given constraints "
                  + r.constraint()
                  + "\n\nThe plugin "
                  + jar
                  + " is version "
                  + version
                  + ". Put a plugin of a version the constraints allow into a plugin directory, or"
                  + " change the constraints.",
              r.range()));
      return null;
    }
    terminal.out().println("- Installing " + name + " v" + version + "...");
    terminal
        .out()
        .println("- Installed " + name + " v" + version + " (unauthenticated, " + jar + ")");
    return new LockFile.Entry(r.displaySource(), version, r.constraint(), List.of(plugin.hash()));
  }

  /** A plugin jar's path as init prints it: relative to the working directory when inside it. */
  private String shown(Path jar) {
    Path wd = terminal.workingDirectory().toAbsolutePath().normalize();
    return jar.startsWith(wd) ? wd.relativize(jar).toString() : jar.toString();
  }

  /**
   * Writes the lock file when the selections differ from what it holds (or it does not exist and
   * there is something to record), with Terraform's message.
   */
  private void writeLock(Path wd, LockFile previous, LockFile next, Diagnostics diags) {
    boolean exists = Files.exists(wd.resolve(LockFile.NAME));
    if (exists ? next.equals(previous) : next.providers().isEmpty()) {
      return;
    }
    try {
      next.write(wd);
    } catch (IOException e) {
      diags.add(
          Diagnostic.error(
              "Failed to write dependency lock file",
              "Forma could not write " + LockFile.NAME + ": " + e.getMessage()));
      return;
    }
    terminal
        .out()
        .println(
            exists
                ? "Forma has made some changes to the provider dependency selections recorded\n"
                    + "in the "
                    + LockFile.NAME
                    + " file. Review those changes and commit them to your\n"
                    + "version control system if they represent changes you intended to make."
                : "Forma has created a lock file "
                    + LockFile.NAME
                    + " to record the provider\n"
                    + "selections it made above. Include this file in your version control"
                    + " repository\n"
                    + "so that Forma can guarantee to make the same selections by default when\n"
                    + "you run \"forma init\" in the future.");
  }

  // ------------------------------------------------------------------ modules

  /** Terraform's module section: its heading when the root calls modules, then each line. */
  private void printModules(ModuleInstaller.Installation installation, List<String> lines) {
    if (installation == null || !installation.hasCalls()) {
      return;
    }
    terminal.out().println(bold(upgrade ? "Upgrading modules..." : "Initializing modules..."));
    lines.forEach(terminal.out()::println);
  }

  /** The configuration's sources, and the module files the installer read. */
  private static DiagnosticRenderer.Sources withModuleFiles(
      DiagnosticRenderer.Sources sources, ModuleInstaller installer) {
    DiagnosticRenderer.Sources modules = installer.sources();
    return new DiagnosticRenderer.Sources() {
      @Override
      public String text(String filename) {
        String text = sources == null ? null : sources.text(filename);
        return text != null ? text : modules.text(filename);
      }

      @Override
      public String context(String filename, Pos pos) {
        String context = sources == null ? null : sources.context(filename, pos);
        return context != null ? context : modules.context(filename, pos);
      }
    };
  }

  // ------------------------------------------------------------------ the backend

  /**
   * Initializes the backend as Terraform's init does, printing its messages and prompts; returns
   * the diagnostics (errors stop init).
   */
  private Diagnostics initBackend(Module module, Duration wait) {
    Path wd = terminal.workingDirectory();
    Result<Backends.Selected> inFile = Backends.select(module, true);
    if (inFile.hasErrors()) {
      return inFile.diagnostics();
    }
    Diagnostics diags = new Diagnostics().addAll(inFile.diagnostics());
    Result<BackendInit.Saved> recorded = BackendInit.read(wd);
    if (recorded.hasErrors() && !reconfigure) {
      return diags.addAll(recorded.diagnostics());
    }
    BackendInit.Saved saved = reconfigure ? null : recorded.value();
    TerraformSettings.Backend block = BackendInit.block(module);
    StateMigration.Options migration = new StateMigration.Options(forceCopy, input, lock, wait);
    try {
      if (block == null) {
        if (saved == null) {
          if (reconfigure && recorded.value() != null) {
            BackendInit.delete(wd);
          }
          return diags; // the implied local backend: nothing to record
        }
        return unset(saved, migration, diags);
      }
      Backends.Kind kind = Backends.KINDS.get(block.type());
      Result<Map<String, String>> given = overrides(kind, block.type());
      diags.addAll(given.diagnostics());
      if (given.hasErrors()) {
        return diags;
      }
      Backends.Selected written = inFile.value();
      Map<String, String> merged = new TreeMap<>(written.arguments());
      merged.putAll(given.value());
      Backends.Selected wanted = new Backends.Selected(written.type(), merged, written.range());
      BackendInit.Saved record =
          new BackendInit.Saved(written.type(), written.fingerprint(), merged);
      if (saved == null) {
        return configure(wanted, record, migration, diags);
      }
      boolean sameType = saved.type().equals(written.type());
      if (sameType
          && written.fingerprint().equals(saved.blockFingerprint())
          && given.value().isEmpty()) {
        return selectWorkspace(open(saved.selected(), diags), diags); // unchanged
      }
      if (sameType && merged.equals(saved.arguments())) {
        BackendInit.write(wd, record); // the same backend, written another way
        return selectWorkspace(open(wanted, diags), diags);
      }
      if (!migrateState) {
        return diags.add(
            Diagnostic.error(
                "Backend configuration changed",
                "A change in the backend configuration has been detected, which may require"
                    + " migrating existing state.\n\n"
                    + "If you wish to attempt automatic migration of the state, use \"forma init"
                    + " -migrate-state\".\n"
                    + "If you wish to store the current configuration with no changes to the"
                    + " state, use \"forma init -reconfigure\"."));
      }
      return change(saved, wanted, record, migration, diags);
    } catch (IOException e) {
      return diags.add(
          Diagnostic.error(
              "Failed to save the backend configuration",
              "Could not write "
                  + AutomationEnvironment.dataDir()
                  + "/"
                  + BackendInit.FILE
                  + ": "
                  + e.getMessage()));
    }
  }

  /**
   * The first configuration of a backend (or {@code -reconfigure}): the implied local backend's
   * states are offered to it, then it is recorded.
   */
  private Diagnostics configure(
      Backends.Selected wanted,
      BackendInit.Saved record,
      StateMigration.Options migration,
      Diagnostics diags)
      throws IOException {
    StateBackend target = open(wanted, diags);
    if (target == null || !reachable(target, diags)) {
      return diags;
    }
    LocalBackend local = impliedLocal();
    boolean hasState = !sameFiles(local, target) && hasState(local, diags);
    if (diags.hasErrors()) {
      return diags;
    }
    if (hasState) {
      Result<StateMigration.Outcome> moved =
          new StateMigration(terminal, migration, "local", local, wanted.type(), target)
              .run(Workspaces.current(terminal));
      diags.addAll(moved.diagnostics());
      if (moved.hasErrors()) {
        return diags;
      }
      retire(local, moved.value().copied(), diags);
      select(moved.value().selectWorkspace());
    }
    if (selectWorkspace(target, diags).hasErrors()) {
      return diags;
    }
    BackendInit.write(terminal.workingDirectory(), record);
    configured(wanted.type());
    return diags;
  }

  /** A backend whose configuration changed: with -migrate-state, the states follow it. */
  private Diagnostics change(
      BackendInit.Saved saved,
      Backends.Selected wanted,
      BackendInit.Saved record,
      StateMigration.Options migration,
      Diagnostics diags)
      throws IOException {
    if (!saved.type().equals(wanted.type())) {
      terminal
          .out()
          .println(
              reset()
                  + "Forma detected that the backend type changed from \""
                  + saved.type()
                  + "\" to \""
                  + wanted.type()
                  + "\".\n"
                  + reset());
    } else {
      terminal
          .out()
          .println(
              reset()
                  + bold("Backend configuration changed!")
                  + "\n\n"
                  + "Forma has detected that the configuration specified for the backend\n"
                  + "has changed. Forma will now check for existing state in the backends.\n"
                  + reset());
    }
    StateBackend target = open(wanted, diags);
    if (target == null || !reachable(target, diags)) {
      return diags;
    }
    StateBackend previous = open(saved.selected(), diags);
    if (previous == null) {
      return diags;
    }
    Result<StateMigration.Outcome> moved =
        new StateMigration(terminal, migration, saved.type(), previous, wanted.type(), target)
            .run(Workspaces.current(terminal));
    diags.addAll(moved.diagnostics());
    if (moved.hasErrors()) {
      return diags;
    }
    select(moved.value().selectWorkspace());
    if (selectWorkspace(target, diags).hasErrors()) {
      return diags;
    }
    BackendInit.write(terminal.workingDirectory(), record);
    configured(wanted.type());
    return diags;
  }

  /** The backend block was removed: with -migrate-state, the states come back to local files. */
  private Diagnostics unset(
      BackendInit.Saved saved, StateMigration.Options migration, Diagnostics diags)
      throws IOException {
    if (!migrateState) {
      return diags.add(
          Diagnostic.error(
              "Backend configuration changed",
              "A change in the backend configuration has been detected, which may require"
                  + " migrating existing state.\n\n"
                  + "If you wish to attempt automatic migration of the state, use \"forma init"
                  + " -migrate-state\".\n"
                  + "If you wish to store the current configuration with no changes to the"
                  + " state, use \"forma init -reconfigure\"."));
    }
    terminal
        .out()
        .println(
            reset()
                + "Forma has detected you're unconfiguring your previously set \""
                + saved.type()
                + "\" backend.");
    StateBackend previous = open(saved.selected(), diags);
    if (previous == null) {
      return diags;
    }
    Result<StateMigration.Outcome> moved =
        new StateMigration(terminal, migration, saved.type(), previous, "local", impliedLocal())
            .run(Workspaces.current(terminal));
    diags.addAll(moved.diagnostics());
    if (moved.hasErrors()) {
      return diags;
    }
    select(moved.value().selectWorkspace());
    BackendInit.delete(terminal.workingDirectory());
    terminal
        .out()
        .println(
            color("\u001b[0m\u001b[32m")
                + "\n\nSuccessfully unset the backend \""
                + saved.type()
                + "\". Forma will now operate locally."
                + reset());
    return diags;
  }

  /** Terraform's line once a backend is recorded. */
  private void configured(String type) {
    terminal
        .out()
        .println(
            color("\u001b[0m\u001b[32m")
                + "\nSuccessfully configured the backend \""
                + type
                + "\"! Forma will automatically\n"
                + "use this backend unless the backend configuration changes."
                + reset());
  }

  /**
   * The {@code -backend-config} values, in order (a later one wins): files of assignments, or
   * {@code KEY=VALUE}; Terraform's errors for a file that cannot be read and an argument the
   * backend does not take.
   */
  private Result<Map<String, String>> overrides(Backends.Kind kind, String type) {
    Diagnostics d = new Diagnostics();
    Map<String, String> out = new TreeMap<>();
    for (String item : backendConfig) {
      int eq = item.indexOf('=');
      if (eq >= 0) {
        String name = item.substring(0, eq);
        if (!kind.arguments().contains(name)) {
          d.add(
              Diagnostic.error(
                  "Invalid backend configuration argument",
                  "The backend configuration argument \""
                      + name
                      + "\" given on the command line is not expected for the selected backend"
                      + " type."));
          continue;
        }
        out.put(name, item.substring(eq + 1));
        continue;
      }
      String text;
      try {
        text = Files.readString(terminal.workingDirectory().resolve(item));
      } catch (IOException e) {
        d.add(
            Diagnostic.error(
                "Failed to read file", "The file \"" + item + "\" could not be read."));
        continue;
      }
      configFiles.put(item, text);
      Result<ConfigFile> parsed =
          item.endsWith(".json")
              ? JsonSyntax.parse(item, text, JsonSchema.ATTRIBUTES)
              : Parser.parseFile(item, text);
      d.addAll(parsed.diagnostics());
      if (parsed.value() == null || parsed.hasErrors()) {
        continue;
      }
      var body = parsed.value().body();
      Result<Map<String, String>> args =
          new TerraformSettings.Backend(type, body.range(), body, body.range())
              .stringArguments(kind.arguments());
      d.addAll(args.diagnostics());
      if (args.value() != null) {
        out.putAll(args.value());
      }
    }
    return new Result<>(out, d);
  }

  /** Opens {@code selected}; null after adding why it cannot be used to {@code diags}. */
  private StateBackend open(Backends.Selected selected, Diagnostics diags) {
    StateOptions options = new StateOptions();
    options.lock = lock;
    options.lockTimeout = lockTimeout;
    options.backend = selected;
    // states copied to the backend are encrypted as the configuration says (printed if it cannot)
    dev.forma.state.encryption.Encryption encryption = StateAccess.encryption(terminal, options);
    if (encryption == null) {
      return null;
    }
    Result<StateBackend> opened =
        Backends.open(
            selected,
            new Backends.Context(
                terminal.workingDirectory(), terminal.env(), options, encryption.state()));
    diags.addAll(opened.diagnostics());
    return opened.hasErrors() ? null : opened.value();
  }

  /** Whether the backend answers (it lists its workspaces); adds why not to {@code diags}. */
  private boolean reachable(StateBackend backend, Diagnostics diags) {
    try {
      if (backend.supportsWorkspaces()) {
        backend.workspaces();
      } else {
        backend.store(StateBackend.DEFAULT_WORKSPACE).exists();
      }
      return true;
    } catch (StateException e) {
      diags.addAll(StateAccess.diagnostics(e));
      return false;
    }
  }

  private LocalBackend impliedLocal() {
    return new LocalBackend(terminal.workingDirectory(), null, null, Main.VERSION);
  }

  /** Whether the implied local backend has a workspace with something in its state. */
  private boolean hasState(LocalBackend local, Diagnostics diags) {
    try {
      for (String name : local.workspaces()) {
        if (!StateMigration.isEmpty(local.store(name).read())) {
          return true;
        }
      }
      return false;
    } catch (StateException e) {
      diags.addAll(StateAccess.diagnostics(e));
      return false;
    }
  }

  /** Whether {@code target} is a local backend over the same files as {@code local}. */
  private static boolean sameFiles(LocalBackend local, StateBackend target) {
    if (!(target instanceof LocalBackend other)) {
      return false;
    }
    try {
      return other.workspaceDirectory().normalize().equals(local.workspaceDirectory().normalize())
          && statePath(other).equals(statePath(local));
    } catch (StateException e) {
      return false;
    }
  }

  private static Path statePath(LocalBackend backend) throws StateException {
    StateStore s = backend.store(StateBackend.DEFAULT_WORKSPACE);
    return s instanceof LocalStateStore l ? l.statePath().normalize() : null;
  }

  /**
   * As Terraform after moving the implied local backend's states to a configured backend: the local
   * states copied are set aside, so no later command mistakes them for current. Each state file
   * becomes its backup ({@code terraform.tfstate.backup}); its journal goes (its pending creates
   * are in the new backend now).
   */
  private void retire(LocalBackend local, List<String> copied, Diagnostics diags) {
    for (String name : copied) {
      try {
        if (local.store(name) instanceof LocalStateStore s && Files.exists(s.statePath())) {
          Files.move(s.statePath(), s.backupPath(), StandardCopyOption.REPLACE_EXISTING);
          Files.deleteIfExists(s.journalPath());
        }
      } catch (StateException | IOException e) {
        diags.add(
            Diagnostic.warning(
                "Failed to set the local state aside",
                "The state of workspace \""
                    + name
                    + "\" was copied to the new backend, but its local file could not be moved to"
                    + " its backup: "
                    + e.getMessage()
                    + ". Forma no longer reads it; delete it once you have checked the copy.",
                null));
      }
    }
  }

  /** Selects {@code workspace} when a migration says so (null: keep the selected one). */
  private void select(String workspace) throws IOException {
    if (workspace != null && Workspaces.fromEnvironment(terminal.env()) == null) {
      Workspaces.select(terminal.workingDirectory(), workspace);
    }
  }

  /**
   * As Terraform after initializing a backend with workspaces: when the selected workspace does not
   * exist there, the default one is selected if it is the only one, else the user picks one from
   * the list. (A workspace an environment variable selects is left to the command that uses it.)
   */
  private Diagnostics selectWorkspace(StateBackend backend, Diagnostics diags) throws IOException {
    if (backend == null
        || !backend.supportsWorkspaces()
        || Workspaces.fromEnvironment(terminal.env()) != null) {
      return diags;
    }
    List<String> names;
    try {
      names = backend.workspaces();
    } catch (StateException e) {
      return diags.addAll(StateAccess.diagnostics(e));
    }
    String current = Workspaces.current(terminal);
    if (names.contains(current)) {
      return diags;
    }
    if (names.equals(List.of(StateBackend.DEFAULT_WORKSPACE))) {
      Workspaces.select(terminal.workingDirectory(), StateBackend.DEFAULT_WORKSPACE);
      return diags;
    }
    if (!input) {
      return diags.add(
          Diagnostic.error(
              "Failed to select workspace: input is disabled",
              "The selected workspace \""
                  + current
                  + "\" does not exist in the backend. Select one of "
                  + String.join(", ", names)
                  + " with \"forma workspace select\", or run init without -input=false to"
                  + " choose one."));
    }
    StringBuilder b =
        new StringBuilder()
            .append(color("\u001b[0m\u001b[1m"))
            .append('\n')
            .append(color("\u001b[0m\u001b[1m\u001b[33m"))
            .append("The currently selected workspace (")
            .append(current)
            .append(") does not exist.")
            .append(color("\u001b[0m\u001b[0m"))
            .append("\n  This is expected behavior when the selected workspace did not have an\n")
            .append("  existing non-empty state. Please enter a number to select a workspace:\n")
            .append("  \n");
    for (int i = 0; i < names.size(); i++) {
      b.append("  ").append(i + 1).append(". ").append(names.get(i)).append('\n');
    }
    b.append("\n  ")
        .append(color("\u001b[1m"))
        .append("Enter a value:")
        .append(color("\u001b[0m"))
        .append(' ')
        .append(color("\u001b[0m"));
    terminal.out().print(b);
    terminal.out().flush();
    String answer = terminal.readLine();
    terminal.out().println();
    int chosen;
    try {
      chosen = answer == null ? -1 : Integer.parseInt(answer.trim());
    } catch (NumberFormatException e) {
      chosen = -1;
    }
    if (chosen < 1 || chosen > names.size()) {
      return diags.add(
          Diagnostic.error(
              "Failed to select workspace: input not a valid number",
              "Answer with the number of one of the workspaces listed."));
    }
    Workspaces.select(terminal.workingDirectory(), names.get(chosen - 1));
    return diags;
  }

  /** The configuration's sources, and the -backend-config files read. */
  private DiagnosticRenderer.Sources withConfigFiles(DiagnosticRenderer.Sources sources) {
    return new DiagnosticRenderer.Sources() {
      @Override
      public String text(String filename) {
        String text = configFiles.get(filename);
        return text != null || sources == null ? text : sources.text(filename);
      }

      @Override
      public String context(String filename, Pos pos) {
        return configFiles.containsKey(filename) || sources == null
            ? null
            : sources.context(filename, pos);
      }
    };
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
