package dev.forma.engine.config;

import dev.forma.engine.addrs.ModulePath;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Pos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration as a tree of modules: the root module, and for each {@code module} block the
 * child module it loads, recursively. {@code path} names this module in the tree ({@link
 * ModulePath#ROOT} for the root), {@code call} is the block that loads it (null for the root),
 * {@code children} are by call name, in declaration order. A call whose module could not be loaded
 * has no child (the loader reported why).
 */
public record ConfigTree(
    ModulePath path, Module module, ModuleCall call, Map<String, ConfigTree> children) {
  public ConfigTree {
    children = Collections.unmodifiableMap(new LinkedHashMap<>(children));
  }

  /** A tree of the root module alone (a configuration without {@code module} blocks). */
  public static ConfigTree root(Module module) {
    return new ConfigTree(ModulePath.ROOT, module, null, Map.of());
  }

  /** The module at {@code p} below this one; null when there is none. */
  public ConfigTree descendant(ModulePath p) {
    ConfigTree t = this;
    for (String name : p.names().subList(path.names().size(), p.names().size())) {
      t = t.children.get(name);
      if (t == null) {
        return null;
      }
    }
    return t;
  }

  /** This module and every module below it, parents before children, calls in order. */
  public List<ConfigTree> all() {
    List<ConfigTree> out = new ArrayList<>();
    collect(this, out);
    return out;
  }

  private static void collect(ConfigTree t, List<ConfigTree> out) {
    out.add(t);
    t.children.values().forEach(c -> collect(c, out));
  }

  /**
   * The module's directory relative to the root module's, as {@code path.module} gives it ({@code
   * "."} for the root, {@code "modules/app"} for a child loaded from there).
   */
  public String relativeDirectory(ConfigTree root) {
    Path from = root.module.directory().toAbsolutePath().normalize();
    Path to = module.directory().toAbsolutePath().normalize();
    String rel = from.relativize(to).toString().replace('\\', '/');
    return rel.isEmpty() ? "." : rel;
  }

  /**
   * Where diagnostics about any module of the tree find their source lines (files of child modules
   * are named relative to the working directory, so names do not collide).
   */
  public DiagnosticRenderer.Sources diagnosticSources() {
    List<DiagnosticRenderer.Sources> all =
        all().stream().map(t -> t.module.diagnosticSources()).toList();
    return new DiagnosticRenderer.Sources() {
      @Override
      public String text(String filename) {
        for (DiagnosticRenderer.Sources s : all) {
          String t = s.text(filename);
          if (t != null) {
            return t;
          }
        }
        return null;
      }

      @Override
      public String context(String filename, Pos pos) {
        for (DiagnosticRenderer.Sources s : all) {
          if (s.text(filename) != null) {
            return s.context(filename, pos);
          }
        }
        return null;
      }
    };
  }

  /** How diagnostics name this module: "the root module", or its path ({@code module.a}). */
  public String displayName() {
    return describe(path);
  }

  static String describe(ModulePath p) {
    return p.isRoot() ? "the root module" : p.toString();
  }
}
