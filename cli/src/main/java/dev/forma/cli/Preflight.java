package dev.forma.cli;

import dev.forma.engine.config.Module;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Path;

/**
 * What {@code plan}, {@code apply} and {@code destroy} check about the working directory before
 * they read any state, so that nothing is destroyed by accident: a directory without configuration
 * files is refused unless destroying (planning it would destroy everything the state holds, as
 * after a mistyped {@code -chdir}), and the configuration's backend must be one Forma has (else the
 * state would be split between it and a local file), initialized as {@code forma init} recorded.
 */
final class Preflight {
  private Preflight() {}

  /**
   * The errors that stop the operation before it starts; the backend the configuration selects is
   * given to {@code stateOptions} for the state to be read from.
   */
  static Diagnostics check(
      Module module,
      Path workingDirectory,
      boolean apply,
      boolean destroyMode,
      StateOptions stateOptions) {
    Diagnostics backend = backend(module, workingDirectory, stateOptions);
    if (!backend.hasErrors() && module.sources().isEmpty() && !destroyMode) {
      return Diagnostics.of(noConfiguration(workingDirectory, apply));
    }
    return backend;
  }

  /**
   * The errors about the backend {@code module} selects in {@code workingDirectory} (see {@link
   * BackendInit#select}); the backend is given to {@code stateOptions} for the state to be read
   * from.
   */
  static Diagnostics backend(Module module, Path workingDirectory, StateOptions stateOptions) {
    Result<Backends.Selected> backend = BackendInit.select(module, workingDirectory);
    if (!backend.hasErrors()) {
      stateOptions.backend = backend.value();
    }
    return backend.diagnostics();
  }

  /** Terraform's "No configuration files", with where Forma looked. */
  static Diagnostic noConfiguration(Path workingDirectory, boolean apply) {
    String detail =
        apply
            ? "Apply requires configuration to be present. Applying without a configuration would"
                + " mark everything for destruction, which is normally not what is desired. If you"
                + " would like to destroy everything, run 'forma destroy' instead."
            : "Plan requires configuration to be present. Planning without a configuration would"
                + " mark everything for destruction, which is normally not what is desired. If you"
                + " would like to destroy everything, run plan with the -destroy option."
                + " Otherwise, create a Forma configuration file (.tf file) and try again.";
    return Diagnostic.error(
        "No configuration files",
        detail + "\n\nForma found no .tf or .tf.json file in " + workingDirectory + ".");
  }
}
