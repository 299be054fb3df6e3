package dev.forma.engine.modules;

import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.BlockContext;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.ConstantFolding;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.json.JsonSchema;
import dev.forma.engine.hcl.json.JsonSyntax;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the {@code module} blocks of one module directory with the HCL parser alone (no
 * configuration loading): every {@code *.tf} and {@code *.tf.json} file in name order, override
 * files last (an override's {@code source} or {@code version} replaces the call's). As in
 * Terraform, {@code source} and {@code version} must be literal strings.
 */
public final class ModuleCalls {
  private static final JsonSchema JSON =
      new JsonSchema(
          Map.of("module", new JsonSchema.BlockSpec(1, JsonSchema.ATTRIBUTES)), Set.of());

  private ModuleCalls() {}

  /**
   * The calls in {@code dir}, sorted by name; file names in diagnostics are relative to {@code
   * cwd}, and every file read is added to {@code sources} for rendering them.
   */
  public static Result<List<ModuleCall>> read(
      Path dir, Path cwd, DiagnosticRenderer.SourceMap sources) {
    Diagnostics diags = new Diagnostics();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> isConfigFile(p.getFileName().toString()))
              .sorted(
                  Comparator.comparing((Path p) -> isOverride(p.getFileName().toString()))
                      .thenComparing(p -> p.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      diags.add(
          Diagnostic.error(
              "Failed to read module directory",
              "Module directory " + display(dir, cwd) + " does not exist or cannot be read."));
      return new Result<>(List.of(), diags);
    }
    Map<String, ModuleCall> calls = new LinkedHashMap<>();
    for (Path f : files) {
      String name = display(f, cwd);
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        diags.add(
            Diagnostic.error(
                "Failed to read file", "The file \"" + name + "\" could not be read."));
        continue;
      }
      sources.put(name, text);
      Result<ConfigFile> parsed =
          name.endsWith(".json")
              ? JsonSyntax.parse(name, text, JSON)
              : Parser.parseFile(name, text);
      diags.addAll(parsed.diagnostics());
      if (parsed.value() == null) {
        continue;
      }
      ConfigFile file = parsed.value();
      sources.putContext(name, pos -> BlockContext.headerAt(file, pos));
      boolean override = isOverride(f.getFileName().toString());
      for (Block b : parsed.value().body().blocks("module")) {
        call(b, override, calls, diags);
      }
    }
    List<ModuleCall> sorted = new ArrayList<>(calls.values());
    sorted.sort(Comparator.comparing(ModuleCall::name));
    return new Result<>(sorted, diags);
  }

  private static void call(
      Block b, boolean override, Map<String, ModuleCall> calls, Diagnostics diags) {
    if (b.labels().size() != 1) {
      return; // the parser has reported it
    }
    String name = b.labels().getFirst();
    ModuleCall earlier = calls.get(name);
    Attribute source = b.body().attribute("source");
    Attribute version = b.body().attribute("version");
    if (override) {
      if (earlier == null) {
        diags.add(
            Diagnostic.error(
                "Missing module call to override",
                "There is no module call named \""
                    + name
                    + "\". An override file can only override a module call that was already"
                    + " defined in a primary configuration file.",
                b.defRange()));
        return;
      }
      String s = source == null ? earlier.source() : literal(source, diags);
      String v = version == null ? earlier.version() : literal(version, diags);
      calls.put(
          name,
          new ModuleCall(
              name,
              s,
              v,
              earlier.declRange(),
              source == null ? earlier.sourceRange() : source.expr().range(),
              version == null ? earlier.versionRange() : version.expr().range()));
      return;
    }
    if (earlier != null) {
      diags.add(
          Diagnostic.error(
              "Duplicate module call",
              "A module call named \""
                  + name
                  + "\" was already defined at "
                  + earlier.declRange()
                  + ". Module calls must have unique names within a module.",
              b.defRange()));
      return;
    }
    if (source == null) {
      diags.add(
          Diagnostic.error(
              "Missing required argument",
              "The argument \"source\" is required, but no definition was found.",
              b.openBraceRange()));
      return;
    }
    String s = literal(source, diags);
    String v = version == null ? null : literal(version, diags);
    if (s == null || (version != null && v == null)) {
      return;
    }
    calls.put(
        name,
        new ModuleCall(
            name,
            s,
            v,
            b.defRange(),
            source.expr().range(),
            version == null ? null : version.expr().range()));
  }

  /** The literal string an argument holds, or null after reporting why it is not one. */
  private static String literal(Attribute a, Diagnostics diags) {
    Expr e = a.expr();
    if (!ConstantFolding.refersToNothing(e, diags)) {
      return null;
    }
    Value v = ConstantFolding.fold(e);
    if (v == null) {
      diags.add(
          Diagnostic.error(
              "Invalid value for \"" + a.name() + "\"",
              "The \""
                  + a.name()
                  + "\" argument of a module call must be a literal string: Terraform reads it"
                  + " before anything can be evaluated.",
              e.range()));
      return null;
    }
    if (!(v.unmark() instanceof StringValue sv)) {
      diags.add(
          Diagnostic.error(
              "Incorrect attribute value type",
              "Inappropriate value for attribute \"" + a.name() + "\": string required.",
              e.range()));
      return null;
    }
    return sv.value();
  }

  static String display(Path p, Path cwd) {
    Path a = p.toAbsolutePath().normalize();
    Path c = cwd.toAbsolutePath().normalize();
    return c.relativize(a).toString().replace('\\', '/');
  }

  static boolean isConfigFile(String name) {
    if (name.startsWith(".") || name.startsWith("#") || name.endsWith("~")) {
      return false;
    }
    return name.endsWith(".tf") || name.endsWith(".tf.json");
  }

  static boolean isOverride(String name) {
    String base =
        name.endsWith(".tf.json")
            ? name.substring(0, name.length() - 8)
            : name.substring(0, name.length() - 3);
    return base.equals("override") || base.endsWith("_override");
  }

  /** Where the range starts, as {@code file:line}. */
  static String at(Range r) {
    return r.filename() + ":" + r.start().line();
  }
}
