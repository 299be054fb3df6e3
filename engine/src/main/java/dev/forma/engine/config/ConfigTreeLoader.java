package dev.forma.engine.config;

import dev.forma.engine.addrs.ModulePath;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Traversals;
import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.diag.Suggest;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration tree: the root module, then for each {@code module} block the module in
 * the directory {@link ModuleDirectories} gives for it, recursively. Reports, each at the call: a
 * module that is not installed, a directory that cannot be read, a module that calls itself
 * (directly or through its children: an error, never an endless descent), an argument that sets no
 * input variable of the child ("Did you mean"), and a required input variable left unset. A module
 * that fails to load is left out of the tree; the rest still load, so one run reports every
 * problem.
 */
public final class ConfigTreeLoader {
  private final Path cwd;
  private final ModuleDirectories directories;
  private final Diagnostics diags = new Diagnostics();

  private ConfigTreeLoader(Path cwd, ModuleDirectories directories) {
    this.cwd = cwd;
    this.directories = directories;
  }

  /**
   * Loads the tree whose root module is in {@code dir}, naming files relative to {@code cwd} (see
   * {@link ConfigLoader#load(Path, Path)}). The value is null only when the root module itself
   * cannot be read.
   */
  public static Result<ConfigTree> load(Path dir, Path cwd, ModuleDirectories directories) {
    ConfigTreeLoader l = new ConfigTreeLoader(cwd, directories);
    Result<Module> root = ConfigLoader.load(dir, cwd);
    l.diags.addAll(root.diagnostics());
    if (root.value() == null) {
      return new Result<>(null, l.diags);
    }
    List<Path> loading = new ArrayList<>();
    loading.add(real(dir));
    ConfigTree tree = l.tree(ModulePath.ROOT, root.value(), null, loading);
    return new Result<>(tree, l.diags);
  }

  /** A tree of modules already loaded: the root alone, its calls resolved through directories. */
  public static Result<ConfigTree> load(Module root, Path cwd, ModuleDirectories directories) {
    ConfigTreeLoader l = new ConfigTreeLoader(cwd, directories);
    List<Path> loading = new ArrayList<>();
    loading.add(real(root.directory()));
    ConfigTree tree = l.tree(ModulePath.ROOT, root, null, loading);
    return new Result<>(tree, l.diags);
  }

  private ConfigTree tree(ModulePath path, Module module, ModuleCall call, List<Path> loading) {
    Map<String, ConfigTree> children = new LinkedHashMap<>();
    for (ModuleCall c : module.calls().values()) {
      if (c.source() == null) {
        continue; // reported when the block was read
      }
      ModulePath childPath = path.child(c.name());
      Path dir =
          directories
              .directory(childPath.manifestKey(), c.source(), c.version(), module.directory())
              .orElse(null);
      if (dir == null) {
        diags.add(
            Diagnostic.error(
                "Module not installed",
                "This module is not yet installed. Run \"forma init\" to install all modules"
                    + " required by this configuration.",
                c.declRange()));
        continue;
      }
      if (!Files.isDirectory(dir)) {
        diags.add(
            Diagnostic.error(
                "Unreadable module directory",
                "The directory "
                    + display(dir)
                    + " could not be read for module \""
                    + c.name()
                    + "\" at "
                    + where(c.declRange())
                    + ": it does not exist or is not a directory. Check the module's source"
                    + " argument.",
                c.sourceRange()));
        continue;
      }
      Path real = real(dir);
      int seen = loading.indexOf(real);
      if (seen >= 0) {
        diags.add(
            Diagnostic.error(
                "Module calls itself",
                "Module \""
                    + c.name()
                    + "\" loads "
                    + display(dir)
                    + ", which is already being loaded as "
                    + ConfigTree.describe(modulePathAt(path, seen))
                    + ": a module cannot call itself, directly or through the modules it calls."
                    + " Point the source argument at another directory.",
                c.sourceRange()));
        continue;
      }
      Result<Module> child = ConfigLoader.load(dir, cwd);
      diags.addAll(child.diagnostics());
      if (child.value() == null) {
        continue;
      }
      checkInputs(c, child.value(), childPath, module.directory());
      loading.add(real);
      children.put(c.name(), tree(childPath, child.value(), c, loading));
      loading.removeLast();
    }
    Map<String, java.util.Set<String>> outputs = new LinkedHashMap<>();
    children.forEach((name, t) -> outputs.put(name, t.module().outputs().keySet()));
    ReferenceChecker.checkCallOutputs(module, outputs, diags);
    return new ConfigTree(path, module, call, children);
  }

  /** The module path at depth {@code depth} along {@code path} (0 is the root). */
  private static ModulePath modulePathAt(ModulePath path, int depth) {
    return new ModulePath(path.names().subList(0, depth));
  }

  /**
   * Each argument must set a declared input variable; each required variable must be set; an
   * argument whose value is a constant (no references) must suit the variable's type.
   */
  private void checkInputs(ModuleCall call, Module child, ModulePath childPath, Path parentDir) {
    for (Variable v : child.variables().values()) {
      if (v.required() && !call.inputs().containsKey(v.name())) {
        diags.add(
            Diagnostic.error(
                "Missing required argument",
                "The argument \"" + v.name() + "\" is required, but no definition was found.",
                call.openRange()));
      }
    }
    for (Attribute a : call.inputs().values()) {
      Variable v = child.variables().get(a.name());
      if (v != null) {
        checkConstant(a, v, childPath, parentDir);
      }
      if (v == null) {
        diags.add(
            Diagnostic.error(
                "Unsupported argument",
                "An argument named \""
                    + a.name()
                    + "\" is not expected here."
                    + Suggest.didYouMean(a.name(), child.variables().keySet()),
                a.nameRange()));
      }
    }
  }

  /** A constant argument converted to its variable's type, as Terraform checks it. */
  private void checkConstant(Attribute a, Variable v, ModulePath childPath, Path parentDir) {
    if (!Traversals.of(a.expr()).isEmpty()) {
      return; // known only when planned
    }
    EvalContext ctx =
        new EvalContext(
            Map.of(), StandardFunctions.INSTANCE, new ModuleCallContext(parentDir, Instant.now()));
    Result<Value> value = Evaluator.evaluate(a.expr(), ctx);
    if (value.hasErrors() || value.value() == null || !value.value().isWhollyKnown()) {
      return; // reported when the module is validated or planned
    }
    try {
      Value converted = TypeConstraints.convert(value.value(), v.constraint());
      checkRules(a, v, converted, parentDir);
    } catch (ConversionException e) {
      diags.add(
          Diagnostic.error(
              "Invalid value for input variable",
              "The given value is not suitable for "
                  + childPath
                  + ".var."
                  + v.name()
                  + " declared at "
                  + v.declRange()
                  + ": "
                  + e.describe()
                  + ".",
              a.expr().range()));
    }
  }

  /**
   * The validation rules of {@code v} against the constant value of argument {@code a}, as
   * Terraform checks them when it validates, before any plan: a rule that refers to anything but
   * the variable itself, or to a sensitive variable, is left to the plan.
   */
  private void checkRules(Attribute a, Variable v, Value value, Path parentDir) {
    if (v.sensitive() || !value.isWhollyKnown()) {
      return;
    }
    EvalContext ctx =
        new EvalContext(
            Map.of("var", Value.object(Map.of(v.name(), value))),
            StandardFunctions.INSTANCE,
            new ModuleCallContext(parentDir, Instant.now()));
    for (CheckRule rule : v.validations()) {
      Result<Value> cond =
          Evaluator.evaluate(
              rule.condition(), ctx, dev.forma.provider.api.value.Type.BOOL, "condition");
      if (cond.hasErrors()
          || cond.value() == null
          || !cond.value().isKnown()
          || !(cond.value().unmark() instanceof dev.forma.provider.api.value.BoolValue b)
          || b.value()) {
        continue;
      }
      Result<Value> msg =
          Evaluator.evaluate(
              rule.errorMessage(), ctx, dev.forma.provider.api.value.Type.STRING, "error message");
      if (msg.hasErrors()
          || !(msg.value().unmark() instanceof dev.forma.provider.api.value.StringValue text)) {
        continue;
      }
      diags.add(
          Diagnostic.error(
                  "Invalid value for variable",
                  text.value()
                      + "\n\nThis was checked by the validation rule at "
                      + rule.declRange()
                      + ".",
                  a.expr().range())
              .withValues(dev.forma.engine.eval.ExpressionValues.of(rule.condition(), ctx)));
    }
  }

  private String display(Path dir) {
    if (cwd == null) {
      return dir.toString();
    }
    String rel =
        cwd.toAbsolutePath().normalize().relativize(dir.toAbsolutePath().normalize()).toString();
    return rel.isEmpty() ? "." : rel;
  }

  private static String where(Range r) {
    return r == null ? "?" : r.filename() + ":" + r.start().line();
  }

  private static Path real(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }
}
