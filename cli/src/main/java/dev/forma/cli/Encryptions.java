package dev.forma.cli;

import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.EncryptionSettings;
import dev.forma.engine.config.InputVariables;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.VariableArg;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import dev.forma.state.encryption.Encryption;
import dev.forma.state.encryption.EncryptionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.Stream;

/**
 * The state and plan encryption of a command: the configuration's {@code terraform { encryption {
 * ... } }} block with the {@code TF_ENCRYPTION} environment variable merged over it, as OpenTofu
 * configures it (docs/encryption.md). Its state encryption goes to the backend (every store's
 * state, backup and journal), its plan encryption to saved plans.
 */
final class Encryptions {
  /** What was made for the working directory in a command run (by its terminal): made once. */
  private record Made(Result<Encryption> result, DiagnosticRenderer.Sources sources) {}

  private static final Map<Terminal, Made> BY_RUN =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Encryptions() {}

  /**
   * The encryption of {@code module} with its input variables' values {@code variables} (for a
   * command that has resolved them: plan, apply, import); errors and warnings as diagnostics.
   */
  static Result<Encryption> of(Terminal terminal, Module module, Map<String, Value> variables) {
    Result<EncryptionConfig> config =
        EncryptionSettings.load(
            module,
            terminal.env().get(EncryptionSettings.ENVIRONMENT_VARIABLE),
            variables,
            Workspaces.environment(terminal));
    Diagnostics diags = new Diagnostics().addAll(config.diagnostics());
    if (config.hasErrors()) {
      return new Result<>(null, diags);
    }
    try {
      Encryption e = Encryption.of(config.value());
      for (StateProblem w : e.warnings()) {
        diags.add(Diagnostic.warning(w.summary(), w.detail(), range(w, module)));
      }
      return new Result<>(e, diags);
    } catch (StateException e) {
      for (StateProblem p : e.problems()) {
        diags.add(Diagnostic.error(p.summary(), p.detail(), range(p, module)));
      }
      return new Result<>(null, diags);
    }
  }

  /**
   * The encryption of the configuration in the working directory, for a command that has not
   * resolved its variables (state, show, output, apply PLANFILE): input variables from {@code
   * TF_VAR_} variables, {@code .tfvars} files and {@code args}, never prompted for. Errors and, the
   * first time in a command run, warnings are printed; null after printing why there is none.
   */
  static Encryption forWorkingDirectory(Terminal terminal, List<VariableArg> args) {
    Made known = BY_RUN.get(terminal);
    if (known == null) {
      known = make(terminal, args);
      BY_RUN.put(terminal, known);
      terminal.printDiagnostics(known.result().diagnostics(), known.sources());
    } else if (known.result().hasErrors()) {
      terminal.printDiagnostics(known.result().diagnostics(), known.sources());
    }
    return known.result().hasErrors() ? null : known.result().value();
  }

  private static Made make(Terminal terminal, List<VariableArg> args) {
    Path wd = terminal.workingDirectory();
    String env = terminal.env().get(EncryptionSettings.ENVIRONMENT_VARIABLE);
    if ((env == null || env.isBlank()) && !mentionsEncryption(wd)) {
      // nothing to read: spare the commands that only read state a second parse
      return new Made(new Result<>(Encryption.DISABLED, new Diagnostics()), null);
    }
    // A configuration with mistakes elsewhere still has its encryption block: read it anyway.
    Module module = ConfigLoader.load(wd, wd).value();
    DiagnosticRenderer.Sources sources = module == null ? null : module.diagnosticSources();
    Diagnostics diags = new Diagnostics();
    Map<String, Value> variables = Map.of();
    if (module != null && !EncryptionSettings.variablesUsed(module, env).isEmpty()) {
      Result<Map<String, Value>> resolved =
          InputVariables.resolveOrUnknown(module, wd, args, terminal.env());
      resolved.diagnostics().asList().stream().filter(Diagnostic::isError).forEach(diags::add);
      variables = resolved.value();
    }
    Result<Encryption> made = of(terminal, module, variables);
    diags.addAll(made.diagnostics());
    return new Made(new Result<>(diags.hasErrors() ? null : made.value(), diags), sources);
  }

  /** Whether a configuration file of {@code dir} has the word "encryption" at all. */
  private static boolean mentionsEncryption(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        boolean config =
            (name.endsWith(".tf") || name.endsWith(".tf.json"))
                && !name.startsWith(".")
                && !name.startsWith("#");
        if (config && Files.isRegularFile(f) && Files.readString(f).contains("encryption")) {
          return true;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return true; // let the configuration loader say what is wrong
    }
    return false;
  }

  /**
   * Where a state problem about the configuration points, as a diagnostic's range (its byte offset
   * found in the module's source, for the "in terraform" context line).
   */
  private static Range range(StateProblem p, Module module) {
    if (!p.hasPosition()) {
      return null;
    }
    int column = Math.max(1, p.column());
    String text = module == null ? null : module.sources().get(p.file());
    int offset = 0;
    if (text != null) {
      int line = 1;
      int i = 0;
      while (i < text.length() && line < p.line()) {
        if (text.charAt(i++) == '\n') {
          line++;
        }
      }
      offset =
          text.substring(0, Math.min(text.length(), i + column - 1))
              .getBytes(java.nio.charset.StandardCharsets.UTF_8)
              .length;
    }
    Pos pos = new Pos(p.line(), column, offset);
    return new Range(p.file(), pos, pos);
  }
}
