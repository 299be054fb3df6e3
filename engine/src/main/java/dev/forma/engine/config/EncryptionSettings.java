package dev.forma.engine.config;

import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.BodyItem;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.Traversals;
import dev.forma.engine.hcl.Traverser;
import dev.forma.engine.hcl.json.JsonSyntax;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.diag.Suggest;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.NullValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Value;
import dev.forma.state.encryption.EncryptionConfig;
import dev.forma.state.encryption.EncryptionConfig.Argument;
import dev.forma.state.encryption.EncryptionConfig.KeyProviderConfig;
import dev.forma.state.encryption.EncryptionConfig.Location;
import dev.forma.state.encryption.EncryptionConfig.MethodConfig;
import dev.forma.state.encryption.EncryptionConfig.Reference;
import dev.forma.state.encryption.EncryptionConfig.RemoteConfig;
import dev.forma.state.encryption.EncryptionConfig.TargetConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads OpenTofu's {@code terraform { encryption { ... } }} block and the {@code TF_ENCRYPTION}
 * environment variable (the same content, in HCL or JSON, merged over the block as OpenTofu merges
 * it) into an {@link EncryptionConfig}, its expressions evaluated: literal values, input variables
 * and locals known before any state is read, and functions; {@code keys = key_provider.T.N} and
 * {@code method = method.T.N} kept as references. What the settings mean (key provider and method
 * types, their arguments, the targets) is for {@link dev.forma.state.encryption.Encryption} to
 * check.
 *
 * <p>A module may have one encryption block in its primary files; override files' blocks are merged
 * over it.
 */
public final class EncryptionSettings {
  /** The environment variable OpenTofu reads encryption settings from. */
  public static final String ENVIRONMENT_VARIABLE = "TF_ENCRYPTION";

  /** The roots an encryption setting may refer to (besides key providers and methods). */
  private static final Set<String> ALLOWED_ROOTS = Set.of("var", "local", "path", "terraform");

  private static final BlockSchema OPEN = BlockSchema.builder().build();

  private static final BlockSchema TARGET =
      BlockSchema.builder().attr("method", "enforced").build();

  private static final BlockSchema REMOTE =
      BlockSchema.builder()
          .block("default", TARGET)
          .block("remote_state_data_source", TARGET, "name")
          .build();

  /** The block's structure, for the loader and the JSON reader. */
  static final BlockSchema SCHEMA =
      BlockSchema.builder()
          .block("key_provider", OPEN, "type", "name")
          .block("method", OPEN, "type", "name")
          .block("state", TARGET)
          .block("plan", TARGET)
          .block("remote_state_data_sources", REMOTE)
          .build();

  private final Diagnostics diags = new Diagnostics();
  private final EvalContext context;

  private EncryptionSettings(EvalContext context) {
    this.context = context;
  }

  /** The encryption blocks of a module, primary files' then override files'. */
  private record Blocks(List<Block> primary, List<Block> overrides) {
    boolean isEmpty() {
      return primary.isEmpty() && overrides.isEmpty();
    }
  }

  private static Blocks blocks(Module module) {
    List<Block> primary = new ArrayList<>();
    List<Block> overrides = new ArrayList<>();
    if (module == null) {
      return new Blocks(primary, overrides);
    }
    for (ConfigFile file : module.files().values()) {
      String name = java.nio.file.Path.of(file.filename()).getFileName().toString();
      boolean override = ConfigLoader.isOverride(name);
      for (Block t : file.body().blocks("terraform")) {
        (override ? overrides : primary).addAll(t.body().blocks("encryption"));
      }
    }
    return new Blocks(primary, overrides);
  }

  /**
   * The names of the input variables the encryption settings of {@code module} and {@code
   * tfEncryption} (the environment variable's text, or null) refer to: a caller resolves their
   * values before {@link #load}.
   */
  public static Set<String> variablesUsed(Module module, String tfEncryption) {
    Set<String> out = new LinkedHashSet<>();
    List<Body> bodies = new ArrayList<>();
    Blocks b = blocks(module);
    b.primary().forEach(x -> bodies.add(x.body()));
    b.overrides().forEach(x -> bodies.add(x.body()));
    if (tfEncryption != null && !tfEncryption.isBlank()) {
      Result<ConfigFile> env = parseEnvironment(tfEncryption);
      if (env.value() != null) {
        bodies.add(env.value().body());
      }
    }
    boolean locals = false;
    for (Body body : bodies) {
      for (Expr.ScopeTraversal t : Traversals.of(body)) {
        if (t.rootName().equals("var") && t.traversal().size() > 1) {
          if (t.traversal().get(1) instanceof Traverser.Attr a) {
            out.add(a.name());
          }
        }
        locals |= t.rootName().equals("local");
      }
    }
    if (locals && module != null) {
      // a local may use any variable: they are all wanted then
      out.addAll(module.variables().keySet());
    }
    return out;
  }

  /**
   * The encryption settings of {@code module} with {@code tfEncryption} (the text of {@code
   * TF_ENCRYPTION}, or null) merged over them; null (with no error) when neither configures
   * encryption. {@code variables} holds the values of the input variables they use (see {@link
   * #variablesUsed}): a setting whose value is not known is an error naming the variable.
   */
  public static Result<EncryptionConfig> load(
      Module module,
      String tfEncryption,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env) {
    Blocks blocks = blocks(module);
    boolean hasEnv = tfEncryption != null && !tfEncryption.isBlank();
    if (blocks.isEmpty() && !hasEnv) {
      return new Result<>(null, new Diagnostics());
    }
    Result<ConfigFile> parsedEnv = hasEnv ? parseEnvironment(tfEncryption) : null;
    boolean usesModule = false;
    List<Body> bodies = new ArrayList<>();
    blocks.primary().forEach(b -> bodies.add(b.body()));
    blocks.overrides().forEach(b -> bodies.add(b.body()));
    if (parsedEnv != null && parsedEnv.value() != null) {
      bodies.add(parsedEnv.value().body());
    }
    for (Body body : bodies) {
      for (Expr.ScopeTraversal t : Traversals.of(body)) {
        usesModule |= t.rootName().equals("var") || t.rootName().equals("local");
      }
    }
    EncryptionSettings loader =
        new EncryptionSettings(context(usesModule ? module : null, variables, env));
    EncryptionConfig config = null;
    for (int i = 0; i < blocks.primary().size(); i++) {
      Block b = blocks.primary().get(i);
      if (i > 0) {
        loader.diags.add(
            Diagnostic.error(
                "Duplicate encryption configuration",
                "A module may have only one encryption configuration. The encryption was"
                    + " previously configured at "
                    + blocks.primary().getFirst().typeRange()
                    + ".",
                b.typeRange()));
        continue;
      }
      config = loader.decode(b.body(), b.typeRange());
    }
    for (Block b : blocks.overrides()) {
      EncryptionConfig o = loader.decode(b.body(), b.typeRange());
      config = config == null ? o : config.merge(o);
    }
    if (hasEnv) {
      Result<ConfigFile> parsed = parsedEnv;
      loader.diags.addAll(parsed.diagnostics());
      if (parsed.value() != null && !parsed.hasErrors()) {
        Range whole = Range.at(ENVIRONMENT_VARIABLE, dev.forma.provider.api.diag.Pos.START);
        EncryptionConfig o = loader.decode(parsed.value().body(), whole);
        config = config == null ? o : config.merge(o);
      }
    }
    if (loader.diags.hasErrors()) {
      return new Result<>(null, loader.diags);
    }
    return new Result<>(config, loader.diags);
  }

  /** {@code TF_ENCRYPTION}'s text parsed: JSON when it starts with a brace, HCL otherwise. */
  private static Result<ConfigFile> parseEnvironment(String text) {
    return text.strip().startsWith("{")
        ? JsonSyntax.parse(ENVIRONMENT_VARIABLE + ".json", text, SCHEMA.json())
        : Parser.parseFile(ENVIRONMENT_VARIABLE, text);
  }

  private static EvalContext context(
      Module module, Map<String, Value> variables, ModuleEvaluator.Environment env) {
    if (module != null) {
      // var, local (known ones evaluated), path, terraform; validation errors are not ours
      return ModuleEvaluator.evalContext(module, variables, env).value();
    }
    // literals and functions only (a reference to var or local is then an unknown root)
    return new EvalContext(
        Map.of(
            "path",
            env.pathValue(),
            "terraform",
            Value.object(Map.of("workspace", Value.of(env.workspace())))),
        StandardFunctions.INSTANCE,
        new ModuleCallContext(env.moduleDir(), env.timestamp()));
  }

  // ------------------------------------------------------------------ decoding

  private EncryptionConfig decode(Body body, Range range) {
    List<KeyProviderConfig> providers = new ArrayList<>();
    List<MethodConfig> methods = new ArrayList<>();
    TargetConfig state = null;
    TargetConfig plan = null;
    RemoteConfig remote = null;
    BlockSchema.Content c = SCHEMA.decode(body, range, false, diags);
    for (Block b : c.blocks()) {
      switch (b.type()) {
        case "key_provider" ->
            providers.add(
                new KeyProviderConfig(
                    b.labels().get(0),
                    b.labels().get(1),
                    arguments(b.body(), Set.of()),
                    location(b.defRange())));
        case "method" ->
            methods.add(
                new MethodConfig(
                    b.labels().get(0),
                    b.labels().get(1),
                    arguments(b.body(), Set.of("keys")),
                    location(b.defRange())));
        case "state", "plan" -> {
          if ((b.type().equals("state") ? state : plan) != null) {
            duplicate(b);
            continue;
          }
          TargetConfig t = target(b, true);
          if (b.type().equals("state")) {
            state = t;
          } else {
            plan = t;
          }
        }
        case "remote_state_data_sources" -> {
          if (remote != null) {
            duplicate(b);
            continue;
          }
          remote = remote(b);
        }
        default -> throw new IllegalStateException(b.type());
      }
    }
    return new EncryptionConfig(providers, methods, state, plan, remote, location(range));
  }

  private void duplicate(Block b) {
    diags.add(
        Diagnostic.error(
            "Duplicate " + b.type() + " block",
            "Only one " + b.type() + " block is allowed in the encryption configuration.",
            b.typeRange()));
  }

  private RemoteConfig remote(Block b) {
    BlockSchema.Content c = REMOTE.decode(b.body(), b.openBraceRange(), false, diags);
    TargetConfig defaultTarget = null;
    Map<String, TargetConfig> sources = new LinkedHashMap<>();
    for (Block nested : c.blocks()) {
      if (nested.type().equals("default")) {
        if (defaultTarget != null) {
          duplicate(nested);
          continue;
        }
        defaultTarget = target(nested, false);
      } else {
        String name = nested.labels().getFirst();
        if (sources.containsKey(name)) {
          diags.add(
              Diagnostic.error(
                  "Duplicate remote_data_source",
                  "Found multiple instances of remote_data_source." + name + ".",
                  nested.defRange()));
          continue;
        }
        sources.put(name, target(nested, false));
      }
    }
    return new RemoteConfig(defaultTarget, sources);
  }

  /** A state, plan, default or fallback block; {@code enforceable}: it may set enforced. */
  private TargetConfig target(Block b, boolean enforceable) {
    Argument method = null;
    Boolean enforced = null;
    TargetConfig fallback = null;
    for (BodyItem item : b.body().items()) {
      switch (item) {
        case Attribute a when a.name().equals("method") ->
            method = reference(a, "method", "method.<type>.<name>");
        case Attribute a when a.name().equals("enforced") && enforceable -> {
          Argument v = value(a);
          if (v != null) {
            if (v.value() instanceof Boolean bool) {
              enforced = bool;
            } else if (v.value() instanceof String s && (s.equals("true") || s.equals("false"))) {
              enforced = Boolean.valueOf(s);
            } else {
              diags.add(
                  Diagnostic.error(
                      "Incorrect attribute value type",
                      "Inappropriate value for attribute \"enforced\": bool required.",
                      a.expr().range()));
            }
          }
        }
        case Attribute a when a.name().equals("fallback") && JsonSyntax.isJson(a.range()) -> {
          // JSON: a nested block the reader could not tell from an argument
          Result<List<Block>> blocks = JsonSyntax.blocksOf(a);
          diags.addAll(blocks.diagnostics());
          for (Block f : blocks.value()) {
            fallback = fallback(fallback, f);
          }
        }
        case Attribute a ->
            diags.add(
                Diagnostic.error(
                    "Unsupported argument",
                    "An argument named \""
                        + a.name()
                        + "\" is not expected here."
                        + Suggest.didYouMean(
                            a.name(),
                            enforceable ? List.of("method", "enforced") : List.of("method")),
                    a.nameRange()));
        case Block f when f.type().equals("fallback") -> {
          if (BlockSchema.checkLabels(f, List.of(), diags)) {
            fallback = fallback(fallback, f);
          }
        }
        case Block other ->
            diags.add(
                BlockSchema.unsupportedBlock(
                    other,
                    Set.of("fallback"),
                    enforceable ? Set.of("method", "enforced") : Set.of("method")));
      }
    }
    return new TargetConfig(method, fallback, enforced, location(b.defRange()));
  }

  private TargetConfig fallback(TargetConfig earlier, Block f) {
    if (earlier != null) {
      duplicate(f);
      return earlier;
    }
    return target(f, false);
  }

  /** A block's arguments, evaluated; {@code references} are those that name a key provider. */
  private Map<String, Argument> arguments(Body body, Set<String> references) {
    Map<String, Argument> out = new LinkedHashMap<>();
    for (BodyItem item : body.items()) {
      switch (item) {
        case Attribute a -> {
          if (out.containsKey(a.name())) {
            diags.add(
                Diagnostic.error(
                    "Duplicate argument",
                    "The argument \"" + a.name() + "\" was already set.",
                    a.nameRange()));
            continue;
          }
          Argument v =
              references.contains(a.name())
                  ? reference(a, "key_provider", "key_provider.<type>.<name>")
                  : value(a);
          if (v != null) {
            out.put(a.name(), v);
          }
        }
        case Block b ->
            diags.add(
                Diagnostic.error(
                    "Unsupported block type",
                    "Blocks of type \"" + b.type() + "\" are not expected here.",
                    b.typeRange()));
      }
    }
    return out;
  }

  /**
   * A reference such as {@code method.aes_gcm.name}: a traversal, a template holding only one, or
   * (in JSON, or quoted) a string that is one.
   */
  private Argument reference(Attribute a, String root, String form) {
    Expr e = a.expr();
    while (true) {
      if (e instanceof Expr.TemplateWrap w) {
        e = w.wrapped();
      } else if (e instanceof Expr.Template t && t.parts().size() == 1) {
        e = t.parts().getFirst();
      } else if (e instanceof Expr.Parens p) {
        e = p.inner();
      } else {
        break;
      }
    }
    if (e instanceof Expr.Literal l && l.value() instanceof StringValue s) {
      Result<Expr> parsed = Parser.parseExpression(a.range().filename(), s.value());
      if (!parsed.hasErrors() && parsed.value() instanceof Expr.ScopeTraversal) {
        e = parsed.value();
      }
    }
    if (e instanceof Expr.ScopeTraversal t
        && t.rootName().equals(root)
        && t.traversal().size() == 3
        && t.traversal().get(1) instanceof Traverser.Attr type
        && t.traversal().get(2) instanceof Traverser.Attr name) {
      return new Argument(
          new Reference(root, type.name(), name.name()), location(a.expr().range()));
    }
    diags.add(
        Diagnostic.error(
            root.equals("method")
                ? "Invalid encryption method identifier"
                : "Invalid Key Provider expression format",
            "Expected " + form + ".",
            a.expr().range()));
    return null;
  }

  /** An argument's value, evaluated: a string, number, bool or list; null after reporting. */
  private Argument value(Attribute a) {
    for (Expr.ScopeTraversal t : Traversals.of(a.expr())) {
      if (!ALLOWED_ROOTS.contains(t.rootName())) {
        diags.add(
            Diagnostic.error(
                "Invalid reference in encryption configuration",
                "Encryption settings can refer only to input variables and local values, whose"
                    + " values are known before any state is read; "
                    + render(t)
                    + " is not available here.",
                t.range()));
        return null;
      }
    }
    Result<Value> r = Evaluator.evaluate(a.expr(), context);
    diags.addAll(r.diagnostics());
    if (r.hasErrors()) {
      return null;
    }
    Value v = r.value().unmarkDeep();
    if (!v.isWhollyKnown()) {
      String needs =
          Traversals.of(a.expr()).stream()
              .filter(t -> t.rootName().equals("var") || t.rootName().equals("local"))
              .map(EncryptionSettings::render)
              .distinct()
              .reduce((x, y) -> x + ", " + y)
              .orElse("a value");
      String hint =
          Traversals.of(a.expr()).stream().anyMatch(t -> t.rootName().equals("var"))
              ? " Give the variable a value with -var, a .tfvars file or its TF_VAR_ environment"
                  + " variable (commands without -var read the last two)."
              : "";
      diags.add(
          Diagnostic.error(
              "Encryption setting not known",
              "The value of "
                  + a.name()
                  + " depends on "
                  + needs
                  + ", which has no value known here: the encryption configuration is needed"
                  + " before any state is read."
                  + hint,
              a.expr().range()));
      return null;
    }
    Object plain = plain(v);
    if (plain == null) {
      if (!v.isNull()) {
        diags.add(
            Diagnostic.error(
                "Incorrect attribute value type",
                "Inappropriate value for attribute \""
                    + a.name()
                    + "\": a string, number, bool or list is required.",
                a.expr().range()));
      }
      return null;
    }
    return new Argument(plain, location(a.expr().range()));
  }

  private static Object plain(Value v) {
    return switch (v) {
      case StringValue s -> s.value();
      case NumberValue n -> n.value();
      case BoolValue b -> b.value();
      case TupleValue t -> list(t.elements());
      case ListValue l -> list(l.elements());
      case SetValue s -> list(s.elements());
      case NullValue n -> null;
      default -> null;
    };
  }

  private static List<Object> list(List<Value> items) {
    List<Object> out = new ArrayList<>();
    for (Value item : items) {
      Object p = plain(item.unmarkDeep());
      if (p == null) {
        return null;
      }
      out.add(p);
    }
    return out;
  }

  private static String render(Expr.ScopeTraversal t) {
    StringBuilder out = new StringBuilder();
    for (Traverser step : t.traversal()) {
      switch (step) {
        case Traverser.Root r -> out.append(r.name());
        case Traverser.Attr a -> out.append('.').append(a.name());
        case Traverser.Index i -> {
          return out.toString();
        }
      }
    }
    return out.toString();
  }

  private static Location location(Range r) {
    return new Location(r.filename(), r.start().line(), r.start().column());
  }
}
