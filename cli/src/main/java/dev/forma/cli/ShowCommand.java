package dev.forma.cli;

import dev.forma.engine.render.RenderOptions;
import dev.forma.engine.render.SchemaSource;
import dev.forma.engine.render.StateJson;
import dev.forma.engine.render.StateRenderer;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.codec.StateCodec;
import dev.forma.state.encryption.Encryption;
import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code forma show [-json] [-no-color] [PLANFILE|STATEFILE]}: the current state, a state file or a
 * saved plan, in human form or in Terraform's JSON formats (state "1.0", plan "1.2").
 */
@Command(
    name = "show",
    header = "Show the current state or a saved plan",
    description = {
      "Prints the current state, or the state or saved plan in the file at PATH, in human-readable form; with -json, in Terraform's JSON formats."
    },
    sortOptions = false)
public final class ShowCommand implements Callable<Integer> {
  @Option(
      names = "-json",
      description = "If specified, output the Forma plan or state in a machine-readable form.")
  boolean json;

  @Option(
      names = "-markdown",
      description =
          "Show the saved plan as Markdown for a pull request comment (within a GitHub"
              + " comment's 65,535 characters).")
  boolean markdown;

  @Option(names = "-no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  @Parameters(paramLabel = "PATH", arity = "0..*")
  List<String> paths = new ArrayList<>();

  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public ShowCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (noColor || json) {
      terminal.disableColor();
    }
    if (paths.size() > 1) {
      terminal.printDiagnostics(
          Diagnostics.of(
              Diagnostic.error(
                  "Too many command line arguments", "Expected at most one positional argument.")),
          null);
      terminal.err().println("\nFor more help on using this command, run:\n  forma show -help");
      return ExitCodes.ERROR;
    }
    if (markdown && (json || paths.isEmpty())) {
      terminal.printDiagnostics(
          Diagnostics.of(
              Diagnostic.error(
                  "Invalid -markdown option",
                  json
                      ? "The -markdown and -json options are mutually exclusive: choose one."
                      : "The -markdown option shows a saved plan: run \"forma plan -out=FILE\""
                          + " and then \"forma show -markdown FILE\".")),
          null);
      return ExitCodes.ERROR;
    }
    SchemaSource schemas = Schemas.all(ProviderRequirements.registry(terminal));
    if (paths.isEmpty()) {
      return showCurrentState(schemas);
    }
    return showFile(paths.getFirst(), schemas);
  }

  private int showCurrentState(SchemaSource schemas) {
    StateAccess.Target target = StateAccess.target(terminal, null);
    if (target == null) {
      return ExitCodes.ERROR;
    }
    if (!StateAccess.exists(terminal, target)) {
      terminal.out().println(json ? "{\"format_version\":\"1.0\"}" : "No state.");
      return ExitCodes.OK;
    }
    try (StateAccess access = StateAccess.open(terminal, null, LockInfo.OTHER, false)) {
      if (access == null) {
        return ExitCodes.ERROR;
      }
      printState(access.state(), schemas);
      return ExitCodes.OK;
    }
  }

  private void printState(State state, SchemaSource schemas) {
    if (json) {
      terminal.out().println(StateJson.render(state, schemas, Main.VERSION));
    } else {
      terminal
          .out()
          .print(StateRenderer.render(state, schemas, new RenderOptions(terminal.color(), 78)));
    }
  }

  private int showFile(String given, SchemaSource schemas) {
    Path file = terminal.workingDirectory().resolve(given);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return unreadable(
          "Error loading statefile: open " + given + ": no such file or directory",
          "couldn't load the provided path as a saved plan file (open "
              + given
              + ": no such file or directory)");
    } catch (IOException e) {
      return unreadable(
          "Error loading statefile: " + e.getMessage(),
          "couldn't load the provided path as a saved plan file (" + e.getMessage() + ")");
    }
    StateEncryption planEncryption = StateEncryption.NONE;
    if (StateEncryption.isEncrypted(bytes)) {
      // an encrypted state or plan: decrypted with the working directory's encryption settings
      Encryption encryption = Encryptions.forWorkingDirectory(terminal, List.of());
      if (encryption == null) {
        return ExitCodes.ERROR;
      }
      if (StateEncryption.isEncryptedState(bytes)) {
        try {
          bytes = encryption.state().decrypt(bytes, given);
        } catch (StateException e) {
          StateAccess.printProblems(terminal, e);
          return ExitCodes.ERROR;
        }
      } else {
        planEncryption = encryption.plan();
      }
    }
    Integer shown = SavedPlans.show(terminal, file, bytes, json, markdown, schemas, planEncryption);
    if (shown != null) {
      return shown;
    }
    if (markdown) {
      return unreadable(
          "the -markdown option shows saved plans only, not states",
          "the file " + given + " is not a Forma saved plan file");
    }
    try {
      State state = new StateCodec(Main.VERSION).read(bytes, given);
      printState(state, schemas);
      return ExitCodes.OK;
    } catch (StateException e) {
      String detail =
          e.problems().isEmpty()
              ? e.getMessage()
              : e.problems().getFirst().summary() + ": " + e.problems().getFirst().detail();
      return unreadable(
          "Error loading statefile: " + detail,
          "the file " + given + " is not a Forma saved plan file");
    }
  }

  private int unreadable(String stateError, String planError) {
    terminal.printDiagnostics(
        Diagnostics.of(
            Diagnostic.error(
                "Failed to read the given file as a state or plan file",
                "State read error: " + stateError + "\n\nPlan read error: " + planError)),
        null);
    return ExitCodes.ERROR;
  }
}
