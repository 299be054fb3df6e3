package dev.forma.cli;

import dev.forma.engine.config.Module;
import dev.forma.engine.config.ProviderConfig;
import dev.forma.engine.config.Resource;
import dev.forma.engine.config.TerraformSettings;
import dev.forma.engine.modules.Version;
import dev.forma.engine.modules.VersionConstraints;
import dev.forma.engine.providers.LockFile;
import dev.forma.engine.providers.Plugin;
import dev.forma.engine.providers.PluginDirectories;
import dev.forma.engine.providers.Providers;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The providers a configuration requires, as {@code providers} and {@code init} list them: each
 * entry of {@code required_providers}, and each provider implied by a {@code provider} block or a
 * resource type, with its source address, version constraint and the built-in provider that serves
 * it (null when Forma has none).
 *
 * <p>Also where the CLI builds its {@link Providers}: those bundled with Forma and the plugins of
 * the plugin directories ({@link #load}), checked against the dependency lock file written by
 * {@code init} ({@link #verified}).
 */
final class ProviderRequirements {
  /** One required provider. */
  record Requirement(
      String localName,
      String source,
      String constraint,
      ProviderFactory factory,
      boolean sourceMatches,
      Range range) {
    /** The source as Terraform prints it in lists: {@code aliyun/alicloud}, a host kept. */
    String shortSource() {
      return strip(displaySource());
    }

    /** The source as Terraform prints it: {@code registry.terraform.io/aliyun/alicloud}. */
    String displaySource() {
      return source.chars().filter(c -> c == '/').count() == 1
          ? "registry.terraform.io/" + source
          : source;
    }

    boolean available() {
      return factory != null && sourceMatches;
    }
  }

  private ProviderRequirements() {}

  /** The plugin directories of a run in the terminal's working directory and environment. */
  static PluginDirectories directories(Terminal terminal) {
    return PluginDirectories.of(terminal.workingDirectory(), terminal.env());
  }

  /**
   * The providers of a run: bundled, builtin and plugins; with the errors about plugin jars that
   * cannot be used.
   */
  static Result<Providers> load(Terminal terminal) {
    return terminal.providers(() -> Providers.discover(directories(terminal)));
  }

  /**
   * The providers, for commands that only show things (plugins that cannot be used are left out
   * without a word; the commands that plan, apply or validate report them).
   */
  static Providers registry(Terminal terminal) {
    return load(terminal).value();
  }

  /**
   * The providers of a run that plans, applies or validates {@code module}: the errors about plugin
   * jars, and each provider a plugin serves checked against the dependency lock file as Terraform
   * checks its own (a provider missing from the file, a locked version the constraints no longer
   * allow, a plugin whose version or hash is not the one locked).
   */
  static Result<Providers> verified(Terminal terminal, Module module) {
    return verified(terminal, module, false);
  }

  /**
   * {@link #verified(Terminal, Module)}, for {@code validate} when {@code validating}: as
   * Terraform's validate, a provider missing from the lock file is "Missing required provider" and
   * constraints that no longer allow the locked version are not its business.
   */
  static Result<Providers> verified(Terminal terminal, Module module, boolean validating) {
    Result<Providers> loaded = load(terminal);
    Diagnostics diags = new Diagnostics().addAll(loaded.diagnostics());
    Providers providers = loaded.value();
    Path wd = terminal.workingDirectory();
    Result<LockFile> lock = LockFile.read(wd);
    diags.addAll(lock.diagnostics());
    if (diags.hasErrors()) {
      return new Result<>(providers, diags);
    }
    List<String> inconsistent = new ArrayList<>();
    boolean unselected = false;
    List<String> notInstalled = new ArrayList<>();
    for (Requirement r : of(module, providers)) {
      Plugin plugin = providers.plugin(r.localName());
      if (plugin == null || !r.available()) {
        continue;
      }
      LockFile.Entry locked = lock.value().entry(r.displaySource());
      String version = plugin.factory().version();
      if (locked == null && validating) {
        diags.add(
            Diagnostic.error(
                "Missing required provider",
                "This configuration requires provider "
                    + r.displaySource()
                    + ", but that provider isn't available. You may be able to install it"
                    + " automatically by running:\n  forma init"));
      } else if (locked == null) {
        unselected = true;
        inconsistent.add(
            "  - provider "
                + r.displaySource()
                + ": required by this configuration but no version is selected");
      } else if (!validating
          && r.constraint() != null
          && !allows(r.constraint(), locked.version())) {
        inconsistent.add(
            "  - provider "
                + r.displaySource()
                + ": locked version selection "
                + locked.version()
                + " doesn't match the updated version constraints \""
                + r.constraint()
                + "\"");
      } else if (!sameVersion(locked.version(), version)) {
        notInstalled.add(
            "  - "
                + r.displaySource()
                + ": the plugin "
                + plugin.jar()
                + " is version "
                + version
                + ", but the dependency lock file selected "
                + locked.version());
      } else if (!locked.hashes().contains(plugin.hash())) {
        notInstalled.add(
            "  - "
                + r.displaySource()
                + ": the plugin "
                + plugin.jar()
                + " does not match any of the checksums recorded in the dependency lock file");
      }
    }
    if (!inconsistent.isEmpty()) {
      diags.add(
          Diagnostic.error(
              "Inconsistent dependency lock file",
              "The following dependency selections recorded in the lock file are inconsistent"
                  + " with the current configuration:\n"
                  + String.join("\n", inconsistent)
                  + "\n\n"
                  + (unselected
                      ? "To make the initial dependency selections that will initialize the"
                          + " dependency lock file, run:\n  forma init"
                      : "To update the locked dependency selections to match a changed"
                          + " configuration, run:\n  forma init -upgrade")));
    }
    if (!notInstalled.isEmpty()) {
      diags.add(
          Diagnostic.error(
              "Required plugins are not installed",
              "The installed provider plugins are not consistent with the packages selected in"
                  + " the dependency lock file:\n"
                  + String.join("\n", notInstalled)
                  + "\n\n"
                  + "If you replaced the plugin on purpose, record it in the lock file with:\n"
                  + "  forma init -upgrade\n"
                  + "Otherwise put back the plugin jar the lock file records."));
    }
    return new Result<>(providers, diags);
  }

  /** Whether {@code a} and {@code b} are one version number (false when either is none). */
  static boolean sameVersion(String a, String b) {
    Version x = Version.parse(a);
    Version y = Version.parse(b);
    return x != null && y != null && x.compareTo(y) == 0;
  }

  /** Whether {@code constraint} (valid: checked by {@code init}) allows {@code version}. */
  static boolean allows(String constraint, String version) {
    Version v = Version.parse(version);
    return v != null && VersionConstraints.parse(constraint).map(c -> c.allows(v)).orElse(false);
  }

  /** Every provider the module requires, sorted by source address. */
  static List<Requirement> of(Module module, Providers providers) {
    Map<String, Requirement> byName = new LinkedHashMap<>();
    for (TerraformSettings t : module.terraform()) {
      for (TerraformSettings.RequiredProvider rp : t.requiredProviders()) {
        ProviderFactory f = providers.factory(rp.name());
        String source = rp.source() == null ? defaultSource(rp.name(), f) : rp.source();
        boolean matches = f != null && sameSource(source, f.source());
        byName.putIfAbsent(
            rp.name(),
            new Requirement(rp.name(), source, normalise(rp.version()), f, matches, rp.range()));
      }
    }
    for (ProviderConfig pc : module.providers()) {
      implied(byName, pc.name(), pc.declRange(), providers);
    }
    for (Resource r : module.resources().values()) {
      implied(byName, r.providerAddress().localName(), r.typeRange(), providers);
    }
    TreeMap<String, Requirement> sorted = new TreeMap<>();
    byName.values().forEach(r -> sorted.put(r.displaySource() + "\0" + r.localName(), r));
    return new ArrayList<>(sorted.values());
  }

  private static void implied(
      Map<String, Requirement> byName, String name, Range range, Providers providers) {
    if (byName.containsKey(name)) {
      return;
    }
    ProviderFactory f = providers.factory(name);
    byName.put(name, new Requirement(name, defaultSource(name, f), null, f, f != null, range));
  }

  private static String defaultSource(String name, ProviderFactory f) {
    return f != null ? f.source() : "hashicorp/" + name;
  }

  private static boolean sameSource(String a, String b) {
    return strip(a).equalsIgnoreCase(strip(b));
  }

  private static String strip(String s) {
    return s.startsWith("registry.terraform.io/")
        ? s.substring("registry.terraform.io/".length())
        : s;
  }

  /**
   * A version constraint as Terraform prints it: each version with three parts, but those of {@code
   * ~>} as written.
   */
  static String normalise(String constraint) {
    if (constraint == null || constraint.isBlank()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String c : constraint.split(",")) {
      String s = c.trim();
      int i = 0;
      while (i < s.length() && "<>=!~ ".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String op = s.substring(0, i).replace(" ", "");
      String v = s.substring(i).trim();
      String[] nums = v.split("\\.", -1);
      // ~> keeps the numbers written: they say which may grow ("~> 0.1" allows 0.2.0)
      if (!v.isEmpty() && nums.length < 3 && v.matches("[0-9.]+") && !op.equals("~>")) {
        StringBuilder b = new StringBuilder(v);
        for (int n = nums.length; n < 3; n++) {
          b.append(".0");
        }
        v = b.toString();
      }
      parts.add(op.isEmpty() ? v : op + " " + v);
    }
    return String.join(", ", parts);
  }

  /** The sources Forma has, for an error that names them. */
  static String available(Providers providers) {
    List<String> out = new ArrayList<>();
    for (String n : providers.names()) {
      String version = providers.factory(n).version();
      // the builtin provider's version is the word "builtin", not a number: no "v" before it
      out.add(
          providers.factory(n).source()
              + (Character.isDigit(version.isEmpty() ? ' ' : version.charAt(0)) ? " v" : " ")
              + version);
    }
    return String.join(", ", out);
  }
}
