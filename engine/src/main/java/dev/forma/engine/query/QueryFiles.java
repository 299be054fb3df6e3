package dev.forma.engine.query;

import dev.forma.engine.addrs.AddressParser;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.BlockContext;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the {@code *.tfquery.hcl} files of a directory (in name order): their {@code list} blocks,
 * and the sources for rendering diagnostics about them. Variables, locals and providers stay in the
 * {@code .tf} files, which the query evaluates its blocks with.
 */
public final class QueryFiles {
  /** The extension of query files, as Terraform 1.14 has it. */
  public static final String EXTENSION = ".tfquery.hcl";

  private final List<ListBlock> blocks;
  private final DiagnosticRenderer.SourceMap sources;

  private QueryFiles(List<ListBlock> blocks, DiagnosticRenderer.SourceMap sources) {
    this.blocks = List.copyOf(blocks);
    this.sources = sources;
  }

  /** The list blocks, in file and then declaration order. */
  public List<ListBlock> blocks() {
    return blocks;
  }

  /** The query files' texts, for diagnostics about them. */
  public DiagnosticRenderer.Sources sources() {
    return sources;
  }

  /** Loads the query files of {@code dir}; diagnostics name file, line and column. */
  public static Result<QueryFiles> load(Path dir) {
    Diagnostics diags = new Diagnostics();
    DiagnosticRenderer.SourceMap sources = new DiagnosticRenderer.SourceMap();
    List<ListBlock> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      return new Result<>(
          null,
          Diagnostics.of(
              Diagnostic.error(
                  "Failed to read directory",
                  "Could not list " + dir + ": " + e.getMessage() + ".")));
    }
    Map<String, ListBlock> seen = new HashMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        diags.add(
            Diagnostic.error(
                "Failed to read file", "Could not read " + name + ": " + e.getMessage() + "."));
        continue;
      }
      sources.put(name, text);
      Result<ConfigFile> parsed = Parser.parseFile(name, text);
      diags.addAll(parsed.diagnostics());
      if (parsed.value() == null) {
        continue;
      }
      ConfigFile file = parsed.value();
      sources.putContext(name, pos -> BlockContext.headerAt(file, pos));
      for (Attribute a : file.body().attributes()) {
        diags.add(
            Diagnostic.error(
                "Unsupported argument",
                "An argument named \"" + a.name() + "\" is not expected here.",
                a.nameRange()));
      }
      for (Block b : file.body().blocks()) {
        if (!b.type().equals("list")) {
          diags.add(
              Diagnostic.error(
                  "Unsupported block type",
                  "Blocks of type \""
                      + b.type()
                      + "\" are not expected in a query file: it holds list blocks. Declare"
                      + " variables, locals and providers in the .tf files, where the query"
                      + " reads them.",
                  b.typeRange()));
          continue;
        }
        ListBlock lb = listBlock(b, diags);
        if (lb == null) {
          continue;
        }
        ListBlock before = seen.putIfAbsent(lb.type() + "." + lb.name(), lb);
        if (before != null) {
          diags.add(
              Diagnostic.error(
                  "Duplicate list block",
                  "A list block named \""
                      + lb.name()
                      + "\" for "
                      + lb.type()
                      + " was already declared at "
                      + before.declRange().filename()
                      + ":"
                      + before.declRange().start().line()
                      + ". List block names must be unique per resource type.",
                  lb.declRange()));
          continue;
        }
        out.add(lb);
      }
    }
    return new Result<>(new QueryFiles(out, sources), diags);
  }

  private static ListBlock listBlock(Block b, Diagnostics diags) {
    if (b.labels().size() != 2) {
      diags.add(
          Diagnostic.error(
              "Invalid list block",
              "A list block has two labels: the resource type and a name, as in list"
                  + " \"alicloud_pai_workspace_connection\" \"all\" { ... }.",
              b.defRange()));
      return null;
    }
    ProviderConfigAddress provider = null;
    Expr limit = null;
    Expr count = null;
    Expr forEach = null;
    for (Attribute a : b.body().attributes()) {
      switch (a.name()) {
        case "provider" -> {
          if (a.expr() instanceof Expr.ScopeTraversal t) {
            Result<ProviderConfigAddress> p = AddressParser.providerConfig(t.traversal());
            diags.addAll(p.diagnostics());
            provider = p.value();
          } else {
            diags.add(
                Diagnostic.error(
                    "Invalid provider reference",
                    "The provider argument takes a provider configuration reference such as"
                        + " alicloud or alicloud.west.",
                    a.expr().range()));
          }
        }
        case "limit" -> limit = a.expr();
        case "include_resource" -> {
          // Terraform's switch for whole objects in the results: Forma's results always are.
        }
        case "count" -> count = a.expr();
        case "for_each" -> forEach = a.expr();
        default ->
            diags.add(
                Diagnostic.error(
                    "Unsupported argument",
                    "An argument named \""
                        + a.name()
                        + "\" is not expected here. A list block takes provider, count or"
                        + " for_each, limit, include_resource and a config block; the attributes"
                        + " to filter by go in the config block.",
                    a.nameRange()));
      }
    }
    if (count != null && forEach != null) {
      diags.add(
          Diagnostic.error(
              "Invalid combination of \"count\" and \"for_each\"",
              "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one"
                  + " should be used to be explicit about the number of list instances.",
              b.body().attribute("for_each").nameRange()));
      return null;
    }
    Map<String, Attribute> config = new LinkedHashMap<>();
    List<Block> configs = b.body().blocks("config");
    for (Block nested : b.body().blocks()) {
      if (!nested.type().equals("config")) {
        diags.add(
            Diagnostic.error(
                "Unsupported block type",
                "Blocks of type \""
                    + nested.type()
                    + "\" are not expected here. A list block takes one config block.",
                nested.typeRange()));
      }
    }
    if (configs.size() > 1) {
      diags.add(
          Diagnostic.error(
              "Duplicate config block",
              "A list block takes at most one config block.",
              configs.get(1).typeRange()));
    }
    if (!configs.isEmpty()) {
      Block c = configs.get(0);
      for (Attribute a : c.body().attributes()) {
        config.put(a.name(), a);
      }
      for (Block nested : c.body().blocks()) {
        diags.add(
            Diagnostic.error(
                "Unsupported block type",
                "A list block's config filters by top-level attributes; blocks of type \""
                    + nested.type()
                    + "\" are not expected here.",
                nested.typeRange()));
      }
    }
    return new ListBlock(
        b.labels().get(0), b.labels().get(1), provider, count, forEach, limit, config, b.range());
  }
}
