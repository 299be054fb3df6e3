package dev.forma.engine.config;

import dev.forma.engine.addrs.AddressParser;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.Reference;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.BodyItem;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.Traverser;
import dev.forma.engine.hcl.json.EmbeddedExpressions;
import dev.forma.engine.hcl.json.JsonSyntax;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.TypeConstraint;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads a root module: every {@code *.tf} and {@code *.tf.json} file of one directory (not its
 * subdirectories), in name order, override files ({@code override.tf}, {@code *_override.tf} and
 * their JSON forms) last, merged into the elements they override. Reports Terraform's diagnostics
 * for the block structure, names, duplicates and meta-arguments; returns the module built from
 * whatever was valid.
 */
public final class ConfigLoader {
  private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_-]*");

  /** Variable names with a meaning of their own inside {@code module} blocks. */
  static final Set<String> RESERVED_VARIABLE_NAMES =
      Set.of(
          "count",
          "depends_on",
          "for_each",
          "lifecycle",
          "providers",
          "source",
          "version",
          "locals");

  private final Diagnostics diags = new Diagnostics();
  private final Map<String, Variable> variables = new LinkedHashMap<>();
  private final Map<String, Local> locals = new LinkedHashMap<>();
  private final Map<String, Output> outputs = new LinkedHashMap<>();
  private final List<ProviderConfig> providers = new ArrayList<>();
  private final Map<ResourceAddress, Resource> resources = new LinkedHashMap<>();
  private final List<Import> imports = new ArrayList<>();
  private final List<Moved> moved = new ArrayList<>();
  private final List<Removed> removed = new ArrayList<>();
  private final List<TerraformSettings> terraform = new ArrayList<>();
  private final List<Check> checks = new ArrayList<>();
  private final Map<String, ModuleCall> calls = new LinkedHashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, ConfigFile> files = new LinkedHashMap<>();
  private boolean override;

  private ConfigLoader() {}

  /**
   * Loads the module in {@code dir}. Files are named in ranges as {@code dir} joined with the file
   * name ({@code main.tf} for {@code .}, {@code sub/main.tf} for {@code sub}).
   */
  public static Result<Module> load(Path dir) {
    return load(dir, null);
  }

  /**
   * Loads the module in {@code dir}, naming files relative to {@code cwd} as Terraform shows them
   * ({@code main.tf} when {@code dir} is the working directory). A null {@code cwd} names them as
   * {@code dir} joined with the file name.
   */
  public static Result<Module> load(Path dir, Path cwd) {
    ConfigLoader l = new ConfigLoader();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> isConfigFile(p.getFileName().toString()))
              .sorted()
              .toList();
    } catch (IOException e) {
      l.diags.add(
          Diagnostic.error(
              "Failed to read module directory",
              "Module directory " + dir + " does not exist or cannot be read."));
      return new Result<>(null, l.diags);
    }
    Map<String, String> primary = new LinkedHashMap<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      String display =
          cwd == null
              ? displayName(dir, name)
              : cwd.toAbsolutePath()
                  .normalize()
                  .relativize(f.toAbsolutePath().normalize())
                  .toString();
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        l.diags.add(
            Diagnostic.error(
                "Failed to read file", "The file \"" + display + "\" could not be read."));
        continue;
      }
      (isOverride(name) ? overrides : primary).put(display, text);
    }
    return l.loadSources(dir, primary, overrides);
  }

  /**
   * Loads a module from file texts already read, keyed by display name (in load order); for callers
   * that hold the files in memory.
   */
  public static Result<Module> loadSources(Path dir, Map<String, String> files) {
    Map<String, String> primary = new LinkedHashMap<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    files.forEach(
        (name, text) ->
            (isOverride(Path.of(name).getFileName().toString()) ? overrides : primary)
                .put(name, text));
    return new ConfigLoader().loadSources(dir, primary, overrides);
  }

  private Result<Module> loadSources(
      Path dir, Map<String, String> primary, Map<String, String> overrides) {
    primary.forEach(this::loadFile);
    override = true;
    overrides.forEach(this::loadFile);
    Module m =
        new Module(
            dir, variables, locals, outputs, providers, resources, imports, moved, removed,
            terraform, checks, calls, sources, files);
    return new Result<>(m, sorted(diags, new ArrayList<>(sources.keySet())));
  }

  /**
   * The diagnostics in source order (file load order, then position), as Terraform lists them;
   * diagnostics without a place come first.
   */
  static Diagnostics sorted(Diagnostics in, List<String> files) {
    List<Diagnostic> list = new ArrayList<>(in.asList());
    list.sort(
        java.util.Comparator.comparingInt(
                (Diagnostic d) -> d.subject() == null ? -1 : files.indexOf(d.subject().filename()))
            .thenComparingInt(d -> d.subject() == null ? 0 : d.subject().start().byteOffset()));
    return new Diagnostics().addAll(list);
  }

  static String displayName(Path dir, String file) {
    return dir.resolve(file).normalize().toString();
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

  private void loadFile(String display, String text) {
    sources.put(display, text);
    fileBackend = null;
    Result<ConfigFile> parsed =
        display.endsWith(".json")
            ? JsonSyntax.parse(display, text, Schemas.ROOT.json())
            : Parser.parseFile(display, text);
    diags.addAll(parsed.diagnostics());
    if (parsed.value() == null) {
      return;
    }
    files.put(display, parsed.value());
    Body body = parsed.value().body();
    Range eof = body.endRange() != null ? body.endRange() : body.range();
    BlockSchema.Content root = Schemas.ROOT.decode(body, eof, false, diags);
    for (Block b : root.blocks()) {
      switch (b.type()) {
        case "terraform" -> terraformBlock(b);
        case "provider" -> provider(b);
        case "variable" -> variable(b);
        case "locals" -> localsBlock(b);
        case "output" -> output(b);
        case "resource" -> resource(b, ResourceMode.MANAGED);
        case "data" -> resource(b, ResourceMode.DATA);
        case "moved" -> {
          if (override) {
            diags.add(
                Diagnostic.error(
                    "Cannot override 'moved' blocks",
                    "Records of moved objects can appear only in normal files, not in override"
                        + " files.",
                    defRange(b)));
          } else {
            movedBlock(b);
          }
        }
        case "import" -> {
          if (override) {
            diags.add(
                Diagnostic.error(
                    "Cannot override 'import' blocks",
                    "Import blocks can appear only in normal files, not in override files.",
                    defRange(b)));
          } else {
            importBlock(b);
          }
        }
        case "removed" -> {
          if (!override) {
            removedBlock(b); // Terraform ignores removed blocks in override files
          }
        }
        case "check" -> {
          if (override) {
            diags.add(
                Diagnostic.error(
                    "Can't override check blocks",
                    "Override files cannot override check blocks.",
                    defRange(b)));
          } else {
            check(b);
          }
        }
        case "module" -> moduleCall(b);
        case "ephemeral" ->
            diags.add(
                Diagnostic.error(
                    "Ephemeral resources are not supported",
                    "Forma does not support ephemeral resources yet.",
                    defRange(b)));
        default -> throw new IllegalStateException("schema names block " + b.type());
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Where a diagnostic about a whole block points: its type and labels, or in JSON (where those are
   * property names spread over several objects) the opening brace of its body, as Terraform does.
   */
  static Range defRange(Block b) {
    return JsonSyntax.isJson(b.typeRange()) ? b.openBraceRange() : b.defRange();
  }

  private boolean validName(String name, Range range, String what) {
    if (NAME.matcher(name).matches()) {
      return true;
    }
    diags.add(
        Diagnostic.error(
            "Invalid " + what,
            "A name must start with a letter or underscore and may contain only letters, digits,"
                + " underscores, and dashes.",
            range));
    return false;
  }

  private List<CheckRule> rules(List<Block> blocks) {
    List<CheckRule> out = new ArrayList<>();
    for (Block b : blocks) {
      if (override) {
        diags.add(cantOverride(b));
        continue;
      }
      BlockSchema.Content c = Schemas.CHECK_RULE.decode(b.body(), b.openBraceRange(), false, diags);
      Attribute condition = c.get("condition");
      if (condition != null && dev.forma.engine.hcl.Traversals.of(condition.expr()).isEmpty()) {
        // as Terraform: a condition that refers to nothing would always give the same result
        diags.add(
            Diagnostic.error(
                "Invalid " + b.type() + " expression",
                "The condition expression must refer to at least one object from elsewhere in the"
                    + " configuration, or else its result would not be checking anything.",
                condition.expr().range()));
        continue;
      }
      if (c.get("condition") != null && c.get("error_message") != null) {
        out.add(
            new CheckRule(c.get("condition").expr(), c.get("error_message").expr(), b.typeRange()));
      }
    }
    return out;
  }

  /** Terraform's error for a condition or validation block in an override file. */
  private static Diagnostic cantOverride(Block b) {
    return Diagnostic.error(
        "Can't override " + b.type() + " blocks",
        "Override files cannot override \"" + b.type() + "\" blocks.",
        b.typeRange());
  }

  /** Terraform's error for an override of something no primary file declares. */
  private void missingBase(String summary, String detail, Range subject) {
    diags.add(Diagnostic.error(summary, detail, subject));
  }

  /**
   * The static references of a list argument ({@code depends_on}, {@code replace_triggered_by},
   * {@code ignore_changes}); quoted references are read with Terraform's deprecation warning.
   */
  private List<Expr.ScopeTraversal> referenceList(Attribute a) {
    List<Expr.ScopeTraversal> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    if (!(unwrap(a.expr()) instanceof Expr.TupleCons t)) {
      diags.add(
          Diagnostic.error(
              "Invalid expression", "A static list expression is required.", a.expr().range()));
      return out;
    }
    for (Expr e : t.elements()) {
      Expr.ScopeTraversal s = reference(e, true);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static Expr unwrap(Expr e) {
    return e instanceof Expr.Parens p ? unwrap(p.inner()) : e;
  }

  /** A single static reference, or null (after reporting) when {@code e} is not one. */
  private Expr.ScopeTraversal reference(Expr e, boolean warnQuoted) {
    e = unwrap(e);
    if (e instanceof Expr.ScopeTraversal s) {
      return s;
    }
    String quoted = literalString(e);
    if (quoted != null) {
      Range r = e.range();
      Pos contentStart =
          JsonSyntax.isJson(r) || e instanceof Expr.Template
              ? new Pos(r.start().line(), r.start().column() + 1, r.start().byteOffset() + 1)
              : r.start();
      Result<Expr> parsed = EmbeddedExpressions.expression(r.filename(), quoted, contentStart);
      if (!parsed.hasErrors() && parsed.value() instanceof Expr.ScopeTraversal s) {
        if (warnQuoted && !JsonSyntax.isJson(r)) {
          diags.add(
              Diagnostic.warning(
                  "Quoted references are deprecated",
                  "In this context, references are expected literally rather than in quotes."
                      + " Terraform 0.11 and earlier required quotes, but quoted references are"
                      + " now deprecated and will be removed in a future version of Terraform."
                      + " Remove the quotes surrounding this reference to silence this warning.",
                  r));
        }
        return s;
      }
    }
    diags.add(
        Diagnostic.error(
            "Invalid expression",
            "A single static variable reference is required: only attribute access and indexing"
                + " with constant keys. No calculations, function calls, template expressions,"
                + " etc are allowed here.",
            e.range()));
    return null;
  }

  /**
   * The address in a {@code moved}, {@code removed} or {@code import} block: a static reference; a
   * quoted string only in JSON, where every expression is one (Terraform refuses quotes there).
   */
  private Expr.ScopeTraversal address(Expr e) {
    if (!JsonSyntax.isJson(e.range()) && literalString(unwrap(e)) != null) {
      diags.add(
          Diagnostic.error(
              "Invalid expression",
              "A single static variable reference is required: only attribute access and indexing"
                  + " with constant keys. No calculations, function calls, template expressions,"
                  + " etc are allowed here.",
              e.range()));
      return null;
    }
    return reference(e, false);
  }

  private static String literalString(Expr e) {
    if (e instanceof Expr.Template t
        && t.parts().size() == 1
        && t.parts().getFirst() instanceof Expr.Literal l
        && l.value() instanceof StringValue s) {
      return s.value();
    }
    return null;
  }

  private ProviderConfigAddress providerRef(Attribute a) {
    if (a == null) {
      return null;
    }
    Expr.ScopeTraversal s = reference(a.expr(), true);
    if (s == null) {
      return null;
    }
    Result<ProviderConfigAddress> r = AddressParser.providerConfig(s.traversal());
    diags.addAll(r.diagnostics());
    return r.value();
  }

  // ---------------------------------------------------------------- blocks

  private void moduleCall(Block b) {
    String name = b.labels().getFirst();
    if (!validName(name, b.labelRanges().getFirst(), "module instance name")) {
      return;
    }
    if (override) {
      diags.add(
          Diagnostic.error(
              "Module calls cannot be overridden",
              "Forma does not merge module blocks from override files: change the module block in"
                  + " its primary file.",
              defRange(b)));
      return;
    }
    BlockSchema.Content c = Schemas.MODULE.decode(b.body(), b.openBraceRange(), true, diags);
    Attribute source = c.get("source");
    String src = source == null ? null : Constants.string(source, diags);
    Attribute version = c.get("version");
    Attribute count = c.get("count");
    Attribute forEach = c.get("for_each");
    if (count != null && forEach != null) {
      diags.add(
          Diagnostic.error(
              "Invalid combination of \"count\" and \"for_each\"",
              "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one"
                  + " should be used to be explicit about the number of resources to be created.",
              forEach.nameRange()));
    }
    for (Block nested : c.blocks()) {
      diags.add(
          Diagnostic.error(
              "Reserved block type name in module block",
              "The block type name \""
                  + nested.type()
                  + "\" is reserved for use by Terraform in a future version.",
              nested.typeRange()));
    }
    Map<String, Attribute> inputs = new LinkedHashMap<>();
    for (BodyItem item : c.remain()) {
      switch (item) {
        case Attribute a -> inputs.put(a.name(), a);
        case Block nested ->
            diags.add(
                Diagnostic.error(
                    "Unsupported block type",
                    "Blocks of type \"" + nested.type() + "\" are not expected here.",
                    nested.typeRange()));
      }
    }
    ModuleCall call =
        new ModuleCall(
            name,
            src,
            source == null ? defRange(b) : source.expr().range(),
            version == null ? null : Constants.string(version, diags),
            inputs,
            count == null ? null : count.expr(),
            forEach == null ? null : forEach.expr(),
            referenceList(c.get("depends_on")),
            passedProviders(c.get("providers")),
            defRange(b),
            b.openBraceRange());
    ModuleCall prev = calls.get(name);
    if (prev != null) {
      diags.add(
          Diagnostic.error(
              "Duplicate module call",
              "A module call named \""
                  + name
                  + "\" was already defined at "
                  + prev.declRange()
                  + ". Module calls must have unique names within a module.",
              defRange(b)));
      return;
    }
    calls.put(name, call);
  }

  /** The entries of a module call's {@code providers = { child = parent.alias }} argument. */
  private List<ModuleCall.PassedProvider> passedProviders(Attribute a) {
    List<ModuleCall.PassedProvider> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    if (!(unwrap(a.expr()) instanceof Expr.ObjectCons o)) {
      diags.add(
          Diagnostic.error(
              "Invalid providers argument",
              "The providers argument must be an object mapping the child module's provider"
                  + " names to provider configurations of this module, such as"
                  + " { alicloud = alicloud.west }.",
              a.expr().range()));
      return out;
    }
    for (Expr.ObjectItem item : o.items()) {
      // a bare key (alicloud) is read as a name; alicloud.west as a reference
      Result<ProviderConfigAddress> child;
      if (item.bareKey()
          && item.key() instanceof Expr.Literal l
          && l.value() instanceof StringValue s) {
        child = new Result<>(ProviderConfigAddress.of(s.value()), new Diagnostics());
      } else {
        Expr.ScopeTraversal k = reference(item.key(), true);
        if (k == null) {
          continue; // reported by reference()
        }
        child = AddressParser.providerConfig(k.traversal());
      }
      Expr.ScopeTraversal v = reference(item.value(), true);
      if (v == null) {
        continue;
      }
      Result<ProviderConfigAddress> parent = AddressParser.providerConfig(v.traversal());
      diags.addAll(child.diagnostics()).addAll(parent.diagnostics());
      if (child.value() != null && parent.value() != null) {
        out.add(
            new ModuleCall.PassedProvider(
                child.value(), parent.value(), item.key().range().to(item.value().range())));
      }
    }
    return out;
  }

  private void variable(Block b) {
    String name = b.labels().getFirst();
    Range nameRange = b.labelRanges().getFirst();
    BlockSchema.Content c = Schemas.VARIABLE.decode(b.body(), b.openBraceRange(), false, diags);
    if (validName(name, nameRange, "variable name") && RESERVED_VARIABLE_NAMES.contains(name)) {
      diags.add(
          Diagnostic.error(
              "Invalid variable name",
              "The variable name \""
                  + name
                  + "\" is reserved due to its special meaning inside module blocks.",
              nameRange));
    }
    Attribute type = c.get("type");
    Attribute def = c.get("default");
    if (!override) {
      for (Block vb : c.blocks("validation")) {
        Attribute cond = vb.body().attribute("condition");
        if (cond != null && !refersToVariable(cond.expr(), name)) {
          diags.add(
              Diagnostic.error(
                  "Invalid variable validation condition",
                  "The condition for variable \""
                      + name
                      + "\" must refer to var."
                      + name
                      + " in order to test incoming values.",
                  cond.expr().range()));
        }
      }
    }
    Variable v =
        new Variable(
            name,
            type == null ? null : type.expr(),
            TypeConstraint.of(Type.DYNAMIC),
            def == null ? null : def.expr(),
            Constants.string(c.get("description"), diags),
            Constants.bool(c.get("sensitive"), false, diags),
            Constants.bool(c.get("nullable"), true, diags),
            Constants.bool(c.get("ephemeral"), false, diags),
            rules(c.blocks("validation")),
            defRange(b));
    v = VariableTypes.resolve(v, diags);
    Variable prev = variables.get(name);
    if (override) {
      if (prev == null) {
        missingBase(
            "Missing base variable declaration to override",
            "There is no variable named \""
                + name
                + "\". An override file can only override a variable that was already declared in"
                + " a primary configuration file.",
            defRange(b));
      } else {
        variables.put(name, VariableTypes.overrideWith(prev, v, c, diags));
      }
      return;
    }
    if (prev != null) {
      diags.add(
          Diagnostic.error(
              "Duplicate variable declaration",
              "A variable named \""
                  + name
                  + "\" was already declared at "
                  + prev.declRange()
                  + ". Variable names must be unique within a module.",
              defRange(b)));
      return;
    }
    variables.put(name, v);
  }

  /** True when {@code e} refers to {@code var.<name>}. */
  private static boolean refersToVariable(Expr e, String name) {
    for (Expr.ScopeTraversal t : dev.forma.engine.hcl.Traversals.of(e)) {
      if (name.equals(Reference.variableName(t))) {
        return true;
      }
    }
    return false;
  }

  private void localsBlock(Block b) {
    for (BodyItem item : b.body().items()) {
      switch (item) {
        case Block nested ->
            diags.add(
                Diagnostic.error(
                    "Unexpected \"" + nested.type() + "\" block",
                    "Blocks are not allowed here.",
                    nested.typeRange()));
        case Attribute a -> {
          if (!validName(a.name(), a.nameRange(), "local value name")) {
            continue;
          }
          Local l = new Local(a.name(), a.expr(), a.nameRange(), a.range());
          Local prev = locals.get(a.name());
          if (override) {
            if (prev == null) {
              missingBase(
                  "Missing base local value definition to override",
                  "There is no local value named \""
                      + a.name()
                      + "\". An override file can only override a local value that was already"
                      + " defined in a primary configuration file.",
                  a.range());
            } else {
              locals.put(a.name(), l);
            }
            continue;
          }
          if (prev != null) {
            diags.add(
                Diagnostic.error(
                    "Duplicate local value definition",
                    "A local value named \""
                        + a.name()
                        + "\" was already defined at "
                        + prev.declRange()
                        + ". Local value names must be unique within a module.",
                    a.range()));
            continue;
          }
          locals.put(a.name(), l);
        }
      }
    }
  }

  private void output(Block b) {
    String name = b.labels().getFirst();
    Output prev = outputs.get(name);
    BlockSchema.Content c =
        (override ? Schemas.OUTPUT.forOverride() : Schemas.OUTPUT)
            .decode(b.body(), b.openBraceRange(), false, diags);
    validName(name, b.labelRanges().getFirst(), "output name");
    Attribute value = c.get("value");
    Output o =
        new Output(
            name,
            value == null ? null : value.expr(),
            Constants.string(c.get("description"), diags),
            Constants.bool(c.get("sensitive"), false, diags),
            Constants.bool(c.get("ephemeral"), false, diags),
            referenceList(c.get("depends_on")),
            rules(c.blocks("precondition")),
            defRange(b));
    if (override) {
      unsupportedDependsOnOverride(c.get("depends_on"));
      if (prev == null) {
        missingBase(
            "Missing base output definition to override",
            "There is no output named \""
                + name
                + "\". An override file can only override an output that was already defined in a"
                + " primary configuration file.",
            defRange(b));
      } else {
        // Terraform's rule: a description overrides only when it is not empty; depends_on and
        // preconditions cannot be overridden
        outputs.put(
            name,
            new Output(
                name,
                value != null ? o.value() : prev.value(),
                o.description() != null && !o.description().isEmpty()
                    ? o.description()
                    : prev.description(),
                c.get("sensitive") != null ? o.sensitive() : prev.sensitive(),
                c.get("ephemeral") != null ? o.ephemeral() : prev.ephemeral(),
                prev.dependsOn(),
                prev.preconditions(),
                prev.declRange()));
      }
      return;
    }
    if (prev != null) {
      diags.add(
          Diagnostic.error(
              "Duplicate output definition",
              "An output named \""
                  + name
                  + "\" was already defined at "
                  + prev.declRange()
                  + ". Output names must be unique within a module.",
              defRange(b)));
      return;
    }
    outputs.put(name, o);
  }

  /**
   * Terraform's error for {@code depends_on} in an override file (only when it lists something).
   */
  private void unsupportedDependsOnOverride(Attribute dependsOn) {
    if (dependsOn != null
        && unwrap(dependsOn.expr()) instanceof Expr.TupleCons t
        && !t.elements().isEmpty()) {
      diags.add(
          Diagnostic.error(
              "Unsupported override",
              "The depends_on argument may not be overridden.",
              t.elements().getFirst().range()));
    }
  }

  /** Argument and block names reserved in provider blocks, as Terraform reserves them. */
  private static final Set<String> PROVIDER_RESERVED_ARGUMENTS =
      Set.of("count", "depends_on", "for_each", "source");

  private static final Set<String> PROVIDER_RESERVED_BLOCKS = Set.of("lifecycle", "locals");

  private void provider(Block b) {
    String name = b.labels().getFirst();
    BlockSchema.Content c = Schemas.PROVIDER.decode(b.body(), b.openBraceRange(), true, diags);
    validName(name, b.labelRanges().getFirst(), "provider local name");
    String alias = null;
    Attribute aliasAttr = c.get("alias");
    if (aliasAttr != null) {
      alias = Constants.string(aliasAttr, diags);
      if (alias != null && !NAME.matcher(alias).matches()) {
        diags.add(
            Diagnostic.error(
                "Invalid provider configuration alias",
                "An alias must be a valid name. A name must start with a letter or underscore and"
                    + " may contain only letters, digits, underscores, and dashes.",
                aliasAttr.expr().range()));
        alias = null;
      }
    }
    if (c.get("version") != null) {
      diags.add(
          Diagnostic.warning(
              "Version constraints inside provider configuration blocks are deprecated",
              "Terraform 0.13 and earlier allowed provider version constraints inside the"
                  + " provider configuration block, but that is now deprecated and will be removed"
                  + " in a future version of Terraform. To silence this warning, move the provider"
                  + " version constraint into the required_providers block.",
              c.get("version").expr().range()));
    }
    List<BodyItem> remain = new ArrayList<>();
    for (BodyItem item : c.remain()) {
      switch (item) {
        case Attribute a when PROVIDER_RESERVED_ARGUMENTS.contains(a.name()) ->
            diags.add(
                Diagnostic.error(
                    "Reserved argument name in provider block",
                    "The provider argument name \""
                        + a.name()
                        + "\" is reserved for use by Terraform in a future version.",
                    a.nameRange()));
        case Block nb when PROVIDER_RESERVED_BLOCKS.contains(nb.type()) ->
            diags.add(
                Diagnostic.error(
                    "Reserved block type name in provider block",
                    "The block type name \""
                        + nb.type()
                        + "\" is reserved for use by Terraform in a future version.",
                    nb.typeRange()));
        default -> remain.add(item);
      }
    }
    Body config = new Body(remain, b.body().range(), b.body().endRange());
    ProviderConfig p = new ProviderConfig(name, alias, config, defRange(b));
    for (int i = 0; i < providers.size(); i++) {
      ProviderConfig prev = providers.get(i);
      if (prev.address().equals(p.address())) {
        if (override) {
          providers.set(
              i, new ProviderConfig(name, alias, merge(prev.config(), config), prev.declRange()));
          return;
        }
        diags.add(
            Diagnostic.error(
                "Duplicate provider configuration",
                alias == null
                    ? "A default (non-aliased) provider configuration for \""
                        + name
                        + "\" was already given at "
                        + prev.declRange()
                        + ". If multiple configurations are required, set the \"alias\" argument"
                        + " for alternative configurations."
                    : "A provider configuration for \""
                        + name
                        + "\" with alias \""
                        + alias
                        + "\" was already given at "
                        + prev.declRange()
                        + ". Each configuration for the same provider must have a distinct"
                        + " alias.",
                defRange(b)));
        return;
      }
    }
    if (override && alias != null) {
      missingBase(
          "Missing base provider configuration for override",
          "There is no "
              + name
              + " provider configuration with the alias \""
              + alias
              + "\". An override file can only override an aliased provider configuration that"
              + " was already defined in a primary configuration file.",
          defRange(b));
      return;
    }
    // an override of a default configuration that no primary file gives adds it (Terraform's rule:
    // an absent default provider configuration is an empty one)
    providers.add(p);
  }

  /**
   * Terraform's override merge of two bodies: arguments of the override replace those of the same
   * name; blocks of a type present in the override replace all the base's blocks of that type,
   * {@code dynamic} blocks counting as blocks of the type they generate (either way round).
   */
  static Body merge(Body base, Body over) {
    List<BodyItem> items = new ArrayList<>();
    Set<String> overAttrs = new java.util.HashSet<>();
    Set<String> overBlocks = new java.util.HashSet<>();
    for (BodyItem i : over.items()) {
      switch (i) {
        case Attribute a -> overAttrs.add(a.name());
        case Block b -> overBlocks.add(generatedType(b));
      }
    }
    for (BodyItem i : base.items()) {
      boolean replaced =
          switch (i) {
            case Attribute a -> overAttrs.contains(a.name());
            case Block b -> overBlocks.contains(generatedType(b));
          };
      if (!replaced) {
        items.add(i);
      }
    }
    items.addAll(over.items());
    return new Body(items, base.range(), base.endRange());
  }

  /** The type of the blocks a block stands for: a {@code dynamic} block's label, else its type. */
  private static String generatedType(Block b) {
    return b.type().equals("dynamic") && !b.labels().isEmpty() ? b.labels().getFirst() : b.type();
  }

  private void resource(Block b, ResourceMode mode) {
    String type = b.labels().get(0);
    String name = b.labels().get(1);
    ResourceAddress addr = new ResourceAddress(mode, type, name);
    Resource prev = resources.get(addr);
    if (override) {
      if (prev == null) {
        missingBase(
            mode == ResourceMode.MANAGED
                ? "Missing resource to override"
                : "Missing data resource to override",
            "There is no "
                + type
                + (mode == ResourceMode.MANAGED ? " resource" : " data resource")
                + " named \""
                + name
                + "\". An override file can only override a "
                + (mode == ResourceMode.MANAGED ? "resource" : "data")
                + " block defined in a primary configuration file.",
            defRange(b));
        return;
      }
      resources.put(addr, overrideResource(prev, b, mode));
      return;
    }
    Resource r = decodeResource(b, mode, addr);
    validName(
        type,
        b.labelRanges().get(0),
        mode == ResourceMode.MANAGED ? "resource type name" : "data source name");
    validName(
        name,
        b.labelRanges().get(1),
        mode == ResourceMode.MANAGED ? "resource name" : "data resource name");
    if (prev != null) {
      String kind = mode == ResourceMode.MANAGED ? "resource" : "data";
      diags.add(
          Diagnostic.error(
              "Duplicate " + kind + " \"" + type + "\" configuration",
              "A "
                  + type
                  + (mode == ResourceMode.MANAGED ? " resource" : " data resource")
                  + " named \""
                  + name
                  + "\" was already declared at "
                  + prev.declRange()
                  + ". Resource names must be unique per type in each module.",
              defRange(b)));
      return;
    }
    resources.put(addr, r);
  }

  /**
   * {@code base} with an override file's block for it merged in, by Terraform's rules: {@code
   * count}, {@code for_each} and {@code provider} replace the base's when set; of the lifecycle
   * arguments, {@code create_before_destroy}, {@code prevent_destroy} and {@code ignore_changes}
   * replace the base's when set ({@code replace_triggered_by} is checked but not merged); the
   * arguments and nested blocks merge as bodies do; {@code depends_on} and conditions cannot be
   * overridden.
   */
  private Resource overrideResource(Resource base, Block b, ResourceMode mode) {
    BlockSchema schema = mode == ResourceMode.MANAGED ? Schemas.RESOURCE : Schemas.DATA;
    BlockSchema.Content c = schema.decode(b.body(), b.openBraceRange(), true, diags);
    unsupportedDependsOnOverride(c.get("depends_on"));
    Attribute count = c.get("count");
    Attribute forEach = c.get("for_each");
    Attribute providerAttr = c.get("provider");
    ProviderConfigAddress provider = providerRef(providerAttr);
    Lifecycle l = base.lifecycle();
    boolean cbd = l.createBeforeDestroy();
    boolean prevent = l.preventDestroy();
    Lifecycle.IgnoreChanges ignore = l.ignoreChanges();
    List<BodyItem> config = new ArrayList<>(reservedBlocks(c.remain(), mode));
    for (Block nested : c.blocks()) {
      switch (nested.type()) {
        case "lifecycle" -> {
          BlockSchema.Content lc =
              Schemas.LIFECYCLE.decode(nested.body(), nested.openBraceRange(), false, diags);
          lc.blocks("precondition").forEach(x -> diags.add(cantOverride(x)));
          lc.blocks("postcondition").forEach(x -> diags.add(cantOverride(x)));
          if (mode == ResourceMode.DATA) {
            dataLifecycleArguments(lc);
            continue;
          }
          cbd = Constants.bool(lc.get("create_before_destroy"), cbd, diags);
          prevent = Constants.bool(lc.get("prevent_destroy"), prevent, diags);
          Lifecycle.IgnoreChanges over = ignoreChanges(lc.get("ignore_changes"));
          if (over instanceof Lifecycle.IgnoreChanges.All
              || (over instanceof Lifecycle.IgnoreChanges.Paths ps && !ps.paths().isEmpty())) {
            ignore = over;
          }
          replaceTriggers(lc.get("replace_triggered_by"));
        }
        case "dynamic" -> config.add(nested);
        default -> {}
      }
    }
    Lifecycle merged =
        new Lifecycle(
            cbd, prevent, ignore, l.replaceTriggeredBy(), l.preconditions(), l.postconditions());
    return new Resource(
        base.address(),
        merge(base.config(), new Body(config, b.body().range(), b.body().endRange())),
        count != null ? count.expr() : base.count(),
        forEach != null ? forEach.expr() : base.forEach(),
        base.dependsOn(),
        provider != null ? provider : base.provider(),
        providerAttr != null ? providerAttr.expr().range() : base.providerRange(),
        merged,
        base.declRange(),
        base.typeRange(),
        base.nameRange());
  }

  /** The body items of a resource block but the reserved {@code locals} blocks (reported). */
  private List<BodyItem> reservedBlocks(List<BodyItem> items, ResourceMode mode) {
    List<BodyItem> out = new ArrayList<>();
    for (BodyItem item : items) {
      if (item instanceof Block nb && nb.type().equals("locals")) {
        diags.add(
            Diagnostic.error(
                "Reserved block type name in "
                    + (mode == ResourceMode.MANAGED ? "resource" : "data")
                    + " block",
                "The block type name \"locals\" is reserved for use by Terraform in a future"
                    + " version.",
                nb.typeRange()));
        continue;
      }
      out.add(item);
    }
    return out;
  }

  private Resource decodeResource(Block b, ResourceMode mode, ResourceAddress addr) {
    BlockSchema schema = mode == ResourceMode.MANAGED ? Schemas.RESOURCE : Schemas.DATA;
    BlockSchema.Content c = schema.decode(b.body(), b.openBraceRange(), true, diags);
    Attribute count = c.get("count");
    Attribute forEach = c.get("for_each");
    if (count != null && forEach != null) {
      diags.add(
          Diagnostic.error(
              "Invalid combination of \"count\" and \"for_each\"",
              "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one"
                  + " should be used to be explicit about the number of resources to be created.",
              forEach.nameRange()));
    }
    List<Expr.ScopeTraversal> dependsOn = referenceList(c.get("depends_on"));
    Attribute providerAttr = c.get("provider");
    ProviderConfigAddress provider = providerRef(providerAttr);
    Lifecycle lifecycle = Lifecycle.NONE;
    Block first = null;
    List<BodyItem> config = new ArrayList<>(reservedBlocks(c.remain(), mode));
    for (Block nested : c.blocks()) {
      switch (nested.type()) {
        case "lifecycle" -> {
          if (first != null) {
            diags.add(
                Diagnostic.error(
                    "Duplicate lifecycle block",
                    "This resource already has a lifecycle block at " + first.typeRange() + ".",
                    nested.typeRange()));
            continue;
          }
          first = nested;
          lifecycle = lifecycle(nested, mode, addr);
        }
        case "dynamic" -> config.add(nested);
        default -> {}
      }
    }
    return new Resource(
        addr,
        new Body(config, b.body().range(), b.body().endRange()),
        count == null ? null : count.expr(),
        forEach == null ? null : forEach.expr(),
        dependsOn,
        provider,
        providerAttr == null ? null : providerAttr.expr().range(),
        lifecycle,
        defRange(b),
        b.labelRanges().get(0),
        b.labelRanges().get(1));
  }

  private Lifecycle lifecycle(Block b, ResourceMode mode, ResourceAddress self) {
    BlockSchema.Content c = Schemas.LIFECYCLE.decode(b.body(), b.openBraceRange(), false, diags);
    List<CheckRule> pre = rules(c.blocks("precondition"));
    List<CheckRule> post = rules(c.blocks("postcondition"));
    selfReferences(pre, "precondition", self);
    selfReferences(post, "postcondition", self);
    if (mode == ResourceMode.DATA) {
      dataLifecycleArguments(c);
      return new Lifecycle(
          false, false, new Lifecycle.IgnoreChanges.Paths(List.of()), List.of(), pre, post);
    }
    return new Lifecycle(
        Constants.bool(c.get("create_before_destroy"), false, diags),
        Constants.bool(c.get("prevent_destroy"), false, diags),
        ignoreChanges(c.get("ignore_changes")),
        replaceTriggers(c.get("replace_triggered_by")),
        pre,
        post);
  }

  private void dataLifecycleArguments(BlockSchema.Content c) {
    for (String arg :
        List.of(
            "create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by")) {
      Attribute a = c.get(arg);
      if (a != null) {
        diags.add(
            Diagnostic.error(
                "Invalid data resource lifecycle argument",
                "The lifecycle argument \""
                    + arg
                    + "\" is defined only for managed resources (\"resource\" blocks), and is"
                    + " not valid for data resources.",
                a.nameRange()));
      }
    }
  }

  /**
   * Terraform's check that a resource's conditions do not refer to the resource itself (they have
   * {@code self} for that): every reference to it in a condition or its error message.
   */
  private void selfReferences(List<CheckRule> rules, String kind, ResourceAddress self) {
    for (CheckRule rule : rules) {
      for (Expr e : List.of(rule.condition(), rule.errorMessage())) {
        selfReference(e, kind, self);
      }
    }
  }

  private void selfReference(Expr e, String kind, ResourceAddress self) {
    for (Expr.ScopeTraversal t : dev.forma.engine.hcl.Traversals.of(e)) {
      Reference ref = Reference.of(t);
      if (ref != null && self.equals(ref.resource())) {
        diags.add(
            Diagnostic.error(
                "Invalid reference in " + kind,
                "Configuration for " + self + " may not refer to itself.",
                e.range()));
        return;
      }
    }
  }

  /**
   * {@code replace_triggered_by}, checked as Terraform checks it: a static list whose entries each
   * refer to exactly one resource, using nothing but {@code count.index} and {@code each.key}
   * besides; entries that pass are read into {@link ReplaceTrigger}s.
   */
  private List<ReplaceTrigger> replaceTriggers(Attribute a) {
    List<ReplaceTrigger> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    if (!(unwrap(a.expr()) instanceof Expr.TupleCons t)) {
      diags.add(
          Diagnostic.error(
              "Invalid expression", "A static list expression is required.", a.expr().range()));
      return out;
    }
    for (Expr e : t.elements()) {
      if (JsonSyntax.isJson(e.range())
          && (e instanceof Expr.ObjectCons || e instanceof Expr.TupleCons)) {
        diags.add(
            Diagnostic.error(
                "Invalid reference expression",
                "A single reference string is required.",
                e.range()));
        continue;
      }
      ResourceAddress resource = triggerResource(e);
      if (resource != null) {
        out.add(ReplaceTrigger.of(e, resource));
      }
    }
    return out;
  }

  /**
   * The one resource a {@code replace_triggered_by} entry refers to, or null after reporting why
   * the entry is not valid.
   */
  private ResourceAddress triggerResource(Expr e) {
    List<ResourceAddress> resources = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (Expr.ScopeTraversal t : dev.forma.engine.hcl.Traversals.of(e)) {
      Result<Reference> parsed = Reference.parse(t);
      if (parsed.value() == null) {
        // the shape names nothing: reported at the whole entry, as Terraform does here
        for (Diagnostic d : parsed.diagnostics()) {
          diags.add(Diagnostic.error(d.summary(), d.detail(), e.range()));
        }
        return null;
      }
      switch (parsed.value().subject()) {
        case Reference.EachAttr(String name) -> {
          if (!"key".equals(name)) {
            problems.add(
                Diagnostic.error(
                    "Invalid each reference in replace_triggered_by expression",
                    "Only each.key may be used in replace_triggered_by.",
                    e.range()));
          }
        }
        case Reference.CountAttr(String name) -> {
          if (!"index".equals(name)) {
            problems.add(
                Diagnostic.error(
                    "Invalid count reference in replace_triggered_by expression",
                    "Only count.index may be used in replace_triggered_by.",
                    e.range()));
          }
        }
        case Reference.ResourceRef r -> resources.add(r.resource());
        case Reference.ResourceInstanceRef r -> resources.add(r.instance().resource());
        case Reference.InputVariable v -> problems.add(notInTrigger(e));
        case Reference.LocalValue l -> problems.add(notInTrigger(e));
        case Reference.PathAttr p -> problems.add(notInTrigger(e));
        case Reference.TerraformAttr p -> problems.add(notInTrigger(e));
        case Reference.ModuleCall m -> problems.add(notInTrigger(e));
        case Reference.ModuleCallInstance m -> problems.add(notInTrigger(e));
        case Reference.ModuleCallOutput m -> problems.add(notInTrigger(e));
        case Reference.Self self -> problems.add(notInTrigger(e));
      }
    }
    diags.addAll(problems);
    if (resources.size() != 1) {
      diags.add(
          Diagnostic.error(
              "Invalid replace_triggered_by expression",
              resources.isEmpty()
                  ? "Missing resource reference in replace_triggered_by expression."
                  : "Multiple resource references in replace_triggered_by expression.",
              e.range()));
      return null;
    }
    return problems.isEmpty() ? resources.getFirst() : null;
  }

  private static Diagnostic notInTrigger(Expr e) {
    return Diagnostic.error(
        "Invalid reference in replace_triggered_by expression",
        "Only resources, count.index, and each.key may be used in replace_triggered_by.",
        e.range());
  }

  private Lifecycle.IgnoreChanges ignoreChanges(Attribute a) {
    if (a == null) {
      return new Lifecycle.IgnoreChanges.Paths(List.of());
    }
    Expr e = unwrap(a.expr());
    if (e instanceof Expr.ScopeTraversal s
        && s.traversal().size() == 1
        && s.rootName().equals("all")) {
      return new Lifecycle.IgnoreChanges.All(s.range());
    }
    if (JsonSyntax.isJson(e.range()) && "all".equals(literalString(e))) {
      return new Lifecycle.IgnoreChanges.All(e.range());
    }
    if (!(e instanceof Expr.TupleCons t)) {
      diags.add(
          Diagnostic.error(
              "Invalid expression", "A static list expression is required.", a.expr().range()));
      return new Lifecycle.IgnoreChanges.Paths(List.of());
    }
    List<List<Traverser>> paths = new ArrayList<>();
    Range star = null;
    for (Expr item : t.elements()) {
      if ("*".equals(literalString(unwrap(item)))) {
        // the legacy ["*"]: Terraform refuses it now
        star = item.range();
        diags.add(
            Diagnostic.error(
                "Invalid ignore_changes wildcard",
                "The [\"*\"] form of ignore_changes wildcard is was deprecated and is now invalid."
                    + " Use \"ignore_changes = all\" to ignore changes to all attributes.",
                a.expr().range()));
        continue;
      }
      Expr.ScopeTraversal s = reference(item, true);
      if (s != null) {
        paths.add(s.traversal());
      }
    }
    if (star != null && !paths.isEmpty()) {
      diags.add(
          Diagnostic.error(
                  "Invalid ignore_changes ruleset",
                  "Cannot mix wildcard string \"*\" with non-wildcard references.",
                  star)
              .withContext(a.expr().range()));
    }
    return new Lifecycle.IgnoreChanges.Paths(paths);
  }

  private void movedBlock(Block b) {
    BlockSchema.Content c = Schemas.MOVED.decode(b.body(), b.openBraceRange(), false, diags);
    dev.forma.engine.addrs.ModuleInstance fromModule = moduleAddress(c.get("from"));
    dev.forma.engine.addrs.ModuleInstance toModule = moduleAddress(c.get("to"));
    if (fromModule != null || toModule != null) {
      if (fromModule == null || toModule == null) {
        diags.add(
            Diagnostic.error(
                "Invalid \"moved\" addresses",
                "The \"from\" and \"to\" addresses must either both refer to resources or both"
                    + " refer to modules.",
                b.typeRange()));
        return;
      }
      moved.add(
          new Moved(
              null,
              null,
              c.get("from").expr().range(),
              c.get("to").expr().range(),
              b.typeRange(),
              fromModule,
              toModule));
      return;
    }
    ResourceInstanceAddress from = instanceAddress(c.get("from"));
    ResourceInstanceAddress to = instanceAddress(c.get("to"));
    if (from != null && to != null) {
      moved.add(
          new Moved(
              from, to, c.get("from").expr().range(), c.get("to").expr().range(), b.typeRange()));
    }
  }

  /** The module instance {@code a} names ({@code module.x}, {@code module.x[0]}), or null. */
  private dev.forma.engine.addrs.ModuleInstance moduleAddress(Attribute a) {
    if (a == null
        || !(unwrap(a.expr()) instanceof Expr.ScopeTraversal s)
        || !s.rootName().equals("module")) {
      return null;
    }
    Result<dev.forma.engine.addrs.ModuleInstance> m = AddressParser.moduleInstance(s.traversal());
    return m.hasErrors() ? null : m.value();
  }

  private ResourceInstanceAddress instanceAddress(Attribute a) {
    if (a == null) {
      return null;
    }
    Expr.ScopeTraversal s = address(a.expr());
    if (s == null) {
      return null;
    }
    Result<ResourceInstanceAddress> r = AddressParser.resourceInstance(s.traversal());
    diags.addAll(r.diagnostics());
    return r.value();
  }

  private void removedBlock(Block b) {
    BlockSchema.Content c = Schemas.REMOVED.decode(b.body(), b.openBraceRange(), false, diags);
    Attribute fromAttr = c.get("from");
    ResourceAddress from = null;
    if (fromAttr != null) {
      Expr.ScopeTraversal s = address(fromAttr.expr());
      if (s != null) {
        Result<ResourceAddress> r = AddressParser.resource(s.traversal());
        diags.addAll(r.diagnostics());
        from = r.value();
      }
    }
    boolean destroy = true;
    for (Block l : c.blocks("lifecycle")) {
      BlockSchema.Content lc =
          Schemas.REMOVED_LIFECYCLE.decode(l.body(), l.openBraceRange(), false, diags);
      destroy = Constants.bool(lc.get("destroy"), true, diags);
    }
    if (from != null) {
      removed.add(new Removed(from, destroy, fromAttr.expr().range(), b.typeRange()));
    }
  }

  private void importBlock(Block b) {
    BlockSchema.Content c = Schemas.IMPORT.decode(b.body(), b.openBraceRange(), false, diags);
    Attribute to = c.get("to");
    Attribute id = c.get("id");
    if (to == null || id == null) {
      return;
    }
    ResourceAddress target = importTarget(to);
    if (target == null) {
      return;
    }
    if (target.mode() != ResourceMode.MANAGED) {
      diags.add(
          Diagnostic.error(
              "Invalid import address", "Only managed resources can be imported.", to.range()));
      return;
    }
    Attribute forEach = c.get("for_each");
    imports.add(
        new Import(
            to.expr(),
            target,
            id.expr(),
            providerRef(c.get("provider")),
            forEach == null ? null : forEach.expr(),
            b.typeRange()));
  }

  /**
   * The resource an import's {@code to} names, in its module as configured: its keys, of the
   * resource or of a module call on the way, may be expressions (for_each).
   */
  private ResourceAddress importTarget(Attribute to) {
    Expr e = unwrap(to.expr());
    Result<ResourceInstanceAddress> r =
        e instanceof Expr.ScopeTraversal ? null : ImportTo.resolve(e, null);
    if (r == null || (r.value() == null && !r.hasErrors())) {
      Expr.ScopeTraversal s = address(e);
      if (s == null) {
        diags.add(
            Diagnostic.error(
                "Invalid import address", "Only managed resources can be imported.", to.range()));
        return null;
      }
      r = AddressParser.resourceInstance(s.traversal());
    }
    if (r.value() == null) {
      diags.addAll(r.diagnostics());
      diags.add(
          Diagnostic.error(
              "Invalid import address", "Only managed resources can be imported.", to.range()));
      return null;
    }
    return r.value().resource();
  }

  private void check(Block b) {
    String name = b.labels().getFirst();
    validName(name, b.labelRanges().getFirst(), "check block name");
    BlockSchema.Content c = Schemas.CHECK.decode(b.body(), b.openBraceRange(), false, diags);
    Resource scoped = null;
    for (Block d : c.blocks("data")) {
      if (scoped != null) {
        diags.add(
            Diagnostic.error(
                "Multiple data resource blocks",
                "This check block already has a data resource defined at "
                    + scoped.declRange()
                    + ".",
                defRange(d)));
        continue;
      }
      scoped =
          decodeResource(
              d, ResourceMode.DATA, ResourceAddress.data(d.labels().get(0), d.labels().get(1)));
    }
    List<CheckRule> asserts = rules(c.blocks("assert"));
    if (asserts.isEmpty()) {
      diags.add(
          Diagnostic.error(
              "Zero assert blocks",
              "Check blocks must have at least one assert block.",
              defRange(b)));
    }
    for (Check prev : checks) {
      if (prev.name().equals(name)) {
        diags.add(
            Diagnostic.error(
                "Duplicate check \"" + name + "\" configuration",
                "A check block named \""
                    + name
                    + "\" was already declared at "
                    + prev.declRange()
                    + ". Check blocks must be unique within each module.",
                defRange(b)));
        return;
      }
    }
    checks.add(new Check(name, scoped, asserts, defRange(b)));
  }

  /** The module's backend block (the first primary one, or the last override's). */
  private TerraformSettings.Backend moduleBackend;

  /** The backend block of the file being loaded, for override files' own duplicate check. */
  private TerraformSettings.Backend fileBackend;

  /** Where the module's required_providers block is (only one is allowed in primary files). */
  private Range requiredProvidersAt;

  private void terraformBlock(Block b) {
    BlockSchema.Content c = Schemas.TERRAFORM.decode(b.body(), b.openBraceRange(), false, diags);
    List<String> versions = new ArrayList<>();
    Attribute rv = c.get("required_version");
    if (rv != null) {
      String v = Constants.string(rv, diags);
      if (v != null) {
        versions.add(v);
      }
      if (override) {
        // an override's required_version replaces every other
        terraform.replaceAll(
            t ->
                new TerraformSettings(
                    List.of(), null, t.requiredProviders(), t.backend(), t.declRange()));
      }
    }
    Attribute experiments = c.get("experiments");
    if (experiments != null) {
      diags.add(
          Diagnostic.error(
              "Module uses experimental features",
              "Experimental features are intended only for gathering early feedback on new"
                  + " language designs, and so are available only in alpha releases of Terraform.",
              experiments.nameRange()));
    }
    List<TerraformSettings.RequiredProvider> required = new ArrayList<>();
    TerraformSettings.Backend backend = null;
    for (Block nested : c.blocks()) {
      switch (nested.type()) {
        case "required_providers" -> {
          List<TerraformSettings.RequiredProvider> entries = requiredProviders(nested);
          if (override) {
            // an override's entries replace those of the same names
            Set<String> names = new java.util.HashSet<>();
            entries.forEach(e -> names.add(e.name()));
            terraform.replaceAll(
                t ->
                    new TerraformSettings(
                        t.requiredVersion(),
                        t.requiredVersionRange(),
                        t.requiredProviders().stream()
                            .filter(e -> !names.contains(e.name()))
                            .toList(),
                        t.backend(),
                        t.declRange()));
          } else if (requiredProvidersAt != null) {
            diags.add(
                Diagnostic.error(
                    "Duplicate required providers configuration",
                    "A module may have only one required providers configuration. The required"
                        + " providers were previously configured at "
                        + requiredProvidersAt
                        + ".",
                    nested.typeRange()));
            continue;
          } else {
            requiredProvidersAt = nested.typeRange();
          }
          required.addAll(entries);
        }
        case "backend" -> {
          TerraformSettings.Backend here =
              new TerraformSettings.Backend(
                  nested.labels().getFirst(),
                  nested.labelRanges().getFirst(),
                  nested.body(),
                  defRange(nested));
          TerraformSettings.Backend earlier = override ? fileBackend : moduleBackend;
          if (earlier != null) {
            diags.add(
                Diagnostic.error(
                    "Duplicate backend configuration",
                    (override
                            ? "Each override file may have only one backend configuration. A"
                                + " backend was previously configured at "
                            : "A module may have only one backend configuration. The backend was"
                                + " previously configured at ")
                        + earlier.declRange()
                        + ".",
                    defRange(nested)));
            continue;
          }
          if (override) {
            // an override's backend replaces the module's
            terraform.replaceAll(
                t ->
                    new TerraformSettings(
                        t.requiredVersion(),
                        t.requiredVersionRange(),
                        t.requiredProviders(),
                        null,
                        t.declRange()));
          }
          fileBackend = here;
          moduleBackend = here;
          backend = here;
        }
        case "cloud" ->
            diags.add(
                Diagnostic.error(
                    "HCP Terraform is not supported",
                    "Forma does not support the cloud block; configure a backend instead.",
                    nested.typeRange()));
        case "provider_meta" -> {
          for (BodyItem item : nested.body().items()) {
            if (item instanceof Attribute a) {
              List<Expr.ScopeTraversal> refs = dev.forma.engine.hcl.Traversals.of(a.expr());
              if (!refs.isEmpty()) {
                diags.add(
                    Diagnostic.error(
                        "Variables not allowed",
                        "Variables may not be used here.",
                        refs.getFirst().range()));
              }
            }
          }
        }
        default -> {}
      }
    }
    terraform.add(
        new TerraformSettings(
            versions, rv == null ? null : rv.expr().range(), required, backend, b.typeRange()));
  }

  private List<TerraformSettings.RequiredProvider> requiredProviders(Block b) {
    List<TerraformSettings.RequiredProvider> out = new ArrayList<>();
    for (BodyItem item : b.body().items()) {
      switch (item) {
        case Block nested ->
            diags.add(
                Diagnostic.error(
                    "Unexpected \"" + nested.type() + "\" block",
                    "Blocks are not allowed here.",
                    nested.typeRange()));
        case Attribute a -> {
          Expr e = unwrap(a.expr());
          String source = null;
          String version = null;
          List<String> aliases = new ArrayList<>();
          if (e instanceof Expr.ObjectCons o) {
            for (Expr.ObjectItem oi : o.items()) {
              String key = objectKey(oi.key());
              if (key == null) {
                continue;
              }
              switch (key) {
                case "source" -> source = Constants.string(asAttribute(key, oi), diags);
                case "version" -> version = Constants.string(asAttribute(key, oi), diags);
                case "configuration_aliases" -> {
                  if (unwrap(oi.value()) instanceof Expr.TupleCons t) {
                    for (Expr ref : t.elements()) {
                      Expr.ScopeTraversal s = reference(ref, false);
                      if (s != null) {
                        Result<ProviderConfigAddress> r =
                            AddressParser.providerConfig(s.traversal());
                        diags.addAll(r.diagnostics());
                        if (r.value() != null && r.value().alias() != null) {
                          aliases.add(r.value().alias());
                        }
                      }
                    }
                  }
                }
                default ->
                    diags.add(
                        Diagnostic.error(
                            "Invalid required_providers object",
                            "required_providers objects can only contain \"version\", \"source\""
                                + " and \"configuration_aliases\" attributes. To configure a"
                                + " provider, use a \"provider\" block.",
                            oi.key().range()));
              }
            }
          } else {
            version = Constants.string(a, diags);
            diags.add(
                Diagnostic.warning(
                    "Version constraints inside provider configuration blocks are deprecated",
                    "Terraform 0.13 and earlier allowed provider version constraints inside the"
                        + " provider configuration block, but that is now deprecated and will be"
                        + " removed in a future version of Terraform. To silence this warning, move"
                        + " the provider version constraint into the required_providers block.",
                    a.expr().range()));
          }
          out.add(
              new TerraformSettings.RequiredProvider(
                  a.name(), source, version, aliases, a.range()));
        }
      }
    }
    return out;
  }

  private static Attribute asAttribute(String key, Expr.ObjectItem oi) {
    return new Attribute(
        key,
        oi.value(),
        oi.key().range(),
        oi.key().range(),
        oi.key().range().to(oi.value().range()));
  }

  private static String objectKey(Expr key) {
    Expr k = unwrap(key);
    if (k instanceof Expr.Literal l && l.value() instanceof StringValue s) {
      return s.value();
    }
    if (k instanceof Expr.ScopeTraversal s && s.traversal().size() == 1) {
      return s.rootName();
    }
    String lit = literalString(k);
    return lit;
  }

  static Value literal(Expr e) {
    return e instanceof Expr.Literal l ? l.value() : null;
  }
}
