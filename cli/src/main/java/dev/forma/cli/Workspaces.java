package dev.forma.cli;

import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.state.backend.StateBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Which workspace a command works in: {@code FORMA_WORKSPACE} or Terraform's {@code TF_WORKSPACE}
 * when set, else the one {@code forma workspace select} recorded in {@code .terraform/environment}
 * (Terraform's file, so both tools agree in one working directory), else {@code default}.
 */
final class Workspaces {
  /** Forma's environment variable that selects the workspace. */
  static final String FORMA_VARIABLE = "FORMA_WORKSPACE";

  /** Terraform's environment variable that selects the workspace, honoured too. */
  static final String TERRAFORM_VARIABLE = "TF_WORKSPACE";

  private Workspaces() {}

  /** The file that records the selected workspace. */
  static Path environmentFile(Path workingDirectory) {
    return workingDirectory.resolve(AutomationEnvironment.dataDir()).resolve("environment");
  }

  /** The workspace the environment selects, if a variable is set. */
  static String fromEnvironment(Map<String, String> env) {
    String variable = overridingVariable(env);
    return variable == null ? null : env.get(variable);
  }

  /**
   * The name of the environment variable that selects the workspace ({@code FORMA_WORKSPACE} before
   * {@code TF_WORKSPACE}), or null when neither is set.
   */
  static String overridingVariable(Map<String, String> env) {
    for (String name : new String[] {FORMA_VARIABLE, TERRAFORM_VARIABLE}) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        return name;
      }
    }
    return null;
  }

  /**
   * Terraform's error for a workspace name the environment sets that cannot be one; null when it is
   * fine or not set.
   */
  static Diagnostic invalidEnvironment(Map<String, String> env) {
    String variable = overridingVariable(env);
    if (variable == null) {
      return null;
    }
    String why = invalidName(env.get(variable));
    return why == null
        ? null
        : Diagnostic.error("Invalid workspace name set using " + variable, why);
  }

  /** The workspace commands in {@code terminal}'s working directory work in. */
  static String current(Terminal terminal) {
    String fromEnv = fromEnvironment(terminal.env());
    if (fromEnv != null) {
      return fromEnv;
    }
    try {
      String recorded =
          Files.readString(environmentFile(terminal.workingDirectory()), StandardCharsets.UTF_8)
              .strip();
      return recorded.isEmpty() ? StateBackend.DEFAULT_WORKSPACE : recorded;
    } catch (NoSuchFileException e) {
      return StateBackend.DEFAULT_WORKSPACE;
    } catch (IOException e) {
      return StateBackend.DEFAULT_WORKSPACE;
    }
  }

  /**
   * Where the root module runs, for evaluation: the working directory, and the selected workspace
   * as {@code terraform.workspace}.
   */
  static ModuleEvaluator.Environment environment(Terminal terminal) {
    Path wd = terminal.workingDirectory();
    return new ModuleEvaluator.Environment(wd, wd, current(terminal), Instant.now());
  }

  /** Records {@code name} as the selected workspace. */
  static void select(Path workingDirectory, String name) throws IOException {
    Path file = environmentFile(workingDirectory);
    Files.createDirectories(file.getParent());
    Files.writeString(file, name, StandardCharsets.UTF_8);
  }

  /**
   * Why {@code name} cannot be a workspace name, or null when it can: as Terraform, a name must
   * stay the same when escaped as a URL path segment (no "/", spaces, "%" and the like).
   */
  static String invalidName(String name) {
    if (name.isEmpty()) {
      return "The workspace name must not be empty.";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
      if (!ok) {
        return "The workspace name \""
            + name
            + "\" is not allowed. The name must contain only URL safe characters, and no path"
            + " separators.";
      }
    }
    return null;
  }
}
