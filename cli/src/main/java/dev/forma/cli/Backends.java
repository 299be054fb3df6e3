package dev.forma.cli;

import dev.forma.engine.config.Module;
import dev.forma.engine.config.TerraformSettings;
import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.Diagnostics;
import dev.forma.engine.diag.Result;
import dev.forma.engine.diag.Suggest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The state backends Forma has, and the one a configuration selects with {@code terraform { backend
 * "TYPE" { ... } }}. A type Forma does not have is an error, never a silent fall back to a local
 * state file, which would split a team's state in two. {@link #TYPES} is the one list of the types.
 */
final class Backends {
  /** The backend types Forma has, in the order its messages list them. */
  static final List<String> TYPES = List.of("local");

  /** The arguments of the {@code local} backend. */
  private static final Set<String> LOCAL_ARGUMENTS = Set.of("path", "workspace_dir");

  private Backends() {}

  /**
   * The local backend's settings: {@code path} of the state file (relative to the working
   * directory; null for the default {@code terraform.tfstate}) and {@code workspace_dir}, the
   * folder of the other workspaces' states (Forma has only the default workspace, so it is accepted
   * and not used).
   */
  record Local(String path, String workspaceDir) {
    static final Local DEFAULT = new Local(null, null);
  }

  /**
   * The backend {@code module} selects: the local one with its settings, or errors naming the type
   * and where it is (file, line and column) when Forma has no such backend. {@code init} chooses
   * the summary {@code forma init} gives (as Terraform's init and other commands differ).
   */
  static Result<Local> select(Module module, boolean init) {
    TerraformSettings.Backend backend = null;
    for (TerraformSettings t : module.terraform()) {
      if (t.backend() != null) {
        backend = t.backend(); // an override file's (loaded last) replaces the one it overrides
      }
    }
    if (backend == null) {
      return new Result<>(Local.DEFAULT, new Diagnostics());
    }
    if (!TYPES.contains(backend.type())) {
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
    Result<Map<String, String>> args = backend.stringArguments(LOCAL_ARGUMENTS);
    if (args.hasErrors()) {
      return new Result<>(null, args.diagnostics());
    }
    return new Result<>(
        new Local(args.value().get("path"), args.value().get("workspace_dir")), args.diagnostics());
  }
}
