package dev.forma.cli;

import dev.forma.engine.config.Module;
import dev.forma.engine.config.TerraformSettings;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.diag.Suggest;
import dev.forma.state.backend.LocalBackend;
import dev.forma.state.backend.LocalStateStore;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.StateStore;
import dev.forma.state.encryption.StateEncryption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The state backends Forma has, and the one a configuration selects with {@code terraform { backend
 * "TYPE" { ... } }}. A type Forma does not have is an error, never a silent fall back to a local
 * state file, which would split a team's state in two. {@link #KINDS} is the one list of the types:
 * a new backend is one {@link Kind} added there, and nothing else in the CLI names it.
 */
final class Backends {
  /** One backend type: the arguments its block takes, and how it is opened. */
  interface Kind {
    /** The type, as the {@code backend} block's label names it. */
    String type();

    /** The arguments the block may set (Terraform's names). */
    Set<String> arguments();

    /**
     * Opens the backend with the block's arguments (environment variables filling those not set, as
     * Terraform's backends read them); errors name what is wrong, never a secret.
     */
    Result<StateBackend> open(Map<String, String> arguments, Context context);

    /**
     * What is wrong or worth a warning in the block's arguments alone, said when the block is read
     * (so {@code init}, plan and apply show it) before anything is opened; {@code range} is the
     * block's.
     */
    default Diagnostics check(Map<String, String> arguments, Range range) {
      return new Diagnostics();
    }
  }

  /**
   * What opening a backend may need besides its arguments: {@code encryption} is what every store
   * of the backend passes each payload it writes or reads through (state, journal records).
   */
  record Context(
      Path workingDirectory,
      Map<String, String> env,
      StateOptions options,
      StateEncryption encryption) {
    /** A context without encryption. */
    Context(Path workingDirectory, Map<String, String> env, StateOptions options) {
      this(workingDirectory, env, options, StateEncryption.NONE);
    }
  }

  /** The backend types Forma has, in the order its messages list them. */
  static final Map<String, Kind> KINDS =
      kinds(new LocalKind(), new PgKind(), new HttpKind(), new OssKind());

  /** The backend types' names, in the order its messages list them. */
  static final List<String> TYPES = List.copyOf(KINDS.keySet());

  private static Map<String, Kind> kinds(Kind... kinds) {
    Map<String, Kind> out = new LinkedHashMap<>();
    for (Kind k : kinds) {
      out.put(k.type(), k);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private Backends() {}

  /**
   * The backend a configuration selects: its type, its arguments as given (strings), and where its
   * block is (null for the implied local backend).
   */
  record Selected(String type, Map<String, String> arguments, Range range) {
    static final Selected IMPLIED_LOCAL = new Selected("local", Map.of(), null);

    Selected {
      arguments = java.util.Collections.unmodifiableMap(new TreeMap<>(arguments));
    }

    /**
     * A fingerprint of the type and the arguments: what a saved plan records, and what {@code init}
     * compares with. It names no value (arguments may hold passwords).
     */
    String fingerprint() {
      StringBuilder text = new StringBuilder(type).append('\n');
      arguments.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
      // the first 16 bytes of the digest are enough to tell configurations apart
      return "sha256:" + ModuleDigests.sha256Hex(text.toString()).substring(0, 32);
    }
  }

  /**
   * The backend {@code module} selects, or errors naming the type and where it is (file, line and
   * column) when Forma has no such backend, or when its arguments are wrong. {@code init} chooses
   * the summary {@code forma init} gives (as Terraform's init and other commands differ).
   */
  static Result<Selected> select(Module module, boolean init) {
    TerraformSettings.Backend backend = null;
    for (TerraformSettings t : module.terraform()) {
      if (t.backend() != null) {
        backend = t.backend(); // an override file's (loaded last) replaces the one it overrides
      }
    }
    if (backend == null) {
      return new Result<>(Selected.IMPLIED_LOCAL, new Diagnostics());
    }
    Kind kind = KINDS.get(backend.type());
    if (kind == null) {
      String known =
          TYPES.size() == 1
              ? "only \"" + TYPES.getFirst() + "\""
              : "these: "
                  + TYPES.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "));
      return new Result<>(
          null,
          Diagnostics.of(
              Diagnostic.error(
                  init ? "Unsupported backend type" : "Invalid backend type",
                  "There is no backend type named \""
                      + backend.type()
                      + "\" in Forma; it has "
                      + known
                      + "."
                      + Suggest.didYouMean(backend.type(), TYPES)
                      + " Forma does not keep the state in a local file instead, as that would"
                      + " split it from the state in the \""
                      + backend.type()
                      + "\" backend.",
                  backend.typeRange())));
    }
    Result<Map<String, String>> args = backend.stringArguments(kind.arguments());
    if (args.hasErrors()) {
      return new Result<>(null, args.diagnostics());
    }
    Diagnostics diags = new Diagnostics().addAll(args.diagnostics());
    diags.addAll(kind.check(args.value(), backend.declRange()));
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    return new Result<>(new Selected(backend.type(), args.value(), backend.declRange()), diags);
  }

  /** Opens the selected backend; errors say why it cannot be used. */
  static Result<StateBackend> open(Selected selected, Context context) {
    Kind kind = KINDS.get(selected.type());
    if (kind == null) {
      return new Result<>(
          null,
          Diagnostics.of(
              Diagnostic.error(
                  "Invalid backend type",
                  "There is no backend type named \"" + selected.type() + "\" in Forma.")));
    }
    return kind.open(selected.arguments(), context);
  }

  /**
   * The store of the state file {@code -state} names (relative to {@code workingDirectory}) when
   * {@code backend} is the local one, as Terraform's {@code -state} applies only to it; null for
   * any other backend, which keeps its state where its block says.
   */
  static StateStore stateFile(
      StateBackend backend, Path workingDirectory, String path, StateEncryption encryption) {
    return backend instanceof LocalBackend
        ? new LocalStateStore(workingDirectory.resolve(path), path, Main.VERSION, encryption)
        : null;
  }

  /** Terraform's local backend: {@code path} and {@code workspace_dir}. */
  static final class LocalKind implements Kind {
    @Override
    public String type() {
      return "local";
    }

    @Override
    public Set<String> arguments() {
      return Set.of("path", "workspace_dir");
    }

    @Override
    public Result<StateBackend> open(Map<String, String> arguments, Context context) {
      return new Result<>(
          new LocalBackend(
              context.workingDirectory(),
              arguments.get("path"),
              arguments.get("workspace_dir"),
              Main.VERSION,
              context.encryption()),
          new Diagnostics());
    }
  }
}
