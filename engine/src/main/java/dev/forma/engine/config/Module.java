package dev.forma.engine.config;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.hcl.BlockContext;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Pos;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded module (the root module, or a child a {@code module} block calls): every top-level
 * element of its files, in declaration order. {@code calls} are its {@code module} blocks by name.
 * Maps are keyed by name (resources by address) and keep the first declaration when a name is
 * declared twice (the duplicate is reported). {@code sources} maps each file's display name to its
 * text, for rendering diagnostics with source snippets, and {@code files} the parsed files.
 */
public record Module(
    Path directory,
    Map<String, Variable> variables,
    Map<String, Local> locals,
    Map<String, Output> outputs,
    List<ProviderConfig> providers,
    Map<ResourceAddress, Resource> resources,
    List<Import> imports,
    List<Moved> moved,
    List<Removed> removed,
    List<TerraformSettings> terraform,
    List<Check> checks,
    Map<String, ModuleCall> calls,
    Map<String, String> sources,
    Map<String, ConfigFile> files) {
  public Module {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    locals = Collections.unmodifiableMap(new LinkedHashMap<>(locals));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    providers = List.copyOf(providers);
    resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    imports = List.copyOf(imports);
    moved = List.copyOf(moved);
    removed = List.copyOf(removed);
    terraform = List.copyOf(terraform);
    checks = List.copyOf(checks);
    calls = Collections.unmodifiableMap(new LinkedHashMap<>(calls));
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /**
   * Where diagnostics about this module find their source lines and the block each lies in ({@code
   * in resource "a" "b"}).
   */
  public DiagnosticRenderer.Sources diagnosticSources() {
    return new DiagnosticRenderer.Sources() {
      @Override
      public String text(String filename) {
        return sources.get(filename);
      }

      @Override
      public String context(String filename, Pos pos) {
        return BlockContext.headerAt(files.get(filename), pos);
      }
    };
  }

  /** The managed resources ({@code resource} blocks), in declaration order. */
  public List<Resource> managedResources() {
    return resources.values().stream()
        .filter(r -> r.address().mode() == ResourceMode.MANAGED)
        .toList();
  }

  /** The data resources ({@code data} blocks), in declaration order. */
  public List<Resource> dataResources() {
    return resources.values().stream()
        .filter(r -> r.address().mode() == ResourceMode.DATA)
        .toList();
  }
}
